using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class NormEvaluatorTests
{
    private static readonly WaitNorm Ggz = TreeknormFixture.Ggz.Norm;                          // 4 / 10 / 14
    private static readonly WaitNorm GhzAmbulant = TreeknormFixture.GehandicaptenzorgAmbulant.Norm; // - / - / 6
    private static readonly WaitNorm Crisis = TreeknormFixture.Crisis.Norm;                    // 0 / - / 0

    // ---- Unknown ----------------------------------------------------------------------------------------

    [Fact]
    public void No_figures_is_unknown()
    {
        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(null, Ggz));
    }

    [Fact]
    public void No_norm_is_unknown_even_with_huge_waits()
    {
        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(new WaitFigures(50, 50), null));
    }

    [Fact]
    public void Figures_with_all_phases_missing_are_unknown()
    {
        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(new WaitFigures(null, null), Ggz));
    }

    [Fact]
    public void Norm_without_any_bound_is_unknown()
    {
        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(new WaitFigures(30, 30), new WaitNorm(null, null, null)));
    }

    [Theory]
    [InlineData(2)]    // would be within a 6-week total
    [InlineData(20)]   // would exceed a 6-week total
    public void Total_only_norm_with_intake_only_report_is_unknown(int intake)
    {
        // gehandicaptenzorg has only a total bound; without a treatment wait there is no total to compare.
        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(new WaitFigures(intake, null), GhzAmbulant));
    }

    [Fact]
    public void Total_only_norm_with_treatment_only_report_is_unknown()
    {
        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(new WaitFigures(null, 20), GhzAmbulant));
    }

    [Fact]
    public void Treatment_figure_against_norm_without_treatment_or_total_bound_is_unknown()
    {
        var intakeOnlyNorm = new WaitNorm(4, null, null);

        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(new WaitFigures(null, 40), intakeOnlyNorm));
    }

    // ---- Within -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(3, null)]   // intake compared against 4
    [InlineData(null, 9)]   // treatment compared against 10
    [InlineData(3, 9)]      // intake, treatment and total (12 ≤ 14) compared
    [InlineData(0, 0)]
    public void Ggz_figures_within_every_compared_bound_are_within(int? intake, int? treatment)
    {
        Assert.Equal(NormStatus.Within, NormEvaluator.Evaluate(new WaitFigures(intake, treatment), Ggz));
    }

    [Fact]
    public void Total_only_norm_with_both_phases_compares_the_total()
    {
        Assert.Equal(NormStatus.Within, NormEvaluator.Evaluate(new WaitFigures(2, 3), GhzAmbulant));   // 5 ≤ 6
        Assert.Equal(NormStatus.Exceeded, NormEvaluator.Evaluate(new WaitFigures(2, 5), GhzAmbulant)); // 7 > 6
    }

    [Theory]
    [InlineData(4, null)]   // intake exactly 4
    [InlineData(null, 10)]  // treatment exactly 10
    [InlineData(4, 10)]     // all three exactly on the bound (total 14)
    public void Exactly_on_the_bound_is_within(int? intake, int? treatment)
    {
        Assert.Equal(NormStatus.Within, NormEvaluator.Evaluate(new WaitFigures(intake, treatment), Ggz));
    }

    [Fact]
    public void Total_exactly_on_the_bound_is_within()
    {
        Assert.Equal(NormStatus.Within, NormEvaluator.Evaluate(new WaitFigures(1, 5), GhzAmbulant)); // 6 = 6
    }

    // ---- Exceeded ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(5, null)]   // intake only, over 4
    [InlineData(5, 1)]      // intake over 4, treatment and total within
    public void Exceeded_on_intake_only(int? intake, int? treatment)
    {
        Assert.Equal(NormStatus.Exceeded, NormEvaluator.Evaluate(new WaitFigures(intake, treatment), Ggz));
    }

    [Theory]
    [InlineData(null, 11)]  // treatment only, over 10
    [InlineData(1, 11)]     // treatment over 10, intake within, total 12 within
    public void Exceeded_on_treatment_only(int? intake, int? treatment)
    {
        Assert.Equal(NormStatus.Exceeded, NormEvaluator.Evaluate(new WaitFigures(intake, treatment), Ggz));
    }

    [Fact]
    public void Exceeded_on_total_only_when_each_phase_is_within()
    {
        // 4 ≤ 4 and 10 ≤ 10, but 4 + 10 = 14 > 12.
        var norm = new WaitNorm(4, 10, 12);

        Assert.Equal(NormStatus.Exceeded, NormEvaluator.Evaluate(new WaitFigures(4, 10), norm));
        Assert.Equal(NormStatus.Within, NormEvaluator.Evaluate(new WaitFigures(4, 8), norm));
    }

    [Fact]
    public void One_exceeded_phase_wins_over_other_phases_within()
    {
        Assert.Equal(NormStatus.Exceeded, NormEvaluator.Evaluate(new WaitFigures(0, 11), Ggz));
        Assert.Equal(NormStatus.Exceeded, NormEvaluator.Evaluate(new WaitFigures(9, 0), Ggz));
    }

    // ---- Crisis (norm 0) --------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, null, NormStatus.Within)]
    [InlineData(1, null, NormStatus.Exceeded)]
    [InlineData(0, 0, NormStatus.Within)]
    [InlineData(0, 1, NormStatus.Exceeded)]      // total 1 > 0
    [InlineData(null, 3, NormStatus.Unknown)]    // no treatment bound, no total without intake
    public void Crisis_norm_zero(int? intake, int? treatment, NormStatus expected)
    {
        Assert.Equal(expected, NormEvaluator.Evaluate(new WaitFigures(intake, treatment), Crisis));
    }

    // ---- WaitFigures ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(3, 5, 8)]
    [InlineData(0, 0, 0)]
    [InlineData(3, null, null)]
    [InlineData(null, 5, null)]
    [InlineData(null, null, null)]
    public void Total_is_computed_only_when_both_phases_are_given(int? intake, int? treatment, int? expectedTotal)
    {
        Assert.Equal(expectedTotal, new WaitFigures(intake, treatment).TotalWaitWeeks);
    }

    [Theory]
    [InlineData(3, 5, 8)]         // total known → total
    [InlineData(3, null, 3)]      // no total → intake
    [InlineData(0, null, 0)]
    [InlineData(null, 5, null)]   // intake unknown → unknown, not the treatment wait
    [InlineData(null, null, null)]
    public void Effective_wait_is_total_if_known_else_intake(int? intake, int? treatment, int? expected)
    {
        Assert.Equal(expected, new WaitFigures(intake, treatment).EffectiveWaitWeeks);
    }
}

public class PhaseComparisonTests
{
    [Fact]
    public void Each_phase_is_compared_on_its_own()
    {
        var comparison = NormEvaluator.ComparePhases(new WaitFigures(5, 3), new WaitNorm(4, 10, null));

        Assert.Equal(new PhaseComparison(false, true, null), comparison);
        Assert.Equal(NormStatus.Exceeded, comparison.Status);
        Assert.Equal(PhaseComparison.None, NormEvaluator.ComparePhases(null, new WaitNorm(4, 10, 14)));
        Assert.Equal(new PhaseComparison(null, null, true), NormEvaluator.ComparePhases(new WaitFigures(2, 3), new WaitNorm(null, null, 6)));
    }
}
