using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Tests;

/// <summary>
/// March 2026: weeks W10 (2–8 March) to W13 (23–29 March). The region's total norm is 8 weeks until 15 March and 6 weeks
/// from Monday 16 March (W12). Expectations are worked out by hand in the comments.
/// </summary>
public class NormComplianceTests
{
    private static readonly DateOnly Today = new(2026, 11, 18);
    private static readonly DateOnly NormChange = new(2026, 3, 16);
    private static readonly ReportingPeriod March = new(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 29), Today);
    private static readonly ContractPeriod Always = new(new DateOnly(2025, 1, 1), null);
    private static long _sequence;

    private static WaitNorm? NormOn(DateOnly day) => day < NormChange ? new WaitNorm(null, null, 8) : new WaitNorm(null, null, 6);

    /// <summary>A report made on <paramref name="day"/> at noon in Amsterdam (11:00 UTC in March, before summer time).</summary>
    private static WeeklyReport Report(DateOnly day, int? intake, int? treatment, bool accepting = true, int hourUtc = 11) =>
        new(IsoWeek.FromDate(day).Monday, new DateTimeOffset(day.ToDateTime(new TimeOnly(hourUtc, 0)), TimeSpan.Zero), ++_sequence, accepting, intake, treatment);

    private static OfferingRecord Offering(params WeeklyReport[] reports) => new(new DateOnly(2025, 1, 1), null, [Always], reports);

    [Fact]
    public void The_period_has_the_iso_weeks_that_hold_its_days()
    {
        Assert.Equal(["2026-W10", "2026-W11", "2026-W12", "2026-W13"], March.Weeks.Select(w => w.ToString()));

        // Wednesday 4 March to Tuesday 17 March touches three weeks.
        var ragged = new ReportingPeriod(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 17), Today);
        Assert.Equal(["2026-W10", "2026-W11", "2026-W12"], ragged.Weeks.Select(w => w.ToString()));
        Assert.Equal(5, ragged.DaysOf(ragged.Weeks[0]).Count());
        Assert.Equal(2, ragged.DaysOf(ragged.Weeks[2]).Count());
    }

    [Fact]
    public void A_period_running_into_the_future_stops_today()
    {
        var period = new ReportingPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), Today);

        Assert.Equal(Today, period.LastDay);
        Assert.Equal("2026-W47", period.Weeks[^1].ToString()); // 18 November is in W47
        Assert.Empty(new ReportingPeriod(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1), Today).Weeks);
    }

    [Fact]
    public void A_skipped_week_is_expected_but_not_reported_and_each_week_is_judged_by_the_norm_of_its_report_date()
    {
        var offering = Offering(
            Report(new DateOnly(2026, 3, 2), 2, 5),   // W10: total 7 ≤ 8 (old norm) → within
                                                      // W11: skipped
            Report(new DateOnly(2026, 3, 16), 2, 5),  // W12: total 7 > 6 (new norm) → exceeded
            Report(new DateOnly(2026, 3, 23), 1, 4)); // W13: total 5 ≤ 6 → within

        var weeks = NormCompliance.ExpectedWeeks(offering, March, NormOn);
        var figures = NormCompliance.Summarise(weeks, 1, March);

        Assert.Equal(4, figures.WeeksExpected);
        Assert.Equal(3, figures.WeeksReported);
        Assert.Equal(0.75, figures.ReportedShare);
        Assert.Equal(new NormShare(3, 2), figures.Total);
        Assert.Equal(new NormShare(0, 0), figures.Intake);   // neither norm bounds the intake
        Assert.Null(figures.Intake.Share);
        Assert.Equal(new NormShare(3, 2), figures.Overall);
        Assert.Equal(7, figures.MedianWaitWeeks);             // 5, 7, 7
        Assert.Equal(7, figures.MaxWaitWeeks);
        Assert.Equal("2026-W13", figures.Latest!.Week.ToString());
        Assert.Equal(NormStatus.Within, figures.Latest.Status);

        // First half W10–W11: [7] → 7; second half W12–W13: [7, 5] → 6.
        Assert.Equal(7, figures.Trend.FirstHalfMedianWeeks);
        Assert.Equal(6, figures.Trend.SecondHalfMedianWeeks);
        Assert.Equal(-1, figures.Trend.ChangeWeeks);
        Assert.Equal(TrendDirection.Shorter, figures.Trend.Direction);
    }

    [Fact]
    public void The_report_date_is_the_amsterdam_calendar_day()
    {
        // 23:30 UTC on Sunday 15 March is 00:30 on Monday 16 March in Amsterdam: the new norm (6) applies, 7 exceeds it.
        var lateSunday = new WeeklyReport(new DateOnly(2026, 3, 16), new DateTimeOffset(2026, 3, 15, 23, 30, 0, TimeSpan.Zero), 1, true, 3, 4);

        var week = NormCompliance.ExpectedWeeks(Offering(lateSunday), March, NormOn).Single(w => w.Reported);

        Assert.Equal(NormChange, lateSunday.ReportDate);
        Assert.Equal(new WaitNorm(null, null, 6), week.Norm);
        Assert.Equal(NormStatus.Exceeded, week.Status);
    }

    [Fact]
    public void Of_two_reports_in_a_week_the_later_one_counts()
    {
        var offering = Offering(
            Report(new DateOnly(2026, 3, 2), 2, 9),   // total 11 > 8
            Report(new DateOnly(2026, 3, 4), 2, 3));  // corrected: total 5

        var weeks = NormCompliance.ExpectedWeeks(offering, March, NormOn);

        Assert.Equal(4, weeks.Count);
        Assert.Equal(5, weeks.Single(w => w.Reported).EffectiveWaitWeeks);
        Assert.Equal(1, NormCompliance.Summarise(weeks, 1, March).WeeksReported);
    }

    [Fact]
    public void A_deleted_offering_is_expected_only_in_weeks_before_its_deletion()
    {
        // Deleted on Wednesday 18 March (W12): Monday and Tuesday of W12 still count, W13 does not.
        var offering = new OfferingRecord(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 18), [Always], []);

        var weeks = NormCompliance.ExpectedWeeks(offering, March, NormOn);

        Assert.Equal(["2026-W10", "2026-W11", "2026-W12"], weeks.Select(w => w.Week.ToString()));
        Assert.All(weeks, w => Assert.False(w.Reported));
        var figures = NormCompliance.Summarise(weeks, 1, March);
        Assert.Equal(0, figures.ReportedShare);
        Assert.Null(figures.MedianWaitWeeks);
        Assert.Null(figures.Latest);
        Assert.Equal(TrendDirection.Unknown, figures.Trend.Direction);
    }

    [Fact]
    public void Deleted_the_day_the_period_starts_means_no_expected_week()
    {
        var period = new ReportingPeriod(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 8), Today);
        var offering = new OfferingRecord(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 4), [Always], []);

        Assert.Empty(NormCompliance.ExpectedWeeks(offering, period, NormOn));
    }

    [Fact]
    public void Weeks_count_only_while_the_offering_exists_and_is_contracted_in_the_region()
    {
        // Created on Sunday 8 March: W10 counts (one day). Contract in the region from Wednesday 18 March to Monday 23 March.
        var created = new OfferingRecord(new DateOnly(2026, 3, 8), null, [Always], []);
        var contracted = new OfferingRecord(new DateOnly(2025, 1, 1), null, [new ContractPeriod(new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 23))], []);
        var notInRegion = new OfferingRecord(new DateOnly(2025, 1, 1), null, [], []);

        Assert.Equal(4, NormCompliance.ExpectedWeeks(created, March, NormOn).Count);
        Assert.Equal(["2026-W12", "2026-W13"], NormCompliance.ExpectedWeeks(contracted, March, NormOn).Select(w => w.Week.ToString()));
        Assert.Empty(NormCompliance.ExpectedWeeks(notInRegion, March, NormOn));
    }

    [Fact]
    public void A_group_of_offerings_counts_offering_weeks()
    {
        var first = Offering(Report(new DateOnly(2026, 3, 2), 1, 2), Report(new DateOnly(2026, 3, 9), 1, 2), Report(new DateOnly(2026, 3, 16), 1, 2), Report(new DateOnly(2026, 3, 23), 1, 2));
        var second = Offering(Report(new DateOnly(2026, 3, 24), 4, 6, accepting: false)); // W13: 10 > 6

        var weeks = NormCompliance.ExpectedWeeks(first, March, NormOn).Concat(NormCompliance.ExpectedWeeks(second, March, NormOn)).ToList();
        var figures = NormCompliance.Summarise(weeks, 2, March);

        Assert.Equal(2, figures.Offerings);
        Assert.Equal(8, figures.WeeksExpected);
        Assert.Equal(5, figures.WeeksReported);
        Assert.Equal(new NormShare(5, 4), figures.Total);
        Assert.Equal(3, figures.MedianWaitWeeks);   // 3, 3, 3, 3, 10
        Assert.Equal(10, figures.MaxWaitWeeks);

        // The latest report of the group: the second offering's, made a day after the first's W13 report.
        Assert.False(figures.Latest!.Report!.AcceptingReferrals);
        Assert.Equal(NormStatus.Exceeded, figures.Latest.Status);

        // First half [3, 3] → 3; second half [3, 3, 10] → 3.
        Assert.Equal(TrendDirection.Unchanged, figures.Trend.Direction);
    }

    [Fact]
    public void Per_phase_shares_count_only_phases_with_a_figure_and_a_bound()
    {
        WaitNorm Ggz(DateOnly _) => new(4, 10, 14);
        var offering = Offering(
            Report(new DateOnly(2026, 3, 2), 5, 3),        // intake 5 > 4; treatment 3 ≤ 10; total 8 ≤ 14
            Report(new DateOnly(2026, 3, 9), 2, null),     // intake only
            Report(new DateOnly(2026, 3, 16), null, 12),   // treatment 12 > 10
            Report(new DateOnly(2026, 3, 23), null, null)); // nothing to compare

        var figures = NormCompliance.Summarise(NormCompliance.ExpectedWeeks(offering, March, Ggz), 1, March);

        Assert.Equal(new NormShare(2, 1), figures.Intake);
        Assert.Equal(new NormShare(2, 1), figures.Treatment);
        Assert.Equal(new NormShare(1, 1), figures.Total);
        // W10 exceeded, W11 partial (intake within, the rest unknown: not a verdict on the whole wait), W12 exceeded, W13 unknown.
        Assert.Equal(new NormShare(2, 0), figures.Overall);
        Assert.Equal(4, figures.WeeksReported);
        // Effective waits: 8 (total), 2 (intake), none, none → median 5, max 8.
        Assert.Equal(5, figures.MedianWaitWeeks);
        Assert.Equal(8, figures.MaxWaitWeeks);
    }

    [Fact]
    public void With_an_odd_number_of_weeks_the_middle_week_is_in_neither_half()
    {
        var period = new ReportingPeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 5), Today); // W10–W14
        var offering = Offering(
            Report(new DateOnly(2026, 3, 2), 1, 1),    // W10: 2
            Report(new DateOnly(2026, 3, 9), 2, 2),    // W11: 4
            Report(new DateOnly(2026, 3, 16), 10, 10), // W12: 20, the middle week
            Report(new DateOnly(2026, 3, 23), 1, 0),   // W13: 1
            Report(new DateOnly(2026, 3, 30), 0, 0));  // W14: 0

        var figures = NormCompliance.Summarise(NormCompliance.ExpectedWeeks(offering, period, NormOn), 1, period);

        Assert.Equal(3, figures.Trend.FirstHalfMedianWeeks);   // 2, 4
        Assert.Equal(0.5, figures.Trend.SecondHalfMedianWeeks); // 1, 0
        Assert.Equal(TrendDirection.Shorter, figures.Trend.Direction);
        Assert.Equal(20, figures.MaxWaitWeeks);
    }
}

