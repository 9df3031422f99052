using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>
/// A failover as production has it, on this machine: a primary and a streaming replica (pg_basebackup, made synchronous so a
/// commit the app acknowledges is on both), the app given both hosts (writes <c>Target Session Attributes=read-write</c>,
/// reads <c>prefer-standby</c>). Providers post reports back to back and a searcher searches; the primary is killed with
/// SIGKILL and the replica promoted (<c>pg_ctl promote</c>). Every acknowledged report must be on the new primary, every
/// refusal a 503 problem+json, the first acknowledged write after the kill is timed, the app is not restarted, and a
/// report posted after the promotion shows on the next search.
/// </summary>
public sealed class FailoverScenario(int promoteAfterSeconds) : IScenario
{
    public const string OptionsHelp = """
          --promote-after N   seconds between the kill and the promotion, 0 to 60 (default 2)
        """;

    private const int Writers = 8;
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan AfterPromotion = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public static IScenario Create(ArgumentReader arguments) => new FailoverScenario(arguments.TakeInt("--promote-after", 2, 0, 60));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("failover");
        var providers = await ProofKit.ArrangeProvidersAsync(app, Writers, 40, cancellationToken);
        var replicaDirectory = Path.Combine(Path.GetDirectoryName(app.Cluster.DataDirectory)!, "replica");
        await using var replica = await app.Cluster.CreateStreamingReplicaAsync(replicaDirectory, cancellationToken);

