using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.TestSupport;
using Npgsql;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>
/// Beyond one machine, on one machine: the benchmark's PostgreSQL becomes the primary of a hot-standby streaming
/// replica made with pg_basebackup; a private redis-server holds the output cache; app instances A and B write to the
/// primary and read public pages from the replica. A report posted to A must show in B's (cached) search within 1 s,
/// every time; the searches must be served by the replica (pg_stat_activity and pg_stat_database on both servers).
/// </summary>
public sealed class ScaleOutScenario(int trials) : IScenario
{
    public const string OptionsHelp = """
          --trials N      reports posted to A and looked for through B, 1 to 500 (default 30)
        """;

    private static readonly TimeSpan VisibleWithin = TimeSpan.FromSeconds(1);

    public static IScenario Create(ArgumentReader arguments) => new ScaleOutScenario(arguments.TakeInt("--trials", 30, 1, 500));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("scaleout");
        var providers = await ProofKit.ArrangeProvidersAsync(app, 1, 20, cancellationToken);
        var provider = providers[0];

        var replicaDirectory = Path.Combine(Path.GetDirectoryName(app.Cluster.DataDirectory)!, "replica");
        var started = Stopwatch.GetTimestamp();
        await using var replica = await app.Cluster.CreateStreamingReplicaAsync(replicaDirectory, cancellationToken);
        Console.WriteLine($"Streaming replica (pg_basebackup -R) on 127.0.0.1:{replica.Port} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        await using var redis = await LocalRedisServer.StartAsync(cancellationToken);
        Console.WriteLine($"redis-server on {redis.Configuration}");
        try
        {
            var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
            var write = new NpgsqlConnectionStringBuilder(app.ConnectionString) { ApplicationName = "bw-write" }.ConnectionString;
            var read = new NpgsqlConnectionStringBuilder(replica.ConnectionStringFor(database)) { ApplicationName = "bw-read" }.ConnectionString;
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] = write,
                ["ConnectionStrings__ReadOnly"] = read,
                ["Redis__Configuration"] = redis.Configuration,
                ["Search__OutputCache__Enabled"] = "true",
            };
            await app.RestartAppAsync(environment, cancellationToken);
            var instanceB = await app.StartExtraInstanceAsync(environment, cancellationToken);
            using var a = app.CreateClient(provider.Key);
            using var b = app.CreateClient(baseAddress: instanceB);

            var streaming = await ProofKit.ScalarAsync(app.ConnectionString, "select count(*) from pg_stat_replication where state = 'streaming'", cancellationToken);
            checks.Check($"the primary streams to the replica (pg_stat_replication: {streaming} streaming)", streaming == 1);
            checks.Check("the replica is in recovery (a hot standby)", await ProofKit.ScalarAsync(replica.ConnectionStringFor("postgres"), "select pg_is_in_recovery()::int", cancellationToken) == 1);

            var replicaQueriesBefore = await CommitsAsync(replica.ConnectionStringFor("postgres"), database, cancellationToken);
            var primaryQueriesBefore = await CommitsAsync(app.ConnectionString, database, cancellationToken);

            var url = $"/api/v1/offerings?municipality={ProofKit.Municipality}&pageSize=100&sort=name";
            var delays = new List<TimeSpan>();
            var misses = 0;
            for (var trial = 1; trial <= trials; trial++)
            {
                var offering = provider.OfferingIds[trial % provider.OfferingIds.Length];
                var freePlaces = 100 + trial;

                // B's search is in the shared cache before the write, as it would be under real traffic.
                (await b.GetAsync(url, cancellationToken)).EnsureSuccessStatusCode();
                (await b.GetAsync(url, cancellationToken)).EnsureSuccessStatusCode();
                var put = await a.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability",
                    new { acceptingReferrals = true, freePlaces, totalPlaces = 200 }, cancellationToken);
                put.EnsureSuccessStatusCode();
                var acknowledged = Stopwatch.GetTimestamp();
                TimeSpan? seen = null;
                while (Stopwatch.GetElapsedTime(acknowledged) < TimeSpan.FromSeconds(10))
                {
                    var page = await b.GetFromJsonAsync<JsonElement>(url, cancellationToken);
                    if (page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == offering
                            && i.GetProperty("availability").ValueKind == JsonValueKind.Object
                            && i.GetProperty("availability").GetProperty("freePlaces").GetInt32() == freePlaces))
                    {
                        seen = Stopwatch.GetElapsedTime(acknowledged);
                        break;
                    }

