using System.Diagnostics;
using System.Net.Http.Json;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>
/// Measures the capacity of a mixed load (9 searches to 1 provider report) closed-loop, then holds 70% of it open-loop
/// (requests started on a fixed schedule, whatever the answers do) for ten minutes on a national-scale data set:
/// zero errors, and what the app retains after a full collection at the end within 10% of what it retained after the
/// first minute (resident memory in passing follows the collector's rhythm, so it is printed, not judged).
/// </summary>
public sealed class SoakScenario(int minutes, int offerings) : IScenario
{
    public const string OptionsHelp = """
          --minutes N     how long the soak runs, 1 to 120 (default 10)
          --offerings N   size of the generated data set, 1000 to 100000 offerings (default 10000)
        """;

    private const int CapacityClients = 16;
    private const double LoadShare = 0.7;
    // Enough for a stall of over a second at the rates measured here (a full collection for the memory check pauses the
    // app briefly); beyond it the app is not keeping up, and the soak fails rather than queueing without end.
    private const int MaxInFlight = 1024;
    private static readonly TimeSpan CapacityDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Baseline = TimeSpan.FromMinutes(1);

    public IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string> { ["Benchmarks__MemoryEndpoint"] = "true" };

    public static IScenario Create(ArgumentReader arguments) =>
        new SoakScenario(arguments.TakeInt("--minutes", 10, 1, 120), arguments.TakeInt("--offerings", 10_000, 1000, 100_000));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("soak");
        var generator = new SearchDataGenerator(app.ConnectionString, DateTimeOffset.UtcNow);
        await generator.AddGeographyAsync(cancellationToken);
        await generator.GrowToAsync(offerings, cancellationToken);
        var providers = await ProofKit.ArrangeProvidersAsync(app, 8, 50, cancellationToken);
        var municipalities = generator.Municipalities.Select(m => m.Code).ToArray();
        var careTypes = generator.CareTypes.ToArray();
        string[] sorts = ["wait", "name", "updated", "distance"];

        // One request of the mix, chosen by its number: 9 in 10 a search, 1 in 10 a provider's report.
        async Task<bool> SendAsync(long n, HttpClient anonymous, HttpClient[] providerClients, CancellationToken ct)
        {
            if (n % 10 == 9)
            {
                var p = (int)(n / 10 % providerClients.Length);
                var offering = providers[p].OfferingIds[(int)(n / 80 % providers[p].OfferingIds.Length)];
                using var put = await providerClients[p].PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability",
                    new { acceptingReferrals = true, waitToIntakeWeeks = (int)(n % 12), freePlaces = (int)(n % 4), totalPlaces = 4 }, ct);
                return put.IsSuccessStatusCode;
            }

            var query = $"/api/v1/offerings?municipality={municipalities[n % municipalities.Length]}&careType={careTypes[n / 7 % careTypes.Length]}" +
                        $"&sort={sorts[n / 3 % sorts.Length]}&page={n / 11 % 3 + 1}";
            using var response = await anonymous.GetAsync(query, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            return response.IsSuccessStatusCode;
        }

        HttpClient[] ProviderClients() => providers.Select(p => app.CreateClient(p.Key)).ToArray();

        // Capacity: closed loop, each client sends its next request when the previous one has been answered.
        Console.WriteLine($"Capacity: {CapacityClients} clients back to back for {CapacityDuration.TotalSeconds:F0} s (9 searches : 1 report)");
        var capacityStarted = Stopwatch.GetTimestamp();
        long served = 0, capacityErrors = 0;
        await Task.WhenAll(Enumerable.Range(0, CapacityClients).Select(c => Task.Run(async () =>
        {
            using var anonymous = app.CreateClient();
            var providerClients = ProviderClients();
            for (long n = c; Stopwatch.GetElapsedTime(capacityStarted) < CapacityDuration; n += CapacityClients)
            {
                if (await SendAsync(n, anonymous, providerClients, cancellationToken))
                {
                    Interlocked.Increment(ref served);
                }
                else
                {
                    Interlocked.Increment(ref capacityErrors);
                }
            }

            foreach (var client in providerClients)
            {
                client.Dispose();
            }
        }, cancellationToken)));
        var capacity = served / Stopwatch.GetElapsedTime(capacityStarted).TotalSeconds;
        var rate = capacity * LoadShare;
        Console.WriteLine($"  capacity {capacity:F0} req/s ({capacityErrors} errors, load average {MachineText.LoadAverage()}); soak at {LoadShare:P0} = {rate:F0} req/s for {minutes} min");

