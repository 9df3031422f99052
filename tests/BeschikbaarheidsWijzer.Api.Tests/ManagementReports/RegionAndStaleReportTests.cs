using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>The region summary and the stale list on the fixed data set of <see cref="ReportsFixture"/> (today: 18 November 2026).</summary>
public sealed class RegionAndStaleReportTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    private async Task<JsonElement> GetAsync(string url, string? key = WijzerApiFactory.AdminKey) =>
        await ReadJsonAsync(await app.CreateClient(key).GetAsync(url), HttpStatusCode.OK);

    private static JsonElement CareType(JsonElement report, string code) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("careType").GetProperty("code").GetString() == code);

    private static void AssertCounts(JsonElement row, int offerings, int withReport, int stale, int accepting, int free, int compared, int within, double? median)
    {
        Assert.Equal(
            (offerings, withReport, stale, accepting, free, compared, within, median),
            (row.GetProperty("offerings").GetInt32(), row.GetProperty("withReport").GetInt32(), row.GetProperty("stale").GetInt32(),
                row.GetProperty("acceptingReferrals").GetInt32(), row.GetProperty("freePlaces").GetInt32(),
                row.GetProperty("withinNorm").GetProperty("compared").GetInt32(), row.GetProperty("withinNorm").GetProperty("within").GetInt32(),
                row.GetProperty("medianWaitWeeks").ValueKind == JsonValueKind.Null ? null : row.GetProperty("medianWaitWeeks").GetDouble()));
    }

    [Fact]
    public async Task Region_summary_today_counts_the_offerings_contracted_now_with_their_latest_report()
    {
        var report = await GetAsync("/api/v1/reports/region-summary?region=achterhoek", app.AchterhoekManagerKey);

        Assert.Equal("2026-11-18", report.GetProperty("date").GetString());
        Assert.Equal("Achterhoek", report.GetProperty("regionName").GetString());
        Assert.Equal(13, report.GetProperty("rows").GetArrayLength()); // every care type, also those without offerings

        // Alfa (W47: 2 + 2 = 4 ≤ 5, 3 free) and Epsilon (never reported); Beta is deleted.
        var ambulant = CareType(report, "ambulante-begeleiding");
        AssertCounts(ambulant, offerings: 2, withReport: 1, stale: 0, accepting: 1, free: 3, compared: 1, within: 1, median: 4);
        Assert.Equal("regio", ambulant.GetProperty("norm").GetProperty("source").GetString());
        Assert.Equal(5, ambulant.GetProperty("norm").GetProperty("maxTotalWeeks").GetInt32());

        // Delta's two offerings; D1 in aanmeldstop with 3 + 4 = 7 > 6.
        var day = CareType(report, "dagbehandeling");
        AssertCounts(day, offerings: 2, withReport: 1, stale: 0, accepting: 0, free: 0, compared: 1, within: 0, median: 7);
        Assert.Equal("treeknorm", day.GetProperty("norm").GetProperty("source").GetString());

        // Gamma is contracted in Twente only.
        AssertCounts(CareType(report, "jeugd-ggz-basis"), 0, 0, 0, 0, 0, 0, 0, null);
        Assert.Equal(JsonValueKind.Null, CareType(report, "jeugd-ggz-basis").GetProperty("withinNorm").GetProperty("share").ValueKind);
    }

    [Fact]
    public async Task Region_summary_on_a_past_date_uses_the_reports_made_by_then_judged_by_the_norm_of_their_day()
    {
        var report = await GetAsync("/api/v1/reports/region-summary?region=achterhoek&date=2026-10-20");

        // Alfa's W43 report (19 Oct, 2 + 4 = 6) is judged by the new norm of 5: exceeded. Delta's second offering did not exist yet.
        AssertCounts(CareType(report, "ambulante-begeleiding"), offerings: 2, withReport: 1, stale: 0, accepting: 1, free: 1, compared: 1, within: 0, median: 6);

        // Delta's W41 report (5 Oct) was more than 14 days old on 20 October: stale, and still counted.
        AssertCounts(CareType(report, "dagbehandeling"), offerings: 1, withReport: 1, stale: 1, accepting: 1, free: 2, compared: 1, within: 1, median: 3);
    }

    [Fact]
    public async Task Region_summary_as_csv()
    {
        var response = await app.CreateClient(WijzerApiFactory.AdminKey).GetAsync("/api/v1/reports/region-summary?region=achterhoek&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var table = CsvParser.ParseTable(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(13, table.Count);
        var ambulant = table.Single(r => r["Zorgvormcode"] == "ambulante-begeleiding");
        Assert.Equal(("2", "1", "3", "100,0", "4,0", "", "", "5", "Regionale norm", "45"),
            (ambulant["Aanbod"], ambulant["Met melding"], ambulant["Vrije plekken"], ambulant["Binnen norm (%)"], ambulant["Mediane wachttijd (weken)"],
                ambulant["Norm aanmeldwachttijd (weken)"], ambulant["Norm behandelwachttijd (weken)"], ambulant["Norm totale wachttijd (weken)"], ambulant["Norm"],
                ambulant["iJw-productcategorie"]));
        Assert.Equal("", table.Single(r => r["Zorgvormcode"] == "crisishulp")["Binnen norm (%)"]);
    }

    [Fact]
    public async Task Stale_lists_offerings_without_a_report_in_the_days_never_reported_first()
    {
        var byDefault = await GetAsync("/api/v1/reports/stale?region=achterhoek", app.AchterhoekManagerKey);
        Assert.Equal(14, byDefault.GetProperty("days").GetInt32());
        Assert.Equal([app.EpsilonOffering, app.DeltaNew], Offerings(byDefault));

        var twoDays = await GetAsync("/api/v1/reports/stale?region=achterhoek&days=2");
        Assert.Equal([app.EpsilonOffering, app.DeltaNew, app.AlfaOffering], Offerings(twoDays));
        var alfa = twoDays.GetProperty("rows")[2];
        Assert.Equal("2026-W47", alfa.GetProperty("lastReportWeek").GetString());
        Assert.Equal(2, alfa.GetProperty("daysSinceLastReport").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.Zero), alfa.GetProperty("lastReportedAt").GetDateTimeOffset());
        var provider = alfa.GetProperty("provider");
        Assert.Equal(("0314 123456", "info@11111111.example", "https://www.11111111.example"),
            (provider.GetProperty("phone").GetString(), provider.GetProperty("email").GetString(), provider.GetProperty("website").GetString()));
        Assert.Equal(JsonValueKind.Null, twoDays.GetProperty("rows")[0].GetProperty("lastReportedAt").ValueKind);

        // Delta's first offering reported 28 hours ago.
        Assert.Equal([app.EpsilonOffering, app.DeltaNew, app.AlfaOffering, app.DeltaBoth], Offerings(await GetAsync("/api/v1/reports/stale?region=achterhoek&days=1")));

        var twente = await GetAsync("/api/v1/reports/stale?region=twente", app.TwenteManagerKey);
        Assert.Equal([app.GammaOffering], Offerings(twente));
        Assert.Equal(23, twente.GetProperty("rows")[0].GetProperty("daysSinceLastReport").GetInt32());
    }

    [Fact]
    public async Task Stale_as_csv_has_the_contact_and_guards_typed_text()
    {
        var response = await app.CreateClient(app.AchterhoekManagerKey).GetAsync("/api/v1/reports/stale?region=achterhoek&days=2&format=csv");

        var table = CsvParser.ParseTable(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["'" + ReportsFixture.EpsilonName, "Delta Dagbehandeling", ReportsFixture.AlfaName], table.Select(r => r["Aanbieder"]));
        Assert.Equal(("2026-11-16 09:00", "2026-W47", "2", "0314 123456"),
            (table[2]["Laatste melding"], table[2]["Laatste week"], table[2]["Dagen sinds laatste melding"], table[2]["Telefoon"]));
        Assert.Equal("", table[0]["Laatste melding"]);
    }

    private static List<Guid> Offerings(JsonElement report) =>
        report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("offeringId").GetGuid()).ToList();
}
