using System.Globalization;
using System.Runtime.InteropServices;
using BeschikbaarheidsWijzer.Benchmarks.Proofs;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>
/// <c>BeschikbaarheidsWijzer.Benchmarks &lt;scenario&gt; [options]</c>: builds the app, starts it on a private database and
/// prints one scenario's figures. A class, not top-level statements: the Api project's public <c>Program</c> would clash.
/// </summary>
internal static class Program
{
    private const int ExitTargetsMet = 0;
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;
    private const int ExitTargetMissed = 3;
    private const int ExitCancelled = 130;

    /// <summary>Every scenario the command knows; a new one is one more line here and one class.</summary>
    private static readonly IReadOnlyList<ScenarioDefinition> Scenarios =
    [
        new("reports", "Provider availability reports: one 1,000-report batch (7 times), 16 providers posting batches of 50, then a week of 80 % unchanged with dry runs.",
            ReportsScenario.OptionsHelp, ReportsScenario.Create),
        new("search", "Public search at 1,000 / 10,000 / 100,000 offerings: a realistic mix, cache off and on, against a primary-key floor.",
            SearchScenario.OptionsHelp, SearchScenario.Create),
        new("scaleout", "Proof: primary + streaming replica, Redis, two app instances; a report on A shows in B's search within 1 s.",
            ScaleOutScenario.OptionsHelp, ScaleOutScenario.Create),
        new("crash", "Proof: PostgreSQL killed (kill -9) and restarted under full-speed reports; every 2xx report kept.",
            CrashScenario.OptionsHelp, CrashScenario.Create),
        new("failover", "Proof: the primary killed and its synchronous streaming replica promoted under full-speed reports; no 2xx report lost, no restart.",
            FailoverScenario.OptionsHelp, FailoverScenario.Create),
        new("hostile", "Proof: thousands of hostile requests against every endpoint of the OpenAPI document; no 5xx.",
            HostileScenario.OptionsHelp, HostileScenario.Create),
        new("soak", "Proof: mixed search and report load at 70% of measured capacity; no errors, memory growth < 10%.",
            SoakScenario.OptionsHelp, SoakScenario.Create),
        new("backup", "Proof: pg_dump, restore into a fresh database; row counts, table checksums and searches identical.",
            BackupScenario.OptionsHelp, BackupScenario.Create),
    ];

    public static async Task<int> Main(string[] args)
    {
        // Figures print the same on every machine (a Dutch locale would write 1,5 for 1.5).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(args.Length == 0 ? Console.Error : Console.Out);
            return args.Length == 0 ? ExitUsage : ExitTargetsMet;
        }

        var definition = Scenarios.FirstOrDefault(s => s.Name == args[0]);
        if (definition is null)
        {
            Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
            Console.Error.WriteLine();
            PrintUsage(Console.Error);
            return ExitUsage;
        }

        IScenario scenario;
        AppUnderTestOptions appOptions;
        try
        {
            var reader = new ArgumentReader(args[1..]);
            if (reader.TakeFlag("-h", "--help"))
            {
                PrintUsage(Console.Out);
                return ExitTargetsMet;
            }

            var build = !reader.TakeFlag("--no-build");
            scenario = definition.Create(reader);
            reader.EnsureAllTaken();
            appOptions = new AppUnderTestOptions { Build = build, AppEnvironment = scenario.AppEnvironment };
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine();
            PrintUsage(Console.Error);
            return ExitUsage;
        }

        // Ctrl+C (or a kill) stops the run through the token, so the app and the cluster are still cleaned up; a second
        // one quits at once.
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnStopSignal(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnStopSignal(context, stop));
        try
        {
            ScenarioOutcome outcome;
            await using (var app = await AppUnderTest.StartAsync(appOptions, stop.Token))
            {
                outcome = await scenario.RunAsync(app, stop.Token);
                Console.WriteLine("Stopping the app and PostgreSQL…");
            }

            return outcome switch
            {
                ScenarioOutcome.TargetsMet => ExitTargetsMet,
                ScenarioOutcome.TargetMissed => ExitTargetMissed,
                _ => ExitFailed,
            };
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Whatever was interrupted (a request, pg_ctl, the build) failed because of the stop, not on its own.
            Console.Error.WriteLine("Cancelled; whatever the run had started has been stopped.");
            return ExitCancelled;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"The benchmark failed; whatever it had started has been stopped.{Environment.NewLine}{ex}");
            return ExitFailed;
        }
    }

    private static void OnStopSignal(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine($"{Environment.NewLine}Stopping ({context.Signal}): cleaning up; press Ctrl+C again to quit at once.");
        stop.Cancel();
    }

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("""
            BeschikbaarheidsWijzer benchmarks: the figures for the README, measured against the real app.

            Usage (from the repository root):
              dotnet run -c Release --project tools/BeschikbaarheidsWijzer.Benchmarks -- <scenario> [options]

            Scenarios:
            """);
        foreach (var scenario in Scenarios)
        {
            output.WriteLine($"  {scenario.Name,-10}{scenario.Summary}");
        }

        output.WriteLine("""

            Options, every scenario:
              --no-build      do not run 'dotnet build -c Release src/BeschikbaarheidsWijzer.Api' first; use what is in
                              src/BeschikbaarheidsWijzer.Api/bin/Release/net10.0
              -h, --help      this text

            """);
        foreach (var scenario in Scenarios)
        {
            output.WriteLine($"Options, {scenario.Name}:");
            output.WriteLine(scenario.OptionsHelp.TrimEnd());
        }

        output.WriteLine("""

            What a run does:
              1. builds the app in Release (unless --no-build);
              2. starts a private PostgreSQL cluster in a new temporary directory (server binaries from PATH or
                 /usr/lib/postgresql/*/bin; as root it runs as the postgres user), creates the database bw_bench, applies the
                 migrations and loads the reference data;
              3. starts the app as a separate process: dotnet src/BeschikbaarheidsWijzer.Api/bin/Release/net10.0/
                 BeschikbaarheidsWijzer.Api.dll on http://127.0.0.1:<free port>, environment Production, logging at Warning,
                 no demo data, per-key rate limit raised to 1,000,000 a minute; waits for /health/ready;
              4. runs the scenario: arranges its data directly in the database (not measured), warms up, measures, checks
                 what was stored, and prints a summary with PASS or MISS per target and the machine it ran on;
              5. kills the app, stops the cluster and deletes the directory, also after a failure or Ctrl+C. A run that
                 was killed outright leaves its directory in the temp folder; the next run removes it.

            Everything stays on loopback (127.0.0.1); every load loop ends by itself after a fixed time and count.
            Figures depend on the machine and on what else it is doing: run nothing heavy at the same time, and quote the
            machine line of the summary with the figures.

            Exit codes: 0 every target met; 3 ran cleanly but missed a target; 1 failed (error responses, lost or doubled
            rows, a setup error): the figures cannot be trusted; 2 wrong command line; 130 cancelled.

            Needs the .NET 10 SDK and PostgreSQL's server binaries (Debian: apt-get install -y postgresql).
            """);
    }
}
