using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>
/// Providers post reports back to back; PostgreSQL is killed with SIGKILL (the postmaster and every backend) and started
/// again after a few seconds (crash recovery). Every report that got a 2xx must be in the database; while it is away
/// the app answers 503 problem+json quickly; it is ready again within 10 s of the database's return, in the same process.
/// </summary>
public sealed class CrashScenario(int downSeconds) : IScenario
{
    public const string OptionsHelp = """
          --down N        seconds PostgreSQL stays dead, 1 to 120 (default 8)
        """;

    private const int Writers = 8;
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan AfterReturn = TimeSpan.FromSeconds(6);

    public static IScenario Create(ArgumentReader arguments) => new CrashScenario(arguments.TakeInt("--down", 8, 1, 120));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("crash");
        var providers = await ProofKit.ArrangeProvidersAsync(app, Writers, 40, cancellationToken);
        var load = new ReportLoad(app, providers);
        load.Start();
        await Task.Delay(BeforeKill, cancellationToken);
        var killedPid = app.Cluster.ServerProcessId!.Value;
        load.Phase = "outage";
        using (var postmaster = Process.GetProcessById(killedPid))
        {
            postmaster.Kill(entireProcessTree: true);
            await postmaster.WaitForExitAsync(cancellationToken);
        }

        load.MarkFault();
        Console.WriteLine($"Killed PostgreSQL (postmaster pid {killedPid} and its backends, SIGKILL) after {BeforeKill.TotalSeconds:F0} s of load; restarting in {downSeconds} s");
        var readyDuringOutage = await ReadyStatusAsync(app, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(downSeconds), cancellationToken);

        var restartStarted = Stopwatch.GetTimestamp();
        await app.Cluster.RestartAsync(cancellationToken);
        var restartSeconds = Stopwatch.GetElapsedTime(restartStarted).TotalSeconds;
        var back = Stopwatch.GetTimestamp();
        load.Phase = "after";
        TimeSpan? readyAfter = null;
        while (Stopwatch.GetElapsedTime(back) < TimeSpan.FromSeconds(30))
        {
            if (await ReadyStatusAsync(app, cancellationToken) == HttpStatusCode.OK)
            {
                readyAfter = Stopwatch.GetElapsedTime(back);
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        Console.WriteLine($"PostgreSQL accepted connections again after crash recovery ({restartSeconds:F1} s for pg_ctl start); app ready {readyAfter?.TotalSeconds:F2} s later");
        await Task.Delay(AfterReturn, cancellationToken);
        await load.StopAsync();

        var ids = load.Acknowledged.ToArray();
        var stored = await ProofKit.ScalarAsync(app.ConnectionString, $"select count(*) from availability_reports where id = any(array[{(ids.Length == 0 ? "0" : string.Join(',', ids))}]::bigint[])", cancellationToken);
        var total = await ProofKit.ScalarAsync(app.ConnectionString, "select count(*) from availability_reports", cancellationToken);
        var refusals = load.Refusals;
        var notProblem503 = refusals.Count(r => !r.IsProblem503);
        var logLines = app.RecentAppOutput.Split('\n').Where(l => l.Contains("Database unavailable", StringComparison.Ordinal)).ToList();
        var structured = logLines.Count > 0 && logLines.All(IsJsonLogWithIds);

        Console.WriteLine();
        load.PrintAnswers();
        Console.WriteLine($"Acknowledged reports (2xx): {ids.Length}; of these in the database after recovery: {stored}; rows in availability_reports: {total}");
        if (refusals.FirstOrDefault(r => r.IsProblem503) is { Body: { } sample })
        {
            Console.WriteLine($"A 503 while PostgreSQL was away: {sample}");
        }

        checks.Check($"every acknowledged report is stored ({stored} of {ids.Length})", stored == ids.Length && ids.Length > 0);
        checks.Check($"reports were acknowledged before the kill and after the return ({load.Count("before", "2")} before, {load.Count("after", "2")} after)",
            load.Count("before", "2") > 0 && load.Count("after", "2") > 0);
        checks.Check($"while away, every refused request was a 503 application/problem+json ({refusals.Count} refused, {notProblem503} otherwise)", refusals.Count > 0 && notProblem503 == 0);
        checks.Check($"no request hung: slowest answer {load.Slowest.TotalSeconds:F2} s (connect timeout 5 s), {load.NoAnswer} without an answer",
            load.Slowest < TimeSpan.FromSeconds(10) && load.NoAnswer == 0);
        checks.Check($"/health/ready was 503 while away ({(int)readyDuringOutage})", readyDuringOutage == HttpStatusCode.ServiceUnavailable);
        checks.Check($"ready again {readyAfter?.TotalSeconds:F2} s after PostgreSQL accepted connections, same app process (target <= 10 s)", readyAfter is { } r && r <= TimeSpan.FromSeconds(10));
        checks.Check($"the outage is logged as JSON lines with RequestId and TraceId ({logLines.Count} lines seen)", structured);
        return checks.Finish();
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        using var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        try
        {
            using var response = await client.GetAsync("/health/ready", cancellationToken);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    private static bool IsJsonLogWithIds(string line)
    {
        try
        {
            using var log = JsonDocument.Parse(line);
            var scopes = log.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
            return scopes.Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
                   && scopes.Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out _));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
