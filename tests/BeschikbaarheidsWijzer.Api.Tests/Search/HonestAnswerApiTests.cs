using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Features.Search;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>
/// On the whole demo data set, through every way out (search, detail, HSDS): no item says within while a bounded step is
/// unknown, none says available now with no free place, crisis care only when asked for, every alternative a real
/// improvement; and the detail page is served from what the index keeps, exact after any write.
/// </summary>
public sealed class HonestAnswerApiTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    private static readonly DateOnly Today = IsoWeek.ToAmsterdamDate(TestPostgres.DemoClock);
    private static readonly string[] LeftOut = ["crisishulp", "gesloten-jeugdzorg"];
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task No_item_in_any_municipality_says_within_while_a_bounded_step_is_unknown_nor_available_now_without_a_free_place()
    {
        var municipalities = await MunicipalitiesAsync();
        var statuses = new Dictionary<string, int>();
        foreach (var municipality in municipalities)
        {
            var (items, facets, total) = await SearchAllAsync($"municipality={municipality}");
            var counted = facets.GetProperty("normStatus");
            Assert.Equal(total, new[] { "within", "partial", "exceeded", "unknown" }.Sum(s => counted.GetProperty(s).GetInt32()));
            foreach (var item in items)
            {
                AssertHonest(item);
                Assert.DoesNotContain(item.GetProperty("careType").GetProperty("code").GetString(), LeftOut);
                var status = item.GetProperty("normStatus").GetString()!;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        // The demo data holds every kind of verdict, so the checks above compared something.
        Assert.All(new[] { "within", "partial", "exceeded", "unknown" }, s => Assert.True(statuses.GetValueOrDefault(s) > 0, $"no {s} in the demo data"));
    }

    [Fact]
    public async Task Every_history_week_is_judged_per_phase_as_honestly_as_the_current_figures()
    {
        var (items, _, _) = await SearchAllAsync("municipality=GM0153");
        var weeks = 0;
        foreach (var item in items.Take(25))
        {
            var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{item.GetProperty("id").GetGuid()}?municipality=GM0153");
            AssertHonest(detail);
            foreach (var week in detail.GetProperty("history").EnumerateArray())
            {
                AssertPhases(week, week.GetProperty("waitToIntakeWeeks"), week.GetProperty("waitToTreatmentWeeks"));
                weeks++;
            }
        }

        Assert.True(weeks > 100, $"{weeks} history weeks checked");
    }

    [Fact]
    public async Task Crisis_and_closed_care_are_found_only_when_named()
    {
        var crisis = await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?careType=crisishulp&pageSize=100");
        var closed = await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?careType=gesloten-jeugdzorg&pageSize=100");
        Assert.True(crisis.GetProperty("total").GetInt32() > 0 && closed.GetProperty("total").GetInt32() > 0);

        var (all, facets, _) = await SearchAllAsync("");
        Assert.DoesNotContain(all, i => LeftOut.Contains(i.GetProperty("careType").GetProperty("code").GetString()));

        // Their facet still tells how many there are, for whoever asks for them.
        var careTypes = facets.GetProperty("careTypes").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(crisis.GetProperty("total").GetInt32(), careTypes["crisishulp"]);

        var both = await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?careType=crisishulp&careType=gesloten-jeugdzorg&pageSize=100");
        Assert.Equal(crisis.GetProperty("total").GetInt32() + closed.GetProperty("total").GetInt32(), both.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Topics_are_any_of_and_each_topics_count_is_what_asking_for_it_alone_gives()
    {
        var tags = await _client.GetFromJsonAsync<string[]>("/api/v1/tags");
        var (_, facets, _) = await SearchAllAsync("municipality=GM0222&age=10");
        var counts = facets.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("count").GetInt32());
        var byTag = new Dictionary<string, HashSet<Guid>>();
        foreach (var tag in tags!)
        {
            var (items, _, _) = await SearchAllAsync($"municipality=GM0222&age=10&tag={tag}");
            byTag[tag] = items.Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            Assert.Equal(counts.GetValueOrDefault(tag), byTag[tag].Count);
            Assert.All(items, i => Assert.Contains(tag, i.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        }

        var pair = byTag.Where(t => t.Value.Count > 0).Take(2).ToList();
        Assert.Equal(2, pair.Count);
        var (either, eitherFacets, _) = await SearchAllAsync($"municipality=GM0222&age=10&tag={pair[0].Key}&tag={pair[1].Key}");
        Assert.Equal(pair[0].Value.Union(pair[1].Value).Order(), either.Select(i => i.GetProperty("id").GetGuid()).Order());

        // With topics chosen, each topic's count still leaves the topics out: the same counts as without.
        Assert.Equal(
            counts.OrderBy(c => c.Key),
            eitherFacets.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("count").GetInt32()).OrderBy(c => c.Key));
    }

    [Theory]
    [InlineData("GM0153", null)]
    [InlineData("GM0222", 9)]
    [InlineData("GM0294", 15)]
    [InlineData("GM0200", 4)]
    public async Task Every_alternative_is_a_real_improvement_by_the_v2_rule(string municipality, int? age)
    {
        var (all, _, _) = await SearchAllAsync($"municipality={municipality}");
        var byId = all.ToDictionary(i => i.GetProperty("id").GetGuid());
        var withAlternatives = 0;
        foreach (var offering in all)
        {
            var id = offering.GetProperty("id").GetGuid();
            var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{id}?municipality={municipality}{(age is null ? "" : $"&age={age}")}");
            var alternatives = detail.GetProperty("alternatives").EnumerateArray().ToList();
            var careType = offering.GetProperty("careType").GetProperty("code").GetString();
            var wait = EffectiveWait(offering);

            // Exactly the offerings the rule selects from the same municipality's search, in its order, at most 5.
            var expected = all
                .Where(c => c.GetProperty("id").GetGuid() != id && c.GetProperty("careType").GetProperty("code").GetString() == careType)
                .Where(c => c.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a
                            && a.GetProperty("acceptingReferrals").GetBoolean() && !a.GetProperty("stale").GetBoolean())
                .Where(c => age is null || (c.GetProperty("ageMin").GetInt32() <= age && c.GetProperty("ageMax").GetInt32() >= age))
                .Where(c => wait is { } w ? EffectiveWait(c) < w : c.GetProperty("normStatus").GetString() == "within")
                .OrderByDescending(c => c.GetProperty("normStatus").GetString() == "within")
                .ThenBy(c => EffectiveWait(c) ?? int.MaxValue)
                .ThenBy(c => c.GetProperty("location").GetProperty("distanceKm").GetDouble())
                .ToList();
            var shown = alternatives.Select(a => a.GetProperty("id").GetGuid()).ToList();
            Assert.Equal(Math.Min(5, expected.Count), shown.Count);
            Assert.All(shown, s => Assert.Contains(s, expected.Select(e => e.GetProperty("id").GetGuid())));
            var keys = alternatives.Select(a => (Within: a.GetProperty("normStatus").GetString() == "within", Wait: EffectiveWait(byId[a.GetProperty("id").GetGuid()]) ?? int.MaxValue)).ToList();
            Assert.Equal(keys.OrderByDescending(k => k.Within).ThenBy(k => k.Wait), keys);
            withAlternatives += shown.Count > 0 ? 1 : 0;
        }

        Assert.True(withAlternatives >= 3, $"only {withAlternatives} offerings in {municipality} have alternatives");
    }

    [Fact]
    public async Task The_hsds_feed_says_within_only_when_every_bounded_step_is_known()
    {
        var checkedStatuses = 0;
        for (var page = 1; ; page++)
        {
            var feed = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/exports/hsds/services?per_page=100&page={page}");
            foreach (var service in feed.GetProperty("contents").EnumerateArray())
            {
                var attributes = service.GetProperty("attributes").EnumerateArray()
                    .Select(a => (Code: a.GetProperty("taxonomy_term").GetProperty("code").GetString()!, Value: a.GetProperty("value").GetString(),
                        Label: a.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null))
                    .ToList();
                string? Figure(string code) => attributes.FirstOrDefault(a => a.Code == code && a.Label is null).Value;
                foreach (var status in attributes.Where(a => a.Code == "normstatus"))
                {
                    Assert.Contains(status.Value, new[] { "within", "partial", "exceeded", "unknown" });
                    string? Bound(string code) => attributes.FirstOrDefault(a => a.Code == code && a.Label == status.Label).Value;
                    if (status.Value == "within")
                    {
                        foreach (var (figure, bound) in new[] { ("aanmeldwachttijd-weken", "norm-aanmeldwachttijd-weken"), ("behandelwachttijd-weken", "norm-behandelwachttijd-weken"), ("totale-wachttijd-weken", "norm-totale-wachttijd-weken") })
                        {
                            Assert.False(Bound(bound) is not null && Figure(figure) is null, $"{service.GetProperty("id")}: within in {status.Label} while {figure} is unknown");
                        }
                    }

                    checkedStatuses++;
                }

                if (Figure("nu-plek") == "true")
                {
                    Assert.NotEqual("0", service.GetProperty("capacities").EnumerateArray().FirstOrDefault().ValueKind == JsonValueKind.Object
                        ? service.GetProperty("capacities")[0].GetProperty("available").ToString()
                        : null);
                }
            }

            if (page >= feed.GetProperty("total_pages").GetInt32())
            {
                break;
            }
        }

        Assert.True(checkedStatuses > 100, $"{checkedStatuses} verdicts checked");
    }

    [Theory]
    [InlineData("age=abc", "age")]
    [InlineData("age=28", "age")]
    [InlineData("age=-1", "age")]
    [InlineData("age=9.5", "age")]
    [InlineData("age=%E2%80%8B9", "age")]
    [InlineData("municipality=GM9999", "municipality")]
    [InlineData("municipality=Winterswijk", "municipality")]
    public async Task Bad_detail_queries_are_a_400_naming_the_parameter(string query, string field)
    {
        var id = (await SearchAllAsync("municipality=GM0222")).Items[0].GetProperty("id").GetGuid();

        await AssertProblemAsync(await _client.GetAsync($"/api/v1/offerings/{id}?{query}"), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_detail_reads_the_database_once_per_version_and_follows_every_kind_of_write_at_once()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && o.Reports.Count() >= 4 && o.Contracts.Any(c => c.MunicipalityCode == "GM0281" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId, LocationId = o.Locations.Select(l => l.Id).First() })
            .FirstAsync();
        var cache = app.Services.GetRequiredService<OfferingParticularsCache>();
        var path = $"/api/v1/offerings/{offering.Id}?municipality=GM0281";

        await DetailAsync(path);
        var misses = cache.Misses;
        for (var i = 0; i < 5; i++)
        {
            await DetailAsync(path);
        }

        Assert.Equal(misses, cache.Misses);

        // Text, contact, address: each plain SQL write shows on the next request.
        await SqlAsync("update offerings set description = 'Nieuwe beschrijving via SQL', referral_info = 'Bel ons eerst.' where id = $1", offering.Id);
        var detail = await DetailAsync(path);
        Assert.Equal("Nieuwe beschrijving via SQL", detail.GetProperty("description").GetString());
        Assert.Equal("Bel ons eerst.", detail.GetProperty("referralInfo").GetString());
        await SqlAsync("update providers set phone = '0344-000999', email = 'nieuw@example.org' where id = $1", offering.ProviderId);
        Assert.Equal("0344-000999", (await DetailAsync(path)).GetProperty("provider").GetProperty("phone").GetString());
        await SqlAsync("update locations set street = 'Nieuwe Straat 9', postcode = '4001 AA' where id = $1", offering.LocationId);
        Assert.Contains((await DetailAsync(path)).GetProperty("locations").EnumerateArray(), l => l.GetProperty("street").GetString() == "Nieuwe Straat 9");

        // A report for a past week, inserted by hand: in the history at once, and the current report stays current.
        var week = IsoWeek.FromDate(Today).AddWeeks(-20);
        var current = (await DetailAsync(path)).GetProperty("availability").GetProperty("reportedAt").GetDateTimeOffset();
        await SqlAsync($"""
            insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, wait_to_intake_weeks, wait_to_treatment_weeks, method, matching_dependent, bridging_care_available)
            values ($1, '{week.Monday:yyyy-MM-dd}', '{week.Monday:yyyy-MM-dd} 09:00+00', true, 33, 44, 'Actueel', false, false)
            """, offering.Id);
        detail = await DetailAsync(path);
        var added = detail.GetProperty("history").EnumerateArray().Single(w => w.GetProperty("week").GetString() == week.ToString());
        Assert.Equal(77, added.GetProperty("totalWaitWeeks").GetInt32());
        Assert.Equal("exceeded", added.GetProperty("normStatus").GetString());
        Assert.Equal(current, detail.GetProperty("availability").GetProperty("reportedAt").GetDateTimeOffset());

        // A newer report by hand becomes the current one everywhere (the trigger points the offering at it).
        var thisWeek = IsoWeek.FromDate(Today);
        await SqlAsync($"""
            insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, wait_to_intake_weeks, wait_to_treatment_weeks, free_places, total_places, method, matching_dependent, bridging_care_available)
            values ($1, '{thisWeek.Monday:yyyy-MM-dd}', '{TestPostgres.DemoClock.AddMinutes(-5):yyyy-MM-dd HH:mm:ss}+00', true, 1, 2, 7, 9, 'Actueel', false, false)
            """, offering.Id);
        detail = await DetailAsync(path);
        Assert.Equal(7, detail.GetProperty("availability").GetProperty("freePlaces").GetInt32());
        var item = (await SearchAllAsync("municipality=GM0281")).Items.Single(i => i.GetProperty("id").GetGuid() == offering.Id);
        Assert.Equal(7, item.GetProperty("availability").GetProperty("freePlaces").GetInt32());
        Assert.Equal(3, item.GetProperty("availability").GetProperty("totalWaitWeeks").GetInt32());

        // Deleting that report by hand makes the one before it current again.
        await SqlAsync("delete from availability_reports where offering_id = $1 and free_places = 7 and total_places = 9", offering.Id);
        Assert.Equal(current, (await DetailAsync(path)).GetProperty("availability").GetProperty("reportedAt").GetDateTimeOffset());

        // A soft-deleted offering is gone from the detail as from the search.
        await SqlAsync("update offerings set deleted_at = now() where id = $1", offering.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(path)).StatusCode);
    }

    private static void AssertHonest(JsonElement item)
    {
        var status = item.GetProperty("normStatus").GetString();
        var a = item.GetProperty("availability");
        var intake = a.ValueKind == JsonValueKind.Object ? a.GetProperty("waitToIntakeWeeks") : default;
        var treatment = a.ValueKind == JsonValueKind.Object ? a.GetProperty("waitToTreatmentWeeks") : default;
        var phases = AssertPhases(item, intake, treatment);
        var bounded = phases.Where(p => p.GetProperty("maxWeeks").ValueKind == JsonValueKind.Number).Select(p => p.GetProperty("status").GetString()).ToList();
        switch (status)
        {
            case "within":
                Assert.NotEmpty(bounded);
                Assert.All(bounded, s => Assert.Equal("within", s));
                break;
            case "partial":
                Assert.Contains("within", bounded);
                Assert.Contains("unknown", bounded);
                Assert.DoesNotContain("exceeded", bounded);
                break;
            case "exceeded":
                Assert.Contains("exceeded", bounded);
                break;
            default:
                Assert.Equal("unknown", status);
                Assert.DoesNotContain("within", bounded);
                Assert.DoesNotContain("exceeded", bounded);
                break;
        }

        if (a.ValueKind == JsonValueKind.Object && a.GetProperty("availableNow").GetBoolean())
        {
            Assert.True(a.GetProperty("acceptingReferrals").GetBoolean() && !a.GetProperty("stale").GetBoolean());
            var free = a.GetProperty("freePlaces");
            Assert.True(free.ValueKind == JsonValueKind.Number ? free.GetInt32() > 0 : intake.ValueKind == JsonValueKind.Number && intake.GetInt32() == 0,
                $"available now without a free place: {a}");
        }
    }

    /// <summary>Three phases in the order intake, treatment, total, carrying the figures given.</summary>
    private static List<JsonElement> AssertPhases(JsonElement item, JsonElement intake, JsonElement treatment)
    {
        var phases = item.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["intake", "treatment", "total"], phases.Select(p => p.GetProperty("phase").GetString()));
        Assert.Equal(Number(intake), Number(phases[0].GetProperty("weeks")));
        Assert.Equal(Number(treatment), Number(phases[1].GetProperty("weeks")));
        Assert.Equal(Number(intake) + Number(treatment), Number(phases[2].GetProperty("weeks")));
        foreach (var phase in phases)
        {
            var noBound = phase.GetProperty("maxWeeks").ValueKind == JsonValueKind.Null;
            Assert.Equal(noBound, phase.GetProperty("status").GetString() == "noNorm");
        }

        return phases;
    }

    private static int? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static int? EffectiveWait(JsonElement item)
    {
        var a = item.GetProperty("availability");
        return a.ValueKind != JsonValueKind.Object ? null : Number(a.GetProperty("totalWaitWeeks")) ?? Number(a.GetProperty("waitToIntakeWeeks"));
    }

    private async Task<JsonElement> DetailAsync(string path)
    {
        var response = await _client.GetAsync(path);
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    private async Task<(List<JsonElement> Items, JsonElement Facets, int Total)> SearchAllAsync(string query)
    {
        var items = new List<JsonElement>();
        JsonElement facets = default;
        var total = 0;
        for (var page = 1; ; page++)
        {
            var body = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?{query}&pageSize=100&page={page}");
            facets = body.GetProperty("facets");
            total = body.GetProperty("total").GetInt32();
            items.AddRange(body.GetProperty("items").EnumerateArray());
            if (items.Count >= total)
            {
                return (items, facets, total);
            }
        }
    }

    private async Task<List<string>> MunicipalitiesAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Municipalities.OrderBy(m => m.Code).Select(m => m.Code).ToListAsync();
    }

    private async Task SqlAsync(string sql, Guid parameter)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = parameter } } };
        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"'{sql}' changed nothing");
    }
}
