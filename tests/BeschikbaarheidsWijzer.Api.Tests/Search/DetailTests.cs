using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

public sealed class DetailTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Detail_has_contact_locations_contract_and_history_newest_first_one_per_week()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings.Where(o => o.Reports.GroupBy(r => r.WeekStart).Any(g => g.Count() > 1))
            .Select(o => new { o.Id, o.ProviderId, Weeks = o.Reports.Select(r => r.WeekStart).Distinct().Count() }).FirstAsync();

        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering.Id}");

        Assert.Equal(offering.ProviderId, detail.GetProperty("provider").GetProperty("id").GetGuid());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("provider").GetProperty("phone").ValueKind);
        Assert.NotEmpty(detail.GetProperty("locations").EnumerateArray());
        Assert.NotEmpty(detail.GetProperty("municipalities").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("referralInfo").ValueKind);

        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(offering.Weeks, history.Count);
        var weeks = history.Select(h => h.GetProperty("week").GetString()!).ToList();
        Assert.Equal(weeks.OrderDescending(StringComparer.Ordinal), weeks);
        Assert.All(history, h => Assert.Contains(h.GetProperty("normStatus").GetString(), new[] { "within", "exceeded", "unknown" }));

        // Of a week with two reports, the later one is shown.
        var corrected = await db.AvailabilityReports.Where(r => r.OfferingId == offering.Id)
            .GroupBy(r => r.WeekStart).Where(g => g.Count() > 1)
            .Select(g => g.OrderByDescending(r => r.ReportedAt).First()).FirstAsync();
        var shown = history.Single(h => h.GetProperty("week").GetString() == IsoWeek.FromDate(corrected.WeekStart).ToString());
        Assert.Equal(corrected.ReportedAt, shown.GetProperty("reportedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Alternatives_are_other_offerings_of_the_care_type_in_the_municipality_accepting_referrals_with_a_shorter_wait()
    {
        // Offerings with a long wait are the ones that have alternatives.
        var candidates = await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?municipality=GM0153&careType=ambulante-begeleiding&pageSize=100");
        var slow = candidates.GetProperty("items").EnumerateArray().Last(i => i.GetProperty("availability").ValueKind != JsonValueKind.Null && Wait(i) is not null);
        var slowWait = Wait(slow)!.Value;

        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{slow.GetProperty("id").GetGuid()}?municipality=GM0153");
        var alternatives = detail.GetProperty("alternatives").EnumerateArray().ToList();

        // Exactly what the rule selects from the same search.
        var expected = candidates.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("id").GetGuid() != slow.GetProperty("id").GetGuid())
            .Where(i => i.GetProperty("availability").ValueKind != JsonValueKind.Null && i.GetProperty("availability").GetProperty("acceptingReferrals").GetBoolean())
            .Where(i => Wait(i) < slowWait)
            .OrderByDescending(i => i.GetProperty("normStatus").GetString() == "within")
            .ThenBy(i => Wait(i))
            .Take(5)
            .Select(i => i.GetProperty("id").GetGuid())
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), alternatives.Select(a => a.GetProperty("id").GetGuid()).Order());
        var withinFirst = alternatives.Select(a => a.GetProperty("normStatus").GetString() == "within").ToList();
        Assert.Equal(withinFirst.OrderDescending(), withinFirst);
        Assert.True(alternatives.Count <= 5);
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_and_municipalities()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/offerings/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/offerings/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/providers/{Guid.NewGuid()}")).StatusCode);

        var anyId = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/offerings?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var bad = await _client.GetAsync($"/api/v1/offerings/{anyId}?municipality=GM0000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("municipality", out _));
    }

    [Fact]
    public async Task A_provider_shows_its_live_offerings()
    {
        await using var db = app.CreateDbContext();
        var provider = await db.Providers.Select(p => new { p.Id, p.Name, Offerings = p.Offerings.Where(o => o.DeletedAt == null).Select(o => o.Id).ToList() }).FirstAsync();

        var shown = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/providers/{provider.Id}");

        Assert.Equal(provider.Name, shown.GetProperty("name").GetString());
        Assert.Equal(provider.Offerings.Order(), shown.GetProperty("offerings").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());
        Assert.NotEmpty(shown.GetProperty("locations").EnumerateArray());
    }

    private static int? Wait(JsonElement item)
    {
        var a = item.GetProperty("availability");
        int? Read(string p) => a.GetProperty(p).ValueKind == JsonValueKind.Null ? null : a.GetProperty(p).GetInt32();
        return Read("totalWaitWeeks") ?? Read("waitToIntakeWeeks");
    }
}
