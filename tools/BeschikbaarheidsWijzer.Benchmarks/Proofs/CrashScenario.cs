using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
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
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public static IScenario Create(ArgumentReader arguments) => new CrashScenario(arguments.TakeInt("--down", 8, 1, 120));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("crash");
        var providers = await ProofKit.ArrangeProvidersAsync(app, Writers, 40, cancellationToken);
        var acknowledged = new ConcurrentBag<long>();
        var statuses = new ConcurrentDictionary<string, int>();
        var outageAnswers = new ConcurrentBag<(int Status, string? MediaType, TimeSpan Took, string Body)>();
        var noAnswer = 0;
        var slowest = TimeSpan.Zero;
        var slowestLock = new Lock();
        var phase = "before";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task RecordAsync(HttpResponseMessage response, TimeSpan took, long? reportId)
        {
            statuses.AddOrUpdate($"{phase}: {(int)response.StatusCode}", 1, (_, n) => n + 1);
            lock (slowestLock)
            {
                slowest = took > slowest ? took : slowest;
            }

            if (response.IsSuccessStatusCode && reportId is { } id)
            {
                acknowledged.Add(id);
            }
            else if (!response.IsSuccessStatusCode)
            {
                outageAnswers.Add(((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, took, await response.Content.ReadAsStringAsync(CancellationToken.None)));
            }
        }

        async Task WriteAsync(ProofProvider provider)
        {
            using var client = app.CreateClient(provider.Key);
            client.Timeout = RequestTimeout;
            var random = new Random(provider.Index);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var offering = provider.OfferingIds[i % provider.OfferingIds.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability",
                        new { acceptingReferrals = true, waitToIntakeWeeks = random.Next(0, 20), freePlaces = 1, totalPlaces = 5 }, stop.Token);
                    long? id = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token)).GetProperty("id").GetInt64() : null;
                    await RecordAsync(response, Stopwatch.GetElapsedTime(started), id);
                    if (!response.IsSuccessStatusCode)
                    {
                        await Task.Delay(50, stop.Token);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    // No answer: the report may or may not be stored ("in doubt"); it is not acknowledged.
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
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync($"/api/v1/offerings?municipality={ProofKit.Municipality}&page={i % 5 + 1}", stop.Token);
                    await RecordAsync(response, Stopwatch.GetElapsedTime(started), null);
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
        var killedPid = app.Cluster.ServerProcessId!.Value;
        using (var postmaster = Process.GetProcessById(killedPid))
        {
            postmaster.Kill(entireProcessTree: true);
            await postmaster.WaitForExitAsync(cancellationToken);
        }

        phase = "outage";
        Console.WriteLine($"Killed PostgreSQL (postmaster pid {killedPid} and its backends, SIGKILL) after {BeforeKill.TotalSeconds:F0} s of load; restarting in {downSeconds} s");
        var readyDuringOutage = await ReadyStatusAsync(app, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(downSeconds), cancellationToken);

        var restartStarted = Stopwatch.GetTimestamp();
        await app.Cluster.RestartAsync(cancellationToken);
        var restartSeconds = Stopwatch.GetElapsedTime(restartStarted).TotalSeconds;
        var back = Stopwatch.GetTimestamp();
        phase = "after";
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
        stop.Cancel();
        await Task.WhenAll(load);

        var ids = acknowledged.ToArray();
        var stored = await ProofKit.ScalarAsync(app.ConnectionString, $"select count(*) from availability_reports where id = any(array[{(ids.Length == 0 ? "0" : string.Join(',', ids))}]::bigint[])", cancellationToken);
        var total = await ProofKit.ScalarAsync(app.ConnectionString, "select count(*) from availability_reports", cancellationToken);
        var errors = outageAnswers.ToList();
        var notProblem503 = errors.Count(e => e.Status != 503 || e.MediaType != "application/problem+json");
        var logLines = app.RecentAppOutput.Split('\n').Where(l => l.Contains("Database unavailable", StringComparison.Ordinal)).ToList();
        var structured = logLines.Count > 0 && logLines.All(IsJsonLogWithIds);

        Console.WriteLine();
        Console.WriteLine($"Answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}× {s.Value}"))}; {noAnswer} without an answer");
        Console.WriteLine($"Acknowledged reports (2xx): {ids.Length}; of these in the database after recovery: {stored}; rows in availability_reports: {total}");
        if (errors.FirstOrDefault() is { Body: { } sample })
        {
            Console.WriteLine($"A 503 while PostgreSQL was away: {sample}");
        }

        checks.Check($"every acknowledged report is stored ({stored} of {ids.Length})", stored == ids.Length && ids.Length > 0);
        checks.Check($"reports were acknowledged before the kill and after the return ({statuses.Where(s => s.Key.StartsWith("after: 2", StringComparison.Ordinal)).Sum(s => s.Value)} after)",
            statuses.Keys.Any(k => k.StartsWith("before: 2", StringComparison.Ordinal)) && statuses.Keys.Any(k => k.StartsWith("after: 2", StringComparison.Ordinal)));
        checks.Check($"while away, every refused request was a 503 application/problem+json ({errors.Count} refused, {notProblem503} otherwise)", errors.Count > 0 && notProblem503 == 0);
        checks.Check($"no request hung: slowest answer {slowest.TotalSeconds:F2} s (connect timeout 5 s), {noAnswer} without an answer", slowest < TimeSpan.FromSeconds(10) && noAnswer == 0);
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
