using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Geocoding;

/// <summary>
/// Searching by postcode on the demo data, with the app talking real HTTP to a fake PDOK Locatieserver on loopback. Every
/// test starts its own fake and its own app instance (its own circuit breaker and output cache) on the class's database,
/// and empties the postcode cache first.
/// </summary>
public sealed class PostcodeSearchTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>, IAsyncLifetime
{
    private const string Unresolved = "postcode-unresolved:";

    public async Task InitializeAsync()
    {
        await using var db = app.CreateDbContext();
        await db.PostcodeLocations.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_postcode_search_gives_the_municipality_search_items_with_distances_from_the_postcode()
    {
        await using var fake = await FakePdok.StartAsync();
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var (byPostcode, warnings) = await AllItemsAsync(client, "postcode=7001AB&sort=distance");
        var (byMunicipality, _) = await AllItemsAsync(client, "municipality=GM0222&lat=51.9651&lon=6.2884&sort=distance");

        Assert.Empty(warnings);
        Assert.NotEmpty(byPostcode);
        Assert.Equal(Ids(byMunicipality), Ids(byPostcode));
        Assert.Equal(Distances(byMunicipality), Distances(byPostcode));
        Assert.Equal(Distances(byPostcode).Order(), Distances(byPostcode));
        var query = Assert.Single(fake.Queries);
        Assert.Equal("postcode:7001AB", query["q"]);
        Assert.Equal("type:postcode", query["fq"]);
        Assert.Equal("1", query["rows"]);
        Assert.Equal("centroide_ll,gemeentecode,postcode", query["fl"]);

        // Any way of writing it is the same postcode, and the same cache entry.
        var (spaced, _) = await AllItemsAsync(client, "postcode=%207001%20ab%20&sort=distance&pageSize=99");
        Assert.Equal(Ids(byPostcode), Ids(spaced));
        Assert.Equal(1, fake.Calls);
    }

    [Fact]
    public async Task Municipality_wins_over_the_postcode_which_still_gives_the_reference_point_and_lat_lon_win_over_both()
    {
        await using var fake = await FakePdok.StartAsync();
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var (both, warnings) = await AllItemsAsync(client, "postcode=7001AB&municipality=GM0153&sort=distance");
        var (expected, _) = await AllItemsAsync(client, "municipality=GM0153&lat=51.9651&lon=6.2884&sort=distance");
        Assert.Empty(warnings);
        Assert.Equal(Ids(expected), Ids(both));
        Assert.Equal(Distances(expected), Distances(both));

        var (withPoint, _) = await AllItemsAsync(client, "postcode=7001AB&lat=52.2215&lon=6.8937&sort=distance");
        var (expectedWithPoint, _) = await AllItemsAsync(client, "municipality=GM0222&lat=52.2215&lon=6.8937&sort=distance");
        Assert.Equal(Ids(expectedWithPoint), Ids(withPoint));
        Assert.Equal(Distances(expectedWithPoint), Distances(withPoint));
    }

    [Fact]
    public async Task The_second_lookup_is_served_from_the_postgresql_cache()
    {
        await using (var fake = await FakePdok.StartAsync())
        await using (var api = AppUsing(fake))
        {
            var client = api.CreateClient();
            await AllItemsAsync(client, "postcode=7511AB");
            Assert.Equal(1, fake.Calls);

            await using var db = app.CreateDbContext();
            var row = await db.PostcodeLocations.SingleAsync(p => p.Postcode == "7511AB");
            Assert.Equal("GM0153", row.MunicipalityCode);
            Assert.Equal(52.2215, row.Latitude);
            Assert.Equal(6.8937, row.Longitude);
            Assert.Equal(app.Clock.GetUtcNow(), row.ResolvedAt);

            await AllItemsAsync(client, "postcode=7511AB&careType=jeugd-ggz-basis");
            Assert.Equal(1, fake.Calls);
        }

        // A new app instance (nothing in memory) whose geocoder is down still knows the postcode, from PostgreSQL.
        await using var failing = await FakePdok.StartAsync(FakePdokMode.Failing);
        await using var restarted = AppUsing(failing);
        var (items, warnings) = await AllItemsAsync(restarted.CreateClient(), "postcode=7511AB");
        var (expected, _) = await AllItemsAsync(restarted.CreateClient(), "municipality=GM0153");
        Assert.Empty(warnings);
        Assert.Equal(Ids(expected).Order(), Ids(items).Order());
        Assert.Equal(0, failing.Calls);
    }

    [Fact]
    public async Task Concurrent_first_lookups_of_one_postcode_all_answer_and_store_one_row()
    {
        await using var fake = await FakePdok.StartAsync();
        fake.Delay = TimeSpan.FromMilliseconds(200); // so the lookups overlap and all miss the cache
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => client.GetAsync($"/api/v1/offerings?postcode=7512AB&pageSize={i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.InRange(fake.Calls, 1, 6);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.PostcodeLocations.CountAsync(p => p.Postcode == "7512AB"));
    }

    [Fact]
    public async Task An_expired_cache_entry_serves_while_the_geocoder_is_down_and_is_refreshed_when_it_is_back()
    {
        var old = app.Clock.GetUtcNow().AddDays(-31);
        await using (var db = app.CreateDbContext())
        {
            db.PostcodeLocations.Add(new PostcodeLocation { Postcode = "7003AB", MunicipalityCode = "GM0222", Latitude = 51.97, Longitude = 6.30, ResolvedAt = old });
            await db.SaveChangesAsync();
        }

        await using var fake = await FakePdok.StartAsync(FakePdokMode.Failing);
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var (items, warnings) = await AllItemsAsync(client, "postcode=7003AB");
        var (expected, _) = await AllItemsAsync(client, "municipality=GM0222");
        Assert.Empty(warnings);
        Assert.Equal(Ids(expected).Order(), Ids(items).Order());
        Assert.True(fake.Calls > 0, "an expired entry is checked with the geocoder first");

        fake.Mode = FakePdokMode.Ok;
        await AllItemsAsync(client, "postcode=7003AB&pageSize=50");
        await using var check = app.CreateDbContext();
        var row = await check.PostcodeLocations.SingleAsync(p => p.Postcode == "7003AB");
        Assert.Equal(app.Clock.GetUtcNow(), row.ResolvedAt);
        Assert.Equal(51.9702, row.Latitude);
    }

    [Fact]
    public async Task A_failing_geocoder_is_retried_and_the_search_answers_with_a_warning_without_the_municipality_filter()
    {
        await using var fake = await FakePdok.StartAsync(FakePdokMode.Failing);
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var (items, warnings) = await AllItemsAsync(client, "postcode=7001AB&careType=jeugd-ggz-basis");

        Assert.Contains(warnings, w => w.StartsWith(Unresolved, StringComparison.Ordinal));
        var (everywhere, _) = await AllItemsAsync(client, "careType=jeugd-ggz-basis");
        var (inDoetinchem, _) = await AllItemsAsync(client, "municipality=GM0222&careType=jeugd-ggz-basis");
        Assert.Equal(Ids(everywhere), Ids(items));
        Assert.True(items.Count > inDoetinchem.Count, "results are not limited to the postcode's municipality");
        Assert.All(items, i => Assert.Equal("jeugd-ggz-basis", i.GetProperty("careType").GetProperty("code").GetString()));
        Assert.InRange(fake.Calls, 2, 3); // the first attempt and its retries
        await using var db = app.CreateDbContext();
        Assert.False(await db.PostcodeLocations.AnyAsync(), "an unavailable answer is never cached");

        // Once the geocoder is back, the very same search is answered properly: the degraded answer was not kept.
        fake.Mode = FakePdokMode.Ok;
        var (again, warningsAgain) = await AllItemsAsync(client, "postcode=7001AB&careType=jeugd-ggz-basis");
        Assert.Empty(warningsAgain);
        Assert.Equal(Ids(inDoetinchem).Order(), Ids(again).Order());
    }

    [Fact]
    public async Task Sorting_by_distance_from_an_unresolved_postcode_falls_back_to_wait_with_a_warning()
    {
        await using var fake = await FakePdok.StartAsync(FakePdokMode.Failing);
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var (items, warnings) = await AllItemsAsync(client, "postcode=7001AB&sort=distance");
        var (byWait, _) = await AllItemsAsync(client, "sort=wait");

        Assert.Contains(warnings, w => w.StartsWith("sort-fallback:", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith(Unresolved, StringComparison.Ordinal));
        Assert.Equal(Ids(byWait), Ids(items));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("location").GetProperty("distanceKm").ValueKind));
    }

    [Fact]
    public async Task A_slow_geocoder_gives_up_and_the_search_answers_with_a_warning()
    {
        await using var fake = await FakePdok.StartAsync(FakePdokMode.Slow);
        await using var api = AppUsing(fake, ("Geocoder:AttemptTimeout", "00:00:00.300"), ("Geocoder:TotalTimeout", "00:00:01"));
        var client = api.CreateClient();
        await client.GetAsync("/api/v1/offerings?pageSize=1"); // start-up out of the measurement

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/v1/offerings?postcode=7001AB");
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(Warnings(body), w => w.StartsWith(Unresolved, StringComparison.Ordinal));
        Assert.True(clock.Elapsed < fake.SlowDelay / 2, $"answered after {clock.Elapsed}, the fake answers after {fake.SlowDelay}");
        Assert.True(fake.Calls >= 1);
    }

    [Fact]
    public async Task An_open_circuit_answers_at_once_with_a_warning_without_calling_the_geocoder()
    {
        await using var fake = await FakePdok.StartAsync(FakePdokMode.Failing);
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        // Different postcodes, so that no cache of any kind could be what keeps the fake from being called.
        for (var i = 0; i < 3; i++)
        {
            var (_, warnings) = await AllItemsAsync(client, $"postcode={7101 + i}AB");
            Assert.Contains(warnings, w => w.StartsWith(Unresolved, StringComparison.Ordinal));
        }

        var callsWhenOpen = fake.Calls;
        Assert.True(callsWhenOpen >= 5, $"the circuit opens after at least 5 attempts in its window, saw {callsWhenOpen}");

        fake.Mode = FakePdokMode.Ok; // healthy again, but the circuit stays open for its break
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 4; i++)
        {
            var (_, warnings) = await AllItemsAsync(client, $"postcode={7201 + i}AB");
            Assert.Contains(warnings, w => w.StartsWith(Unresolved, StringComparison.Ordinal));
        }

        Assert.Equal(callsWhenOpen, fake.Calls);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"four searches with an open circuit took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_malformed_answer_gives_a_warning_is_not_retried_and_not_cached()
    {
        await using var fake = await FakePdok.StartAsync(FakePdokMode.Malformed);
        await using var api = AppUsing(fake);

        var response = await api.CreateClient().GetAsync("/api/v1/offerings?postcode=7001AB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Warnings(await response.Content.ReadFromJsonAsync<JsonElement>()), w => w.StartsWith(Unresolved, StringComparison.Ordinal));
        Assert.Equal(1, fake.Calls); // a 200 with a bad body is not a transient failure
        await using var db = app.CreateDbContext();
        Assert.False(await db.PostcodeLocations.AnyAsync());
    }

    [Theory]
    [InlineData(FakePdokMode.NotFound, "7001AB")]
    [InlineData(FakePdokMode.Ok, "9999ZZ")]
    public async Task An_unknown_postcode_is_a_400_naming_postcode_and_is_asked_again_next_time(FakePdokMode mode, string postcode)
    {
        await using var fake = await FakePdok.StartAsync(mode);
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        await AssertProblemNamingPostcodeAsync(client, $"postcode={postcode}");
        await AssertProblemNamingPostcodeAsync(client, $"postcode={postcode}&municipality=GM0222");

        Assert.Equal(2, fake.Calls); // not found is not cached: a new postcode works as soon as PDOK knows it
    }

    [Fact]
    public async Task A_malformed_postcode_is_a_400_naming_postcode_without_asking_the_geocoder()
    {
        await using var fake = await FakePdok.StartAsync();
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        string[] malformed = ["12345", "1234 A", "<script>", "0123AB", "1234 SS", "1234ABC", "12 34AB", "７００１AB", "7001-AB", "postcode:7001AB"];
        foreach (var postcode in malformed)
        {
            await AssertProblemNamingPostcodeAsync(client, $"postcode={Uri.EscapeDataString(postcode)}");
        }

        Assert.Equal(0, fake.Calls);
    }

    [Fact]
    public async Task A_postcode_outside_the_regions_served_answers_with_a_warning_national_norms_and_distances()
    {
        await using var fake = await FakePdok.StartAsync();
        await using var api = AppUsing(fake);
        var client = api.CreateClient();

        var (items, warnings) = await AllItemsAsync(client, "postcode=1012AB&careType=jeugd-ggz-basis&sort=distance");
        var (everywhere, _) = await AllItemsAsync(client, "careType=jeugd-ggz-basis");

        var warning = Assert.Single(warnings);
        Assert.StartsWith("postcode-outside-regions:", warning, StringComparison.Ordinal);
        Assert.Contains("GM0363", warning, StringComparison.Ordinal);
        Assert.Equal(Ids(everywhere).Order(), Ids(items).Order());
        Assert.Equal(Distances(items).Order(), Distances(items));
        Assert.True(Distances(items)[0] > 50, "Amsterdam is far from every demo location");
        Assert.All(items, i => Assert.Equal("treeknorm", i.GetProperty("norm").GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Invalid_geocoder_settings_stop_the_app_from_starting()
    {
        await using var api = app.WithWebHostBuilder(b => b.UseSetting("Geocoder:BaseUrl", "not a url"));

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Geocoder:BaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The app under test, with its geocoder pointed at <paramref name="fake"/> and short delays.</summary>
    private WebApplicationFactory<Program> AppUsing(FakePdok fake, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Geocoder:BaseUrl", fake.BaseUrl);
            builder.UseSetting("Geocoder:RetryBaseDelay", "00:00:00.020");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static async Task AssertProblemNamingPostcodeAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/offerings?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("postcode", out _), $"expected an error for postcode with {query}: {problem}");
    }

    private static async Task<(List<JsonElement> Items, List<string> Warnings)> AllItemsAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        var warnings = new List<string>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync($"/api/v1/offerings?{query}&page={page}" + (query.Contains("pageSize=", StringComparison.Ordinal) ? "" : "&pageSize=100"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            items.AddRange(body.GetProperty("items").EnumerateArray());
            warnings.AddRange(Warnings(body).Where(w => !warnings.Contains(w)));
            if (items.Count >= body.GetProperty("total").GetInt32() || body.GetProperty("items").GetArrayLength() == 0)
            {
                return (items, warnings);
            }
        }
    }

    private static List<string> Warnings(JsonElement body) => body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();

    private static List<Guid> Ids(List<JsonElement> items) => items.Select(i => i.GetProperty("id").GetGuid()).ToList();

    private static List<double> Distances(List<JsonElement> items) =>
        items.Select(i => i.GetProperty("location").GetProperty("distanceKm").GetDouble()).ToList();
}
