namespace BeschikbaarheidsWijzer.Domain.Norms;

/// <summary>How an offering's latest figures compare to its effective norm.</summary>
public enum NormStatus
{
    /// <summary>At least one phase was compared and none exceeded its bound.</summary>
    Within,

    /// <summary>At least one phase exceeded its bound.</summary>
    Exceeded,

    /// <summary>No comparison was possible: no report, or no phase with both a figure and a bound.</summary>
    Unknown,
}

/// <summary>A report's waiting times in weeks per phase, as the provider gave them.</summary>
public sealed record WaitFigures(int? WaitToIntakeWeeks, int? WaitToTreatmentWeeks)
{
    /// <summary>Intake + treatment when both are given; otherwise unknown.</summary>
    public int? TotalWaitWeeks => WaitToIntakeWeeks + WaitToTreatmentWeeks;

    /// <summary>The wait used for sorting and <c>maxWaitWeeks</c>: total if known, else the intake wait.</summary>
    public int? EffectiveWaitWeeks => TotalWaitWeeks ?? WaitToIntakeWeeks;
}

/// <summary>
/// How each phase compares with its bound: true within, false over it, null when not compared (figure or bound missing).
/// A struct: the search compares thousands of offerings per request.
/// </summary>
public readonly record struct PhaseComparison(bool? Intake, bool? Treatment, bool? Total)
{
    public static readonly PhaseComparison None = new(null, null, null);

    /// <summary><c>exceeded</c> if any comparison failed, <c>within</c> if at least one was made, else <c>unknown</c>.</summary>
    public NormStatus Status =>
        Intake == false || Treatment == false || Total == false ? NormStatus.Exceeded
        : Intake is not null || Treatment is not null || Total is not null ? NormStatus.Within
        : NormStatus.Unknown;
}

public static class NormEvaluator
{
    /// <summary>Compares every phase that has both a reported figure and a bound (intake, treatment, total).</summary>
    public static NormStatus Evaluate(WaitFigures? figures, WaitNorm? norm) => ComparePhases(figures, norm).Status;

    /// <summary>The same for a report's two figures as they are, without making a <see cref="WaitFigures"/>.</summary>
    public static NormStatus Evaluate(int? waitToIntakeWeeks, int? waitToTreatmentWeeks, WaitNorm? norm) =>
        ComparePhases(waitToIntakeWeeks, waitToTreatmentWeeks, norm).Status;

    /// <summary>The comparison per phase; a phase without a figure or without a bound is not compared.</summary>
    public static PhaseComparison ComparePhases(WaitFigures? figures, WaitNorm? norm) =>
        figures is null ? PhaseComparison.None : ComparePhases(figures.WaitToIntakeWeeks, figures.WaitToTreatmentWeeks, norm);

    public static PhaseComparison ComparePhases(int? waitToIntakeWeeks, int? waitToTreatmentWeeks, WaitNorm? norm)
    {
        if (norm is null)
        {
            return PhaseComparison.None;
        }

        return new PhaseComparison(
            Compare(waitToIntakeWeeks, norm.MaxIntakeWeeks),
            Compare(waitToTreatmentWeeks, norm.MaxTreatmentWeeks),
            Compare(waitToIntakeWeeks + waitToTreatmentWeeks, norm.MaxTotalWeeks));

        static bool? Compare(int? figure, int? bound) => figure is null || bound is null ? null : figure <= bound;
    }
}
