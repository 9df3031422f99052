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

public static class NormEvaluator
{
    /// <summary>Compares every phase that has both a reported figure and a bound (intake, treatment, total).</summary>
    public static NormStatus Evaluate(WaitFigures? figures, WaitNorm? norm)
    {
        if (figures is null || norm is null)
        {
            return NormStatus.Unknown;
        }

        var compared = false;
        var exceeded = false;
        Compare(figures.WaitToIntakeWeeks, norm.MaxIntakeWeeks);
        Compare(figures.WaitToTreatmentWeeks, norm.MaxTreatmentWeeks);
        Compare(figures.TotalWaitWeeks, norm.MaxTotalWeeks);

        return exceeded ? NormStatus.Exceeded : compared ? NormStatus.Within : NormStatus.Unknown;

        void Compare(int? figure, int? bound)
        {
            if (figure is null || bound is null)
            {
                return;
            }

            compared = true;
            exceeded |= figure > bound;
        }
    }
}
