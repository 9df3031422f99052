using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// Refusals carry a stable code and its parameters per field (<c>fieldErrors</c>) beside the RFC 9457 <c>errors</c>, so
/// a client words them in its own language without reading English; the README documents every code.
/// </summary>
public sealed class ErrorCodeTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task A_report_field_out_of_range_carries_its_code_and_bounds_and_errors_keeps_the_message()
    {
        var response = await app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports", new
        {
            reports = new object[]
            {
                new { offeringId = app.OfferingsA[0], acceptingReferrals = true, waitToIntakeWeeks = 2 },
                new { offeringId = app.OfferingsA[1], acceptingReferrals = true, waitToIntakeWeeks = 999, freePlaces = 5, totalPlaces = 2 },
            },
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var range = Single(problem, "reports[1].waitToIntakeWeeks");
        Assert.Equal("range", range.GetProperty("code").GetString());
        Assert.Equal(0, range.GetProperty("min").GetInt32());
        Assert.Equal(104, range.GetProperty("max").GetInt32());
        Assert.Equal(range.GetProperty("message").GetString(), problem.GetProperty("errors").GetProperty("reports[1].waitToIntakeWeeks")[0].GetString());
        var more = Single(problem, "reports[1].freePlaces");
        Assert.Equal("more-than", more.GetProperty("code").GetString());
        Assert.Equal("totalPlaces", more.GetProperty("other").GetString());
        Assert.Equal(2, more.GetProperty("max").GetInt32());
    }

    [Theory]
    [InlineData("{\"acceptingReferrals\": true, \"waitToIntakeWeeks\": ", "json-syntax", "waitToIntakeWeeks")]
    [InlineData("{\"acceptingReferrals\": true, \"waitToIntakeWeeks\": \"3\"}", "json-type", "waitToIntakeWeeks")]
    [InlineData("{\"acceptingReferrals\": true, \"waitToIntakeWeks\": 3}", "unknown-field", "waitToIntakeWeks")]
    [InlineData("{\"acceptingReferrals\": true, \"waitToIntakeWeeks\": 3, \"waitToIntakeWeeks\": 90}", "duplicate-field", "waitToIntakeWeeks")]
    [InlineData("", "required", "body")]
    public async Task A_body_the_reader_refuses_names_its_field_with_a_code_and_nothing_is_stored(string body, string code, string field)
    {
        var before = await app.ReportCountAsync();

        var response = await app.CreateClient(app.KeyA).PutAsync($"/api/v1/provider/offerings/{app.OfferingsA[2]}/availability",
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, Single(problem, field).GetProperty("code").GetString());
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task Search_filters_carry_codes_with_what_the_client_needs_to_word_them()
    {
        var client = app.CreateClient();

        var age = await ProblemAsync(await client.GetAsync("/api/v1/offerings?age=99"), HttpStatusCode.BadRequest);
        var ageError = Single(age, "age");
        Assert.Equal(("range", 0, 27), (ageError.GetProperty("code").GetString(), ageError.GetProperty("min").GetInt32(), ageError.GetProperty("max").GetInt32()));

        var municipality = await ProblemAsync(await client.GetAsync("/api/v1/offerings?municipality=GM9999"), HttpStatusCode.BadRequest);
        var unknown = Single(municipality, "municipality");
        Assert.Equal(("unknown", "municipality"), (unknown.GetProperty("code").GetString(), unknown.GetProperty("kind").GetString()));

        var sort = await ProblemAsync(await client.GetAsync("/api/v1/offerings?sort=distance"), HttpStatusCode.BadRequest);
        Assert.Equal("needs", Single(sort, "sort").GetProperty("code").GetString());

        var word = await ProblemAsync(await client.GetAsync("/api/v1/offerings?sort=price"), HttpStatusCode.BadRequest);
        var oneOf = Single(word, "sort");
        Assert.Equal("one-of", oneOf.GetProperty("code").GetString());
        Assert.Contains("wait", oneOf.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task A_norm_without_any_bound_and_one_shorter_than_its_phase_say_so_in_codes()
    {
        var client = app.CreateClient(app.ManagerAchterhoek);
        const string url = "/api/v1/admin/regions/achterhoek/norms/jeugd-ggz-basis";

        var none = await ProblemAsync(await client.PutAsJsonAsync(url, new { validFrom = "2027-01-01" }), HttpStatusCode.BadRequest);
        Assert.Equal("at-least-one", Single(none, "maxTotalWeeks").GetProperty("code").GetString());

        var shorter = await ProblemAsync(await client.PutAsJsonAsync(url,
            new { maxIntakeWeeks = 6, maxTotalWeeks = 4, validFrom = "2027-01-01" }), HttpStatusCode.BadRequest);
        var lessThan = Single(shorter, "maxTotalWeeks");
        Assert.Equal(("less-than", 6), (lessThan.GetProperty("code").GetString(), lessThan.GetProperty("min").GetInt32()));

        var early = await ProblemAsync(await client.PutAsJsonAsync(url, new { maxTotalWeeks = 4, validFrom = "1999-01-01" }), HttpStatusCode.BadRequest);
        var dateRange = Single(early, "validFrom");
        Assert.Equal(("date-range", "2015-01-01"), (dateRange.GetProperty("code").GetString(), dateRange.GetProperty("min").GetString()));
    }

    [Fact]
    public void The_readme_documents_every_code_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("<!-- error-codes -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /error-codes -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no <!-- error-codes --> table");

        var documented = readme[start..end].Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('`')[1])
            .ToList();

        Assert.Equal(ErrorCodes.All.Order(), documented.Order());
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    [Fact]
    public void The_readme_documents_every_plausibility_rule_with_its_threshold()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("<!-- plausibility-rules -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /plausibility-rules -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no <!-- plausibility-rules --> table");
        var rows = readme[start..end].Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToList();

        Assert.Equal(PlausibilityRules.Codes, rows.Select(line => line.Split('`')[1]));
        var thresholds = new Dictionary<string, string>
        {
            [PlausibilityRules.WaitDroppedSharply] = $"{PlausibilityRules.DropFromWeeks} weeks or more falls to a quarter",
            [PlausibilityRules.WaitRoseSharply] = $"{PlausibilityRules.RiseByWeeks} weeks or more and at least doubles",
            [PlausibilityRules.FreePlacesWithWaitlist] = $"{PlausibilityRules.WaitlistWithFreePlaces} or more wait",
            [PlausibilityRules.PlacesJumped] = $"{PlausibilityRules.PlacesJumpFrom} or more halve or double",
            [PlausibilityRules.StopWithoutWait] = "0 weeks to intake",
            [PlausibilityRules.SameFiguresForWeeks] = $"{PlausibilityRules.SameFiguresWeeks} weeks or more",
        };
        Assert.Equal(4, PlausibilityRules.DropToDivisor); // "a quarter"
        Assert.All(rows, line => Assert.Contains(thresholds[line.Split('`')[1]], line, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Single(JsonElement problem, string field) =>
        Assert.Single(problem.GetProperty("fieldErrors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
}
