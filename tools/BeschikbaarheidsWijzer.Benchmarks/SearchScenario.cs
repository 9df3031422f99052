using System.Globalization;
using System.Net;
using System.Text.Json;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>
/// The search targets of the issue, at 1,000 / 10,000 / 100,000 offerings with 26 weeks of history each, 32 clients:
/// p95 at the largest size at most twice p95 at the smallest (cache off); search throughput at the largest size at least
/// 40% of a primary-key floor endpoint's in the same run; with the output cache on, repeated queries at least 5× the
/// uncached throughput. Beside the search, the detail page (<c>GET /offerings/{id}?municipality=&amp;age=</c>) as its own
/// kind: at 10,000 offerings (else the largest size) its throughput at least 60% of the search's, cache off.
/// One database grows from size to size; at each size the app is restarted cache off and cache on.
/// </summary>
public sealed class SearchScenario(int seconds, int clients, int[] sizes, int distinctQueries) : IScenario
{
    public const string OptionsHelp = """
          --seconds N     how long each measured load runs, 3 to 600 seconds (default 15)
          --clients N     concurrent clients, each on its own connection, 1 to 512 (default 32)
          --sizes A,B,..  offering counts to measure, ascending (default 1000,10000,100000); targets compare the
                          first and the last
          --queries N     distinct search queries in the mix, 10 to 100000 (default 1000); every client picks from
                          the same set. The cached run first asks each once (not counted), with the cache's expiry
                          set to 10 minutes so that every query in the measured run is a repeat
        """;

    private const string SearchPath = "/api/v1/offerings";
    private const string FloorPath = "/api/v1/benchmark-floor/";
    private const int RandomSeed = 20261201;
    private const double MaxP95Growth = 2.0;
    private const double MinShareOfFloor = 0.40;
    private const double MinCacheSpeedUp = 5.0;
    private const double MinDetailShareOfSearch = 0.60;
    private const int DetailTargetSize = 10_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    // The four parts of the mix the issue names, asked equally often.
    private const string KindCareTypeAge = "careType+age";
    private const string KindAvailableNow = "availableNow";
    private const string KindText = "q (typo)";
    private const string KindDistance = "sort=distance";
    private const string KindCapacity = "capacity";

    private static readonly Dictionary<string, string> CacheOff = new() { ["Search__OutputCache__Enabled"] = "false" };
    private static readonly Dictionary<string, string> CacheOn = new()
    {
        ["Search__OutputCache__Enabled"] = "true",
        ["Search__OutputCache__Seconds"] = "600",
    };

    public static IScenario Create(ArgumentReader arguments)
    {
        var seconds = arguments.TakeInt("--seconds", defaultValue: 15, min: 3, max: 600);
        var clients = arguments.TakeInt("--clients", defaultValue: 32, min: 1, max: 512);
        var sizes = arguments.TakeIntList("--sizes", [1_000, 10_000, 100_000], min: 100, max: 1_000_000);
        var queries = arguments.TakeInt("--queries", defaultValue: 1_000, min: 10, max: 100_000);
        if (sizes.Zip(sizes.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            throw new UsageException("--sizes must go up: the database grows from one size to the next.");
        }

        return new SearchScenario(seconds, clients, sizes, queries);
    }

    /// <summary>The floor endpoint is on in every start of the app; the output cache is set per measurement.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; } = new Dictionary<string, string> { ["Benchmarks__FloorEndpoint"] = "true" };

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var loadBefore = MachineText.LoadAverage();
        var generator = new SearchDataGenerator(app.ConnectionString, DateTimeOffset.UtcNow);
        await generator.AddGeographyAsync(cancellationToken);
        var runner = new LoadRunner(app, clients);
        var duration = TimeSpan.FromSeconds(seconds);
        var results = new List<SizeResult>();
        var failed = false;

        foreach (var size in sizes)
        {
            await generator.GrowToAsync(size, cancellationToken);
            var queries = BuildQueries(generator, distinctQueries);
            var sampleIds = generator.SampleOfferingIds;
            Console.WriteLine();
            Console.WriteLine($"== {size:N0} offerings: {clients} clients, {seconds} s per load, {queries.Length:N0} distinct queries ==");

            // A restart also drops the app's reference cache, which has not seen the generated municipalities yet.
            await app.RestartAppAsync(CacheOff, cancellationToken);
            failed |= !await CheckMixAsync(app, queries, cancellationToken);

            var details = await DetailRequestsAsync(app, queries, cancellationToken);
            BenchRequest Floor(int worker, long i) => new(FloorPath + sampleIds[(int)((worker * 7919L + i * 104_729L) % sampleIds.Count)], "floor");
            BenchRequest Search(int worker, long i) => queries[(int)((worker * 7919L + i * 104_729L) % queries.Length)];
            BenchRequest Detail(int worker, long i) => details[(int)((worker * 7919L + i * 104_729L) % details.Length)];

            await runner.RunAsync("warm-up (not counted)", WarmUp, Search, cancellationToken);
            await runner.RunAsync("warm-up (not counted)", WarmUp, Floor, cancellationToken);
            await runner.RunAsync("warm-up (not counted)", WarmUp, Detail, cancellationToken);
            var floor = await runner.RunAsync("floor (primary key)", duration, Floor, cancellationToken);
            var uncached = await runner.RunAsync("search, cache off", duration, Search, cancellationToken);
            var detail = await runner.RunAsync("detail, cache off", duration, Detail, cancellationToken);

            await app.RestartAppAsync(CacheOn, cancellationToken);
            await runner.RunOnceEachAsync("priming the cache (not counted)", queries, cancellationToken);
            var cached = await runner.RunAsync("search, cache on", duration, Search, cancellationToken);

            failed |= floor.Errors + uncached.Errors + cached.Errors + detail.Errors > 0;
            results.Add(new SizeResult(size, generator.ReportCount, floor, uncached, cached, detail));
        }

        return PrintSummary(results, failed, loadBefore, MachineText.LoadAverage());
    }

