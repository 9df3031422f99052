using System.Diagnostics.CodeAnalysis;

namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>
/// Dutch registry codes: KvK number, AGB code, CBS municipality code and postcode. Only ASCII digits count as digits
/// (<see cref="char.IsDigit(char)"/> would also accept e.g. Arabic-Indic or full-width digits).
/// </summary>
public static class DutchCodes
{
    /// <summary>A KvK (Chamber of Commerce) number: exactly 8 digits.</summary>
    public static bool IsKvkNumber(string? text) => IsDigits(text, 8);

    /// <summary>An AGB code (Vektis): exactly 8 digits.</summary>
    public static bool IsAgbCode(string? text) => IsDigits(text, 8);

    /// <summary>A CBS municipality code <c>GMxxxx</c> (upper case, as stored).</summary>
    public static bool IsMunicipalityCode(string? text) =>
        text is { Length: 6 } && text.StartsWith("GM", StringComparison.Ordinal) && IsDigits(text[2..], 4);

    /// <summary>Trimmed and upper-cased (<c>gm0222</c> → <c>GM0222</c>) when it then is a municipality code.</summary>
    public static bool TryNormaliseMunicipalityCode(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (text is null)
        {
            return false;
        }

        var candidate = text.Trim().ToUpperInvariant();
        if (!IsMunicipalityCode(candidate))
        {
            return false;
        }

        code = candidate;
        return true;
    }

    /// <summary>
    /// A Dutch postcode, written as <c>1234 AB</c>: four digits (not starting with 0), then two letters (not SA, SD or SS).
    /// Accepts <c>1234ab</c>, <c>1234 ab</c> and surrounding spaces, and gives the canonical form.
    /// </summary>
    public static bool TryNormalisePostcode(string? text, [NotNullWhen(true)] out string? postcode)
    {
        postcode = null;
        if (text is null)
        {
            return false;
        }

        var compact = text.Trim();
        if (compact.Length == 7 && compact[4] == ' ')
        {
            compact = compact.Remove(4, 1);
        }

        if (compact.Length != 6 || !IsDigits(compact[..4], 4) || compact[0] == '0' || !char.IsAsciiLetter(compact[4]) || !char.IsAsciiLetter(compact[5]))
        {
            return false;
        }

        var letters = compact[4..].ToUpperInvariant();
        if (letters is "SA" or "SD" or "SS")
        {
            return false;
        }

        postcode = $"{compact[..4]} {letters}";
        return true;
    }

    private static bool IsDigits(string? text, int length) => text is not null && text.Length == length && text.All(char.IsAsciiDigit);
}
