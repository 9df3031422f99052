using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

/// <summary>A stored report as the reports read it. <see cref="Sequence"/> (the row id) orders reports made at the same instant.</summary>
public sealed record WeeklyReport(
    DateOnly WeekStart,
    DateTimeOffset ReportedAt,
    long Sequence,
    bool AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? FreePlaces = null,
    int? RealisedWaitToIntakeWeeks = null,
    int? RealisedWaitToTreatmentWeeks = null)
{
    public WaitFigures Figures => new(WaitToIntakeWeeks, WaitToTreatmentWeeks);

    /// <summary>What those who started in the last 8 weeks waited, as the provider reports it.</summary>
    public WaitFigures RealisedFigures => new(RealisedWaitToIntakeWeeks, RealisedWaitToTreatmentWeeks);

    /// <summary>The calendar day (Europe/Amsterdam) the report was made: its norm is the one in force that day.</summary>
    public DateOnly ReportDate => IsoWeek.ToAmsterdamDate(ReportedAt);

    /// <summary>Of several reports, the current one: latest week, then latest report.</summary>
    public static WeeklyReport? Current(IEnumerable<WeeklyReport> reports) =>
        CurrentReportRule.Current(reports, r => r.WeekStart, r => r.ReportedAt, r => r.Sequence);
}

/// <summary>A period in which an offering was contracted for a municipality (<see cref="ValidTo"/> null = open-ended).</summary>
public sealed record ContractPeriod(DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool Covers(DateOnly day) => Contracts.ContractValidity.IsValidOn(ValidFrom, ValidTo, day);
}

/// <summary>
/// One offering as the compliance report sees it for one region: when it was created and deleted (calendar days in
/// Europe/Amsterdam), its contracts in municipalities of that region, and its reports.
/// </summary>
public sealed record OfferingRecord(DateOnly CreatedOn, DateOnly? DeletedOn, IReadOnlyList<ContractPeriod> ContractsInRegion, IReadOnlyList<WeeklyReport> Reports)
{
    /// <summary>Existed (created that day or before, not deleted that day or before) and was contracted in the region.</summary>
    public bool IsExpectedOn(DateOnly day) =>
        CreatedOn <= day && (DeletedOn is null || day < DeletedOn) && ContractsInRegion.Any(c => c.Covers(day));
}

/// <summary>One week in which an offering was expected to report: its current report of the week (if any), judged.</summary>
public sealed record WeekOutcome(IsoWeek Week, WeeklyReport? Report, WaitNorm? Norm, NormVerdict Verdict)
{
    public bool Reported => Report is not null;

    public NormStatus Status => Verdict.Status;

    /// <summary>Total wait if known, else the intake wait.</summary>
    public int? EffectiveWaitWeeks => Report?.Figures.EffectiveWaitWeeks;

    /// <summary>The same of the realised waits.</summary>
    public int? RealisedEffectiveWaitWeeks => Report?.RealisedFigures.EffectiveWaitWeeks;
}

/// <summary>
/// The provider's expected wait beside the wait it reports as realised, over the reported weeks that have both (the
/// effective wait of each: total, else intake): medians of each and <see cref="DifferenceWeeks"/> = realised − expected.
/// </summary>
public sealed record ExpectedVersusRealised(int Weeks, double? MedianExpectedWeeks, double? MedianRealisedWeeks)
{
    public double? DifferenceWeeks => MedianRealisedWeeks - MedianExpectedWeeks;

    public static ExpectedVersusRealised Of(IEnumerable<WeekOutcome> weeks)
    {
        var both = weeks.Where(w => w.EffectiveWaitWeeks is not null && w.RealisedEffectiveWaitWeeks is not null).ToList();
        return new ExpectedVersusRealised(
            both.Count,
            Statistics.Median(both.Select(w => w.EffectiveWaitWeeks!.Value)),
            Statistics.Median(both.Select(w => w.RealisedEffectiveWaitWeeks!.Value)));
    }
}

public enum TrendDirection
{
    /// <summary>The median wait of the second half is shorter than that of the first.</summary>
    Shorter,
    Longer,
    Unchanged,

    /// <summary>A half of the period has no reported wait.</summary>
    Unknown,
}

/// <summary>Median effective wait in the first and in the second half of the period's weeks.</summary>
public sealed record WaitTrend(double? FirstHalfMedianWeeks, double? SecondHalfMedianWeeks)
{
    public double? ChangeWeeks => SecondHalfMedianWeeks - FirstHalfMedianWeeks;