    private ScenarioOutcome PrintSummary(List<SizeResult> results, bool failed, string? loadBefore, string? loadAfter)
    {
        Console.WriteLine();
        Console.WriteLine("== Summary: search ==");
        Console.WriteLine($"{"offerings",10} {"reports",10} | {"floor req/s",11} {"p95",7} | {"search req/s",12} {"p50",7} {"p95",7} {"p99",7} {"÷floor",7} | " +
                          $"{"cached req/s",12} {"p50",7} {"p95",7} {"p99",7} {"×uncached",9}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Offerings,10:N0} {r.Reports,10:N0} | {r.Floor.Latency.PerSecond,11:F0} {Ms(r.Floor.Latency.P95),7} | " +
                              $"{r.Uncached.Latency.PerSecond,12:F0} {Ms(r.Uncached.Latency.P50),7} {Ms(r.Uncached.Latency.P95),7} {Ms(r.Uncached.Latency.P99),7} " +
                              $"{r.ShareOfFloor,7:P0} | {r.Cached.Latency.PerSecond,12:F0} {Ms(r.Cached.Latency.P50),7} {Ms(r.Cached.Latency.P95),7} " +
                              $"{Ms(r.Cached.Latency.P99),7} {r.CacheSpeedUp,8:F1}×");
        }