                    await Task.Delay(20, cancellationToken);
                }

                if (seen is { } s && s <= VisibleWithin)
                {
                    delays.Add(s);
                }
                else
                {
                    misses++;
                    Console.WriteLine($"  trial {trial}: seen through B after {(seen is { } late ? $"{late.TotalMilliseconds:F0} ms" : "more than 10 s")}");
                }
            }

            // Search traffic on both instances, the cache missed on purpose (a new query each time).
            for (var i = 0; i < 200; i++)
            {
                using var client = i % 2 == 0 ? app.CreateClient() : app.CreateClient(baseAddress: instanceB);
                (await client.GetAsync($"/api/v1/offerings?municipality={ProofKit.Municipality}&q=proefaanbod&page={i + 1}", cancellationToken)).EnsureSuccessStatusCode();
            }

            // Backends publish their statistics when idle, at most once a second and sometimes up to 10 s later.
            long replicaQueries = 0;
            for (var wait = Stopwatch.GetTimestamp(); Stopwatch.GetElapsedTime(wait) < TimeSpan.FromSeconds(15); await Task.Delay(500, cancellationToken))
            {
                replicaQueries = await CommitsAsync(replica.ConnectionStringFor("postgres"), database, cancellationToken) - replicaQueriesBefore;
                if (replicaQueries >= 200)
                {
                    break;
                }
            }

            var primaryQueries = await CommitsAsync(app.ConnectionString, database, cancellationToken) - primaryQueriesBefore;
            var readSessionsOnReplica = await ProofKit.ScalarAsync(replica.ConnectionStringFor("postgres"), "select count(*) from pg_stat_activity where application_name = 'bw-read'", cancellationToken);
            var readSessionsOnPrimary = await ProofKit.ScalarAsync(app.ConnectionString, "select count(*) from pg_stat_activity where application_name = 'bw-read'", cancellationToken);
            var lagBytes = await ProofKit.ScalarAsync(app.ConnectionString, "select coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), -1)::bigint from pg_stat_replication", cancellationToken);

            delays.Sort();
            var median = delays.Count == 0 ? TimeSpan.Zero : delays[delays.Count / 2];
            var slowest = delays.Count == 0 ? TimeSpan.Zero : delays[^1];
            Console.WriteLine($"Report on A → visible in B's search: median {median.TotalMilliseconds:F0} ms, slowest {slowest.TotalMilliseconds:F0} ms over {delays.Count} trials, {misses} later than 1 s");
            Console.WriteLine($"Transactions in {database} during the trials and 200 searches: replica {replicaQueries}, primary {primaryQueries}; " +
                              $"pg_stat_activity 'bw-read' sessions: replica {readSessionsOnReplica}, primary {readSessionsOnPrimary}; replay lag now {lagBytes} bytes");

            checks.Check($"every report posted to A was in B's search within 1 s ({trials - misses} of {trials}; median {median.TotalMilliseconds:F0} ms, slowest {slowest.TotalMilliseconds:F0} ms)", misses == 0);
            checks.Check($"search traffic reached the replica ({replicaQueries} transactions on it, >= 200 searches)", replicaQueries >= 200);
            checks.Check($"the read sessions are on the replica, not the primary ({readSessionsOnReplica} vs {readSessionsOnPrimary})", readSessionsOnReplica > 0 && readSessionsOnPrimary == 0);
        }
        finally
        {
            await replica.StopAsync();
        }

        return checks.Finish();
    }

    private static Task<long> CommitsAsync(string connectionString, string database, CancellationToken cancellationToken) =>
        ProofKit.ScalarAsync(connectionString, $"select xact_commit + xact_rollback from pg_stat_database where datname = '{database}'", cancellationToken);
}
