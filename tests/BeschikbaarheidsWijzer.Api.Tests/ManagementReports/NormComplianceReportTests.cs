using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>The norm-compliance report on the fixed data set of <see cref="ReportsFixture"/>, against figures worked out by hand.</summary>
public sealed class NormComplianceReportTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    private const string Url = $"/api/v1/reports/norm-compliance?region=achterhoek&{ReportsFixture.Period}";

    private async Task<JsonElement> GetAsync(string url, string? key = WijzerApiFactory.AdminKey) =>
        await ReadJsonAsync(await app.CreateClient(key).GetAsync(url), HttpStatusCode.OK);

    private static JsonElement RowOf(JsonElement report, Guid provider, string careType) =>
        report.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("provider").GetProperty("id").GetGuid() == provider && r.GetProperty("careType").GetProperty("code").GetString() == careType);

    private static void AssertShare(JsonElement share, int compared, int within, double? value)
    {
        Assert.Equal(compared, share.GetProperty("compared").GetInt32());
        Assert.Equal(within, share.GetProperty("within").GetInt32());
        Assert.Equal(value, share.GetProperty("share").ValueKind == JsonValueKind.Null ? null : share.GetProperty("share").GetDouble());
    }

    private static double? Number(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetDouble();

    [Fact]
    public async Task The_period_is_four_iso_weeks_and_only_offerings_expected_in_the_region_have_rows()
    {
        var report = await GetAsync(Url);

        Assert.Equal(["2026-W41", "2026-W42", "2026-W43", "2026-W44"], report.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("2026-11-01", report.GetProperty("lastDay").GetString());
        var providers = report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("provider").GetProperty("id").GetGuid()).ToList();
        Assert.Equal(new[] { app.Alfa, app.Beta, app.Delta, app.Epsilon }.Order(), providers.Order());
        Assert.DoesNotContain(app.Gamma, providers);
    }

    [Fact]
    public async Task A_skipped_week_a_corrected_week_and_a_norm_change_inside_the_period()
    {
        var alfa = RowOf(await GetAsync(Url), app.Alfa, "ambulante-begeleiding");

        Assert.Equal(ReportsFixture.AlfaName, alfa.GetProperty("provider").GetProperty("name").GetString());
        Assert.Equal(1, alfa.GetProperty("offerings").GetInt32());
        Assert.Equal(4, alfa.GetProperty("weeksExpected").GetInt32());
        Assert.Equal(3, alfa.GetProperty("weeksReported").GetInt32());    // W42 skipped
        Assert.Equal(0.75, alfa.GetProperty("reportedShare").GetDouble());
        var within = alfa.GetProperty("withinNorm");
        AssertShare(within.GetProperty("intake"), 0, 0, null);             // the regional norm bounds only the total
        AssertShare(within.GetProperty("treatment"), 0, 0, null);
        AssertShare(within.GetProperty("total"), 3, 2, 0.6667);            // W41 6 ≤ 8; W43 6 > 5 (new norm); W44 4 ≤ 5
        AssertShare(within.GetProperty("allPhases"), 3, 2, 0.6667);
        Assert.Equal(6, alfa.GetProperty("medianWaitWeeks").GetDouble());  // 4, 6, 6
        Assert.Equal(6, alfa.GetProperty("maxWaitWeeks").GetInt32());
        var latest = alfa.GetProperty("latest");
        Assert.Equal("2026-W44", latest.GetProperty("week").GetString());
        Assert.Equal(4, latest.GetProperty("totalWaitWeeks").GetInt32());  // the correction, not the first 5 + 5
        Assert.Equal(new DateTimeOffset(2026, 10, 27, 10, 0, 0, TimeSpan.Zero), latest.GetProperty("reportedAt").GetDateTimeOffset());
        Assert.Equal("within", latest.GetProperty("normStatus").GetString());
        var trend = alfa.GetProperty("trend");
        Assert.Equal(6, Number(trend, "firstHalfMedianWaitWeeks"));        // W41–W42: 6
        Assert.Equal(5, Number(trend, "secondHalfMedianWaitWeeks"));       // W43–W44: 6, 4
        Assert.Equal(-1, Number(trend, "changeWeeks"));
        Assert.Equal("shorter", trend.GetProperty("direction").GetString());

        // Only W43 also has realised waits: 2 + 4 expected, 5 + 4 realised.
        var realised = alfa.GetProperty("realised");
        Assert.Equal(1, realised.GetProperty("weeks").GetInt32());
        Assert.Equal(6, Number(realised, "medianExpectedWeeks"));
        Assert.Equal(9, Number(realised, "medianRealisedWeeks"));
        Assert.Equal(3, Number(realised, "differenceWeeks"));
        var gamma = RowOf(await GetAsync(Url.Replace("achterhoek", "twente", StringComparison.Ordinal), app.TwenteManagerKey), app.Gamma, "jeugd-ggz-basis");
        Assert.Equal(0, gamma.GetProperty("realised").GetProperty("weeks").GetInt32());
        Assert.Equal(JsonValueKind.Null, gamma.GetProperty("realised").GetProperty("differenceWeeks").ValueKind);
    }

    [Fact]
    public async Task A_deleted_offering_counts_only_the_weeks_before_its_deletion()
    {
        var beta = RowOf(await GetAsync(Url), app.Beta, "ambulante-begeleiding");

        Assert.Equal(2, beta.GetProperty("weeksExpected").GetInt32());     // W41, and Monday–Tuesday of W42
        Assert.Equal(1, beta.GetProperty("weeksReported").GetInt32());
        Assert.Equal(0.5, beta.GetProperty("reportedShare").GetDouble());
        AssertShare(beta.GetProperty("withinNorm").GetProperty("total"), 1, 1, 1.0);
        Assert.Equal("2026-W41", beta.GetProperty("latest").GetProperty("week").GetString());
        Assert.Null(Number(beta.GetProperty("trend"), "secondHalfMedianWaitWeeks"));
        Assert.Equal("unknown", beta.GetProperty("trend").GetProperty("direction").GetString());
    }

    [Fact]
    public async Task Two_offerings_of_a_care_type_count_offering_weeks_from_the_day_the_new_one_is_contracted()
    {
        var delta = RowOf(await GetAsync(Url), app.Delta, "dagbehandeling");

        Assert.Equal(2, delta.GetProperty("offerings").GetInt32());
        Assert.Equal(6, delta.GetProperty("weeksExpected").GetInt32());    // D1: W41–W44; D2 (from Wed 21 Oct): W43–W44
        Assert.Equal(2, delta.GetProperty("weeksReported").GetInt32());
        Assert.Equal(0.3333, delta.GetProperty("reportedShare").GetDouble());
        AssertShare(delta.GetProperty("withinNorm").GetProperty("total"), 2, 2, 1.0);  // 3 and 4 against the national 6
        Assert.Equal(3.5, delta.GetProperty("medianWaitWeeks").GetDouble());
        Assert.Equal(4, delta.GetProperty("maxWaitWeeks").GetInt32());
        Assert.Equal("longer", delta.GetProperty("trend").GetProperty("direction").GetString());
        Assert.Equal(1, Number(delta.GetProperty("trend"), "changeWeeks"));
    }

    [Fact]
    public async Task A_provider_that_never_reported_has_no_figures()
    {
        var epsilon = RowOf(await GetAsync(Url), app.Epsilon, "ambulante-begeleiding");

        Assert.Equal(4, epsilon.GetProperty("weeksExpected").GetInt32());
        Assert.Equal(0, epsilon.GetProperty("weeksReported").GetInt32());
        Assert.Equal(0, epsilon.GetProperty("reportedShare").GetDouble());
        AssertShare(epsilon.GetProperty("withinNorm").GetProperty("allPhases"), 0, 0, null);
        Assert.Null(Number(epsilon, "medianWaitWeeks"));
        Assert.Equal(JsonValueKind.Null, epsilon.GetProperty("latest").ValueKind);
    }

    [Fact]
    public async Task Twente_sees_its_own_norms_and_only_its_contracted_offerings()
    {
        var report = await GetAsync($"/api/v1/reports/norm-compliance?region=twente&{ReportsFixture.Period}", app.TwenteManagerKey);

        var gamma = RowOf(report, app.Gamma, "jeugd-ggz-basis");
        Assert.Equal(4, gamma.GetProperty("weeksReported").GetInt32());
        AssertShare(gamma.GetProperty("withinNorm").GetProperty("intake"), 4, 0, 0.0);    // 5 > 4
        AssertShare(gamma.GetProperty("withinNorm").GetProperty("treatment"), 4, 4, 1.0); // 5 ≤ 10
        AssertShare(gamma.GetProperty("withinNorm").GetProperty("total"), 4, 4, 1.0);     // 10 ≤ 14
        AssertShare(gamma.GetProperty("withinNorm").GetProperty("allPhases"), 4, 0, 0.0);
        Assert.Equal("unchanged", gamma.GetProperty("trend").GetProperty("direction").GetString());

        // Delta's first offering is contracted in Enschede too; the second only in Doetinchem.
        var delta = RowOf(report, app.Delta, "dagbehandeling");
        Assert.Equal(1, delta.GetProperty("offerings").GetInt32());
        Assert.Equal(4, delta.GetProperty("weeksExpected").GetInt32());
        Assert.Equal(2, report.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task CareType_narrows_the_rows_and_the_default_period_is_the_last_13_weeks()
    {
        var narrowed = await GetAsync($"{Url}&careType=dagbehandeling");
        Assert.Equal([app.Delta], narrowed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("provider").GetProperty("id").GetGuid()));

        var byDefault = await GetAsync("/api/v1/reports/norm-compliance?region=achterhoek");
        var weeks = byDefault.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Equal(13, weeks.Count);
        Assert.Equal("2026-W35", weeks[0]);
        Assert.Equal("2026-W47", weeks[^1]);
        Assert.Equal("2026-11-18", byDefault.GetProperty("lastDay").GetString());
    }

    [Fact]
    public async Task The_csv_has_the_same_figures_in_dutch_number_format_and_guards_typed_text()
    {
        var json = await GetAsync(Url);
        var response = await app.CreateClient(WijzerApiFactory.AdminKey).GetAsync(Url + "&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("normnaleving-achterhoek-2026-10-05-2026-11-01.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var table = CsvParser.ParseTable(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(json.GetProperty("rows").GetArrayLength(), table.Count);
        var alfa = table.Single(r => r["KvK-nummer"] == "11111111");
        Assert.Equal(ReportsFixture.AlfaName, alfa["Aanbieder"]);                    // quoted: it holds ';' and '"'
        Assert.Equal("4", alfa["Weken verwacht"]);
        Assert.Equal("3", alfa["Weken gemeld"]);
        Assert.Equal("75,0", alfa["Gemeld (%)"]);
        Assert.Equal("0", alfa["Aanmeldwachttijd vergeleken (weken)"]);
        Assert.Equal("", alfa["Aanmeldwachttijd binnen norm (%)"]);
        Assert.Equal("66,7", alfa["Totale wachttijd binnen norm (%)"]);
        Assert.Equal("6,0", alfa["Mediane wachttijd (weken)"]);
        Assert.Equal("6", alfa["Maximale wachttijd (weken)"]);
        Assert.Equal("2026-W44", alfa["Laatste week"]);
        Assert.Equal("2026-10-27 11:00", alfa["Laatste melding"]);                  // 10:00 UTC is 11:00 in Amsterdam after 25 October
        Assert.Equal("binnen norm", alfa["Laatste normstatus"]);
        Assert.Equal("ja", alfa["Aanmelden mogelijk"]);
        Assert.Equal("-1,0", alfa["Verschil (weken)"]);
        Assert.Equal("korter", alfa["Trend"]);
        Assert.Equal("'" + ReportsFixture.EpsilonName, table.Single(r => r["KvK-nummer"] == "55555555")["Aanbieder"]);
        Assert.Equal("33,3", table.Single(r => r["KvK-nummer"] == "44444444")["Gemeld (%)"]);
        Assert.Equal("3,5", table.Single(r => r["KvK-nummer"] == "44444444")["Mediane wachttijd (weken)"]);

        // Every row's counts agree with the JSON.
        foreach (var row in json.GetProperty("rows").EnumerateArray())
        {
            var csv = table.Single(r => r["KvK-nummer"] == row.GetProperty("provider").GetProperty("kvkNumber").GetString() && r["Zorgvormcode"] == row.GetProperty("careType").GetProperty("code").GetString());
            Assert.Equal(row.GetProperty("weeksExpected").GetInt32().ToString(), csv["Weken verwacht"]);
            Assert.Equal(row.GetProperty("weeksReported").GetInt32().ToString(), csv["Weken gemeld"]);
            Assert.Equal(row.GetProperty("withinNorm").GetProperty("allPhases").GetProperty("compared").GetInt32().ToString(), csv["Alle fasen vergeleken (weken)"]);
        }
    }

    [Fact]
    public async Task Accept_text_csv_gives_the_same_file_as_format_csv_and_format_json_wins_over_accept()
    {
        var client = app.CreateClient(WijzerApiFactory.AdminKey);
        var byParameter = await client.GetByteArrayAsync(Url + "&format=csv");
        var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Accept.ParseAdd("text/csv");
        var byHeader = await client.SendAsync(request);

        Assert.Equal("text/csv", byHeader.Content.Headers.ContentType?.MediaType);
        Assert.Equal(byParameter, await byHeader.Content.ReadAsByteArrayAsync());

        var jsonWins = new HttpRequestMessage(HttpMethod.Get, Url + "&format=json");
        jsonWins.Headers.Accept.ParseAdd("text/csv");
        Assert.Equal("application/json", (await client.SendAsync(jsonWins)).Content.Headers.ContentType?.MediaType);
    }
}