        // Synchronous: the primary acknowledges a commit only once the replica has it (its application_name is bw_replica).
        // With asynchronous streaming, a failover may lose the last acknowledged commits; the proof would show that.
        await ExecuteAsync(app.ConnectionString, "alter system set synchronous_standby_names = 'bw_replica'", cancellationToken);
        await ExecuteAsync(app.ConnectionString, "select pg_reload_conf()", cancellationToken);
        var synchronous = await WaitForAsync(
            () => ProofKit.ScalarAsync(app.ConnectionString, "select count(*) from pg_stat_replication where sync_state = 'sync'", cancellationToken),
            n => n == 1, cancellationToken);
        Console.WriteLine($"Streaming replica on 127.0.0.1:{replica.Port}, synchronous: {synchronous == 1}");

        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        var primary = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var hosts = $"127.0.0.1:{primary.Port},127.0.0.1:{replica.Port}";
        string Both(string attributes) => new NpgsqlConnectionStringBuilder(app.ConnectionString)
        {
            Host = hosts, Port = 5432, TargetSessionAttributes = attributes,

            // Npgsql remembers which host was the standby for this long (default 10 s): a promotion is seen only after it.
            HostRecheckSeconds = 1,
        }.ConnectionString;
        await app.RestartAppAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = Both("read-write"),
            ["ConnectionStrings__ReadOnly"] = Both("prefer-standby"),
        }, cancellationToken);
        var appProcess = app.AppProcessId;

        var acknowledged = new ConcurrentBag<long>();
        var statuses = new ConcurrentDictionary<string, int>();
        var refusals = new ConcurrentBag<(int Status, string? MediaType)>();
        var firstWriteAfterKill = 0L;
        var killedAt = 0L;
        var noAnswer = 0;
        var phase = "before";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WriteAsync(ProofProvider provider)
        {
            using var client = app.CreateClient(provider.Key);
            client.Timeout = RequestTimeout;
            var random = new Random(provider.Index);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var offering = provider.OfferingIds[i % provider.OfferingIds.Length];
                try
                {
                    using var response = await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability",
                        new { acceptingReferrals = true, waitToIntakeWeeks = random.Next(0, 20), freePlaces = 1, totalPlaces = 5 }, stop.Token);
                    statuses.AddOrUpdate($"{phase}: {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("id").GetInt64());
                        if (phase != "before" && Interlocked.Read(ref killedAt) != 0)
                        {
                            Interlocked.CompareExchange(ref firstWriteAfterKill, Stopwatch.GetTimestamp(), 0L);
                        }
                    }
                    else
                    {
                        refusals.Add(((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType));
                        await Task.Delay(50, stop.Token);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref noAnswer);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        async Task SearchAsync()
        {
            using var client = app.CreateClient();
            client.Timeout = RequestTimeout;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync($"/api/v1/offerings?municipality={ProofKit.Municipality}", stop.Token);
                    statuses.AddOrUpdate($"{phase} search: {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    if (!response.IsSuccessStatusCode)
                    {
                        refusals.Add(((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType));
                    }

                    await Task.Delay(100, stop.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref noAnswer);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        var load = providers.Select(p => Task.Run(() => WriteAsync(p), CancellationToken.None)).Append(Task.Run(SearchAsync, CancellationToken.None)).ToList();
        await Task.Delay(BeforeKill, cancellationToken);
        using (var postmaster = Process.GetProcessById(app.Cluster.ServerProcessId!.Value))
        {
            postmaster.Kill(entireProcessTree: true);
            await postmaster.WaitForExitAsync(cancellationToken);
        }

        Interlocked.Exchange(ref killedAt, Stopwatch.GetTimestamp());
        phase = "outage";
        Console.WriteLine($"Killed the primary (SIGKILL) after {BeforeKill.TotalSeconds:F0} s of load; promoting the replica in {promoteAfterSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(promoteAfterSeconds), cancellationToken);
        var promoting = Stopwatch.GetTimestamp();
        await replica.PromoteAsync(cancellationToken);
        Console.WriteLine($"Promoted in {Stopwatch.GetElapsedTime(promoting).TotalSeconds:F2} s");
        phase = "after";
        await Task.Delay(AfterPromotion, cancellationToken);
        stop.Cancel();
        await Task.WhenAll(load);

        // A report posted now, with figures nobody else sends, must show on the next search: index and cache follow the new primary.
        using var writer = app.CreateClient(providers[0].Key);
        var marked = providers[0].OfferingIds[0];
        using var put = await writer.PutAsJsonAsync($"/api/v1/provider/offerings/{marked}/availability",
            new { acceptingReferrals = true, waitToIntakeWeeks = 77, freePlaces = 1, totalPlaces = 5 }, cancellationToken);
        using var reader = app.CreateClient();
        var seen = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{marked}?municipality={ProofKit.Municipality}", cancellationToken);
        var shown = seen.GetProperty("availability").GetProperty("waitToIntakeWeeks").GetInt32();

        var newPrimary = replica.ConnectionStringFor(database);
        var ids = acknowledged.ToArray();
        var stored = await ProofKit.ScalarAsync(newPrimary, $"select count(*) from availability_reports where id = any(array[{(ids.Length == 0 ? "0" : string.Join(',', ids))}]::bigint[])", cancellationToken);
        var writable = await ProofKit.ScalarAsync(newPrimary, "select (not pg_is_in_recovery())::int", cancellationToken);
        var notProblem503 = refusals.Count(r => r.Status != 503 || r.MediaType != "application/problem+json");
        var recovered = firstWriteAfterKill != 0 ? Stopwatch.GetElapsedTime(killedAt, firstWriteAfterKill) : (TimeSpan?)null;

        Console.WriteLine();
        Console.WriteLine($"Answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}× {s.Value}"))}; {noAnswer} without an answer");
        Console.WriteLine($"Acknowledged reports (2xx): {ids.Length}; of these on the promoted replica: {stored}");
        // What the app logged as errors, one line per kind of exception: the refusals that were not a 503 are among them.
        foreach (var kind in app.ErrorLines.Select(ExceptionHead).OfType<string>().GroupBy(h => h).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"App errors: {kind.Count()}× {kind.Key}");
        }

        checks.Check($"the replica was synchronous before the kill (pg_stat_replication sync_state = sync: {synchronous})", synchronous == 1);
        checks.Check($"every acknowledged report is on the new primary ({stored} of {ids.Length})", stored == ids.Length && ids.Length > 0);
        checks.Check($"while the primary was away, every refused request was a 503 application/problem+json ({refusals.Count} refused, {notProblem503} otherwise)",
            refusals.Count > 0 && notProblem503 == 0);
        checks.Check($"the first acknowledged write after the kill came {recovered?.TotalSeconds:F2} s after it (promotion after {promoteAfterSeconds} s; target <= {promoteAfterSeconds + 10} s)",
            recovered is { } r && r <= TimeSpan.FromSeconds(promoteAfterSeconds + 10));
        checks.Check($"no request went unanswered ({noAnswer})", noAnswer == 0);
        checks.Check($"the promoted replica takes writes (pg_is_in_recovery false: {writable == 1})", writable == 1);
        checks.Check($"the app was not restarted (process {appProcess} throughout: {app.AppProcessId == appProcess})", app.AppProcessId == appProcess);
        checks.Check($"a report posted after the promotion shows on the offering's page next (HTTP {(int)put.StatusCode}; wait to intake shown: {shown}, sent: 77)",
            put.StatusCode == HttpStatusCode.OK && shown == 77);
        return checks.Finish();
    }

    /// <summary>The exception type and message of a JSON log line, without the stack.</summary>
    private static string? ExceptionHead(string line)
    {
        try
        {
            using var log = JsonDocument.Parse(line);
            if (!log.RootElement.TryGetProperty("Exception", out var exception) || exception.GetString() is not { } text)
            {
                return null;
            }

            // The exception and each inner one ("---> "), without the stacks.
            var lines = text.Split('\n');
            return string.Join(" ---> ", lines.Take(1).Concat(lines.Where(l => l.TrimStart().StartsWith("---> ", StringComparison.Ordinal)).Select(l => l.Trim()[5..])));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> WaitForAsync(Func<Task<long>> read, Func<long, bool> done, CancellationToken cancellationToken)
    {
        var value = await read();
        for (var i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(100, cancellationToken);
            value = await read();
        }

        return value;
    }
}
