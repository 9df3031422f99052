using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;
using BeschikbaarheidsWijzer.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>
/// The provider report targets of the issue: a 1,000-report batch is accepted in at most 1 s end to end, and 16
/// providers posting batches of 50 back to back get at least 2,000 reports a second accepted. Afterwards the stored rows
/// are counted per API key, to prove nothing was lost or stored twice.
/// </summary>
public sealed class ReportsScenario(int sustainedSeconds) : IScenario
{
    public const string OptionsHelp = """
          --seconds N     how long the sustained phase runs, 1 to 600 seconds (default 20)
        """;

    private const string ReportsPath = "/api/v1/provider/availability-reports";
    private const string MunicipalityCode = "GM0222";
    private const int SingleBatchSize = 1000;
    private const int SingleBatchRepeats = 7;
    private const int SustainedProviders = 16;
    private const int OfferingsPerSustainedProvider = 200;
    private const int SustainedBatchSize = 50;
    private const int WarmUpBatchesPerProvider = 4;
    private const int WarmUpBatchSize = 25;
    private const int PrintedErrorBodies = 5;

    /// <summary>The count bound of the sustained loop, on top of its time bound: far more than a provider can post.</summary>
    private const int MaxSustainedBatchesPerProviderPerSecond = 500;

    private static readonly TimeSpan SingleBatchTarget = TimeSpan.FromSeconds(1);
    private const double SustainedTargetPerSecond = 2000;

    /// <summary>The same figures on every run, so two runs differ only in the machine.</summary>
    private const int RandomSeed = 20261122;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private int _printedErrors;

    public static IScenario Create(ArgumentReader arguments) =>
        new ReportsScenario(arguments.TakeInt("--seconds", defaultValue: 20, min: 1, max: 600));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var loadBefore = MachineText.LoadAverage();
        var providers = await ArrangeAsync(app, cancellationToken);

        var warmUpErrors = await WarmUpAsync(app, providers, cancellationToken);
        var single = await SingleBatchAsync(app, providers[0], cancellationToken);
        var sustained = await SustainedAsync(app, providers[1..], cancellationToken);
        var check = await CheckStoredAsync(app, providers, cancellationToken);
        var loadAfter = MachineText.LoadAverage();

        var singleMet = single.Errors == 0 && single.Latency.Max <= SingleBatchTarget;
        var sustainedMet = sustained.Errors == 0 && sustained.AcceptedPerSecond >= SustainedTargetPerSecond;
        var failed = warmUpErrors + single.Errors + sustained.Errors > 0 || !check;

        Console.WriteLine();
        Console.WriteLine("== Summary: reports ==");
        Console.WriteLine($"1,000-report batch (slowest of {SingleBatchRepeats}): {single.Latency.Max.TotalMilliseconds,6:F0} ms   " +
                          $"target <= {SingleBatchTarget.TotalMilliseconds:F0} ms   {MachineText.PassOrMiss(singleMet)}   " +
                          $"(median {single.Latency.P50.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"sustained accepted reports/s:        {sustained.AcceptedPerSecond,6:F0}      " +
                          $"target >= {SustainedTargetPerSecond:F0}/s   {MachineText.PassOrMiss(sustainedMet)}   " +
                          $"({SustainedProviders} providers x batches of {SustainedBatchSize}, {sustained.Seconds:F1} s)");
        Console.WriteLine($"stored rows = accepted reports:      {(check ? "yes" : "NO")}");
        MachineText.PrintMachine(loadBefore, loadAfter);

        if (failed)
        {
            Console.WriteLine("FAILED: there were error responses or the stored rows do not match; the figures above cannot be trusted.");
        }

