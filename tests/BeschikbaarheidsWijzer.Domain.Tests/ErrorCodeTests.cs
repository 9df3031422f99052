using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Tests;

/// <summary>The rules give each refusal its stable code and the parameters a client needs to word it.</summary>
public sealed class ErrorCodeTests
{
    private static readonly DateOnly Today = new(2026, 11, 18);

    private static ValidationError Only(ValidationErrors errors, string field) => Assert.Single(errors.All, e => e.Field == field);

    [Fact]
    public void A_wait_out_of_range_is_range_with_its_bounds_and_free_above_total_names_the_other_field()
    {
        var errors = new ValidationErrors();

        AvailabilityReportRules.Validate(new AvailabilityReportInput(true, 105, -1, 7, 5, null, "geschat", null, null, null), "reports[2]", errors);

        var intake = Only(errors, "reports[2].waitToIntakeWeeks");
        Assert.Equal((ErrorCodes.Range, 0L, (long)AvailabilityReportRules.MaxWaitWeeks), (intake.Code, intake.Parameters["min"], intake.Parameters["max"]));
        Assert.Equal(ErrorCodes.Range, Only(errors, "reports[2].waitToTreatmentWeeks").Code);
        var free = Only(errors, "reports[2].freePlaces");
        Assert.Equal((ErrorCodes.MoreThan, "totalPlaces", 5), (free.Code, free.Parameters["other"], free.Parameters["max"]));
        var method = Only(errors, "reports[2].method");
        Assert.Equal(ErrorCodes.OneOf, method.Code);
        Assert.Equal(["actueel", "retrospectief"], (IReadOnlyList<string>)method.Parameters["allowed"]!);
    }

    [Fact]
    public void A_missing_answer_is_required()
    {
        var errors = new ValidationErrors();

        AvailabilityReportRules.Validate(new AvailabilityReportInput(null, 3, null, null, null, null, null, null, null, null), "", errors);

        Assert.Equal(ErrorCodes.Required, Only(errors, "acceptingReferrals").Code);
    }

    [Fact]
    public void Norm_refusals_say_which_rule_at_least_one_less_than_and_date_range()
    {
        var none = new ValidationErrors();
        RegionalNormRules.Validate(new RegionalNormInput(null, null, null, "2027-01-01"), Today, none);
        var atLeastOne = Only(none, "maxTotalWeeks");
        Assert.Equal(ErrorCodes.AtLeastOne, atLeastOne.Code);
        Assert.Equal(["maxIntakeWeeks", "maxTreatmentWeeks", "maxTotalWeeks"], (string[])atLeastOne.Parameters["fields"]!);

        var shorter = new ValidationErrors();
        RegionalNormRules.Validate(new RegionalNormInput(3, 9, 8, "2014-12-31"), Today, shorter);
        var lessThan = Only(shorter, "maxTotalWeeks");
        Assert.Equal((ErrorCodes.LessThan, "maxTreatmentWeeks", 9), (lessThan.Code, lessThan.Parameters["other"], lessThan.Parameters["min"]));
        var date = Only(shorter, "validFrom");
        Assert.Equal((ErrorCodes.DateRange, "2015-01-01", "2031-11-18"), (date.Code, date.Parameters["min"], date.Parameters["max"]));
    }

    [Theory]
    [InlineData("regel een\nregel twee", "line-break")]
    [InlineData("bel\u0007", "control")]
    [InlineData("abc\u202Edef", "direction")]
    public void Text_with_a_character_that_is_not_allowed_says_which_kind(string text, string reason)
    {
        var problem = TextRules.FindProblem(text, 200, allowLineBreaks: false);

        Assert.NotNull(problem);
        Assert.Equal((ErrorCodes.Text, reason), (problem.Code, problem.Parameters["reason"]));
    }

    [Fact]
    public void A_broken_surrogate_pair_is_text_with_reason_surrogate()
    {
        // Built here: a lone surrogate does not survive the test runner's serialization of inline data.
        var problem = TextRules.FindProblem("kapot " + '\uD800' + " paar", 200, allowLineBreaks: false);

        Assert.NotNull(problem);
        Assert.Equal((ErrorCodes.Text, "surrogate"), (problem.Code, problem.Parameters["reason"]));
    }

    [Fact]
    public void Text_too_long_gives_the_limit_and_the_length()
    {
        var problem = TextRules.FindProblem(new string('a', 201), 200, allowLineBreaks: false);

        Assert.NotNull(problem);
        Assert.Equal((ErrorCodes.TooLong, 200, 201), (problem.Code, problem.Parameters["max"], problem.Parameters["length"]));
    }

    [Theory]
    [InlineData("email", "info@")]
    [InlineData("website", "javascript:alert(1)")]
    [InlineData("phone", "bel me")]
    public void A_contact_detail_in_the_wrong_form_is_format_with_which_form(string format, string value)
    {
        var problem = format switch
        {
            "email" => ContactRules.FindEmailProblem(value),
            "website" => ContactRules.FindWebsiteProblem(value),
            _ => ContactRules.FindPhoneProblem(value),
        };

        Assert.NotNull(problem);
        Assert.Equal((ErrorCodes.Format, format), (problem.Code, problem.Parameters["format"]));
    }

    [Fact]
    public void Every_code_is_listed_once_in_kebab_case()
    {
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Distinct().Count());
        Assert.All(ErrorCodes.All, code => Assert.Matches("^[a-z]+(-[a-z]+)*$", code));
        var declared = typeof(ErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(declared.Order(), ErrorCodes.All.Order());
    }
}
