using System.Text.RegularExpressions;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>
/// Finds number-noun slips in Dutch page text: "3 aanbod", "2 week", "0 plek" (a count other than one takes the plural, and
/// "aanbod" has none) and "1 weken". Years ("2026 week 49") and figures with a separator ("1.000", "2,5") are not counts
/// of the noun that follows.
/// </summary>
public static partial class DutchCounts
{
    private const string Singular = "week|dag|plek|aanbieder|onderdeel|resultaat|melding|gemeente|fout|regel|sleutel|kind|jongere|versie|adres|keuze|aanbod";
    private const string Plural = "weken|dagen|plekken|aanbieders|onderdelen|resultaten|meldingen|gemeenten|fouten|regels|sleutels|kinderen|jongeren|versies|adressen|keuzes";

    [GeneratedRegex(@"(?<![\d.,])(?:0|[2-9]|[1-9]\d{1,2}) (?:" + Singular + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex ManyWithSingular();

    [GeneratedRegex(@"(?<![\d.,])1 (?:" + Plural + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex OneWithPlural();

    public static IReadOnlyList<string> Slips(string text) =>
        ManyWithSingular().Matches(text).Concat(OneWithPlural().Matches(text)).Select(m => m.Value).ToList();
}
