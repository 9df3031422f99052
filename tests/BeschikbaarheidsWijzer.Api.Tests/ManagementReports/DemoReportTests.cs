using System.Net;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>The reports over the demo data: the demo providers are onboarded when their twelve weeks of history start.</summary>
public sealed class DemoReportTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    [Theory]
    [InlineData("achterhoek")]
    [InlineData("twente")]
    [InlineData("rivierenland")]
    [InlineData("midden-ijssel-oost-veluwe")]
    public async Task Norm_compliance_counts_the_demo_history_and_reported_weeks_match_the_stored_reports(string region)
    {
        var report = await ReadJsonAsync(await app.CreateClient(WijzerApiFactory.AdminKey).GetAsync($"/api/v1/reports/norm-compliance?region={region}"), HttpStatusCode.OK);
        var rows = report.GetProperty("rows").EnumerateArray().ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.InRange(r.GetProperty("weeksReported").GetInt32(), 0, r.GetProperty("weeksExpected").GetInt32()));
        Assert.Contains(rows, r => r.GetProperty("weeksExpected").GetInt32() == 12 * r.GetProperty("offerings").GetInt32());

        // Reported weeks are stored (offering, week) pairs of offerings contracted in the region: never more than those.
        var weeks = report.GetProperty("weeks").EnumerateArray().Select(w => IsoWeekMonday(w.GetString()!)).ToList();
        var (first, last) = (weeks[0], weeks[^1]);
        await using var db = app.CreateDbContext();
        var stored = await db.AvailabilityReports
            .Where(r => r.WeekStart >= first && r.WeekStart <= last && r.Offering!.Contracts.Any(c => c.Municipality!.RegionCode == region))
            .Select(r => new { r.OfferingId, r.WeekStart }).Distinct().CountAsync();
        var reported = rows.Sum(r => r.GetProperty("weeksReported").GetInt32());
        Assert.InRange(reported, 1, stored);
    }

    private static DateOnly IsoWeekMonday(string week) =>
        DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(int.Parse(week[..4]), int.Parse(week[6..]), DayOfWeek.Monday));
}
