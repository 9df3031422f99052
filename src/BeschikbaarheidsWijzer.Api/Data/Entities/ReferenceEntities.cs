namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>Jeugdregio: municipalities that contract youth care together.</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public List<Municipality> Municipalities { get; set; } = [];
}

/// <summary>Gemeente, by CBS code (GMxxxx). Validity dates allow for municipal mergers.</summary>
public sealed class Municipality : IValidityPeriod
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }
    public Region? Region { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

/// <summary>Zorgvorm from the project's taxonomy; sector and setting select the national norm.</summary>
public sealed class CareType
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string IjwCategory { get; set; }
    public required string Sector { get; set; }
    public required string Setting { get; set; }
    public bool MatchingDependent { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A national Treeknorm for a sector and setting (setting <c>*</c> = any).</summary>
public sealed class NationalNormRule
{
    public int Id { get; set; }
    public required string Sector { get; set; }
    public required string Setting { get; set; }
    public int? MaxIntakeWeeks { get; set; }
    public int? MaxTreatmentWeeks { get; set; }
    public int? MaxTotalWeeks { get; set; }
    public required string Label { get; set; }
}

/// <summary>One version of a region's maximum acceptable wait for a care type; versions are never overwritten.</summary>
public sealed class RegionalNorm
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public required string CareTypeCode { get; set; }
    public int? MaxIntakeWeeks { get; set; }
    public int? MaxTreatmentWeeks { get; set; }
    public int? MaxTotalWeeks { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedByKeyId { get; set; }
}

/// <summary>
/// A municipality's toegang (wijkteam, CJG or lokale toegang): where a family goes for a referral, set by the region.
/// <see cref="WaitReportedAt"/> is when the region last gave <see cref="WaitWeeks"/>, the wait for that first step.
/// </summary>
public sealed class MunicipalityAccess
{
    public required string MunicipalityCode { get; set; }
    public Municipality? Municipality { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public int? WaitWeeks { get; set; }
    public DateTimeOffset? WaitReportedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
