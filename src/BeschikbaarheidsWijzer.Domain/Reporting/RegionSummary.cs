using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

/// <summary>One offering on the summary's date: its report as of that date (if any), whether it was stale then, and the
/// region's norm in force on the day that report was made.</summary>
public sealed record OfferingSnapshot(WeeklyReport? Report, bool Stale, WaitNorm? Norm);

/// <summary>The figures a region puts in its regiovisie, for one care type on one date.</summary>
public sealed record RegionCareTypeFigures(
    int Offerings,
    int WithReport,
    int Stale,
    int AcceptingReferrals,
    int FreePlaces,
    NormShare WithinNorm,
    double? MedianWaitWeeks);

/// <summary>
/// Counts over the offerings contracted in the region on the date, using each offering's latest report as of that date
/// (stale ones included, and counted apart): accepting referrals, free places (sum of those given), the share within
/// norm of offerings whose status is not unknown, and the median effective wait (total, else intake).
/// </summary>
public static class RegionSummary
{
    public static RegionCareTypeFigures Summarise(IReadOnlyCollection<OfferingSnapshot> offerings)
    {
        var reported = offerings.Where(o => o.Report is not null).ToList();
        return new RegionCareTypeFigures(
            offerings.Count,
            reported.Count,
            reported.Count(o => o.Stale),
            reported.Count(o => o.Report!.AcceptingReferrals),
            reported.Sum(o => o.Report!.FreePlaces ?? 0),
            NormShare.Count(reported.Select(o => NormEvaluator.Evaluate(o.Report!.Figures, o.Norm))),
            Statistics.Median(reported.Select(o => o.Report!.Figures.EffectiveWaitWeeks).OfType<int>()));
    }
}
