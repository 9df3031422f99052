using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class RealisedLeadTimeCsvTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private const string Header = "kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start";

    private static (List<RealisedLeadTime> Rows, ValidationErrors Errors) Parse(string text, int minimum = 5) =>
        RealisedLeadTimeCsv.Parse(text, Today, minimum, kvk => kvk is "12345678" or "87654321", category => category is "45" or "54");

    private static (string Field, string Code) Single(ValidationErrors errors)
    {
        var error = Assert.Single(errors.All);
        return (error.Field, error.Code);
    }

    [Fact]
    public void A_good_file_with_a_bom_crlf_quotes_and_a_trailing_line_is_read()
    {
        var (rows, errors) = Parse($"\uFEFF{Header}\r\n12345678;45;2026-10;12;38\r\n\"87654321\";54;2026-11;5;0\r\n\r\n");

        Assert.True(errors.IsEmpty);
        Assert.Equal(
            [new RealisedLeadTime("12345678", "45", new DateOnly(2026, 10, 1), 12, 38), new RealisedLeadTime("87654321", "54", new DateOnly(2026, 11, 1), 5, 0)],
            rows);
    }

    [Theory]
    [InlineData("kvk,ijw_productcategorie,maand,aantal_jeugdigen,mediaan_dagen_tot_start\n12345678,45,2026-10,12,38")]
    [InlineData("12345678;45;2026-10;12;38")]
    [InlineData("")]
    [InlineData("kvk;maand;aantal_jeugdigen;mediaan_dagen_tot_start")]
    public void A_wrong_header_is_refused_at_line_1(string text)
    {
        Assert.Equal(("lines[1]", ErrorCodes.Format), Single(Parse(text).Errors));
    }

    [Theory]
    [InlineData("1234567;45;2026-10;12;38", "lines[2].kvk", ErrorCodes.Format)]
    [InlineData("11111111;45;2026-10;12;38", "lines[2].kvk", ErrorCodes.Unknown)]
    [InlineData("12345678;99;2026-10;12;38", "lines[2].ijw_productcategorie", ErrorCodes.Unknown)]
    [InlineData("12345678;45;2027-01;12;38", "lines[2].maand", ErrorCodes.DateRange)]
    [InlineData("12345678;45;2014-12;12;38", "lines[2].maand", ErrorCodes.DateRange)]
    [InlineData("12345678;45;10-2026;12;38", "lines[2].maand", ErrorCodes.Date)]
    [InlineData("12345678;45;2026-10;-3;38", "lines[2].aantal_jeugdigen", ErrorCodes.Range)]
    [InlineData("12345678;45;2026-10;4;38", "lines[2].aantal_jeugdigen", ErrorCodes.TooFew)]
    [InlineData("12345678;45;2026-10;0;38", "lines[2].aantal_jeugdigen", ErrorCodes.TooFew)]
    [InlineData("12345678;45;2026-10;12;3651", "lines[2].mediaan_dagen_tot_start", ErrorCodes.Range)]
    [InlineData("12345678;45;2026-10;12;twee", "lines[2].mediaan_dagen_tot_start", ErrorCodes.Range)]
    [InlineData("12345678;45;2026-10;12", "lines[2]", ErrorCodes.Format)]
    public void A_bad_value_is_refused_at_its_line_and_column_and_nothing_is_read(string line, string field, string code)
    {
        var (rows, errors) = Parse($"{Header}\n12345678;45;2026-09;12;38\n{line}".Replace("\n12345678;45;2026-09;12;38\n", "\n", StringComparison.Ordinal));

        Assert.Equal((field, code), Single(errors));
        Assert.DoesNotContain(rows, r => r.Month == new DateOnly(2026, 10, 1));
    }

    [Fact]
    public void The_minimum_group_is_the_regions()
    {
        Assert.True(Parse($"{Header}\n12345678;45;2026-10;3;38", minimum: 3).Errors.IsEmpty);
        Assert.Equal(3, Parse($"{Header}\n12345678;45;2026-10;2;38", minimum: 3).Errors.All.Single().Parameters["min"]);
    }

    [Fact]
    public void The_same_provider_category_and_month_twice_names_the_first_line()
    {
        var (_, errors) = Parse($"{Header}\n12345678;45;2026-10;12;38\n12345678;54;2026-10;12;38\n12345678;45;2026-10;7;20");

        var error = Assert.Single(errors.All);
        Assert.Equal(("lines[4].kvk", ErrorCodes.Duplicate, 2), (error.Field, error.Code, error.Parameters["first"]));
    }

    [Fact]
    public void Too_many_lines_or_errors_are_cut_short()
    {
        var many = string.Join('\n', Enumerable.Repeat("1;2;3;4;5", RealisedLeadTimeCsv.MaxRows + 1));
        Assert.Equal(("lines", ErrorCodes.Count), Single(Parse($"{Header}\n{many}").Errors));

        var bad = string.Join('\n', Enumerable.Repeat("x;x;x;x;x", 500));
        Assert.Equal(RealisedLeadTimeCsv.MaxErrors, Parse($"{Header}\n{bad}").Errors.All.Count);
    }

    [Fact]
    public void Months_combine_as_the_count_weighted_mean_of_their_medians()
    {
        var combined = RegionMeasuredWait.Combine([
            new RealisedLeadTime("12345678", "45", new DateOnly(2026, 9, 1), 10, 28),
            new RealisedLeadTime("12345678", "45", new DateOnly(2026, 10, 1), 30, 56),
        ])!;

        Assert.Equal((2, 40, 49.0, 7.0), (combined.Months, combined.YoungPeople, combined.MedianDays, combined.MedianWeeks));
        Assert.Null(RegionMeasuredWait.Combine([]));
    }
}