        return failed ? ScenarioOutcome.Failed : singleMet && sustainedMet ? ScenarioOutcome.TargetsMet : ScenarioOutcome.TargetMissed;
    }

    /// <summary>Provider #0 with 1,000 offerings, #1–#16 with 200 each, all contracted in one municipality, each with its own key.</summary>
    private static async Task<List<BenchProvider>> ArrangeAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var careTypes = ReferenceData.Load().CareTypes.Select(c => c.Code).ToArray();
        var now = DateTimeOffset.UtcNow;
        var providers = new List<Provider>();
        var keys = new List<(ApiKey Entity, string Key)>();
        for (var p = 0; p <= SustainedProviders; p++)
        {
            var provider = new Provider
            {
                Name = $"Benchmarkaanbieder {p:00}",
                CreatedAt = now,
                UpdatedAt = now,
            };
            var offeringCount = p == 0 ? SingleBatchSize : OfferingsPerSustainedProvider;
            for (var o = 0; o < offeringCount; o++)
            {
                provider.Offerings.Add(new Offering
                {
                    Title = $"Aanbod {p:00}-{o:0000}",
                    CareTypeCode = careTypes[o % careTypes.Length],
                    AgeMin = 0,
                    AgeMax = 18,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Contracts = [new Contract { MunicipalityCode = MunicipalityCode, ValidFrom = new DateOnly(2025, 1, 1) }],
                });
            }

            var (keyId, key, hash) = ApiKeyFormat.Generate();
            keys.Add((new ApiKey { Id = keyId, Role = ApiKeyRole.Provider, Provider = provider, Label = "benchmark", SecretHash = hash, CreatedAt = now }, key));
            providers.Add(provider);
        }

        await using (var db = app.CreateDbContext())
        {
            // The graph is complete before it is added: change detection would find nothing and only cost time.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Providers.AddRange(providers);
            db.ApiKeys.AddRange(keys.Select(k => k.Entity));
            await db.SaveChangesAsync(cancellationToken);
        }

        var arranged = providers.Select((p, i) => new BenchProvider(i, keys[i].Entity.Id, keys[i].Key, p.Offerings.Select(o => o.Id).ToArray())).ToList();
        Console.WriteLine($"Arranged {arranged.Count} providers, {arranged.Sum(p => p.OfferingIds.Length)} offerings with contracts in " +
                          $"{MunicipalityCode} and {arranged.Count} provider API keys in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return arranged;
    }

    /// <summary>
    /// All providers at once post a few small batches first, so JIT, the app's connection pool (one connection per
    /// concurrent request) and each key's first-use write are done before anything is measured.
    /// </summary>
    private async Task<int> WarmUpAsync(AppUnderTest app, List<BenchProvider> providers, CancellationToken cancellationToken)
    {
        var errors = 0;

        async Task RunProviderAsync(BenchProvider provider)
        {
            var random = new Random(RandomSeed + provider.Index);
            using var client = app.CreateClient(provider.Key);
            for (var b = 0; b < WarmUpBatchesPerProvider; b++)
            {
                var offerings = provider.OfferingIds.AsSpan(b * WarmUpBatchSize, WarmUpBatchSize).ToArray();
                var result = await PostBatchAsync(client, BatchBody(offerings, random), cancellationToken);
                provider.AddAccepted(result.Accepted);
                if (!result.IsComplete(offerings.Length))
                {
                    Interlocked.Increment(ref errors);
                    ReportError("warm-up", provider, result);
                }
            }
        }

        await Task.WhenAll(providers.Select(p => Task.Run(() => RunProviderAsync(p), cancellationToken)));

        // The tiered JIT recompiles hot methods in the background shortly after they became hot: let it finish.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        Console.WriteLine($"Warm-up: {providers.Count} providers at once, {WarmUpBatchesPerProvider} batches of {WarmUpBatchSize} each " +
                          $"({errors} errors), not measured");
        return errors;
    }

    /// <summary>One 1,000-report batch for provider #0, again and again: each is a new report for every offering, which is allowed.</summary>
    private async Task<SingleBatchResult> SingleBatchAsync(AppUnderTest app, BenchProvider provider, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"Single batch: {SingleBatchSize} reports in one POST {ReportsPath}, {SingleBatchRepeats} times");
        var random = new Random(RandomSeed + 1);
        var recorder = new LatencyRecorder();
        var errors = 0;
        using var client = app.CreateClient(provider.Key);
        for (var i = 1; i <= SingleBatchRepeats; i++)
        {
            var result = await PostBatchAsync(client, BatchBody(provider.OfferingIds, random), cancellationToken);
            recorder.Record(result.Duration);
            provider.AddAccepted(result.Accepted);
            if (result.IsComplete(SingleBatchSize))
            {
                Console.WriteLine($"  batch {i}: {result.Duration.TotalMilliseconds,6:F0} ms, accepted {result.Accepted}");
            }
            else
            {
                errors++;
                Console.WriteLine($"  batch {i}: {result.Duration.TotalMilliseconds,6:F0} ms, FAILED");
                ReportError("single batch", provider, result);
            }
        }

        var summary = recorder.Summarize(TimeSpan.Zero);
        Console.WriteLine($"  median {summary.P50.TotalMilliseconds:F0} ms, max {summary.Max.TotalMilliseconds:F0} ms, {errors} errors");
        return new SingleBatchResult(errors, summary);
    }

    /// <summary>
    /// Providers #1–#16 at once, each on its own connection, posting batches of 50 back to back (cycling through its 200
    /// offerings) until the time is up. Only reports in 200 responses count; the rate is over the wall time until the
    /// last batch in flight has come back.
    /// </summary>
    private async Task<SustainedResult> SustainedAsync(AppUnderTest app, List<BenchProvider> providers, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"Sustained: {providers.Count} providers at once, batches of {SustainedBatchSize} back to back for {sustainedSeconds} s");
        var duration = TimeSpan.FromSeconds(sustainedSeconds);
        var maxBatches = sustainedSeconds * MaxSustainedBatchesPerProviderPerSecond;
        var recorder = new LatencyRecorder();
        var accepted = 0L;
        var batches = 0L;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();

        async Task RunProviderAsync(BenchProvider provider)
        {
            var random = new Random(RandomSeed + 100 + provider.Index);
            using var client = app.CreateClient(provider.Key);
            var offerings = new Guid[SustainedBatchSize];
            for (var b = 0; b < maxBatches && Stopwatch.GetElapsedTime(started) < duration; b++)
            {
                var first = b * SustainedBatchSize % provider.OfferingIds.Length;
                Array.Copy(provider.OfferingIds, first, offerings, 0, SustainedBatchSize);
                var result = await PostBatchAsync(client, BatchBody(offerings, random), cancellationToken);
                provider.AddAccepted(result.Accepted);
                Interlocked.Add(ref accepted, result.Accepted);
                if (result.IsComplete(SustainedBatchSize))
                {
                    recorder.Record(result.Duration);
                    Interlocked.Increment(ref batches);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    ReportError("sustained", provider, result);

                    // An app that fails fast must not turn this loop into a busy loop.
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                }
            }
        }

        await Task.WhenAll(providers.Select(p => Task.Run(() => RunProviderAsync(p), cancellationToken)));
        var wall = Stopwatch.GetElapsedTime(started);

        var latency = recorder.Summarize(wall);
        var perSecond = accepted / wall.TotalSeconds;
        Console.WriteLine($"  accepted {accepted} reports in {batches} batches, {errors} errors, {wall.TotalSeconds:F1} s");
        Console.WriteLine($"  {perSecond:F0} accepted reports/s, {batches / wall.TotalSeconds:F1} batches/s");
        Console.WriteLine("  " + latency.Format("batch latency"));
        return new SustainedResult(errors, perSecond, wall.TotalSeconds);
    }

    /// <summary>Counts the stored reports per API key: each must equal what the app said it accepted for that key.</summary>
    private static async Task<bool> CheckStoredAsync(AppUnderTest app, List<BenchProvider> providers, CancellationToken cancellationToken)
    {
        await using var db = app.CreateDbContext();
        var stored = await db.AvailabilityReports
            .GroupBy(r => r.ApiKeyId)
            .Select(g => new { ApiKeyId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.ApiKeyId ?? "(none)", g => g.Count, cancellationToken);
        var total = stored.Values.Sum();
        var expected = providers.Sum(p => p.Accepted);
        var mismatches = providers.Where(p => stored.GetValueOrDefault(p.KeyId) != p.Accepted).ToList();
        var ok = total == expected && mismatches.Count == 0;

        Console.WriteLine();
        Console.WriteLine($"Check: {total} rows in availability_reports, {expected} accepted (warm-up + single + sustained); " +
                          $"{providers.Count - mismatches.Count} of {providers.Count} keys match: {(ok ? "OK, nothing lost or doubled" : "MISMATCH")}");
        foreach (var p in mismatches)
        {
            Console.WriteLine($"  provider #{p.Index}: {stored.GetValueOrDefault(p.KeyId)} stored, {p.Accepted} accepted");
        }

        return ok;
    }

    /// <summary>Posts one batch; the time runs from sending the request until the whole response body has arrived.</summary>
    private static async Task<BatchResult> PostBatchAsync(HttpClient client, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsync(ReportsPath, content, cancellationToken);
            var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var duration = Stopwatch.GetElapsedTime(started);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new BatchResult(duration, (int)response.StatusCode, 0, Encoding.UTF8.GetString(responseBody));
            }

            using var document = JsonDocument.Parse(responseBody);
            return new BatchResult(duration, 200, document.RootElement.GetProperty("accepted").GetInt32(), "");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer (or an unreadable one): whether the batch was stored is unknown, and the row check will say.
            return new BatchResult(Stopwatch.GetElapsedTime(started), 0, 0, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>A valid report for each offering with plausible random figures: accepting referrals, waits 0–30 weeks, free ≤ total places.</summary>
    private static byte[] BatchBody(IReadOnlyList<Guid> offeringIds, Random random)
    {
        var reports = new List<BatchReportItem?>(offeringIds.Count);
        foreach (var offeringId in offeringIds)
        {
            var totalPlaces = random.Next(1, 41);
            reports.Add(new BatchReportItem(
                OfferingId: offeringId,
                AcceptingReferrals: true,
                WaitToIntakeWeeks: random.Next(0, 31),
                WaitToTreatmentWeeks: random.Next(0, 31),
                FreePlaces: random.Next(0, totalPlaces + 1),
                TotalPlaces: totalPlaces,
                WaitlistCount: random.Next(0, 61),
                Method: random.Next(4) == 0 ? "retrospectief" : "actueel",
                MatchingDependent: false,
                BridgingCareAvailable: random.Next(3) == 0,
                Note: null));
        }

        return JsonSerializer.SerializeToUtf8Bytes(new AvailabilityBatchRequest(reports), Json);
    }

    private void ReportError(string phase, BenchProvider provider, BatchResult result)
    {
        if (Interlocked.Increment(ref _printedErrors) > PrintedErrorBodies)
        {
            return;
        }

        var status = result.StatusCode == 0 ? "no response" : $"HTTP {result.StatusCode}";
        var accepted = result.StatusCode == 200 ? $", accepted {result.Accepted} of the batch" : "";
        var body = result.Body.Length > 500 ? result.Body[..500] + "…" : result.Body;
        Console.Error.WriteLine($"  ERROR ({phase}, provider #{provider.Index}): {status}{accepted}: {body}");
    }

    private sealed class BenchProvider(int index, string keyId, string key, Guid[] offeringIds)
    {
        private long _accepted;

        public int Index { get; } = index;
        public string KeyId { get; } = keyId;
        public string Key { get; } = key;
        public Guid[] OfferingIds { get; } = offeringIds;
        public long Accepted => Interlocked.Read(ref _accepted);

        public void AddAccepted(int count) => Interlocked.Add(ref _accepted, count);
    }

    /// <summary>One POST: <paramref name="Accepted"/> is what a 200 response says was stored (0 for any other answer).</summary>
    private sealed record BatchResult(TimeSpan Duration, int StatusCode, int Accepted, string Body)
    {
        public bool IsComplete(int sent) => StatusCode == 200 && Accepted == sent;
    }

    private sealed record SingleBatchResult(int Errors, LatencySummary Latency);

    private sealed record SustainedResult(int Errors, double AcceptedPerSecond, double Seconds);
}
