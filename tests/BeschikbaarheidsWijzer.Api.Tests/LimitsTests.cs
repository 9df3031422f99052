using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests;

/// <summary>
/// GET /api/v1/limits says the limits the API refuses with: each advertised maximum is accepted and one more is refused
/// with a range code naming that maximum; the database's check constraints hold the same numbers.
/// </summary>
public sealed class LimitsTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    private async Task<JsonElement> LimitsAsync()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/limits");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int Max(JsonElement limits, string group, string field) => limits.GetProperty(group).GetProperty(field).GetProperty("max").GetInt32();

    private static async Task AssertRefusedAtAsync(HttpResponseMessage response, string field, int max)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var error = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("fieldErrors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal("range", error.GetProperty("code").GetString());
        Assert.Equal(max, error.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task A_reports_advertised_maxima_are_accepted_and_one_more_is_refused()
    {
        var limits = await LimitsAsync();
        var client = app.CreateClient(app.KeyA);
        var url = $"/api/v1/provider/offerings/{app.OfferingsA[3]}/availability";
        var wait = Max(limits, "report", "waitToIntakeWeeks");
        var places = Max(limits, "report", "totalPlaces");
        var waitlist = Max(limits, "report", "waitlistCount");

        var atMost = await client.PutAsJsonAsync(url, new
        {
            acceptingReferrals = true, waitToIntakeWeeks = wait, waitToTreatmentWeeks = Max(limits, "report", "waitToTreatmentWeeks"),
            freePlaces = places, totalPlaces = places, waitlistCount = waitlist, note = new string('x', limits.GetProperty("report").GetProperty("noteLength").GetInt32()),
        });
        Assert.Equal(HttpStatusCode.OK, atMost.StatusCode);

        await AssertRefusedAtAsync(await client.PutAsJsonAsync(url, new { acceptingReferrals = true, waitToIntakeWeeks = wait + 1 }), "waitToIntakeWeeks", wait);
        await AssertRefusedAtAsync(await client.PutAsJsonAsync(url, new { acceptingReferrals = true, totalPlaces = places + 1 }), "totalPlaces", places);
        await AssertRefusedAtAsync(await client.PutAsJsonAsync(url, new { acceptingReferrals = true, waitlistCount = waitlist + 1 }), "waitlistCount", waitlist);

        var realised = Max(limits, "report", "realisedWaitToIntakeWeeks");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(url, new
        {
            acceptingReferrals = true, realisedWaitToIntakeWeeks = realised, realisedWaitToTreatmentWeeks = Max(limits, "report", "realisedWaitToTreatmentWeeks"),
        })).StatusCode);
        await AssertRefusedAtAsync(await client.PutAsJsonAsync(url, new { acceptingReferrals = true, realisedWaitToIntakeWeeks = realised + 1 }), "realisedWaitToIntakeWeeks", realised);
    }

    [Fact]
    public async Task The_search_age_and_a_norms_weeks_are_refused_one_above_their_advertised_maximum()
    {
        var limits = await LimitsAsync();
        var age = Max(limits, "search", "age");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/offerings?age={age}")).StatusCode);
        await AssertRefusedAtAsync(await app.CreateClient().GetAsync($"/api/v1/offerings?age={age + 1}"), "age", age);

        var manager = app.CreateClient(app.ManagerTwente);
        var total = Max(limits, "norm", "maxTotalWeeks");
        var phase = Max(limits, "norm", "maxIntakeWeeks");
        await AssertRefusedAtAsync(await manager.PutAsJsonAsync("/api/v1/admin/regions/twente/norms/pleegzorg",
            new { maxTotalWeeks = total + 1, validFrom = "2027-01-01" }), "maxTotalWeeks", total);
        await AssertRefusedAtAsync(await manager.PutAsJsonAsync("/api/v1/admin/regions/twente/norms/pleegzorg",
            new { maxIntakeWeeks = phase + 1, validFrom = "2027-01-01" }), "maxIntakeWeeks", phase);
        Assert.Equal(Max(limits, "offering", "ageMax"), age);
    }

    [Fact]
    public async Task The_databases_check_constraints_hold_the_same_limits_against_any_writer()
    {
        var limits = await LimitsAsync();
        var wait = Max(limits, "report", "waitToIntakeWeeks");
        var age = Max(limits, "offering", "ageMax");
        await using var db = app.CreateDbContext();

        // Written past the API, as an import or psql would: the constraint says no at one more than the limit.
        await db.Database.ExecuteSqlAsync($"""
            insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, wait_to_intake_weeks, method, matching_dependent, bridging_care_available, api_key_id)
            values ({app.OfferingsA[4]}, date '2026-11-16', now(), true, {wait}, 'Actueel', false, false, {app.KeyIdA})
            """);
        var tooLong = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"""
            insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, wait_to_intake_weeks, method, matching_dependent, bridging_care_available, api_key_id)
            values ({app.OfferingsA[4]}, date '2026-11-16', now(), true, {wait + 1}, 'Actueel', false, false, {app.KeyIdA})
            """));
        Assert.Equal("ck_availability_reports_waits", tooLong.ConstraintName);

        var tooOld = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"update offerings set age_max = {age + 1} where id = {app.OfferingsA[4]}"));
        Assert.Equal("ck_offerings_ages", tooOld.ConstraintName);
    }
}
