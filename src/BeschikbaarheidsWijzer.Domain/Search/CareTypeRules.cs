namespace BeschikbaarheidsWijzer.Domain.Search;

/// <summary>Which care types a search includes when it names none.</summary>
public static class CareTypeRules
{
    /// <summary>
    /// Crisis care and closed youth care: nobody chooses those from a list (crisis goes through the crisis line, closed care
    /// through a court), so a search without a care type leaves them out; naming them includes them.
    /// </summary>
    public static IReadOnlySet<string> LeftOutUnlessNamed { get; } = new HashSet<string>(StringComparer.Ordinal) { "crisishulp", "gesloten-jeugdzorg" };

    public static bool IsLeftOutUnlessNamed(string careTypeCode) => LeftOutUnlessNamed.Contains(careTypeCode);
}
