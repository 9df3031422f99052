using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class ReportInputRulesTests
{
    private static readonly AvailabilityReportInput Nothing = new(null, null, null, null, null, null, null, null, null, null);

    private static ValidationErrors Validate(AvailabilityReportInput input)
    {
        var errors = new ValidationErrors();
        AvailabilityReportRules.Validate(input, "reports[4]", errors);
        return errors;
    }

    [Fact]
    public void Unchanged_on_its_own_is_valid_without_acceptingReferrals()
    {
        Assert.True(Validate(Nothing with { Unchanged = true }).IsEmpty);
    }

    [Fact]
    public void Unchanged_with_figures_is_refused_at_unchanged_naming_each_figure()
    {
        var error = Assert.Single(Validate(Nothing with { Unchanged = true, AcceptingReferrals = true, FreePlaces = 2, Note = "" }).All);
        Assert.Equal("reports[4].unchanged", error.Field);
        Assert.Equal(ErrorCodes.Alone, error.Code);
        Assert.Equal(["acceptingReferrals", "freePlaces", "note"], (IReadOnlyList<string>)error.Parameters["fields"]!);
    }

    [Fact]
    public void Unchanged_false_is_an_ordinary_report_that_needs_acceptingReferrals()
    {
        var error = Assert.Single(Validate(Nothing with { Unchanged = false }).All);
        Assert.Equal("reports[4].acceptingReferrals", error.Field);
    }

    [Theory]
    [InlineData(-1, "reports[4].realisedWaitToIntakeWeeks")]
    [InlineData(105, "reports[4].realisedWaitToIntakeWeeks")]
    public void Realised_waits_are_0_to_104_weeks(int weeks, string field)
    {
        var error = Assert.Single(Validate(Nothing with { AcceptingReferrals = true, RealisedWaitToIntakeWeeks = weeks }).All);
        Assert.Equal(field, error.Field);
        Assert.Equal(ErrorCodes.Range, error.Code);
        Assert.True(Validate(Nothing with { AcceptingReferrals = true, RealisedWaitToIntakeWeeks = 104, RealisedWaitToTreatmentWeeks = 0 }).IsEmpty);
        Assert.False(Validate(Nothing with { AcceptingReferrals = true, RealisedWaitToTreatmentWeeks = weeks }).IsEmpty);
    }

    [Fact]
    public void Figures_of_an_input_take_the_contracts_defaults_and_compare_by_value()
    {
        var sent = Nothing with { AcceptingReferrals = true, WaitToIntakeWeeks = 3, Note = "anders" };
        var same = Nothing with { AcceptingReferrals = true, WaitToIntakeWeeks = 3, Method = "actueel", MatchingDependent = false };
        Assert.Equal(ReportFigures.Of(sent), ReportFigures.Of(same));
        Assert.NotEqual(ReportFigures.Of(sent), ReportFigures.Of(same with { RealisedWaitToIntakeWeeks = 5 }));
    }
}
