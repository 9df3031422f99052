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

        var load = new ReportLoad(app, providers);
        load.Start();
        await Task.Delay(BeforeKill, cancellationToken);
        load.Phase = "outage";
        using (var postmaster = Process.GetProcessById(app.Cluster.ServerProcessId!.Value))
        {
            postmaster.Kill(entireProcessTree: true);
            await postmaster.WaitForExitAsync(cancellationToken);
        }

        load.MarkFault();
        Console.WriteLine($"Killed the primary (SIGKILL) after {BeforeKill.TotalSeconds:F0} s of load; promoting the replica in {promoteAfterSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(promoteAfterSeconds), cancellationToken);
        var promoting = Stopwatch.GetTimestamp();
        await replica.PromoteAsync(cancellationToken);
        Console.WriteLine($"Promoted in {Stopwatch.GetElapsedTime(promoting).TotalSeconds:F2} s");
        load.Phase = "after";
        await Task.Delay(AfterPromotion, cancellationToken);
        await load.StopAsync();

        // A report posted now, with figures nobody else sends, must show on the next search: index and cache follow the new primary.
        using var writer = app.CreateClient(providers[0].Key);
        var marked = providers[0].OfferingIds[0];
        using var put = await writer.PutAsJsonAsync($"/api/v1/provider/offerings/{marked}/availability",
            new { acceptingReferrals = true, waitToIntakeWeeks = 77, freePlaces = 1, totalPlaces = 5 }, cancellationToken);
        using var reader = app.CreateClient();
        var seen = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{marked}?municipality={ProofKit.Municipality}", cancellationToken);
        var shown = seen.GetProperty("availability").GetProperty("waitToIntakeWeeks").GetInt32();

        var newPrimary = replica.ConnectionStringFor(database);
        var ids = load.Acknowledged.ToArray();
        var stored = await ProofKit.ScalarAsync(newPrimary, $"select count(*) from availability_reports where id = any(array[{(ids.Length == 0 ? "0" : string.Join(',', ids))}]::bigint[])", cancellationToken);
        var writable = await ProofKit.ScalarAsync(newPrimary, "select (not pg_is_in_recovery())::int", cancellationToken);
        var refusals = load.Refusals;
        var notProblem503 = refusals.Count(r => !r.IsProblem503);
        var recovered = load.FirstReportAfterFault;

        Console.WriteLine();
        load.PrintAnswers();
        Console.WriteLine($"Acknowledged reports (2xx): {ids.Length}; of these on the promoted replica: {stored}");
        checks.Check($"the replica was synchronous before the kill (pg_stat_replication sync_state = sync: {synchronous})", synchronous == 1);
        checks.Check($"every acknowledged report is on the new primary ({stored} of {ids.Length})", stored == ids.Length && ids.Length > 0);
        checks.Check($"while the primary was away, every refused request was a 503 application/problem+json ({refusals.Count} refused, {notProblem503} otherwise)",
            refusals.Count > 0 && notProblem503 == 0);
        checks.Check($"the first acknowledged write after the kill came {recovered?.TotalSeconds:F2} s after it (promotion after {promoteAfterSeconds} s; target <= {promoteAfterSeconds + 10} s)",
            recovered is { } r && r <= TimeSpan.FromSeconds(promoteAfterSeconds + 10));
        checks.Check($"no request went unanswered ({load.NoAnswer})", load.NoAnswer == 0);
        checks.Check($"the promoted replica takes writes (pg_is_in_recovery false: {writable == 1})", writable == 1);
        checks.Check($"the app was not restarted (process {appProcess} throughout: {app.AppProcessId == appProcess})", app.AppProcessId == appProcess);
        checks.Check($"a report posted after the promotion shows on the offering's page next (HTTP {(int)put.StatusCode}; wait to intake shown: {shown}, sent: 77)",
            put.StatusCode == HttpStatusCode.OK && shown == 77);
        return checks.Finish();
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
