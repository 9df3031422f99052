namespace BeschikbaarheidsWijzer.Domain.Norms;

/// <summary>How an offering's latest figures compare to its effective norm, over every phase the norm bounds.</summary>
public enum NormStatus
{
    /// <summary>Every bounded phase is known and within its bound.</summary>
    Within,

    /// <summary>At least one bounded phase is within and the other bounded phases are unknown: "binnen de norm voor zover bekend".</summary>
    Partial,

    /// <summary>At least one phase is over its bound (also a total inferred to be over it).</summary>
    Exceeded,

    /// <summary>No report, no bound, or no figure for any bounded phase.</summary>
    Unknown,
}

/// <summary>The three phases of a wait, in the order they are always given.</summary>
public enum WaitPhase
{
    Intake,
    Treatment,
    Total,
}

/// <summary>How one phase compares with its bound.</summary>
public enum PhaseStatus
{
    Within,
    Exceeded,

    /// <summary>The phase has a bound but no figure (and none can be inferred).</summary>
    Unknown,

    /// <summary>The norm sets no bound for this phase.</summary>
    NoNorm,
}

/// <summary>A report's waiting times in weeks per phase, as the provider gave them.</summary>
public sealed record WaitFigures(int? WaitToIntakeWeeks, int? WaitToTreatmentWeeks)
{
    /// <summary>Intake + treatment when both are given; otherwise unknown.</summary>
    public int? TotalWaitWeeks => WaitToIntakeWeeks + WaitToTreatmentWeeks;

    /// <summary>The wait used for sorting and <c>maxWaitWeeks</c>: total if known, else the intake wait.</summary>
    public int? EffectiveWaitWeeks => EffectiveWait(WaitToIntakeWeeks, WaitToTreatmentWeeks);

    /// <summary>The same for two figures as they are, without making a <see cref="WaitFigures"/>.</summary>
    public static int? EffectiveWait(int? waitToIntakeWeeks, int? waitToTreatmentWeeks) =>
        (waitToIntakeWeeks + waitToTreatmentWeeks) ?? waitToIntakeWeeks;
}

/// <summary>One phase of a wait: its figure (null when unknown), its bound (null when none) and how they compare.</summary>
public readonly record struct PhaseVerdict(WaitPhase Phase, int? Weeks, int? MaxWeeks, PhaseStatus Status)
{
    /// <summary>For shares: true within, false exceeded, null when nothing was compared.</summary>
    public bool? IsWithin => Status switch
    {
        PhaseStatus.Within => true,
        PhaseStatus.Exceeded => false,
        _ => null,
    };
}

/// <summary>
/// The verdict on one report against one norm: per phase (intake, treatment, total) and as a whole. A struct: the search
/// judges thousands of offerings per request.
/// </summary>
public readonly record struct NormVerdict(PhaseVerdict Intake, PhaseVerdict Treatment, PhaseVerdict Total)
{
    /// <summary>No figures at all: every bounded phase unknown.</summary>
    public static NormVerdict Of(WaitNorm? norm) => NormEvaluator.Judge(null, null, norm);

    /// <summary>The phases in the order intake, treatment, total.</summary>
    public PhaseVerdict[] Phases => [Intake, Treatment, Total];

    /// <summary>
    /// <c>exceeded</c> if any phase is exceeded; else <c>within</c> only when every bounded phase is within; else
    /// <c>partial</c> when at least one bounded phase is within (the others unknown); else <c>unknown</c>.
    /// </summary>
    public NormStatus Status => NormEvaluator.Combine(Intake.Status, Treatment.Status, Total.Status);
}

public static class NormEvaluator
{
    /// <summary>The whole verdict as a status: see <see cref="NormVerdict.Status"/>.</summary>
    public static NormStatus Evaluate(WaitFigures? figures, WaitNorm? norm) =>
        Evaluate(figures?.WaitToIntakeWeeks, figures?.WaitToTreatmentWeeks, norm);

    /// <summary>The same for a report's two figures as they are, without making a <see cref="WaitFigures"/> or phases.</summary>
    public static NormStatus Evaluate(int? waitToIntakeWeeks, int? waitToTreatmentWeeks, WaitNorm? norm) =>
        norm is null
            ? NormStatus.Unknown
            : Combine(
                Compare(waitToIntakeWeeks, norm.MaxIntakeWeeks),
                Compare(waitToTreatmentWeeks, norm.MaxTreatmentWeeks),
                CompareTotal(waitToIntakeWeeks, waitToTreatmentWeeks, norm.MaxTotalWeeks));

    /// <summary>The verdict per phase; without figures (no report) every bounded phase is unknown.</summary>
    public static NormVerdict Judge(WaitFigures? figures, WaitNorm? norm) =>
        Judge(figures?.WaitToIntakeWeeks, figures?.WaitToTreatmentWeeks, norm);

    public static NormVerdict Judge(int? waitToIntakeWeeks, int? waitToTreatmentWeeks, WaitNorm? norm)
    {
        var total = waitToIntakeWeeks + waitToTreatmentWeeks;
        return new NormVerdict(
            new PhaseVerdict(WaitPhase.Intake, waitToIntakeWeeks, norm?.MaxIntakeWeeks, Compare(waitToIntakeWeeks, norm?.MaxIntakeWeeks)),
            new PhaseVerdict(WaitPhase.Treatment, waitToTreatmentWeeks, norm?.MaxTreatmentWeeks, Compare(waitToTreatmentWeeks, norm?.MaxTreatmentWeeks)),
            new PhaseVerdict(WaitPhase.Total, total, norm?.MaxTotalWeeks, CompareTotal(waitToIntakeWeeks, waitToTreatmentWeeks, norm?.MaxTotalWeeks)));
    }

    /// <summary>The rule of <see cref="NormVerdict.Status"/> over three phase statuses.</summary>
    public static NormStatus Combine(PhaseStatus intake, PhaseStatus treatment, PhaseStatus total)
    {
        if (intake == PhaseStatus.Exceeded || treatment == PhaseStatus.Exceeded || total == PhaseStatus.Exceeded)
        {
            return NormStatus.Exceeded;
        }

        var anyWithin = intake == PhaseStatus.Within || treatment == PhaseStatus.Within || total == PhaseStatus.Within;
        var anyUnknown = intake == PhaseStatus.Unknown || treatment == PhaseStatus.Unknown || total == PhaseStatus.Unknown;
        return !anyWithin ? NormStatus.Unknown : anyUnknown ? NormStatus.Partial : NormStatus.Within;
    }

    private static PhaseStatus Compare(int? figure, int? bound) =>
        bound is null ? PhaseStatus.NoNorm
        : figure is null ? PhaseStatus.Unknown
        : figure <= bound ? PhaseStatus.Within
        : PhaseStatus.Exceeded;

    /// <summary>
    /// The total against its bound. An unknown total is still exceeded when a known phase alone is longer than the bound:
    /// the total can only be longer.
    /// </summary>
    private static PhaseStatus CompareTotal(int? intake, int? treatment, int? bound)
    {
        if (bound is null)
        {
            return PhaseStatus.NoNorm;
        }

        if (intake + treatment is { } total)
        {
            return total <= bound ? PhaseStatus.Within : PhaseStatus.Exceeded;
        }

        return intake > bound || treatment > bound ? PhaseStatus.Exceeded : PhaseStatus.Unknown;
    }
}
