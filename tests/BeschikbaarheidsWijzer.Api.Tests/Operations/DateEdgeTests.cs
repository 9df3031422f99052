using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// Every parameter that takes a date, at the edges of what a date can be: the ends of the calendar answer 400 naming
/// the parameter (they once overflowed into a 500), an impossible day is 400, and the Amsterdam daylight-saving days are
/// ordinary days.
/// </summary>
public sealed class DateEdgeTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    /// <summary>Each endpoint that reads a date, with the date parameter to vary and what else it needs.</summary>
    public static TheoryData<string, string> DateParameters() => new()
    {
        { "/api/v1/admin/audit-log?from={0}", "from" },
        { "/api/v1/admin/audit-log?to={0}", "to" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&from={0}&to=2026-11-01", "from" },
        { "/api/v1/reports/norm-compliance?region=achterhoek&to={0}", "to" },
        { "/api/v1/reports/notable-reports?region=achterhoek&from={0}&to=2026-11-01", "from" },
        { "/api/v1/reports/notable-reports?region=achterhoek&to={0}", "to" },
        { "/api/v1/reports/region-summary?region=achterhoek&date={0}", "date" },
        { "/api/v1/norms?region=achterhoek&date={0}", "date" },
    };

    private async Task<HttpResponseMessage> GetAsync(string template, string date) =>
        await app.CreateClient(WijzerApiFactory.AdminKey).GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, date));

    [Theory]
    [MemberData(nameof(DateParameters))]
    public async Task The_ends_of_the_calendar_are_400_naming_the_parameter(string template, string field)
    {
        foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01" })
        {
            var response = await GetAsync(template, date);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{template} with {date}: {(int)response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("fieldErrors").EnumerateArray().ToList();
            Assert.Contains(errors, e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() is "date-range" or "range" or "less-than");
        }
    }

    [Theory]
    [MemberData(nameof(DateParameters))]
    public async Task An_impossible_day_is_400_and_daylight_saving_days_are_ordinary(string template, string field)
    {
        foreach (var impossible in new[] { "2026-02-29", "2026-13-01", "2026-W53", "+2026-01-01" })
        {
            var response = await GetAsync(template, impossible);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{template} with {impossible}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(problem.GetProperty("fieldErrors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        }

        // The clocks go forward on 29 March 2026 and back on 25 October 2026 in Amsterdam.
        foreach (var edge in new[] { "2026-03-29", "2026-10-25", "2026-03-30", "2026-10-26" })
        {
            var response = await GetAsync(template, edge);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{template} with {edge}: {(int)response.StatusCode}");
        }
    }
}