public class ReportingStatisticsTests
{
    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 4 }, 4.0)]
    [InlineData(new[] { 9, 1, 5 }, 5.0)]
    [InlineData(new[] { 8, 2, 3, 1 }, 2.5)]
    [InlineData(new[] { 3, 3, 3, 10 }, 3.0)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(int[] values, double? expected)
    {
        Assert.Equal(expected, Statistics.Median(values));
    }

    [Fact]
    public void A_share_of_nothing_compared_is_null()
    {
        Assert.Null(NormShare.Empty.Share);
        Assert.Equal(new NormShare(3, 1), NormShare.Count([true, null, false, false]));
        Assert.Equal(new NormShare(2, 1), NormShare.Count([NormStatus.Within, NormStatus.Unknown, NormStatus.Exceeded]));
    }

    [Fact]
    public void Region_summary_counts_offerings_reports_stale_referrals_places_norm_and_median()
    {
        var monday = new DateOnly(2026, 11, 16);
        var at = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        var norm = new WaitNorm(4, 10, 14);
        OfferingSnapshot[] offerings =
        [
            new(new WeeklyReport(monday, at, 1, true, 2, 3, FreePlaces: 4), false, norm),    // within, wait 5
            new(new WeeklyReport(monday, at, 2, false, 6, 3, FreePlaces: 0), false, norm),   // intake 6 > 4: exceeded, wait 9
            new(new WeeklyReport(monday, at, 3, true, 1, null, FreePlaces: null), true, norm), // stale, partial (not compared), wait 1
            new(new WeeklyReport(monday, at, 4, true, null, null, FreePlaces: 2), false, null), // no norm: unknown, no wait
            new(null, false, norm),                                                            // never reported
        ];

        var figures = RegionSummary.Summarise(offerings);

        Assert.Equal(new RegionCareTypeFigures(5, 4, 1, 3, 6, new NormShare(2, 1), 5), figures);
    }
}
