namespace BeschikbaarheidsWijzer.Domain.Norms;

/// <summary>
/// Finds the effective norm for a care type: region override in force on the date → national rule for
/// (sector, setting) → for a sector with no rule of its own, the gehandicaptenzorg rule for the same setting.
/// </summary>
public sealed class NormResolver
{
    /// <summary>Sector whose rules apply to care outside a branch with its own Treeknorm (e.g. <c>jeugdhulp</c>).</summary>
    public const string FallbackSector = "gehandicaptenzorg";

    private readonly IReadOnlyList<NationalNormRule> _nationalRules;
    private readonly ILookup<(string Region, string CareType), RegionalNormVersion> _regionalVersions;

    public NormResolver(IEnumerable<NationalNormRule> nationalRules, IEnumerable<RegionalNormVersion> regionalVersions)
    {
        _nationalRules = nationalRules.ToList();
        _regionalVersions = regionalVersions.ToLookup(
            v => (v.RegionCode.ToLowerInvariant(), v.CareTypeCode.ToLowerInvariant()));
    }

    /// <summary>The effective norm on <paramref name="date"/>; null when neither a region nor a national rule sets one.</summary>
    public EffectiveNorm? Resolve(CareTypeProfile careType, string? regionCode, DateOnly date)
    {
        if (regionCode is not null)
        {
            var regional = FindRegionalVersion(regionCode, careType.Code, date);
            if (regional is not null)
            {
                return new EffectiveNorm(careType.Code, NormSource.Regio, regional.Norm, "Regionale norm", regional.ValidFrom);
            }
        }

        var national = FindNationalRule(careType.Sector, careType.Setting);
        return national is null
            ? null
            : new EffectiveNorm(careType.Code, NormSource.Treeknorm, national.Norm, national.Label, null);
    }

    /// <summary>The regional version in force on the date: latest <c>validFrom</c> not after it; a later recording wins a tie.</summary>
    public RegionalNormVersion? FindRegionalVersion(string regionCode, string careTypeCode, DateOnly date) =>
        _regionalVersions[(regionCode.ToLowerInvariant(), careTypeCode.ToLowerInvariant())]
            .Where(v => v.ValidFrom <= date)
            .OrderByDescending(v => v.ValidFrom)
            .ThenByDescending(v => v.RecordedAt)
            .ThenByDescending(v => v.Sequence)
            .FirstOrDefault();

    /// <summary>The national rule for a sector and setting, with the gehandicaptenzorg fallback for sectors without rules.</summary>
    public NationalNormRule? FindNationalRule(string sector, string setting)
    {
        var sectorRules = _nationalRules.Where(r => string.Equals(r.Sector, sector, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sectorRules.Count == 0)
        {
            if (string.Equals(sector, FallbackSector, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return FindNationalRule(FallbackSector, setting);
        }

        return sectorRules.FirstOrDefault(r => string.Equals(r.Setting, setting, StringComparison.OrdinalIgnoreCase))
            ?? sectorRules.FirstOrDefault(r => r.Setting == NationalNormRule.AnySetting);
    }
}
