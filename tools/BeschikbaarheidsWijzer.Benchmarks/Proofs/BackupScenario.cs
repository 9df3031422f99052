using System.Diagnostics;
using Npgsql;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>
/// The database of a national-scale data set is dumped with pg_dump (custom format), restored with pg_restore into a
/// fresh database, and compared: the row count and an md5 over every row of every table, and the app's answers to the
/// same searches from a second instance on the restored database.
/// </summary>
public sealed class BackupScenario(int offerings) : IScenario
{
    public const string OptionsHelp = """
          --offerings N   size of the generated data set, 100 to 100000 offerings (default 5000)
        """;

    private const string RestoredDatabase = "bw_restored";

    private static readonly string[] Searches =
    [
        "/api/v1/offerings?municipality=GM0222&pageSize=50",
        "/api/v1/offerings?municipality=GM0153&careType=jeugd-ggz-basis&sort=distance",
        "/api/v1/offerings?q=linde&sort=name&pageSize=100",
        "/api/v1/offerings?municipality=GM9001&withinNorm=true&page=2",
        "/api/v1/norms?region=twente",
        "/api/v1/regions",
    ];

    // The answers are compared byte for byte: nothing may come from a cache filled before the restore.
    public IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string> { ["Search__OutputCache__Enabled"] = "false" };

    public static IScenario Create(ArgumentReader arguments) => new BackupScenario(arguments.TakeInt("--offerings", 5000, 100, 100_000));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("backup");
        var generator = new SearchDataGenerator(app.ConnectionString, DateTimeOffset.UtcNow);
        await generator.AddGeographyAsync(cancellationToken);
        await generator.GrowToAsync(offerings, cancellationToken);
        await ProofKit.ArrangeProvidersAsync(app, 2, 5, cancellationToken);

        var dump = Path.Combine(Path.GetTempPath(), $"bw-backup-{Environment.ProcessId}-{Guid.NewGuid():N}.dump");
        try
        {
            var started = Stopwatch.GetTimestamp();
            await RunToolAsync(app, "pg_dump", ["--format=custom", "--no-owner", "--file", dump, "--dbname", Conninfo(app.ConnectionString)], cancellationToken);
            var dumpSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await app.Cluster.EnsureDatabaseAsync(RestoredDatabase, cancellationToken);
            var restored = app.Cluster.ConnectionStringFor(RestoredDatabase);
            started = Stopwatch.GetTimestamp();
            await RunToolAsync(app, "pg_restore", ["--no-owner", "--exit-on-error", "--dbname", Conninfo(restored), dump], cancellationToken);
            var restoreSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"pg_dump: {new FileInfo(dump).Length / 1024.0 / 1024:F1} MiB in {dumpSeconds:F1} s; pg_restore into {RestoredDatabase} in {restoreSeconds:F1} s");

            var original = await TableFingerprintsAsync(app.ConnectionString, cancellationToken);
            var copy = await TableFingerprintsAsync(restored, cancellationToken);
            foreach (var (table, (rows, md5)) in original.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                var same = copy.TryGetValue(table, out var other) && other == (rows, md5);
                Console.WriteLine($"  {table,-28} {rows,9} rows   {(same ? "identical" : $"DIFFERS: {other.Rows} rows")}");
            }

            checks.Check($"same tables ({original.Count}) with the same row counts", original.Count == copy.Count && original.All(t => copy.TryGetValue(t.Key, out var c) && c.Rows == t.Value.Rows));
            checks.Check("every table's rows identical (md5 over all rows, ordered)", original.All(t => copy.TryGetValue(t.Key, out var c) && c == t.Value));
            checks.Check($"the data set is not trivial ({original.GetValueOrDefault("offerings").Rows} offerings, {original.GetValueOrDefault("availability_reports").Rows} reports)",
                original.GetValueOrDefault("offerings").Rows >= offerings);

            var restoredApp = await app.StartExtraInstanceAsync(new Dictionary<string, string> { ["ConnectionStrings__Default"] = restored }, cancellationToken);
            using var fromOriginal = app.CreateClient();
            using var fromRestored = app.CreateClient(baseAddress: restoredApp);
            var identical = 0;
            foreach (var search in Searches)
            {
                var a = await fromOriginal.GetStringAsync(search, cancellationToken);
                var b = await fromRestored.GetStringAsync(search, cancellationToken);
                var same = a == b && a.Length > 2;
                identical += same ? 1 : 0;
                Console.WriteLine($"  {(same ? "identical" : "DIFFERENT")}  {search} ({a.Length} bytes)");
            }

            checks.Check($"the same searches give byte-identical answers from the restored database ({identical} of {Searches.Length})", identical == Searches.Length);
        }
        finally
        {
            File.Delete(dump);
        }

        return checks.Finish();
    }

    /// <summary>Per table in the public schema: the row count and the md5 of all rows as text, in order.</summary>
    private static async Task<Dictionary<string, (long Rows, string Md5)>> TableFingerprintsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select tablename from pg_tables where schemaname = 'public' order by tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new Dictionary<string, (long, string)>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') from public.\"{table}\" t", connection)
            { CommandTimeout = 300 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            result[table] = (reader.GetInt64(0), reader.GetString(1));
        }

        return result;
    }

    private static string Conninfo(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={b.Host} port={b.Port} user={b.Username} password={b.Password} dbname={b.Database}";
    }

    private static async Task RunToolAsync(AppUnderTest app, string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(Path.Combine(app.Cluster.BinDirectory, tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
