using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>A region uploads what it measured itself from iJw messages; the KPI table shows it beside the provider's figures.</summary>
public sealed class RealisedLeadTimeUploadTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    private const string Header = "kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start";
    private const string Upload = "/api/v1/reports/realised-lead-times?region=achterhoek";

    private Task<HttpResponseMessage> PostAsync(string csv, string? key = null, string mediaType = "text/csv") =>
        app.CreateClient(key ?? app.AchterhoekManagerKey).PostAsync(Upload, new StringContent(csv, Encoding.UTF8, mediaType));

    private async Task<int> StoredAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.RegionMeasuredLeadTimes.CountAsync();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task An_upload_shows_in_the_kpi_table_beside_the_providers_own_figures_and_a_new_one_replaces_its_months()
    {
        // Alfa (KvK 11111111), ambulante begeleiding (iJw 45); September lies outside the period 5 October – 1 November.
        var first = await PostAsync($"{Header}\n11111111;45;2026-09;30;10\n11111111;45;2026-10;12;42\n11111111;45;2026-11;8;90\n");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, 0, "2026-09", "2026-11"), (body.GetProperty("lines").GetInt32(), body.GetProperty("replaced").GetInt32(),
            body.GetProperty("firstMonth").GetString(), body.GetProperty("lastMonth").GetString()));

        var second = await (await PostAsync($"{Header}\n11111111;45;2026-11;8;56\n")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, second.GetProperty("replaced").GetInt32());

        var report = await app.CreateClient(app.AchterhoekManagerKey).GetFromJsonAsync<JsonElement>($"/api/v1/reports/norm-compliance?region=achterhoek&{ReportsFixture.Period}");
        var alfa = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("provider").GetProperty("id").GetGuid() == app.Alfa);
        var measured = alfa.GetProperty("regionMeasured");
        Assert.Equal((2, 20), (measured.GetProperty("months").GetInt32(), measured.GetProperty("youngPeople").GetInt32()));
        Assert.Equal(47.6, measured.GetProperty("medianDays").GetDouble()); // (12 × 42 + 8 × 56) / 20
        Assert.Equal(6.8, measured.GetProperty("medianWeeks").GetDouble());
        Assert.Equal(0.8, measured.GetProperty("differenceWeeks").GetDouble()); // against the median expected wait of 6
        Assert.Equal(6, alfa.GetProperty("medianWaitWeeks").GetDouble());
        var delta = report.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("provider").GetProperty("id").GetGuid() == app.Delta);
        Assert.Equal(JsonValueKind.Null, delta.GetProperty("regionMeasured").ValueKind);

        // Twente sees nothing of the Achterhoek's upload.
        await using var db = app.CreateDbContext();
        Assert.All(await db.RegionMeasuredLeadTimes.ToListAsync(), t => Assert.Equal("achterhoek", t.RegionCode));
    }

    [Theory]
    [InlineData("kvk;categorie;maand;aantal;dagen\n11111111;45;2026-10;12;42", "lines[1]", "format")]
    [InlineData(Header + "\n99999999;45;2026-10;12;42", "lines[2].kvk", "unknown")]
    [InlineData(Header + "\n11111111;45;2026-10;-1;42", "lines[2].aantal_jeugdigen", "range")]
    [InlineData(Header + "\n11111111;45;2026-10;4;42", "lines[2].aantal_jeugdigen", "too-few")]
    [InlineData(Header + "\n11111111;45;2026-12;12;42\n11111111;45;2027-01;12;42", "lines[3].maand", "date-range")]
    [InlineData(Header + "\n11111111;45;2026-10;12;42\n11111111;45;2026-10;12;42", "lines[3].kvk", "duplicate")]
    [InlineData(Header + "\n11111111;45;2026-10;12;42;jan", "lines[2]", "format")]
    [InlineData(Header, "lines", "count")]
    public async Task A_bad_file_is_400_naming_the_line_and_column_and_nothing_is_stored(string csv, string field, string code)
    {
        var before = await StoredAsync();

        var problem = await ProblemAsync(await PostAsync(csv), HttpStatusCode.BadRequest);

        Assert.Contains(problem.GetProperty("fieldErrors").EnumerateArray(), e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_400_at_the_body_and_another_type_is_415()
    {
        var before = await StoredAsync();
        var big = Header + "\n" + string.Concat(Enumerable.Repeat("11111111;45;2026-10;12;42\n", 45_000));
        Assert.Equal("too-long", (await ProblemAsync(await PostAsync(big), HttpStatusCode.BadRequest)).GetProperty("fieldErrors")[0].GetProperty("code").GetString());
        await ProblemAsync(await PostAsync($"{Header}\n11111111;45;2026-10;12;42", mediaType: "application/json"), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Only_the_regions_manager_or_an_admin_may_upload()
    {
        var csv = $"{Header}\n11111111;45;2026-10;12;42";
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(csv, app.TwenteManagerKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(csv, app.ProviderKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync(Upload, new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        var problem = await ProblemAsync(await app.CreateClient(app.AchterhoekManagerKey).PostAsync("/api/v1/reports/realised-lead-times?region=nergens", new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        Assert.Equal("region", problem.GetProperty("fieldErrors")[0].GetProperty("field").GetString());
    }
}
