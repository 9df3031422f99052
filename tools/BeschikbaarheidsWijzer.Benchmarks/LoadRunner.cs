using System.Diagnostics;
using System.Net;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>
/// A closed-loop load generator on loopback: <c>clients</c> workers, each on a connection of its own, send GET
/// requests back to back (the next as soon as the previous response body has been read) for a fixed time. Each worker
/// takes its requests from its own deterministic sequence. Only 200 responses count as served; anything else is an error
/// and its first few are printed. Besides the overall figures, latencies are kept per kind of request (the parts of a mix).
/// </summary>
public sealed class LoadRunner(AppUnderTest app, int clients)
{
    private const int PrintedErrors = 5;

    /// <summary>A count bound on top of the time bound: far more than one connection can do on loopback.</summary>
    private const int MaxRequestsPerClientPerSecond = 20_000;

    private int _printedErrors;

    public int Clients { get; } = clients;

    /// <summary>
    /// Runs the load and returns the figures. <paramref name="nextRequest"/> gets the worker's index and its own
    /// request counter and returns the path and query to ask for, with the kind of request it is; a default request ends
    /// that client's run early.
    /// </summary>
    public async Task<LoadResult> RunAsync(string label, TimeSpan duration, Func<int, long, BenchRequest> nextRequest, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var byKind = new System.Collections.Concurrent.ConcurrentDictionary<string, LatencyRecorder>(StringComparer.Ordinal);
        var errors = 0L;
        var bytes = 0L;
        var maxRequests = (long)(duration.TotalSeconds * MaxRequestsPerClientPerSecond);
        var started = Stopwatch.GetTimestamp();

        async Task RunClientAsync(int worker)
        {
            using var client = app.CreateClient();
            for (long i = 0; i < maxRequests && Stopwatch.GetElapsedTime(started) < duration; i++)
            {
                var (path, kind) = nextRequest(worker, i);
                if (path is null)
                {
                    // This client's share is done.
                    break;
                }

                var requestStarted = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(requestStarted);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        recorder.Record(elapsed);
                        byKind.GetOrAdd(kind, _ => new LatencyRecorder()).Record(elapsed);
                        Interlocked.Add(ref bytes, response.Content.Headers.ContentLength ?? 0);
                        continue;
                    }

                    Interlocked.Increment(ref errors);
                    ReportError(label, path, $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    Interlocked.Increment(ref errors);
                    ReportError(label, path, $"{ex.GetType().Name}: {ex.Message}");
                }

                // An app that fails fast must not turn this loop into a busy loop.
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(w => Task.Run(() => RunClientAsync(w), cancellationToken)));
        var wall = Stopwatch.GetElapsedTime(started);
        var summary = recorder.Summarize(wall);
        var kinds = byKind.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value.Summarize(wall), StringComparer.Ordinal);
        var result = new LoadResult(label, summary, errors, summary.Count == 0 ? 0 : bytes / summary.Count, kinds);
        Console.WriteLine($"  {result.Format()}");
        if (kinds.Count > 1)
        {
            foreach (var (kind, latency) in kinds)
            {
                Console.WriteLine($"      {kind,-22} {latency.PerSecond,8:F0} req/s   p50 {latency.P50.TotalMilliseconds,6:F1} ms   p95 {latency.P95.TotalMilliseconds,6:F1} ms   " +
                                  $"p99 {latency.P99.TotalMilliseconds,6:F1} ms");
            }
        }

        return result;
    }

    /// <summary>Asks each request once, spread over the clients: to fill a cache before a measured run.</summary>
    public Task<LoadResult> RunOnceEachAsync(string label, IReadOnlyList<BenchRequest> requests, CancellationToken cancellationToken)
    {
        var perClient = (requests.Count + Clients - 1) / Clients;
        return RunAsync(label, TimeSpan.FromHours(1), (worker, i) => i < perClient && worker * perClient + i < requests.Count
            ? requests[(int)(worker * perClient + i)]
            : default, cancellationToken);
    }

    private void ReportError(string label, string path, string what)
    {
        if (Interlocked.Increment(ref _printedErrors) > PrintedErrors)
        {
            return;
        }

        Console.Error.WriteLine($"  ERROR ({label}) GET {path}: {(what.Length > 400 ? what[..400] + "…" : what)}");
    }
}

/// <summary>One request of a load: the path with its query, and which part of the mix it belongs to.</summary>
public readonly record struct BenchRequest(string Path, string Kind);

public sealed record LoadResult(string Label, LatencySummary Latency, long Errors, long MeanResponseBytes, IReadOnlyDictionary<string, LatencySummary> ByKind)
{
    public string Format() =>
        $"{Label,-26} {Latency.PerSecond,8:F0} req/s   p50 {Latency.P50.TotalMilliseconds,6:F1} ms   p95 {Latency.P95.TotalMilliseconds,6:F1} ms   " +
        $"p99 {Latency.P99.TotalMilliseconds,6:F1} ms   ({Latency.Count} requests, {Errors} errors, {MeanResponseBytes / 1024.0:F1} KB each)";
}
