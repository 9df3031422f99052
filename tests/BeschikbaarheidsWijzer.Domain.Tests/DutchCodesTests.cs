using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class DutchCodesTests
{
    [Theory]
    [InlineData("12345678", true)]
    [InlineData("00000000", true)]
    [InlineData("1234567", false)]
    [InlineData("123456789", false)]
    [InlineData("1234 567", false)]
    [InlineData("1234567a", false)]
    [InlineData("１２３４５６７８", false)] // full-width digits
    [InlineData("١٢٣٤٥٦٧٨", false)] // Arabic-Indic digits: char.IsDigit says yes, we say no
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Kvk_and_agb_are_exactly_eight_ascii_digits(string? text, bool valid)
    {
        Assert.Equal(valid, DutchCodes.IsKvkNumber(text));
        Assert.Equal(valid, DutchCodes.IsAgbCode(text));
    }

    [Theory]
    [InlineData("GM0222", "GM0222")]
    [InlineData("gm0222", "GM0222")]
    [InlineData(" GM1859 ", "GM1859")]
    [InlineData("GM022", null)]
    [InlineData("GM02222", null)]
    [InlineData("0222", null)]
    [InlineData("GX0222", null)]
    [InlineData("GM０２２２", null)]
    [InlineData("GM 222", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Municipality_codes_are_gm_and_four_digits(string? text, string? expected)
    {
        Assert.Equal(expected is not null, DutchCodes.TryNormaliseMunicipalityCode(text, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("1234 AB", "1234 AB")]
    [InlineData("1234ab", "1234 AB")]
    [InlineData("1234 ab", "1234 AB")]
    [InlineData("  7001aB ", "7001 AB")]
    [InlineData("9999 ZZ", "9999 ZZ")]
    [InlineData("0123 AB", null)] // no postcode starts with 0
    [InlineData("1234 SA", null)] // SA, SD and SS are not used
    [InlineData("1234 SD", null)]
    [InlineData("1234 ss", null)]
    [InlineData("1234  AB", null)]
    [InlineData("1234-AB", null)]
    [InlineData("12345", null)]
    [InlineData("1234 A", null)]
    [InlineData("1234 ÄB", null)]
    [InlineData("ABCD 12", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Postcodes_are_normalised_to_four_digits_space_two_capitals(string? text, string? expected)
    {
        Assert.Equal(expected is not null, DutchCodes.TryNormalisePostcode(text, out var postcode));
        Assert.Equal(expected, postcode);
    }
}
