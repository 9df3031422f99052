using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>The search on the demo data: every filter, sort and facet must agree with what the items themselves say.</summary>
public sealed class SearchTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    private static readonly DateOnly Today = IsoWeek.ToAmsterdamDate(TestPostgres.DemoClock);
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("GM0222", "jeugd-ggz-specialistisch")]
    [InlineData("GM0153", "ambulante-begeleiding")]
    [InlineData("GM0281", "pleegzorg")]
    public async Task A_municipality_shows_only_offerings_contracted_there_today_of_the_care_type(string municipality, string careType)
    {
        var items = await AllItemsAsync($"municipality={municipality}&careType={careType}");

        await using var db = app.CreateDbContext();
        var expected = await db.Offerings
            .Where(o => o.DeletedAt == null && o.CareTypeCode == careType
                        && o.Contracts.Any(c => c.MunicipalityCode == municipality && c.ValidFrom <= Today && (c.ValidTo == null || c.ValidTo >= Today)))
            .Select(o => o.Id).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), items.Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.All(items, i => Assert.Equal(careType, i.GetProperty("careType").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task An_ended_contract_keeps_an_offering_out_of_that_municipality()
    {
        await using var db = app.CreateDbContext();
        var ended = await db.Contracts
            .Where(c => c.ValidTo < Today && !db.Contracts.Any(o => o.OfferingId == c.OfferingId && o.MunicipalityCode == c.MunicipalityCode && (o.ValidTo == null || o.ValidTo >= Today)))
            .Select(c => new { c.OfferingId, c.MunicipalityCode })
            .FirstAsync();

        var items = await AllItemsAsync($"municipality={ended.MunicipalityCode}");

        Assert.DoesNotContain(ended.OfferingId, items.Select(i => i.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("GM0222")]
    [InlineData("GM0153")]
    [InlineData("GM0200")]
    [InlineData(null)]
    public async Task Filters_agree_with_the_items(string? municipality)
    {
        var place = municipality is null ? "" : $"municipality={municipality}&";
        var all = await AllItemsAsync(place.TrimEnd('&'));

        var within = await AllItemsAsync(place + "withinNorm=true");
        Assert.All(within, i => Assert.Equal("within", i.GetProperty("normStatus").GetString()));
        Assert.Equal(all.Count(i => i.GetProperty("normStatus").GetString() == "within"), within.Count);

        var available = await AllItemsAsync(place + "availableNow=true");
        Assert.All(available, i => Assert.True(i.GetProperty("availability").GetProperty("availableNow").GetBoolean()));
        Assert.Equal(all.Count(i => i.GetProperty("availability").ValueKind != JsonValueKind.Null && i.GetProperty("availability").GetProperty("availableNow").GetBoolean()), available.Count);

        var shortWait = await AllItemsAsync(place + "maxWaitWeeks=6");
        Assert.All(shortWait, i => Assert.True(EffectiveWait(i) <= 6));
        Assert.Equal(all.Count(i => EffectiveWait(i) <= 6), shortWait.Count);

        Assert.NotEmpty(within);
        Assert.NotEmpty(available);
    }

    [Fact]
    public async Task Sort_by_wait_puts_the_shortest_effective_wait_first_and_unknown_last()
    {
        var items = await AllItemsAsync("municipality=GM0222");

        var waits = items.Select(EffectiveWait).ToList();
        var known = waits.TakeWhile(w => w is not null).ToList();
        Assert.Equal(known.Order(), known);
        Assert.All(waits.Skip(known.Count), w => Assert.Null(w));
        Assert.True(known.Count < waits.Count, "the demo data has offerings without a known wait");
    }

    [Fact]
    public async Task Sort_by_distance_orders_by_the_distance_each_item_shows()
    {
        var items = await AllItemsAsync("lat=52.2215&lon=6.8937&sort=distance&careType=jeugd-ggz-basis");

        var distances = items.Select(i => i.GetProperty("location").GetProperty("distanceKm").GetDouble()).ToList();
        Assert.NotEmpty(distances);
        Assert.Equal(distances.Order(), distances);
        Assert.True(distances[0] < 15, "Enschede has an offering nearby");
    }

    [Fact]
    public async Task Distance_is_measured_from_the_municipality_centre_without_lat_and_lon()
    {
        var items = await AllItemsAsync("municipality=GM0222&sort=distance");

        Assert.All(items, i => Assert.NotEqual(JsonValueKind.Null, i.GetProperty("location").GetProperty("distanceKm").ValueKind));
        var first = items[0].GetProperty("location");
        Assert.True(first.GetProperty("distanceKm").GetDouble() <= items[^1].GetProperty("location").GetProperty("distanceKm").GetDouble());
    }

    [Fact]
    public async Task Sort_by_name_and_by_update()
    {
        var byName = await AllItemsAsync("municipality=GM0141&sort=name");
        var names = byName.Select(i => i.GetProperty("provider").GetProperty("name").GetString()!.ToLowerInvariant()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        var byUpdate = await AllItemsAsync("municipality=GM0141&sort=updated");
        var updated = byUpdate.Where(i => i.GetProperty("availability").ValueKind != JsonValueKind.Null)
            .Select(i => i.GetProperty("availability").GetProperty("reportedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(updated.OrderDescending(), updated);
    }

    [Fact]
    public async Task Facets_count_with_the_other_filters_but_not_their_own()
    {
        var response = await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?municipality=GM0222&careType=jeugd-ggz-basis&withinNorm=true");
        var facets = response.GetProperty("facets");

        foreach (var facet in facets.GetProperty("careTypes").EnumerateArray())
        {
            var code = facet.GetProperty("code").GetString();
            var alone = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?municipality=GM0222&careType={code}&withinNorm=true&pageSize=1");
            Assert.Equal(alone.GetProperty("total").GetInt32(), facet.GetProperty("count").GetInt32());
        }

        var statuses = facets.GetProperty("normStatus");
        var everyStatus = await AllItemsAsync("municipality=GM0222&careType=jeugd-ggz-basis");
        Assert.Equal(everyStatus.Count(i => i.GetProperty("normStatus").GetString() == "within"), statuses.GetProperty("within").GetInt32());
        Assert.Equal(everyStatus.Count(i => i.GetProperty("normStatus").GetString() == "exceeded"), statuses.GetProperty("exceeded").GetInt32());
        Assert.Equal(everyStatus.Count(i => i.GetProperty("normStatus").GetString() == "unknown"), statuses.GetProperty("unknown").GetInt32());
        Assert.Equal(statuses.GetProperty("within").GetInt32(), response.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Age_and_tag_filters()
    {
        var items = await AllItemsAsync("age=8&tag=autisme");

        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.InRange(8, i.GetProperty("ageMin").GetInt32(), i.GetProperty("ageMax").GetInt32());
            Assert.Contains("autisme", i.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        });
    }

    [Fact]
    public async Task Paging_covers_every_result_once()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?municipality=GM0153&pageSize=7&page=1");
        var total = first.GetProperty("total").GetInt32();

        var seen = new List<Guid>();
        for (var page = 1; page <= (total + 6) / 7; page++)
        {
            var response = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?municipality=GM0153&pageSize=7&page={page}");
            seen.AddRange(response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_provider_name_with_a_typo_still_matches()
    {
        await using var db = app.CreateDbContext();
        var name = await db.Providers.OrderBy(p => p.Name).Select(p => p.Name).FirstAsync();
        var word = name.Split(' ')[0];
        var typo = word.Length > 4 ? word[..2] + word[3] + word[2] + word[4..] : word + "x"; // swap two letters

        var items = await AllItemsAsync($"q={Uri.EscapeDataString(typo)}");

        Assert.Contains(items, i => i.GetProperty("provider").GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Free_text_finds_words_in_the_description_in_dutch_forms()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings.Where(o => o.Tags.Contains("trauma")).Select(o => o.Id).FirstAsync();

        var items = await AllItemsAsync("q=trauma");

        Assert.Contains(offering, items.Select(i => i.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("' or 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%_\\")]
    [InlineData("!!! ((( :*")]
    [InlineData("ünïcødé 🙂")]
    public async Task Hostile_free_text_is_harmless(string q)
    {
        var response = await _client.GetAsync($"/api/v1/offerings?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("municipality=GM9999", "municipality")]
    [InlineData("municipality=Doetinchem", "municipality")]
    [InlineData("careType=tandarts", "careType")]
    [InlineData("tag=onbekend", "tag")]
    [InlineData("sort=random", "sort")]
    [InlineData("sort=distance", "sort")]
    [InlineData("age=abc", "age")]
    [InlineData("age=-1", "age")]
    [InlineData("age=99", "age")]
    [InlineData("maxWaitWeeks=1e3", "maxWaitWeeks")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("lat=52.1", "lon")]
    [InlineData("lat=95&lon=6", "lat")]
    [InlineData("lat=NaN&lon=6", "lat")]
    [InlineData("availableNow=yes", "availableNow")]
    [InlineData("withinNorm=1", "withinNorm")]
    [InlineData("q=%00", "q")]
    public async Task Bad_search_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"/api/v1/offerings?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"expected an error for '{parameter}': {problem}");
    }

    [Fact]
    public async Task Items_carry_the_norm_of_the_municipalitys_region()
    {
        // The demo data gives Twente its own jeugd-ggz-basis norm (3/6/9 from 2026-01-01).
        var twente = await AllItemsAsync("municipality=GM0153&careType=jeugd-ggz-basis");
        var achterhoek = await AllItemsAsync("municipality=GM0222&careType=jeugd-ggz-basis");

        Assert.All(twente, i => Assert.Equal("regio", i.GetProperty("norm").GetProperty("source").GetString()));
        Assert.All(twente, i => Assert.Equal(9, i.GetProperty("norm").GetProperty("maxTotalWeeks").GetInt32()));
        Assert.All(achterhoek, i => Assert.Equal("treeknorm", i.GetProperty("norm").GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Stale_figures_are_shown_with_their_date_and_flagged()
    {
        var items = await AllItemsAsync("");

        var stale = items.Where(i => i.GetProperty("availability").ValueKind != JsonValueKind.Null && i.GetProperty("availability").GetProperty("stale").GetBoolean()).ToList();
        Assert.NotEmpty(stale);
        Assert.All(stale, i =>
        {
            Assert.True(TestPostgres.DemoClock - i.GetProperty("availability").GetProperty("reportedAt").GetDateTimeOffset() > TimeSpan.FromDays(14));
            Assert.False(i.GetProperty("availability").GetProperty("availableNow").GetBoolean());
        });
        Assert.Contains(items, i => i.GetProperty("availability").ValueKind == JsonValueKind.Null && i.GetProperty("normStatus").GetString() == "unknown");
    }

    [Fact]
    public async Task A_new_report_shows_in_search_and_detail_on_the_next_request_and_a_deleted_offering_disappears()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings.Where(o => o.CareTypeCode == "dagbehandeling" && o.Contracts.Any(c => c.MunicipalityCode == "GM0200" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId }).FirstAsync();
        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);
        var before = await AllItemsAsync("municipality=GM0200&careType=dagbehandeling");
        Assert.Contains(offering.Id, before.Select(i => i.GetProperty("id").GetGuid()));

        var put = await app.CreateClient(key).PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability",
            new { acceptingReferrals = true, waitToIntakeWeeks = 1, waitToTreatmentWeeks = 2, freePlaces = 37, totalPlaces = 40 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await AllItemsAsync("municipality=GM0200&careType=dagbehandeling");
        var shown = after.Single(i => i.GetProperty("id").GetGuid() == offering.Id).GetProperty("availability");
        Assert.Equal(37, shown.GetProperty("freePlaces").GetInt32());
        Assert.Equal(3, shown.GetProperty("totalWaitWeeks").GetInt32());
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering.Id}?municipality=GM0200");
        Assert.Equal(37, detail.GetProperty("availability").GetProperty("freePlaces").GetInt32());

        await db.Offerings.Where(o => o.Id == offering.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.DeletedAt, DateTimeOffset.UtcNow));
        var gone = await AllItemsAsync("municipality=GM0200&careType=dagbehandeling");
        Assert.DoesNotContain(offering.Id, gone.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/offerings/{offering.Id}")).StatusCode);
    }

    private async Task<List<JsonElement>> AllItemsAsync(string query)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await _client.GetAsync($"/api/v1/offerings?{query}&pageSize=100&page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            items.AddRange(body.GetProperty("items").EnumerateArray());
            if (items.Count >= body.GetProperty("total").GetInt32() || body.GetProperty("items").GetArrayLength() == 0)
            {
                return items;
            }
        }
    }

    private static int? EffectiveWait(JsonElement item)
    {
        var a = item.GetProperty("availability");
        if (a.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        int? Read(string p) => a.GetProperty(p).ValueKind == JsonValueKind.Null ? null : a.GetProperty(p).GetInt32();
        return Read("totalWaitWeeks") ?? Read("waitToIntakeWeeks");
    }
}
