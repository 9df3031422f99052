using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

/// <summary>One week of a group of offerings (one care type in a region): the figures the dashboard draws.</summary>
public sealed record WeekFigures(IsoWeek Week, int OfferingsExpected, int Reported, NormShare WithinNorm, double? MedianWaitWeeks);

/// <summary>
/// The norm-compliance figures week by week: for each week of the period, the offerings expected to report that week
/// (<see cref="NormCompliance.ExpectedWeeks"/>), how many did, the share of reported weeks whose norm status is within
/// (of those within or exceeded, each judged by the norm in force on the day its report was made) and the median
/// effective wait. The same definitions as the norm-compliance report, counted per week instead of per period.
/// </summary>
public static class WeeklyTrend
{
    /// <param name="outcomes">The expected weeks of every offering of the group, as <see cref="NormCompliance.ExpectedWeeks"/> gives them.</param>
    /// <returns>One entry per week of the period, oldest first; a week nobody was expected in has zero counts and no figures.</returns>
    public static IReadOnlyList<WeekFigures> PerWeek(IEnumerable<WeekOutcome> outcomes, ReportingPeriod period)
    {
        var byWeek = outcomes.ToLookup(o => o.Week);
        return period.Weeks.Select(week =>
        {
            // An offering has at most one outcome a week, so the outcomes of a week are its offerings.
            var ofWeek = byWeek[week].ToList();
            var figures = NormCompliance.Summarise(ofWeek, ofWeek.Count, period);
            return new WeekFigures(week, figures.WeeksExpected, figures.WeeksReported, figures.Overall, figures.MedianWaitWeeks);
        }).ToList();
    }
}
