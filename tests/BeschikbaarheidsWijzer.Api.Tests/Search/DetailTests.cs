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
        Assert.All(history, h => Assert.Contains(h.GetProperty("normStatus").GetString(), new[] { "within", "partial", "exceeded", "unknown" }));

        // Of a week with two reports, the later one is shown.
        var corrected = await db.AvailabilityReports.Where(r => r.OfferingId == offering.Id)
            .GroupBy(r => r.WeekStart).Where(g => g.Count() > 1)
            .Select(g => g.OrderByDescending(r => r.ReportedAt).First()).FirstAsync();
        var shown = history.Single(h => h.GetProperty("week").GetString() == IsoWeek.FromDate(corrected.WeekStart).ToString());
        Assert.Equal(corrected.ReportedAt, shown.GetProperty("reportedAt").GetDateTimeOffset());
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
}
