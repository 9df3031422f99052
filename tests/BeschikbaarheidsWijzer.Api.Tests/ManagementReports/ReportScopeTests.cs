using System.Net;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>Who may read which report, and what a wrong query gets: a region manager never sees another region's rows.</summary>
public sealed class ReportScopeTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    public static TheoryData<string> Reports() => new()
    {
        $"/api/v1/reports/norm-compliance?{ReportsFixture.Period}&region=",
        "/api/v1/reports/region-summary?region=",
        "/api/v1/reports/stale?days=1&region=",
    };

    /// <summary>The reports with rows of providers and offerings, and the weekly trend (figures per care type only).</summary>
    public static TheoryData<string> AllReports()
    {
        var all = Reports();
        all.Add("/api/v1/reports/weekly-trend?weeks=7&region=");
        return all;
    }

    [Theory]
    [MemberData(nameof(AllReports))]
    public async Task Anonymous_is_401_a_provider_403_and_a_region_manager_of_another_region_403_in_json_and_csv(string url)
    {
        await AssertProblemAsync(await app.CreateClient().GetAsync(url + "achterhoek"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await app.CreateClient(app.ProviderKey).GetAsync(url + "achterhoek"), HttpStatusCode.Forbidden);
        var twente = app.CreateClient(app.TwenteManagerKey);
        await AssertProblemAsync(await twente.GetAsync(url + "achterhoek"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await twente.GetAsync(url + "achterhoek&format=csv"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await twente.GetAsync(url + "ACHTERHOEK"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_region_managers_rows_are_only_offerings_contracted_in_its_region(string url)
    {
        var twente = app.CreateClient(app.TwenteManagerKey);
        var json = await ReadJsonAsync(await twente.GetAsync(url + "twente"), HttpStatusCode.OK);
        var csv = CsvParser.ParseTable(await (await twente.GetAsync(url + "twente&format=csv")).Content.ReadAsByteArrayAsync());

        // Only Gamma and Delta's first offering are contracted in Twente; Alfa, Beta, Epsilon and Delta's second are Achterhoek's.
        Assert.NotEmpty(csv);
        var achterhoekOnly = new[] { app.Alfa, app.Beta, app.Epsilon, app.AlfaOffering, app.BetaOffering, app.EpsilonOffering, app.DeltaNew };
        var text = json.ToString();
        Assert.All(achterhoekOnly, id => Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase));
        var names = new[] { ReportsFixture.AlfaName, "Beta Zorg", ReportsFixture.EpsilonName, "'" + ReportsFixture.EpsilonName };
        Assert.All(csv, row => Assert.DoesNotContain(row.Values, names.Contains));
        Assert.All(csv, row => Assert.DoesNotContain(row.Values, v => v is "11111111" or "22222222" or "55555555"));
        if (json.GetProperty("rows")[0].TryGetProperty("offerings", out _) && url.Contains("region-summary", StringComparison.Ordinal))
        {
            // Per care type, only Twente's offerings are counted.
            var rows = json.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("careType").GetProperty("code").GetString()!, r => r.GetProperty("offerings").GetInt32());
            Assert.Equal(0, rows["ambulante-begeleiding"]);
            Assert.Equal(1, rows["dagbehandeling"]);
            Assert.Equal(1, rows["jeugd-ggz-basis"]);
        }
    }

    [Fact]
    public async Task An_admin_and_a_manager_of_the_region_get_the_same_report()
    {
        var url = $"/api/v1/reports/norm-compliance?region=achterhoek&{ReportsFixture.Period}&format=csv";
        Assert.Equal(
            await app.CreateClient(WijzerApiFactory.AdminKey).GetByteArrayAsync(url),
            await app.CreateClient(app.AchterhoekManagerKey).GetByteArrayAsync(url));
    }

    public static TheoryData<string, string> BadQueries() => new()
    {
        { "/api/v1/reports/norm-compliance", "region" },
        { "/api/v1/reports/norm-compliance?region=groningen", "region" },
        { "/api/v1/reports/norm-compliance?region='; drop table offerings; --", "region" },
        { $"/api/v1/reports/norm-compliance?region={new string('a', 5000)}", "region" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&from=2026-13-01", "from" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&from=01-10-2026", "from" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&to=gisteren", "to" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&from=2026-11-01&to=2026-10-01", "to" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&from=2020-01-01&to=2026-01-01", "to" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&careType=zwemles", "careType" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&format=xlsx", "format" },
        { "/api/v1/reports/region-summary?region=achterhoek&date=2027-01-01", "date" },
        { "/api/v1/reports/region-summary?region=achterhoek&date=2026-02-30", "date" },
        { "/api/v1/reports/region-summary?region=achterhoek&format=", "format" },
        { "/api/v1/reports/stale?region=achterhoek&days=0", "days" },
        { "/api/v1/reports/stale?region=achterhoek&days=366", "days" },
        { "/api/v1/reports/stale?region=achterhoek&days=-5", "days" },
        { "/api/v1/reports/stale?region=achterhoek&days=1e3", "days" },
        { "/api/v1/reports/stale?region=achterhoek&days=99999999999", "days" },
        { "/api/v1/reports/stale?region=", "region" },
        { "/api/v1/reports/weekly-trend?region=", "region" },
        { "/api/v1/reports/weekly-trend?region=achterhoek&weeks=0", "weeks" },
        { "/api/v1/reports/weekly-trend?region=achterhoek&weeks=105", "weeks" },
        { "/api/v1/reports/weekly-trend?region=achterhoek&weeks=zes", "weeks" },
        { "/api/v1/reports/weekly-trend?region=achterhoek&weeks=-1", "weeks" },
        { "/api/v1/reports/weekly-trend?region=achterhoek&careType=<script>", "careType" },
        { "/api/v1/reports/weekly-trend?region=achterhoek&format=pdf", "format" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_queries_are_400_problems_naming_the_parameter(string url, string field)
    {
        await AssertProblemAsync(await app.CreateClient(WijzerApiFactory.AdminKey).GetAsync(url), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_period_entirely_in_the_future_has_no_weeks_and_no_rows()
    {
        var report = await ReadJsonAsync(
            await app.CreateClient(WijzerApiFactory.AdminKey).GetAsync("/api/v1/reports/norm-compliance?region=achterhoek&from=2027-01-01&to=2027-03-31"),
            HttpStatusCode.OK);

        Assert.Equal(0, report.GetProperty("weeks").GetArrayLength());
        Assert.Equal(0, report.GetProperty("rows").GetArrayLength());
    }
}
