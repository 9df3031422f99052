namespace BeschikbaarheidsWijzer.Domain.Access;

/// <summary>
/// The region scope rule (README, "Who may change what"): a region manager may change an offering's fields only when every
/// municipality it is contracted for (today or later) lies in its regions, else only its own municipalities' contracts; it
/// may change a provider's own fields and locations, and issue or revoke its keys, only when all of the provider's current
/// offerings lie in its regions. A provider's regions follow its contracts: editing never adds one. An admin decides everywhere.
/// Either way the question is the same: which other regions decide here? None means the caller may.
/// </summary>
public static class RegionScopeRule
{
    /// <summary>The regions, other than the caller's, where the contracts open today or later lie: those decide there.</summary>
    public static IReadOnlyList<string> OtherRegionsDeciding(IEnumerable<string> regionsOfOpenContracts, IReadOnlyCollection<string> callerRegions, bool isAdmin) =>
        isAdmin ? [] : regionsOfOpenContracts.Where(r => !callerRegions.Contains(r)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
