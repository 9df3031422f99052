using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>"Opvallende meldingen": what providers sent with plausibility warnings, for the region that contracts them.</summary>
public sealed class NotableReportTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    private static readonly DateTimeOffset Week46 = TestPostgres.DemoClock.AddDays(-7);

    /// <summary>Provider A (Achterhoek): a drop from 20 to 0 weeks and a stop without a wait; provider B (Twente): free places with a list.</summary>
    private async Task<(Guid Notable, Guid Ordinary, Guid Twente)> SendNotableReportsAsync(int slot)
    {
        var (notable, ordinary, twente) = (app.OfferingsA[2 * slot], app.OfferingsA[(2 * slot) + 1], app.OfferingsB[slot]);
        var a = app.CreateClient(app.KeyA);
        var b = app.CreateClient(app.KeyB);
        app.Clock.Now = Week46;
        await a.PutAsJsonAsync($"/api/v1/provider/offerings/{notable}/availability", new { acceptingReferrals = true, waitToIntakeWeeks = 20 });
        app.Clock.Now = TestPostgres.DemoClock;
        var drop = await a.PutAsJsonAsync($"/api/v1/provider/offerings/{notable}/availability", new { acceptingReferrals = false, waitToIntakeWeeks = 0 });
        Assert.Equal(HttpStatusCode.OK, drop.StatusCode);
        await a.PutAsJsonAsync($"/api/v1/provider/offerings/{ordinary}/availability", new { acceptingReferrals = true, waitToIntakeWeeks = 2 });
        await b.PutAsJsonAsync($"/api/v1/provider/offerings/{twente}/availability", new { acceptingReferrals = true, freePlaces = 2, totalPlaces = 5, waitlistCount = 30 });
        return (notable, ordinary, twente);
    }

    private static List<JsonElement> RowsOf(JsonElement report, params Guid[] offerings) =>
        report.GetProperty("rows").EnumerateArray().Where(r => offerings.Contains(r.GetProperty("offeringId").GetGuid())).ToList();

    [Fact]
    public async Task The_region_sees_its_providers_notable_reports_with_every_warning_and_nothing_of_another_region()
    {
        var (notable, ordinary, twenteOffering) = await SendNotableReportsAsync(0);

        var achterhoek = await app.CreateClient(app.ManagerAchterhoek).GetFromJsonAsync<JsonElement>("/api/v1/reports/notable-reports?region=achterhoek");
        var twente = await app.CreateClient(app.ManagerTwente).GetFromJsonAsync<JsonElement>("/api/v1/reports/notable-reports?region=twente");

        var row = Assert.Single(RowsOf(achterhoek, notable, ordinary, twenteOffering));
        Assert.Equal(notable, row.GetProperty("offeringId").GetGuid());
        Assert.Equal("Kompas Jeugdhulp (test)", row.GetProperty("provider").GetProperty("name").GetString());
        Assert.Equal("2026-W47", row.GetProperty("week").GetString());
        Assert.Equal(["wait-dropped-sharply", "stop-without-wait"], row.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()));
        Assert.Equal(20, row.GetProperty("warnings")[0].GetProperty("previous").GetInt32());
        var other = Assert.Single(RowsOf(twente, notable, ordinary, twenteOffering));
        Assert.Equal(twenteOffering, other.GetProperty("offeringId").GetGuid());
        Assert.Equal("2026-10-26", achterhoek.GetProperty("from").GetString()); // the 4 ISO weeks up to 18 November
    }

    [Fact]
    public async Task As_csv_each_warning_is_a_line_with_its_figures()
    {
        var (notable, _, _) = await SendNotableReportsAsync(1);
        var client = app.CreateClient(app.ManagerAchterhoek);

        var response = await client.GetAsync("/api/v1/reports/notable-reports?region=achterhoek&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Aanbieder;KvK-nummer;Telefoon;E-mail;Aanbod;Zorgvorm;Week;Melding;Niets veranderd;Signaal;Signaalcode;Veld;Vorige waarde;Nieuwe waarde", lines[0]);
        var title = (await app.CreateClient(app.KeyA).GetFromJsonAsync<JsonElement>("/api/v1/provider/offerings")).EnumerateArray()
            .Single(o => o.GetProperty("id").GetGuid() == notable).GetProperty("title").GetString();
        var mine = lines.Skip(1).Where(line => line.Contains($";{title};", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Contains(";Wachttijd sterk gedaald;wait-dropped-sharply;waitToIntakeWeeks;20;0;", mine[0]);
        Assert.Contains(";Aanmeldstop zonder wachttijd;stop-without-wait;acceptingReferrals;", mine[1]);
    }

    [Theory]
    [InlineData("region=achterhoek&from=2026-11-20&to=2026-11-01", "to", "less-than")]
    [InlineData("region=achterhoek&from=2024-01-01&to=2026-11-01", "to", "range")]
    [InlineData("region=achterhoek&from=0001-01-01", "from", "date-range")]
    [InlineData("region=achterhoek&to=18-11-2026", "to", "date")]
    [InlineData("region=nergens", "region", "unknown")]
    [InlineData("region=achterhoek&format=pdf", "format", "one-of")]
    public async Task A_bad_period_region_or_format_is_400_naming_it(string query, string field, string code)
    {
        var response = await app.CreateClient(app.ManagerAchterhoek).GetAsync($"/api/v1/reports/notable-reports?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("fieldErrors").EnumerateArray(), e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task Another_regions_manager_and_a_provider_are_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient(app.ManagerTwente).GetAsync("/api/v1/reports/notable-reports?region=achterhoek")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient(app.KeyA).GetAsync("/api/v1/reports/notable-reports?region=achterhoek")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/reports/notable-reports?region=achterhoek")).StatusCode);
    }
}
