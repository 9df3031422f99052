namespace BeschikbaarheidsWijzer.Domain.Access;

/// <summary>What a region manager may change of a provider or offering that is also contracted elsewhere.</summary>
public enum RegionScopeDecision
{
    /// <summary>Everything the caller's role allows: every open contract lies in the caller's regions (or it is an admin).</summary>
    Whole,

    /// <summary>Only the contracts of the caller's own municipalities; another region decides the rest.</summary>
    OwnContractsOnly,
}

/// <summary>
/// The region scope rule (README, "Who may change what"): a region manager may change an offering's fields only when every
/// municipality it is contracted for (today or later) lies in its regions, else only its own municipalities' contracts; it
/// may change a provider's own fields and issue or revoke its keys only when all of the provider's current offerings lie in
/// its regions. A provider's regions follow its contracts: editing never adds one. An admin decides everywhere.
/// </summary>
public static class RegionScopeRule
{
    /// <summary>The regions, other than the caller's, where the contracts open today or later lie: those decide there.</summary>
    public static IReadOnlyList<string> OtherRegionsDeciding(IEnumerable<string> regionsOfOpenContracts, IReadOnlyCollection<string> callerRegions, bool isAdmin) =>
        isAdmin ? [] : regionsOfOpenContracts.Where(r => !callerRegions.Contains(r)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static RegionScopeDecision ForOffering(IEnumerable<string> regionsOfOpenContracts, IReadOnlyCollection<string> callerRegions, bool isAdmin) =>
        OtherRegionsDeciding(regionsOfOpenContracts, callerRegions, isAdmin).Count == 0 ? RegionScopeDecision.Whole : RegionScopeDecision.OwnContractsOnly;

    /// <summary>A provider's fields and keys: only when no other region decides over any of its current offerings.</summary>
    public static bool MayChangeProvider(IEnumerable<string> regionsOfItsOpenContracts, IReadOnlyCollection<string> callerRegions, bool isAdmin) =>
        OtherRegionsDeciding(regionsOfItsOpenContracts, callerRegions, isAdmin).Count == 0;
}
