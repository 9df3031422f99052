using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Tests;

/// <summary>The v2 verdict: per phase within, exceeded, unknown or no norm; as a whole within only when every bounded phase is.</summary>
public class NormEvaluatorTests
{
    private static readonly WaitNorm Ggz = TreeknormFixture.Ggz.Norm;                          // 4 / 10 / 14
    private static readonly WaitNorm GhzAmbulant = TreeknormFixture.GehandicaptenzorgAmbulant.Norm; // - / - / 6
    private static readonly WaitNorm Crisis = TreeknormFixture.Crisis.Norm;                    // 0 / - / 0

    private static NormStatus Status(int? intake, int? treatment, WaitNorm? norm)
    {
        var status = NormEvaluator.Evaluate(new WaitFigures(intake, treatment), norm);

        // The quick status and the status of the full verdict are one rule.
        Assert.Equal(status, NormEvaluator.Judge(new WaitFigures(intake, treatment), norm).Status);
        return status;
    }

    // ---- Unknown ----------------------------------------------------------------------------------------

    [Fact]
    public void No_figures_is_unknown_and_every_bounded_phase_is_unknown()
    {
        var verdict = NormEvaluator.Judge(null, Ggz);

        Assert.Equal(NormStatus.Unknown, NormEvaluator.Evaluate(null, Ggz));
        Assert.Equal(NormStatus.Unknown, verdict.Status);
        Assert.All(verdict.Phases, p => Assert.Equal(PhaseStatus.Unknown, p.Status));
        Assert.Equal(new int?[] { 4, 10, 14 }, verdict.Phases.Select(p => p.MaxWeeks));
    }

    [Fact]
    public void No_norm_is_unknown_even_with_huge_waits_and_every_phase_has_no_norm()
    {
        Assert.Equal(NormStatus.Unknown, Status(50, 50, null));
        Assert.All(NormEvaluator.Judge(new WaitFigures(50, 50), null).Phases, p => Assert.Equal(PhaseStatus.NoNorm, p.Status));
    }

    [Fact]
    public void Figures_with_all_phases_missing_are_unknown()
    {
        Assert.Equal(NormStatus.Unknown, Status(null, null, Ggz));
    }

    [Fact]
    public void Norm_without_any_bound_is_unknown()
    {
        Assert.Equal(NormStatus.Unknown, Status(30, 30, new WaitNorm(null, null, null)));
    }

    [Fact]
    public void Total_only_norm_with_an_intake_shorter_than_the_bound_and_no_treatment_is_unknown()
    {
        // gehandicaptenzorg bounds only the total; 2 weeks to intake says nothing about a total of at most 6.
        Assert.Equal(NormStatus.Unknown, Status(2, null, GhzAmbulant));
        Assert.Equal(NormStatus.Unknown, Status(null, 6, GhzAmbulant));
    }

    [Fact]
    public void Treatment_figure_against_norm_without_treatment_or_total_bound_is_unknown()
    {
        Assert.Equal(NormStatus.Unknown, Status(null, 40, new WaitNorm(4, null, null)));
    }

    // ---- Partial ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(3, null)]   // intake within 4; treatment and total unknown
    [InlineData(null, 9)]   // treatment within 10; intake and total unknown
    [InlineData(4, null)]   // exactly on the intake bound
    public void One_known_phase_within_and_others_unknown_is_partial_never_within(int? intake, int? treatment)
    {
        Assert.Equal(NormStatus.Partial, Status(intake, treatment, Ggz));
    }

    [Fact]
    public void Partial_names_which_phases_are_unknown()
    {
        var verdict = NormEvaluator.Judge(new WaitFigures(3, null), Ggz);

        Assert.Equal(
            [
                new PhaseVerdict(WaitPhase.Intake, 3, 4, PhaseStatus.Within),
                new PhaseVerdict(WaitPhase.Treatment, null, 10, PhaseStatus.Unknown),
                new PhaseVerdict(WaitPhase.Total, null, 14, PhaseStatus.Unknown),
            ],
            verdict.Phases);
    }

    [Fact]
    public void Crisis_intake_without_a_treatment_figure_is_partial_the_total_is_unknown()
    {
        Assert.Equal(NormStatus.Partial, Status(0, null, Crisis));
    }

    // ---- Within -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(3, 9)]      // intake, treatment and total (12 ≤ 14)
    [InlineData(0, 0)]
    [InlineData(4, 10)]     // all three exactly on the bound (total 14)
    public void Ggz_within_needs_every_bounded_phase_known_and_within(int intake, int treatment)
    {
        Assert.Equal(NormStatus.Within, Status(intake, treatment, Ggz));
    }

    [Fact]
    public void A_phase_without_a_bound_does_not_stop_within()
    {
        // Intake bounded only: treatment unknown is no missing comparison.
        Assert.Equal(NormStatus.Within, Status(3, null, new WaitNorm(4, null, null)));
        Assert.Equal(PhaseStatus.NoNorm, NormEvaluator.Judge(new WaitFigures(3, null), new WaitNorm(4, null, null)).Treatment.Status);
    }

    [Fact]
    public void Total_only_norm_with_both_phases_compares_the_total()
    {
        Assert.Equal(NormStatus.Within, Status(2, 3, GhzAmbulant));   // 5 ≤ 6
        Assert.Equal(NormStatus.Within, Status(1, 5, GhzAmbulant));   // 6 = 6
        Assert.Equal(NormStatus.Exceeded, Status(2, 5, GhzAmbulant)); // 7 > 6
    }