    public TrendDirection Direction => ChangeWeeks switch
    {
        null => TrendDirection.Unknown,
        < 0 => TrendDirection.Shorter,
        > 0 => TrendDirection.Longer,
        _ => TrendDirection.Unchanged,
    };
}

/// <summary>The KPI figures of a group of offerings (one provider's offerings of one care type) over a period.</summary>
public sealed record ComplianceFigures(
    int Offerings,
    int WeeksExpected,
    int WeeksReported,
    NormShare Intake,
    NormShare Treatment,
    NormShare Total,
    NormShare Overall,
    double? MedianWaitWeeks,
    int? MaxWaitWeeks,
    WeekOutcome? Latest,
    WaitTrend Trend,
    ExpectedVersusRealised Realised)
{
    public double? ReportedShare => WeeksExpected == 0 ? null : (double)WeeksReported / WeeksExpected;
}

/// <summary>
/// Norm compliance over a period, counted in offering-weeks:
/// <list type="bullet">
/// <item>A week is expected of an offering when on at least one of its days in the period the offering existed, was not
/// deleted and was contracted in a municipality of the region (<see cref="OfferingRecord.IsExpectedOn"/>).</item>
/// <item>An expected week is reported when any report has that week's Monday as its week start; the week's current
/// report (the last one made) counts, judged by the region's norm in force on the day it was made.</item>
/// <item>Per phase, the share is over the reported weeks that have both a figure and a bound for that phase; overall,
/// over the weeks whose norm status is within or exceeded (a partial verdict is not a comparison of the whole wait).</item>
/// <item>Median and maximum are of the effective wait (total, else intake) of the reported weeks.</item>
/// <item>The trend compares the median effective wait of the first half of the period's weeks with that of the second
/// half (with an odd number of weeks the middle one is left out).</item>
/// </list>
/// </summary>
public static class NormCompliance
{
    /// <summary>The weeks of the period in which the offering was expected to report, each with its outcome.</summary>
    public static IReadOnlyList<WeekOutcome> ExpectedWeeks(OfferingRecord offering, ReportingPeriod period, Func<DateOnly, WaitNorm?> normOn)
    {
        var reportsByWeek = offering.Reports.ToLookup(r => r.WeekStart);
        var outcomes = new List<WeekOutcome>();
        foreach (var week in period.Weeks)
        {
            if (!period.DaysOf(week).Any(offering.IsExpectedOn))
            {
                continue;
            }

            var report = WeeklyReport.Current(reportsByWeek[week.Monday]);
            var norm = report is null ? null : normOn(report.ReportDate);
            outcomes.Add(new WeekOutcome(week, report, norm, NormEvaluator.Judge(report?.Figures, norm)));
        }

        return outcomes;
    }

    /// <summary>Adds up the expected weeks of a group of <paramref name="offerings"/> offerings.</summary>
    public static ComplianceFigures Summarise(IReadOnlyCollection<WeekOutcome> weeks, int offerings, ReportingPeriod period)
    {
        var reported = weeks.Where(w => w.Reported).ToList();
        var waits = reported.Where(w => w.EffectiveWaitWeeks is not null).ToList();
        var latest = reported
            .OrderByDescending(w => w.Week)
            .ThenByDescending(w => w.Report!.ReportedAt)
            .ThenByDescending(w => w.Report!.Sequence)
            .FirstOrDefault();
        return new ComplianceFigures(
            offerings,
            weeks.Count,
            reported.Count,
            NormShare.Count(reported.Select(w => w.Verdict.Intake.IsWithin)),
            NormShare.Count(reported.Select(w => w.Verdict.Treatment.IsWithin)),
            NormShare.Count(reported.Select(w => w.Verdict.Total.IsWithin)),
            NormShare.Count(reported.Select(w => w.Status)),
            Statistics.Median(waits.Select(w => w.EffectiveWaitWeeks!.Value)),
            waits.Count == 0 ? null : waits.Max(w => w.EffectiveWaitWeeks!.Value),
            latest,
            new WaitTrend(
                Statistics.Median(waits.Where(w => period.IsInFirstHalf(w.Week)).Select(w => w.EffectiveWaitWeeks!.Value)),
                Statistics.Median(waits.Where(w => period.IsInSecondHalf(w.Week)).Select(w => w.EffectiveWaitWeeks!.Value))),
            ExpectedVersusRealised.Of(reported));
    }
}