        Console.WriteLine("(latencies in ms; ÷floor = search req/s as a share of the floor's in the same run)");
        Console.WriteLine();
        Console.WriteLine($"{"offerings",10} | {"detail req/s",12} {"p50",7} {"p95",7} {"p99",7} {"÷search",8} {"KiB",6}");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Offerings,10:N0} | {r.Detail.Latency.PerSecond,12:F0} {Ms(r.Detail.Latency.P50),7} {Ms(r.Detail.Latency.P95),7} " +
                              $"{Ms(r.Detail.Latency.P99),7} {r.DetailShareOfSearch,8:P0} {r.Detail.MeanResponseBytes / 1024.0,6:F1}");
        }

        Console.WriteLine("(detail: GET /api/v1/offerings/{id}?municipality=&age= for offerings the mix's searches found; ÷search = detail req/s as a share of the search's, cache off)");
        var smallest = results[0];
        var largest = results[^1];
        var growth = largest.Uncached.Latency.P95 / smallest.Uncached.Latency.P95;
        var growthMet = growth <= MaxP95Growth;
        var floorMet = largest.ShareOfFloor >= MinShareOfFloor;
        var cacheMet = largest.CacheSpeedUp >= MinCacheSpeedUp;
        Console.WriteLine();
        Console.WriteLine($"p95 at {largest.Offerings:N0} / p95 at {smallest.Offerings:N0} (cache off): {growth,5:F2}×   target <= {MaxP95Growth:F1}×   {MachineText.PassOrMiss(growthMet)}");
        Console.WriteLine($"search / floor throughput at {largest.Offerings:N0}:    {largest.ShareOfFloor,5:P0}    target >= {MinShareOfFloor:P0}    {MachineText.PassOrMiss(floorMet)}");
        Console.WriteLine($"cached / uncached throughput at {largest.Offerings:N0}: {largest.CacheSpeedUp,5:F1}×   target >= {MinCacheSpeedUp:F1}×   {MachineText.PassOrMiss(cacheMet)}");
        var detailAt = results.FirstOrDefault(r => r.Offerings == DetailTargetSize) ?? largest;
        var detailMet = detailAt.DetailShareOfSearch >= MinDetailShareOfSearch;
        Console.WriteLine($"detail / search throughput at {detailAt.Offerings:N0}: {detailAt.DetailShareOfSearch,5:P0}    target >= {MinDetailShareOfSearch:P0}    {MachineText.PassOrMiss(detailMet)}");
        MachineText.PrintMachine(loadBefore, loadAfter);

        if (failed)
        {
            Console.WriteLine("FAILED: there were error responses or a search answered wrongly; the figures above cannot be trusted.");
            return ScenarioOutcome.Failed;
        }

        return growthMet && floorMet && cacheMet && detailMet ? ScenarioOutcome.TargetsMet : ScenarioOutcome.TargetMissed;
    }

    /// <summary>
    /// The mix: municipalities picked at random over all regions (so most are generated ones), each query one of the five
    /// kinds (the fifth the lokale toegang's capacity picture of a municipality, not a search but answered from its index). Text queries are a provider name's core with one letter dropped, the typo a parent makes.
    /// </summary>
    private static BenchRequest[] BuildQueries(SearchDataGenerator data, int count)
    {
        var random = new Random(RandomSeed);
        var queries = new BenchRequest[count];
        for (var i = 0; i < count; i++)
        {
            var municipality = data.Municipalities[random.Next(data.Municipalities.Count)];
            var careType = data.CareTypes[random.Next(data.CareTypes.Count)];
            var age = random.Next(0, 19);
            queries[i] = (i % 5) switch
            {
                4 => new($"/api/v1/municipalities/{municipality.Code}/capacity?age={age}", KindCapacity),
                0 => new($"{SearchPath}?municipality={municipality.Code}&careType={careType}&age={age}", KindCareTypeAge),
                1 => new($"{SearchPath}?municipality={municipality.Code}&careType={careType}&availableNow=true", KindAvailableNow),
                2 => new($"{SearchPath}?municipality={municipality.Code}&q={Uri.EscapeDataString(WithTypo(data.ProviderNameCores[random.Next(data.ProviderNameCores.Count)], random))}", KindText),
                _ => new(string.Create(CultureInfo.InvariantCulture,
                    $"{SearchPath}?municipality={municipality.Code}&careType={careType}&lat={municipality.Lat + (random.NextDouble() - 0.5) * 0.05:F5}&lon={municipality.Lon + (random.NextDouble() - 0.5) * 0.05:F5}&sort=distance"), KindDistance),
            };
        }

        return queries;
    }

    private static string WithTypo(string name, Random random)
    {
        var core = name.StartsWith("De ", StringComparison.Ordinal) || name.StartsWith("Het ", StringComparison.Ordinal) ? name[(name.IndexOf(' ') + 1)..] : name;
        var drop = 1 + random.Next(core.Length - 2);
        return core.Remove(drop, 1);
    }

    /// <summary>
    /// Before measuring, each kind of query must answer 200 with results that obey it, so the load measures real searches
    /// (a fast 400 or an empty answer would flatter the figures).
    /// </summary>
    private static async Task<bool> CheckMixAsync(AppUnderTest app, BenchRequest[] queries, CancellationToken cancellationToken)
    {
        using var client = app.CreateClient();
        var ok = true;

        // Right after a start the first search waits for the app to load its search index.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var first = await client.GetAsync(queries[0].Path, cancellationToken))
        {
            Console.WriteLine($"  first search after the start (loads the search index): {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s, HTTP {(int)first.StatusCode}");
        }

        foreach (var group in queries.GroupBy(q => q.Kind))
        {
            var items = 0;
            var asked = 0;
            foreach (var query in group.Take(25))
            {
                using var response = await client.GetAsync(query.Path, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                asked++;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Console.Error.WriteLine($"  CHECK FAILED: GET {query.Path}: HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
                    ok = false;
                    continue;
                }

                using var document = JsonDocument.Parse(body);
                if (group.Key == KindCapacity)
                {
                    // A picture counts its care types; each must hold together (room now and within the norm are parts of all).
                    foreach (var careType in document.RootElement.GetProperty("careTypes").EnumerateArray())
                    {
                        var offerings = careType.GetProperty("offerings").GetInt32();
                        items++;
                        if (offerings == 0 || careType.GetProperty("availableNow").GetInt32() > offerings || careType.GetProperty("withinNorm").GetInt32() > offerings)
                        {
                            Console.Error.WriteLine($"  CHECK FAILED: GET {query.Path} counted more than it has: {careType}");
                            ok = false;
                        }
                    }

                    continue;
                }

                var found = document.RootElement.GetProperty("items");
                items += found.GetArrayLength();
                foreach (var item in found.EnumerateArray())
                {
                    if (group.Key == KindAvailableNow && !item.GetProperty("availability").GetProperty("availableNow").GetBoolean())
                    {
                        Console.Error.WriteLine($"  CHECK FAILED: GET {query.Path} returned an offering that is not available now.");
                        ok = false;
                    }

                    if (group.Key == KindDistance && item.GetProperty("location").GetProperty("distanceKm").ValueKind != JsonValueKind.Number)
                    {
                        Console.Error.WriteLine($"  CHECK FAILED: GET {query.Path} returned an offering without distanceKm.");
                        ok = false;
                    }
                }
            }

            Console.WriteLine($"  check {group.Key,-14}: {asked} queries answered 200, {items / (double)asked,5:F1} {(group.Key == KindCapacity ? "care types a picture" : "items a page")} on average");
            if (items == 0)
            {
                Console.Error.WriteLine($"  CHECK FAILED: no {group.Key} query found anything; the mix would measure empty searches.");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// Detail pages as a parent opens them: offerings the mix's care-type searches found, each with the municipality and
    /// the age searched for (up to 1,000 distinct). Each must answer 200 with its history, or the figures are not used.
    /// </summary>
    private static async Task<BenchRequest[]> DetailRequestsAsync(AppUnderTest app, BenchRequest[] queries, CancellationToken cancellationToken)
    {
        using var client = app.CreateClient();
        var details = new List<BenchRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in queries.Where(q => q.Kind == KindCareTypeAge).Take(400))
        {
            var parameters = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + query.Path).Query);
            using var document = JsonDocument.Parse(await client.GetStringAsync(query.Path, cancellationToken));
            foreach (var item in document.RootElement.GetProperty("items").EnumerateArray().Take(3))
            {
                var path = $"{SearchPath}/{item.GetProperty("id").GetGuid()}?municipality={parameters["municipality"]}&age={parameters["age"]}";
                if (seen.Add(path) && details.Count < 1_000)
                {
                    details.Add(new BenchRequest(path, "detail"));
                }
            }
        }

        if (details.Count == 0)
        {
            throw new InvalidOperationException("The mix's searches found no offerings to open: the detail cannot be measured.");
        }

        foreach (var detail in details.Take(25))
        {
            using var response = await client.GetAsync(detail.Path, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"history\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {detail.Path}: HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
            }
        }

        Console.WriteLine($"  detail: {details.Count:N0} distinct offerings with municipality and age, the first 25 answered 200 with their history");
        return [.. details];
    }

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record SizeResult(int Offerings, long Reports, LoadResult Floor, LoadResult Uncached, LoadResult Cached, LoadResult Detail)
    {
        public double DetailShareOfSearch => Uncached.Latency.PerSecond == 0 ? 0 : Detail.Latency.PerSecond / Uncached.Latency.PerSecond;

        public double ShareOfFloor => Floor.Latency.PerSecond == 0 ? 0 : Uncached.Latency.PerSecond / Floor.Latency.PerSecond;

        public double CacheSpeedUp => Uncached.Latency.PerSecond == 0 ? 0 : Cached.Latency.PerSecond / Uncached.Latency.PerSecond;
    }
}
