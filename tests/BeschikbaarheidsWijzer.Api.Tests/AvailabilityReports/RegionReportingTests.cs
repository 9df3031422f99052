using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

/// <summary>GET /api/v1/regions/{region}/reporting: who reports, in public. One test: it counts the fixture's reports.</summary>
public sealed class RegionReportingTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task The_region_page_counts_this_and_last_weeks_reports_per_provider_with_the_silent_first()
    {
        var client = app.CreateClient(app.KeyA);
        app.Clock.Now = TestPostgres.DemoClock.AddDays(-7);
        foreach (var offering in app.OfferingsA.Take(20))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability", new { acceptingReferrals = true })).StatusCode);
        }

        app.Clock.Now = TestPostgres.DemoClock;
        foreach (var offering in app.OfferingsA.Take(5))
        {
            await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability", new { unchanged = true });
        }

        var reporting = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/regions/achterhoek/reporting");

        Assert.Equal("Achterhoek", reporting.GetProperty("region").GetProperty("name").GetString());
        Assert.Equal(("2026-W47", "2026-W46"), (reporting.GetProperty("thisWeek").GetString(), reporting.GetProperty("lastWeek").GetString()));
        var providers = reporting.GetProperty("providers").EnumerateArray().ToList();
        var kompas = providers.Single(p => p.GetProperty("id").GetGuid() == app.ProviderA);
        Assert.Equal((30, 5, 20), (kompas.GetProperty("offerings").GetInt32(), kompas.GetProperty("reportedThisWeek").GetInt32(), kompas.GetProperty("reportedLastWeek").GetInt32()));
        Assert.Equal((25, 360), (kompas.GetProperty("weeksReported").GetInt32(), kompas.GetProperty("ofWeeks").GetInt32()));
        Assert.DoesNotContain(providers, p => p.GetProperty("id").GetGuid() == app.ProviderB); // Twente

        // Providers that missed offerings last week come before those that did not.
        var missed = providers.Select(p => p.GetProperty("reportedLastWeek").GetInt32() < p.GetProperty("offerings").GetInt32()).ToList();
        Assert.Equal(missed.OrderByDescending(m => m), missed);
        Assert.Equal(providers.Sum(p => p.GetProperty("offerings").GetInt32()), reporting.GetProperty("offerings").GetInt32());
        var share = reporting.GetProperty("shareLastWeek").GetDouble();
        Assert.Equal(Math.Round(reporting.GetProperty("reportedLastWeek").GetInt32() / (double)reporting.GetProperty("offerings").GetInt32(), 3), share);
    }

    [Theory]
    [InlineData("nergens")]
    [InlineData("%3Cscript%3E")]
    public async Task An_unknown_region_is_404(string region)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/regions/{region}/reporting");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
