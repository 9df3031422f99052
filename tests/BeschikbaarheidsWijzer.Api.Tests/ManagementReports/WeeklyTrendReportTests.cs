using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Features.ManagementReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>
/// The weekly trend on the fixed data set of <see cref="ReportsFixture"/>, over the seven weeks W41–W47 (today is
/// Wednesday 18 November 2026, in W47), against figures worked out by hand.
/// </summary>
public sealed class WeeklyTrendReportTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    private const string Url = "/api/v1/reports/weekly-trend?region=achterhoek&weeks=7";

    private async Task<JsonElement> GetAsync(string url) =>
        await ReadJsonAsync(await app.CreateClient(app.AchterhoekManagerKey).GetAsync(url), HttpStatusCode.OK);

    private static JsonElement CareType(JsonElement report, string code) =>
        report.GetProperty("careTypes").EnumerateArray().Single(c => c.GetProperty("careType").GetProperty("code").GetString() == code);

    private static List<int> Ints(JsonElement weeks, string property) => weeks.EnumerateArray().Select(w => w.GetProperty(property).GetInt32()).ToList();

    private static List<double?> Medians(JsonElement weeks) =>
        weeks.EnumerateArray().Select(w => w.GetProperty("medianWaitWeeks") is { ValueKind: JsonValueKind.Number } m ? m.GetDouble() : (double?)null).ToList();

    private static List<(int Compared, int Within)> Shares(JsonElement weeks) =>
        weeks.EnumerateArray().Select(w => (w.GetProperty("withinNorm").GetProperty("compared").GetInt32(), w.GetProperty("withinNorm").GetProperty("within").GetInt32())).ToList();

    [Fact]
    public async Task The_weeks_run_up_to_the_current_one_and_only_care_types_expected_in_the_region_are_there()
    {
        var report = await GetAsync(Url);

        Assert.Equal(["2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"],
            report.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("2026-10-05", report.GetProperty("from").GetString());
        Assert.Equal("2026-11-18", report.GetProperty("lastDay").GetString());
        Assert.Equal(["ambulante-begeleiding", "dagbehandeling"],
            report.GetProperty("careTypes").EnumerateArray().Select(c => c.GetProperty("careType").GetProperty("code").GetString()));
        Assert.All(report.GetProperty("careTypes").EnumerateArray(), c => Assert.Equal(7, c.GetProperty("weeks").GetArrayLength()));

        // The default is 26 weeks.
        var standard = await GetAsync("/api/v1/reports/weekly-trend?region=achterhoek");
        Assert.Equal(ManagementReportEndpoints.DefaultTrendWeeks, standard.GetProperty("weeks").GetArrayLength());
        Assert.Equal("2026-W47", standard.GetProperty("weeks")[25].GetString());
    }

    [Fact]
    public async Task Each_week_counts_expected_and_reported_offerings_judged_by_the_norm_of_the_report_day()
    {
        var ambulant = CareType(await GetAsync(Url), "ambulante-begeleiding");

        // The region's norm in force today: a total of 5 weeks (since 19 October).
        var norm = ambulant.GetProperty("norm");
        Assert.Equal("regio", norm.GetProperty("source").GetString());
        Assert.Equal(5, norm.GetProperty("maxTotalWeeks").GetInt32());

        var weeks = ambulant.GetProperty("weeks");
        Assert.Equal("2026-10-05", weeks[0].GetProperty("weekStart").GetString());
        // Alfa, Beta (until its deletion on Wednesday of W42) and Epsilon (never reports).
        Assert.Equal([3, 3, 2, 2, 2, 2, 2], Ints(weeks, "offeringsExpected"));
        Assert.Equal([2, 0, 1, 1, 0, 0, 1], Ints(weeks, "reported"));
        // W41: Alfa 6 and Beta 6 ≤ 8; W43: Alfa 6 > 5 (the new norm); W44: Alfa's correction 4 ≤ 5; W47: 4 ≤ 5.
        Assert.Equal([(2, 2), (0, 0), (1, 0), (1, 1), (0, 0), (0, 0), (1, 1)], Shares(weeks));
        Assert.Equal([6.0, null, 6.0, 4.0, null, null, 4.0], Medians(weeks));
        Assert.Equal(1.0, weeks[0].GetProperty("withinNorm").GetProperty("share").GetDouble());
        Assert.Equal(JsonValueKind.Null, weeks[1].GetProperty("withinNorm").GetProperty("share").ValueKind);
    }

    [Fact]
    public async Task An_offering_counts_from_the_week_it_was_created_and_an_aanmeldstop_week_is_still_judged()
    {
        var day = CareType(await GetAsync(Url), "dagbehandeling");

        // The national norm for day treatment (gehandicaptenzorg, dagbesteding).
        Assert.Equal("treeknorm", day.GetProperty("norm").GetProperty("source").GetString());
        var weeks = day.GetProperty("weeks");
        // Delta's first offering throughout; its second from Wednesday 21 October (W43), never reported.
        Assert.Equal([1, 1, 2, 2, 2, 2, 2], Ints(weeks, "offeringsExpected"));
        Assert.Equal([1, 0, 0, 1, 0, 0, 1], Ints(weeks, "reported"));
        Assert.Equal([(1, 1), (0, 0), (0, 0), (1, 1), (0, 0), (0, 0), (1, 0)], Shares(weeks)); // W47: 7 weeks > 6
        Assert.Equal([3.0, null, null, 4.0, null, null, 7.0], Medians(weeks));
    }

    [Fact]
    public async Task A_care_type_filter_keeps_only_that_care_type_and_twente_sees_its_own_offerings_only()
    {
        var filtered = await GetAsync(Url + "&careType=DAGBEHANDELING");
        Assert.Equal(["dagbehandeling"], filtered.GetProperty("careTypes").EnumerateArray().Select(c => c.GetProperty("careType").GetProperty("code").GetString()));

        var none = await GetAsync(Url + "&careType=pleegzorg");
        Assert.Equal(0, none.GetProperty("careTypes").GetArrayLength());

        var twente = await ReadJsonAsync(await app.CreateClient(app.TwenteManagerKey).GetAsync("/api/v1/reports/weekly-trend?region=twente&weeks=7"), HttpStatusCode.OK);
        var ggz = CareType(twente, "jeugd-ggz-basis").GetProperty("weeks");
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], Ints(ggz, "offeringsExpected"));       // Gamma
        Assert.Equal([1, 1, 1, 1, 0, 0, 0], Ints(ggz, "reported"));
        Assert.Equal([(1, 0), (1, 0), (1, 0), (1, 0), (0, 0), (0, 0), (0, 0)], Shares(ggz)); // 5 weeks to intake > 4
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], Ints(CareType(twente, "dagbehandeling").GetProperty("weeks"), "offeringsExpected"));
    }

    [Fact]
    public async Task The_csv_has_a_row_per_care_type_and_week_with_the_same_figures()
    {
        var response = await app.CreateClient(app.AchterhoekManagerKey).GetAsync(Url + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("weektrend-achterhoek-2026-11-18.csv", response.Content.Headers.ContentDisposition?.FileName);
        var body = await response.Content.ReadAsByteArrayAsync();
        var rows = CsvParser.ParseTable(body);

        Assert.Equal(ManagementReportCsv.WeeklyTrendHeader, CsvParser.Parse(body)[0]);
        Assert.Equal(14, rows.Count);
        var w41 = rows[0];
        Assert.Equal("ambulante-begeleiding", w41["Zorgvormcode"]);
        Assert.Equal("2026-W41", w41["Week"]);
        Assert.Equal("2026-10-05", w41["Weekstart"]);
        Assert.Equal("3", w41["Aanbod verwacht"]);
        Assert.Equal("2", w41["Gemeld"]);
        Assert.Equal("2", w41["Beoordeeld"]);
        Assert.Equal("2", w41["Binnen norm"]);
        Assert.Equal("100,0", w41["Binnen norm (%)"]);
        Assert.Equal("6,0", w41["Mediane wachttijd (weken)"]);
        var w42 = rows[1];
        Assert.Equal("", w42["Binnen norm (%)"]);
        Assert.Equal("", w42["Mediane wachttijd (weken)"]);
        Assert.Equal("dagbehandeling", rows[13]["Zorgvormcode"]);
        Assert.Equal("0,0", rows[13]["Binnen norm (%)"]);
    }
}