        // Soak: open loop at the fixed rate.
        var duration = TimeSpan.FromMinutes(minutes);
        var recorder = new LatencyRecorder();
        long sent = 0, failed = 0, skipped = 0;
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var inFlight = 0;
        var memory = new List<MemorySample>();
        using var anonymousClient = app.CreateClient();
        var soakProviderClients = ProviderClients();
        var soakStarted = Stopwatch.GetTimestamp();
        var running = new List<Task>();
        var nextCleanup = TimeSpan.Zero;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(() => SampleMemoryAsync(app, soakStarted, memory, sampling.Token), CancellationToken.None);

        // Retained memory, measured twice under load: after the first minute (caches and pools filled) and near the end.
        var baseline = duration > 4 * Baseline ? Baseline : duration / 4;
        var retainedAtStart = Task.Run(async () =>
        {
            await Task.Delay(baseline, cancellationToken);
            return await MeasureRetainedAsync(app, soakStarted, cancellationToken);
        }, CancellationToken.None);
        var retainedAtEnd = Task.Run(async () =>
        {
            await Task.Delay(duration - TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(15).Ticks, duration.Ticks / 10)), cancellationToken);
            return await MeasureRetainedAsync(app, soakStarted, cancellationToken);
        }, CancellationToken.None);
        var interval = TimeSpan.FromSeconds(1 / rate);
        for (long n = 0; ; n++)
        {
            var due = interval * n;
            if (due >= duration)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(soakStarted);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (Stopwatch.GetElapsedTime(soakStarted) >= nextCleanup)
            {
                nextCleanup += TimeSpan.FromSeconds(5);
                running.RemoveAll(t => t.IsCompleted);
            }

            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                // The app is not keeping up at this rate: that is an error of the soak, not a request to queue forever.
                Interlocked.Increment(ref skipped);
                continue;
            }

            var number = n;
            Interlocked.Increment(ref inFlight);
            Interlocked.Increment(ref sent);
            running.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await SendAsync(number, anonymousClient, soakProviderClients, cancellationToken))
                    {
                        recorder.Record(Stopwatch.GetElapsedTime(started));
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        failures.AddOrUpdate($"error status at minute {(int)Stopwatch.GetElapsedTime(soakStarted).TotalMinutes}", 1, (_, c) => c + 1);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    failures.AddOrUpdate($"{ex.GetType().Name}: {ex.Message} (from minute {(int)Stopwatch.GetElapsedTime(soakStarted).TotalMinutes})", 1, (_, c) => c + 1);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(running);
        var wall = Stopwatch.GetElapsedTime(soakStarted);
        var (startRetained, endRetained) = (await retainedAtStart, await retainedAtEnd);
        await sampling.CancelAsync();
        await sampler;
        var latency = recorder.Summarize(wall);
        foreach (var client in soakProviderClients)
        {
            client.Dispose();
        }

        List<MemorySample> samples;
        lock (memory)
        {
            samples = [.. memory];
        }

        Console.WriteLine("  minute   RSS MiB   managed heap after last GC MiB   GC committed MiB   gen2 GCs");
        foreach (var minute in samples.GroupBy(m => (int)m.At.TotalMinutes).OrderBy(g => g.Key))
        {
            Console.WriteLine($"  {minute.Key,6}   {Median(minute.Select(m => m.RssMiB)),7:F0}   {Median(minute.Select(m => m.HeapMiB)),30:F1}   " +
                              $"{Median(minute.Select(m => m.CommittedMiB)),16:F0}   {minute.Max(m => m.Gen2Collections),8:F0}");
        }

        var first = Median(samples.Where(m => m.At >= baseline - TimeSpan.FromSeconds(30) && m.At <= baseline + TimeSpan.FromSeconds(30)).Select(m => m.RssMiB));
        var last = Median(samples.Where(m => m.At >= wall - TimeSpan.FromMinutes(1)).Select(m => m.RssMiB));
        static double Growth(double from, double to) => from > 0 ? (to - from) / from : double.NaN;
        var heapGrowth = Growth(startRetained.ManagedHeapMiB, endRetained.ManagedHeapMiB);
        var residentGrowth = Growth(startRetained.ResidentMiB, endRetained.ResidentMiB);
        Console.WriteLine($"  {latency.Format("soak")}");
        Console.WriteLine($"  sent {sent}, failed {failed}, not sent because {MaxInFlight} were in flight: {skipped}; the app is {app.AppState}");
        foreach (var (what, count) in failures.OrderByDescending(f => f.Value).Take(8))
        {
            Console.WriteLine($"  failure: {count}× {what}");
        }

        if (failed > 0)
        {
            Console.WriteLine("  the app's last lines:" + Environment.NewLine + string.Join(Environment.NewLine, app.RecentAppOutput.Split('\n').TakeLast(15).Select(l => "    " + (l.Length > 400 ? l[..400] : l))));
        }
        Console.WriteLine($"  app memory in passing (RSS): at {baseline.TotalMinutes:F0} min {first:F0} MiB, last minute {last:F0} MiB, " +
                          $"peak {samples.Select(m => m.RssMiB).DefaultIfEmpty().Max():F0} MiB ({Growth(first, last):P1}, not judged: it follows the collector)");
        Console.WriteLine($"  retained after a full collection at {startRetained.At.TotalMinutes:F1} and {endRetained.At.TotalMinutes:F1} min: " +
                          $"managed heap {startRetained.ManagedHeapMiB:F1} → {endRetained.ManagedHeapMiB:F1} MiB ({heapGrowth:P1}), " +
                          $"RSS {startRetained.ResidentMiB:F0} → {endRetained.ResidentMiB:F0} MiB ({residentGrowth:P1})");

        checks.Check($"capacity measured: {capacity:F0} req/s of 9 searches : 1 report ({offerings} offerings), soak at {rate:F0} req/s for {wall.TotalMinutes:F1} min",
            capacity > 0 && capacityErrors == 0);
        checks.Check($"zero errors ({failed} failed, {skipped} not sent of {sent + skipped})", failed == 0 && skipped == 0 && sent > 0);
        checks.Check($"retained managed heap growth < 10% ({startRetained.ManagedHeapMiB:F1} → {endRetained.ManagedHeapMiB:F1} MiB, {heapGrowth:P1})", heapGrowth < 0.10);
        checks.Check($"retained RSS growth < 10% ({startRetained.ResidentMiB:F0} → {endRetained.ResidentMiB:F0} MiB, {residentGrowth:P1})", residentGrowth < 0.10);
        return checks.Finish();
    }

    private sealed record Retained(TimeSpan At, double ManagedHeapMiB, double ResidentMiB);

    private sealed record RetainedMemory(long ManagedHeapBytes, long ResidentBytes);

    /// <summary>Asks the app for a full, compacting collection and what survives it (the benchmark-only memory endpoint).</summary>
    private static async Task<Retained> MeasureRetainedAsync(AppUnderTest app, long started, CancellationToken cancellationToken)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/api/v1/benchmark-memory", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        var retained = await response.Content.ReadFromJsonAsync<RetainedMemory>(cancellationToken)
                       ?? throw new InvalidOperationException("The memory endpoint answered without a body.");
        return new Retained(Stopwatch.GetElapsedTime(started), retained.ManagedHeapBytes / 1048576.0, retained.ResidentBytes / 1048576.0);
    }

    private sealed record MemorySample(TimeSpan At, double RssMiB, double HeapMiB, double CommittedMiB, double Gen2Collections);

    /// <summary>Every 5 s: the app's resident memory (/proc) and, from its own /metrics, the GC's view of the managed heap.</summary>
    private static async Task SampleMemoryAsync(AppUnderTest app, long started, List<MemorySample> samples, CancellationToken cancellationToken)
    {
        using var client = app.CreateClient(app.AdminKey); // /metrics is private

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var metrics = await client.GetStringAsync("/metrics", cancellationToken);
                double Sum(string name) => metrics.Split('\n')
                    .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                    .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                var gen2 = metrics.Split('\n').Where(l => l.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal) && l.Contains("gen2", StringComparison.Ordinal))
                    .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                var sample = new MemorySample(Stopwatch.GetElapsedTime(started), ProofKit.ResidentMiB(app.AppProcessId) ?? 0,
                    Sum("dotnet_gc_last_collection_heap_size_bytes") / 1048576, Sum("dotnet_gc_last_collection_memory_committed_size_bytes") / 1048576, gen2);
                lock (samples)
                {
                    samples.Add(sample);
                }

                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // One missed sample.
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
