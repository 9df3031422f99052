namespace BeschikbaarheidsWijzer.Domain.Norms;

/// <summary>Maximum acceptable waits in weeks per phase; a null phase has no bound.</summary>
public sealed record WaitNorm(int? MaxIntakeWeeks, int? MaxTreatmentWeeks, int? MaxTotalWeeks)
{
    public bool HasAnyBound => MaxIntakeWeeks is not null || MaxTreatmentWeeks is not null || MaxTotalWeeks is not null;
}

/// <summary>Where an effective norm comes from: the national Treeknorm or a region's own maximum.</summary>
public enum NormSource
{
    Treeknorm,
    Regio,
}

/// <summary>The care type facts that select a national norm rule.</summary>
public sealed record CareTypeProfile(string Code, string Sector, string Setting);

/// <summary>A national default (Treeknorm) for a sector and setting; setting <c>*</c> matches any setting.</summary>
public sealed record NationalNormRule(string Sector, string Setting, WaitNorm Norm, string Label)
{
    public const string AnySetting = "*";
}

/// <summary>
/// One version of a region's own maximum acceptable wait for a care type, in force from <see cref="ValidFrom"/>.
/// <see cref="Sequence"/> orders versions recorded at the same instant (the stored row id).
/// </summary>
public sealed record RegionalNormVersion(string RegionCode, string CareTypeCode, WaitNorm Norm, DateOnly ValidFrom, DateTimeOffset RecordedAt, long Sequence = 0);

/// <summary>The norm that applies to a care type in a region on a date, and why.</summary>
public sealed record EffectiveNorm(string CareTypeCode, NormSource Source, WaitNorm Norm, string Label, DateOnly? ValidFrom);
