using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

/// <summary>
/// "Nothing changed this week", dry runs and plausibility warnings. These tests move the fixture's clock from week to
/// week (tests of one class run one after another), each on offerings of its own.
/// </summary>
public sealed class ConfirmationAndWarningTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    private static readonly DateTimeOffset Week47 = TestPostgres.DemoClock; // Wednesday 18 November 2026
    private static readonly DateTimeOffset Week48 = Week47.AddDays(7);

    private static readonly object Figures = new
    {
        acceptingReferrals = true, waitToIntakeWeeks = 3, waitToTreatmentWeeks = 5, freePlaces = 2, totalPlaces = 10,
        waitlistCount = 4, note = "Groep op dinsdag.",
    };

    private async Task<JsonElement> PutAsync(Guid offering, object body, DateTimeOffset at, string query = "")
    {
        app.Clock.Now = at;
        var response = await app.CreateClient(app.KeyA).PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability{query}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> PostAsync(object body, DateTimeOffset at, string query = "", string? idempotencyKey = null)
    {
        app.Clock.Now = at;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/provider/availability-reports{query}") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await app.CreateClient(app.KeyA).SendAsync(request);
    }

    private async Task<List<Data.Entities.AvailabilityReport>> HistoryAsync(Guid offering)
    {
        await using var db = app.CreateDbContext();
        return await db.AvailabilityReports.AsNoTracking().Where(r => r.OfferingId == offering).OrderBy(r => r.Id).ToListAsync();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement FieldError(JsonElement problem, string field) =>
        problem.GetProperty("fieldErrors").EnumerateArray().Single(e => e.GetProperty("field").GetString() == field);

    [Fact]
    public async Task Unchanged_stores_this_weeks_report_with_the_latest_figures_and_keeps_when_they_changed()
    {
        var offering = app.OfferingsA[0];
        var first = await PutAsync(offering, Figures, Week47);

        var response = await PostAsync(new { reports = new[] { new { offeringId = offering, unchanged = true } } }, Week48);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports")[0];
        Assert.Equal("2026-W48", confirmed.GetProperty("week").GetString());
        Assert.True(confirmed.GetProperty("confirmedUnchanged").GetBoolean());
        Assert.Equal(first.GetProperty("reportedAt").GetDateTimeOffset(), confirmed.GetProperty("figuresChangedAt").GetDateTimeOffset());
        Assert.Equal(Week48, confirmed.GetProperty("reportedAt").GetDateTimeOffset());
        foreach (var field in new[] { "waitToIntakeWeeks", "waitToTreatmentWeeks", "freePlaces", "totalPlaces", "waitlistCount", "note" })
        {
            Assert.Equal(first.GetProperty(field).ToString(), confirmed.GetProperty(field).ToString());
        }

        var history = await HistoryAsync(offering);
        Assert.Equal([false, true], history.Select(r => r.ConfirmedUnchanged));
        Assert.Equal(app.KeyIdA, history[1].ApiKeyId);

        // The public detail says both: confirmed this week, figures from last week.
        var detail = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}");
        var availability = detail.GetProperty("availability");
        Assert.True(availability.GetProperty("confirmedUnchanged").GetBoolean());
        Assert.Equal(Week48, availability.GetProperty("reportedAt").GetDateTimeOffset());
        Assert.Equal(Week47, availability.GetProperty("figuresChangedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Confirming_twice_in_a_week_stores_once_and_answers_the_same_report()
    {
        var offering = app.OfferingsA[1];
        await PutAsync(offering, Figures, Week47);

        var once = await PutAsync(offering, new { unchanged = true }, Week48);
        var twice = await PutAsync(offering, new { unchanged = true }, Week48.AddHours(3));

        Assert.Equal(once.GetProperty("id").GetInt64(), twice.GetProperty("id").GetInt64());
        Assert.Equal(Week48, twice.GetProperty("reportedAt").GetDateTimeOffset());
        Assert.Equal(2, (await HistoryAsync(offering)).Count);
    }

    [Fact]
    public async Task Ten_offerings_are_confirmed_in_one_request()
    {
        var offerings = app.OfferingsA.Skip(2).Take(10).ToList();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(new { reports = offerings.Select(o => new { offeringId = o, acceptingReferrals = true, waitToIntakeWeeks = 2 }) }, Week47)).StatusCode);

        var response = await PostAsync(new { reports = offerings.Select(o => new { offeringId = o, unchanged = true }) }, Week48);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10, body.GetProperty("accepted").GetInt32());
        await using var db = app.CreateDbContext();
        var current = await db.Offerings.Where(o => offerings.Contains(o.Id)).Select(o => o.CurrentReport!).ToListAsync();
        Assert.All(current, r => Assert.True(r.ConfirmedUnchanged && r.WeekStart == new DateOnly(2026, 11, 23) && r.WaitToIntakeWeeks == 2));
    }

    [Fact]
    public async Task The_same_figures_sent_again_are_no_change()
    {
        var offering = app.OfferingsA[12];
        await PutAsync(offering, Figures, Week47);

        var again = await PutAsync(offering, Figures, Week48);
        var other = await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 4 }, Week48.AddHours(1));

        Assert.False(again.GetProperty("confirmedUnchanged").GetBoolean());
        Assert.Equal(Week47, again.GetProperty("figuresChangedAt").GetDateTimeOffset());
        Assert.Equal(Week48.AddHours(1), other.GetProperty("figuresChangedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("""{ "unchanged": true, "acceptingReferrals": true }""", "unchanged", "alone")]
    [InlineData("""{ "unchanged": true, "waitToIntakeWeeks": 2, "note": "x" }""", "unchanged", "alone")]
    [InlineData("""{ "unchanged": "yes" }""", "unchanged", "json-type")]
    [InlineData("""{ "acceptingReferrals": true, "realisedWaitToIntakeWeeks": 105 }""", "realisedWaitToIntakeWeeks", "range")]
    [InlineData("""{ "acceptingReferrals": true, "realisedWaitToTreatmentWeeks": -1 }""", "realisedWaitToTreatmentWeeks", "range")]
    public async Task A_confirmation_with_figures_or_a_realised_wait_out_of_range_is_400_at_its_field(string body, string field, string code)
    {
        var offering = app.OfferingsA[13];
        await PutAsync(offering, Figures, Week47);
        var before = await app.ReportCountAsync();
        app.Clock.Now = Week48;

        var response = await app.CreateClient(app.KeyA).PutAsync($"/api/v1/provider/offerings/{offering}/availability", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, FieldError(problem, field).GetProperty("code").GetString());
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_confirmation_for_an_offering_that_never_reported_refuses_the_whole_batch()
    {
        var reported = app.OfferingsA[14];
        await PutAsync(reported, Figures, Week47);
        var never = app.OfferingsA[15];
        var before = await app.ReportCountAsync();

        var response = await PostAsync(new
        {
            reports = new object[] { new { offeringId = reported, unchanged = true }, new { offeringId = never, unchanged = true } },
        }, Week48);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("no-earlier-report", FieldError(problem, "reports[1].unchanged").GetProperty("code").GetString());
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_confirmation_twice_in_one_batch_or_for_another_providers_offering_stores_nothing()
    {
        var offering = app.OfferingsA[16];
        await PutAsync(offering, Figures, Week47);
        var before = await app.ReportCountAsync();

        var twice = await PostAsync(new { reports = new[] { new { offeringId = offering, unchanged = true }, new { offeringId = offering, unchanged = true } } }, Week48);
        var foreign = await PostAsync(new { reports = new[] { new { offeringId = offering, unchanged = true }, new { offeringId = app.OfferingsB[0], unchanged = true } } }, Week48);

        Assert.Equal("duplicate", FieldError(await ProblemAsync(twice, HttpStatusCode.BadRequest), "reports[1].offeringId").GetProperty("code").GetString());
        Assert.Equal("unknown", FieldError(await ProblemAsync(foreign, HttpStatusCode.NotFound), "reports[1].offeringId").GetProperty("code").GetString());
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_sharp_drop_is_accepted_with_a_warning_that_is_stored_for_the_region()
    {
        var offering = app.OfferingsA[17];
        await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 20, totalPlaces = 10 }, Week47);

        var stored = await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 0, totalPlaces = 4 }, Week48);

        var warnings = stored.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(["wait-dropped-sharply:waitToIntakeWeeks", "places-jumped:totalPlaces"],
            warnings.Select(w => $"{w.GetProperty("code").GetString()}:{w.GetProperty("field").GetString()}"));
        Assert.Equal(20, warnings[0].GetProperty("previous").GetInt32());
        Assert.Equal(0, warnings[0].GetProperty("current").GetInt32());
        Assert.Equal(offering, warnings[0].GetProperty("offeringId").GetGuid());
        var row = (await HistoryAsync(offering)).Last();
        Assert.Contains("wait-dropped-sharply", row.Warnings);
        Assert.Equal(0, row.WaitToIntakeWeeks);
    }

    [Fact]
    public async Task A_correction_in_the_same_week_is_compared_with_last_week_not_with_the_mistake()
    {
        var offering = app.OfferingsA[18];
        await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 20 }, Week47);
        var mistake = await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 2 }, Week48);
        var corrected = await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 19 }, Week48.AddMinutes(5));

        Assert.Single(mistake.GetProperty("warnings").EnumerateArray());
        Assert.Empty(corrected.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task A_dry_run_answers_the_warnings_stores_nothing_and_leaves_the_idempotency_key_for_the_real_send()
    {
        var offering = app.OfferingsA[19];
        await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 20 }, Week47);
        var before = await app.ReportCountAsync();
        var batch = new { reports = new[] { new { offeringId = offering, acceptingReferrals = true, waitToIntakeWeeks = 1 } } };

        var dry = await (await PostAsync(batch, Week48, "?dryRun=true", "week48-send")).Content.ReadFromJsonAsync<JsonElement>();
        var putDry = await PutAsync(offering, new { acceptingReferrals = true, waitToIntakeWeeks = 1 }, Week48, "?dryRun=true");

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(JsonValueKind.Null, dry.GetProperty("reports")[0].GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, putDry.GetProperty("eTag").ValueKind);
        Assert.Equal("wait-dropped-sharply", dry.GetProperty("warnings")[0].GetProperty("code").GetString());
        Assert.Equal("wait-dropped-sharply", putDry.GetProperty("warnings")[0].GetProperty("code").GetString());
        Assert.Equal(before, await app.ReportCountAsync());

        var real = await PostAsync(batch, Week48, idempotencyKey: "week48-send");
        var body = await real.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("dryRun").GetBoolean());
        Assert.False(real.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("wait-dropped-sharply", body.GetProperty("warnings")[0].GetProperty("code").GetString());
        Assert.Equal(before + 1, await app.ReportCountAsync());
    }

    [Theory]
    [InlineData("?dryRun=maybe")]
    [InlineData("?dryRun=")]
    public async Task A_dry_run_flag_that_is_not_a_boolean_is_400_naming_it(string query)
    {
        var response = await PostAsync(new { reports = new[] { new { offeringId = app.OfferingsA[20], acceptingReferrals = true } } }, Week48, query);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("boolean", FieldError(problem, "dryRun").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_search_item_says_how_many_of_the_last_12_weeks_were_reported()
    {
        var offering = app.OfferingsA[21];
        await PutAsync(offering, Figures, Week47.AddDays(-14));
        await PutAsync(offering, Figures, Week47);

        app.Clock.Now = Week48;
        var search = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/offerings?municipality=GM0222&pageSize=100&careType=jeugd-ggz-basis&careType=ambulante-begeleiding");
        var item = search.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == offering);
        Assert.Equal(2, item.GetProperty("reporting").GetProperty("weeksReported").GetInt32());
        Assert.Equal(12, item.GetProperty("reporting").GetProperty("ofWeeks").GetInt32());
    }
}
