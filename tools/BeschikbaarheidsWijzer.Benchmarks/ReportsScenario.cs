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
/// providers posting batches of 50 back to back get at least 2,000 reports a second accepted. Then a realistic week:
/// 16 other providers whose offerings reported last week send this week's reports, 80 % "unchanged" and 20 % changed,
/// each batch checked with a dry run first as the web form does. Afterwards the stored rows are counted per API key,
/// to prove nothing was lost or stored twice (and the dry runs stored nothing).
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
    private const int MixedWeekProviders = 16;
    private const int OfferingsPerMixedWeekProvider = 500;
    private const double UnchangedShare = 0.8;

    /// <summary>The count bound of the sustained loop, on top of its time bound: far more than a provider can post.</summary>
    private const int MaxSustainedBatchesPerProviderPerSecond = 500;

    private static readonly TimeSpan SingleBatchTarget = TimeSpan.FromSeconds(1);
    private const double SustainedTargetPerSecond = 2000;

    /// <summary>The same figures on every run, so two runs differ only in the machine.</summary>
    private const int RandomSeed = 20261122;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

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
        var weekProviders = await ArrangeMixedWeekAsync(app, cancellationToken);
        var week = await MixedWeekAsync(app, weekProviders, cancellationToken);
        var check = await CheckStoredAsync(app, [.. providers, .. weekProviders], cancellationToken);
        var loadAfter = MachineText.LoadAverage();

        var singleMet = single.Errors == 0 && single.Latency.Max <= SingleBatchTarget;
        var sustainedMet = sustained.Errors == 0 && sustained.AcceptedPerSecond >= SustainedTargetPerSecond;
        var failed = warmUpErrors + single.Errors + sustained.Errors + week.Errors > 0 || !check;

        Console.WriteLine();
        Console.WriteLine("== Summary: reports ==");
        Console.WriteLine($"1,000-report batch (slowest of {SingleBatchRepeats}): {single.Latency.Max.TotalMilliseconds,6:F0} ms   " +
                          $"target <= {SingleBatchTarget.TotalMilliseconds:F0} ms   {MachineText.PassOrMiss(singleMet)}   " +
                          $"(median {single.Latency.P50.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"sustained accepted reports/s:        {sustained.AcceptedPerSecond,6:F0}      " +
                          $"target >= {SustainedTargetPerSecond:F0}/s   {MachineText.PassOrMiss(sustainedMet)}   " +
                          $"({SustainedProviders} providers x batches of {SustainedBatchSize}, {sustained.Seconds:F1} s)");
        Console.WriteLine($"mixed week (80 % unchanged):         {week.AcceptedPerSecond,6:F0}/s    " +
                          $"{week.Reports} reports of {MixedWeekProviders} providers in {week.Seconds:F1} s, each batch of {SustainedBatchSize} dry-run first " +
                          $"(dry run p50/p95 {week.DryRun.P50.TotalMilliseconds:F0}/{week.DryRun.P95.TotalMilliseconds:F0} ms, " +
                          $"send p50/p95 {week.Send.P50.TotalMilliseconds:F0}/{week.Send.P95.TotalMilliseconds:F0} ms, {week.Warnings} warnings)");
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

    /// <summary>
    /// Providers #17–#32 with 500 offerings each, every offering with a report of last week (as the figures a week later
    /// start from): this week's confirmations then each store a row of their own.
    /// </summary>
    private static async Task<List<BenchProvider>> ArrangeMixedWeekAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var careTypes = ReferenceData.Load().CareTypes.Select(c => c.Code).ToArray();
        var now = DateTimeOffset.UtcNow;
        var lastWeek = Domain.Weeks.IsoWeek.FromInstant(now).AddWeeks(-1).Monday;
        var random = new Random(RandomSeed + 500);
        var arranged = new List<BenchProvider>();
        await using var db = app.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var p = 0; p < MixedWeekProviders; p++)
        {
            var provider = new Provider { Name = $"Weekaanbieder {p:00}", CreatedAt = now, UpdatedAt = now };
            for (var o = 0; o < OfferingsPerMixedWeekProvider; o++)
            {
                var id = Guid.CreateVersion7();
                var offering = new Offering
                {
                    Id = id,
                    Title = $"Weekaanbod {p:00}-{o:0000}",
                    CareTypeCode = careTypes[o % careTypes.Length],
                    AgeMin = 0,
                    AgeMax = 18,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Contracts = [new Contract { MunicipalityCode = MunicipalityCode, ValidFrom = new DateOnly(2025, 1, 1) }],
                };
                offering.Reports.Add(new AvailabilityReport
                {
                    WeekStart = lastWeek, ReportedAt = now.AddDays(-7), AcceptingReferrals = true, WaitToIntakeWeeks = random.Next(1, 12),
                    WaitToTreatmentWeeks = random.Next(1, 12), FreePlaces = random.Next(0, 3), TotalPlaces = PlacesOf(id), WaitlistCount = random.Next(0, 9),
                });
                provider.Offerings.Add(offering);
            }

            var (keyId, key, hash) = ApiKeyFormat.Generate();
            db.Providers.Add(provider);
            db.ApiKeys.Add(new ApiKey { Id = keyId, Role = ApiKeyRole.Provider, Provider = provider, Label = "benchmark week", SecretHash = hash, CreatedAt = now });
            arranged.Add(new BenchProvider(SustainedProviders + 1 + p, keyId, key, provider.Offerings.Select(o => o.Id).ToArray()));
        }

        await db.SaveChangesAsync(cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Arranged a week: {MixedWeekProviders} providers x {OfferingsPerMixedWeekProvider} offerings, each with last week's report, " +
                          $"in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return arranged;
    }

    /// <summary>
    /// All 16 at once, each through its offerings in batches of 50: a dry run of the batch, then the same batch for real
    /// (80 % "unchanged", 20 % new figures), as /aanbieders does. The rate is of the reports stored by the real sends over
    /// the wall time including the dry runs.
    /// </summary>
    private async Task<MixedWeekResult> MixedWeekAsync(AppUnderTest app, List<BenchProvider> providers, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Mixed week: {providers.Count} providers at once, batches of {SustainedBatchSize} ({UnchangedShare:P0} unchanged), dry run then send");
        var dryRuns = new LatencyRecorder();
        var sends = new LatencyRecorder();
        var accepted = 0L;
        var warnings = 0L;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();

        async Task RunProviderAsync(BenchProvider provider)
        {
            var random = new Random(RandomSeed + 1000 + provider.Index);
            using var client = app.CreateClient(provider.Key);
            foreach (var offerings in provider.OfferingIds.Chunk(SustainedBatchSize))
            {
                var body = MixedBatchBody(offerings, random);
                var dry = await PostBatchAsync(client, body, cancellationToken, dryRun: true);
                dryRuns.Record(dry.Duration);
                Interlocked.Add(ref warnings, dry.Warnings);
                var sent = await PostBatchAsync(client, body, cancellationToken);
                sends.Record(sent.Duration);
                provider.AddAccepted(sent.Accepted);
                Interlocked.Add(ref accepted, sent.Accepted);
                if (!dry.IsComplete(offerings.Length) || !sent.IsComplete(offerings.Length))
                {
                    Interlocked.Increment(ref errors);
                    ReportError("mixed week", provider, dry.IsComplete(offerings.Length) ? sent : dry);
                }
            }
        }

        await Task.WhenAll(providers.Select(p => Task.Run(() => RunProviderAsync(p), cancellationToken)));
        var wall = Stopwatch.GetElapsedTime(started);
        var result = new MixedWeekResult(errors, accepted, accepted / wall.TotalSeconds, wall.TotalSeconds, dryRuns.Summarize(wall), sends.Summarize(wall), warnings);
        Console.WriteLine($"  stored {accepted} reports ({errors} errors) in {wall.TotalSeconds:F1} s: {result.AcceptedPerSecond:F0} reports/s, {warnings} warnings in the dry runs");
        Console.WriteLine("  " + result.DryRun.Format("dry run latency"));
        Console.WriteLine("  " + result.Send.Format("send latency"));
        return result;
    }

    /// <summary>A batch as a provider sends it in an ordinary week: mostly "unchanged", a fifth with new plausible figures.</summary>
    private static byte[] MixedBatchBody(IReadOnlyList<Guid> offeringIds, Random random)
    {
        var reports = offeringIds.Select(id => random.NextDouble() < UnchangedShare
                ? new BatchReportItem(id, null, null, null, null, null, null, null, null, null, null, Unchanged: true)
                : Changed(id, random))
            .ToList<BatchReportItem?>();
        return JsonSerializer.SerializeToUtf8Bytes(new AvailabilityBatchRequest(reports), Json);

        // A week changes the waits and the list, rarely the capacity: a place more or less.
        static BatchReportItem Changed(Guid id, Random random) =>
            new(id, true, random.Next(1, 12), random.Next(1, 12), random.Next(0, 3), PlacesOf(id) + random.Next(-1, 2), random.Next(0, 9),
                "actueel", false, random.Next(3) == 0, null);
    }

    /// <summary>An offering's capacity, 4 to 40 places, the same every week.</summary>
    private static int PlacesOf(Guid offering) => 4 + (int)((uint)offering.GetHashCode() % 37);

    /// <summary>Counts the stored reports per API key: each must equal what the app said it accepted for that key.</summary>
    private static async Task<bool> CheckStoredAsync(AppUnderTest app, List<BenchProvider> providers, CancellationToken cancellationToken)
    {
        await using var db = app.CreateDbContext();
        var stored = await db.AvailabilityReports
            .GroupBy(r => r.ApiKeyId)
            .Select(g => new { ApiKeyId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.ApiKeyId ?? "(none)", g => g.Count, cancellationToken);
        // The week's arranged reports of last week were stored without a key.
        var arranged = stored.GetValueOrDefault("(none)");
        var total = stored.Values.Sum() - arranged;
        var expected = providers.Sum(p => p.Accepted);
        var mismatches = providers.Where(p => stored.GetValueOrDefault(p.KeyId) != p.Accepted).ToList();
        var ok = total == expected && mismatches.Count == 0;

        Console.WriteLine();
        Console.WriteLine($"Check: {total} rows sent with a key in availability_reports (and {arranged} arranged without), {expected} accepted " +
                          "(warm-up + single + sustained + the week's real sends; its dry runs stored nothing); " +
                          $"{providers.Count - mismatches.Count} of {providers.Count} keys match: {(ok ? "OK, nothing lost or doubled" : "MISMATCH")}");
        foreach (var p in mismatches)
        {
            Console.WriteLine($"  provider #{p.Index}: {stored.GetValueOrDefault(p.KeyId)} stored, {p.Accepted} accepted");
        }

        return ok;
    }

    /// <summary>Posts one batch; the time runs from sending the request until the whole response body has arrived.</summary>
    private static async Task<BatchResult> PostBatchAsync(HttpClient client, byte[] body, CancellationToken cancellationToken, bool dryRun = false)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsync(dryRun ? $"{ReportsPath}?dryRun=true" : ReportsPath, content, cancellationToken);
            var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var duration = Stopwatch.GetElapsedTime(started);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new BatchResult(duration, (int)response.StatusCode, 0, Encoding.UTF8.GetString(responseBody));
            }

            using var document = JsonDocument.Parse(responseBody);
            var root = document.RootElement;
            var warnings = root.TryGetProperty("warnings", out var list) ? list.GetArrayLength() : 0;

            // A dry run stores nothing: what it "accepts" is checked, not counted as stored.
            return new BatchResult(duration, 200, dryRun ? 0 : root.GetProperty("accepted").GetInt32(), "", warnings, dryRun ? root.GetProperty("accepted").GetInt32() : null);
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
    private sealed record BatchResult(TimeSpan Duration, int StatusCode, int Accepted, string Body, int Warnings = 0, int? Checked = null)
    {
        public bool IsComplete(int sent) => StatusCode == 200 && (Checked ?? Accepted) == sent;
    }

    private sealed record MixedWeekResult(int Errors, long Reports, double AcceptedPerSecond, double Seconds, LatencySummary DryRun, LatencySummary Send, long Warnings);

    private sealed record SingleBatchResult(int Errors, LatencySummary Latency);

    private sealed record SustainedResult(int Errors, double AcceptedPerSecond, double Seconds);
}
