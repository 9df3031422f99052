using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Tests;

/// <summary>
/// March 2026, W10 (2–8 March) to W13 (23–29 March), for one care type with two offerings. The total norm is 8 weeks
/// until 15 March and 6 weeks from Monday 16 March (W12). Expectations are worked out by hand in the comments.
/// </summary>
public class WeeklyTrendTests
{
    private static readonly DateOnly Today = new(2026, 11, 18);
    private static readonly DateOnly NormChange = new(2026, 3, 16);
    private static readonly ReportingPeriod March = new(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 29), Today);
    private static readonly ContractPeriod Always = new(new DateOnly(2025, 1, 1), null);
    private static long _sequence;

    private static WaitNorm? NormOn(DateOnly day) => day < NormChange ? new WaitNorm(null, null, 8) : new WaitNorm(null, null, 6);

    private static WeeklyReport Report(DateOnly day, int? intake, int? treatment, int hourUtc = 11) =>
        new(IsoWeek.FromDate(day).Monday, new DateTimeOffset(day.ToDateTime(new TimeOnly(hourUtc, 0)), TimeSpan.Zero), ++_sequence, true, intake, treatment);

    private static IEnumerable<WeekOutcome> Weeks(OfferingRecord offering) => NormCompliance.ExpectedWeeks(offering, March, NormOn);

    [Fact]
    public void Each_week_counts_the_offerings_expected_and_reported_the_share_within_and_the_median()
    {
        var first = new OfferingRecord(new DateOnly(2025, 1, 1), null, [Always],
        [
            Report(new DateOnly(2026, 3, 2), 2, 5),   // W10: 7 ≤ 8 → within
            Report(new DateOnly(2026, 3, 9), 3, 7),   // W11: 10 > 8 → exceeded
            Report(new DateOnly(2026, 3, 16), 2, 3),  // W12: 5 ≤ 6 → within
                                                       // W13: skipped
        ]);
        var second = new OfferingRecord(new DateOnly(2025, 1, 1), null, [Always],
        [
            Report(new DateOnly(2026, 3, 2), 1, 2),   // W10: 3 → within
            Report(new DateOnly(2026, 3, 16), 4, 3),  // W12: 7 > 6 (new norm) → exceeded
            Report(new DateOnly(2026, 3, 23), 6, null), // W13: treatment unknown → status unknown; effective wait 6 (intake)
        ]);

        var weeks = WeeklyTrend.PerWeek(Weeks(first).Concat(Weeks(second)), March);

        Assert.Equal(["2026-W10", "2026-W11", "2026-W12", "2026-W13"], weeks.Select(w => w.Week.ToString()));
        Assert.Equal([2, 2, 2, 2], weeks.Select(w => w.OfferingsExpected));
        Assert.Equal([2, 1, 2, 1], weeks.Select(w => w.Reported));
        Assert.Equal(new NormShare(2, 2), weeks[0].WithinNorm);
        Assert.Equal(new NormShare(1, 0), weeks[1].WithinNorm);
        Assert.Equal(new NormShare(2, 1), weeks[2].WithinNorm);
        Assert.Equal(NormShare.Empty, weeks[3].WithinNorm);   // the one report has no status: nothing compared
        Assert.Null(weeks[3].WithinNorm.Share);
        Assert.Equal([5.0, 10.0, 6.0, 6.0], weeks.Select(w => w.MedianWaitWeeks)); // (7+3)/2, 10, (5+7)/2, 6
    }

    [Fact]
    public void A_week_nobody_was_expected_in_has_no_figures_and_a_corrected_report_counts_once()
    {
        // Created on Wednesday 11 March (W11), deleted on Friday 20 March (W12): expected in W11 and W12 only.
        var offering = new OfferingRecord(new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 20), [Always],
        [
            Report(new DateOnly(2026, 3, 11), 9, 9),
            Report(new DateOnly(2026, 3, 12), 1, 1),  // W11 corrected: the second report counts (2 ≤ 8)
        ]);

        var weeks = WeeklyTrend.PerWeek(Weeks(offering), March);

        Assert.Equal([0, 1, 1, 0], weeks.Select(w => w.OfferingsExpected));
        Assert.Equal([0, 1, 0, 0], weeks.Select(w => w.Reported));
        Assert.Equal(new NormShare(1, 1), weeks[1].WithinNorm);
        Assert.Equal([null, 2.0, null, null], weeks.Select(w => w.MedianWaitWeeks));
        Assert.Equal(NormShare.Empty, weeks[0].WithinNorm);
    }

    [Fact]
    public void The_weeks_add_up_to_the_norm_compliance_of_the_whole_period()
    {
        var offerings = new[]
        {
            new OfferingRecord(new DateOnly(2025, 1, 1), null, [Always],
                [Report(new DateOnly(2026, 3, 2), 2, 5), Report(new DateOnly(2026, 3, 16), 4, 4), Report(new DateOnly(2026, 3, 23), 1, 1)]),
            new OfferingRecord(new DateOnly(2026, 3, 10), null, [Always], [Report(new DateOnly(2026, 3, 10), 3, 3)]),
        };
        var outcomes = offerings.SelectMany(Weeks).ToList();

        var weeks = WeeklyTrend.PerWeek(outcomes, March);
        var period = NormCompliance.Summarise(outcomes, offerings.Length, March);

        Assert.Equal(period.WeeksExpected, weeks.Sum(w => w.OfferingsExpected));
        Assert.Equal(period.WeeksReported, weeks.Sum(w => w.Reported));
        Assert.Equal(period.Overall.Compared, weeks.Sum(w => w.WithinNorm.Compared));
        Assert.Equal(period.Overall.Within, weeks.Sum(w => w.WithinNorm.Within));
    }

    [Fact]
    public void An_empty_period_has_no_weeks()
    {
        var future = new ReportingPeriod(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1), Today);

        Assert.Empty(WeeklyTrend.PerWeek([], future));
    }
}