    // ---- Exceeded ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(5, null)]   // intake only, over 4
    [InlineData(5, 1)]      // intake over 4, treatment and total within
    [InlineData(null, 11)]  // treatment only, over 10
    [InlineData(1, 11)]     // treatment over 10, intake within, total 12 within
    [InlineData(0, 11)]
    [InlineData(9, 0)]
    public void One_exceeded_phase_wins_over_phases_within_or_unknown(int? intake, int? treatment)
    {
        Assert.Equal(NormStatus.Exceeded, Status(intake, treatment, Ggz));
    }

    [Fact]
    public void Exceeded_on_total_only_when_each_phase_is_within()
    {
        // 4 ≤ 4 and 10 ≤ 10, but 4 + 10 = 14 > 12.
        var norm = new WaitNorm(4, 10, 12);

        Assert.Equal(NormStatus.Exceeded, Status(4, 10, norm));
        Assert.Equal(NormStatus.Within, Status(4, 8, norm));
    }

    [Theory]
    [InlineData(7, null)]   // 7 weeks to intake alone is longer than a total of at most 6
    [InlineData(null, 8)]   // so is 8 weeks of treatment wait alone
    public void An_unknown_total_is_exceeded_when_a_known_phase_alone_is_longer_than_the_total_bound(int? intake, int? treatment)
    {
        var verdict = NormEvaluator.Judge(new WaitFigures(intake, treatment), GhzAmbulant);

        Assert.Equal(NormStatus.Exceeded, verdict.Status);
        Assert.Equal(new PhaseVerdict(WaitPhase.Total, null, 6, PhaseStatus.Exceeded), verdict.Total);
        Assert.Equal(NormStatus.Exceeded, Status(intake, treatment, GhzAmbulant));
    }

    [Fact]
    public void A_known_phase_equal_to_the_total_bound_leaves_the_total_unknown()
    {
        // 6 weeks to intake and a treatment wait of 0 would still be within 6.
        Assert.Equal(PhaseStatus.Unknown, NormEvaluator.Judge(new WaitFigures(6, null), GhzAmbulant).Total.Status);
    }

    // ---- Crisis (norm 0) --------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, null, NormStatus.Partial)]    // intake within, total unknown
    [InlineData(1, null, NormStatus.Exceeded)]
    [InlineData(0, 0, NormStatus.Within)]
    [InlineData(0, 1, NormStatus.Exceeded)]      // total 1 > 0
    [InlineData(null, 3, NormStatus.Exceeded)]   // the treatment wait alone is longer than a total of 0
    [InlineData(null, 0, NormStatus.Unknown)]    // no bound for treatment, intake and total unknown
    public void Crisis_norm_zero(int? intake, int? treatment, NormStatus expected)
    {
        Assert.Equal(expected, Status(intake, treatment, Crisis));
    }

    // ---- Exhaustive: the rule, stated once more, over every small case ----------------------------------

    [Fact]
    public void Every_combination_of_small_figures_and_bounds_follows_the_rule()
    {
        int?[] values = [null, 0, 1, 2, 3, 5];
        var checkedCases = 0;
        foreach (var intake in values)
        {
            foreach (var treatment in values)
            {
                foreach (var maxIntake in values)
                {
                    foreach (var maxTreatment in values)
                    {
                        foreach (var maxTotal in values)
                        {
                            var norm = new WaitNorm(maxIntake, maxTreatment, maxTotal);
                            var verdict = NormEvaluator.Judge(new WaitFigures(intake, treatment), norm);
                            var bounded = verdict.Phases.Where(p => p.MaxWeeks is not null).ToList();

                            // No verdict of "within" while a bounded phase is unknown; no "exceeded" without a phase over its bound.
                            if (verdict.Status == NormStatus.Within)
                            {
                                Assert.All(bounded, p => Assert.Equal(PhaseStatus.Within, p.Status));
                                Assert.NotEmpty(bounded);
                            }

                            Assert.Equal(verdict.Phases.Any(p => p.Status == PhaseStatus.Exceeded), verdict.Status == NormStatus.Exceeded);
                            if (verdict.Status == NormStatus.Partial)
                            {
                                Assert.Contains(bounded, p => p.Status == PhaseStatus.Within);
                                Assert.Contains(bounded, p => p.Status == PhaseStatus.Unknown);
                            }

                            // A phase with a figure and a bound is compared; a phase without a bound never is.
                            foreach (var phase in verdict.Phases)
                            {
                                if (phase.MaxWeeks is null)
                                {
                                    Assert.Equal(PhaseStatus.NoNorm, phase.Status);
                                }
                                else if (phase.Weeks is { } weeks)
                                {
                                    Assert.Equal(weeks <= phase.MaxWeeks ? PhaseStatus.Within : PhaseStatus.Exceeded, phase.Status);
                                }
                            }

                            Assert.Equal(verdict.Status, NormEvaluator.Evaluate(intake, treatment, norm));
                            checkedCases++;
                        }
                    }
                }
            }
        }

        Assert.Equal(7776, checkedCases);
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
        Assert.Equal(expectedTotal, NormEvaluator.Judge(new WaitFigures(intake, treatment), Ggz).Total.Weeks);
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
        Assert.Equal(expected, WaitFigures.EffectiveWait(intake, treatment));
    }
}
