namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>Zorgaanbieder.</summary>
public sealed class Provider
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? KvkNumber { get; set; }
    public string? AgbCode { get; set; }
    public string? Website { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Description { get; set; }

    /// <summary>The regions whose contract managers manage this provider (besides those it is contracted in).</summary>
    public List<string> RegionCodes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public List<Location> Locations { get; set; } = [];
    public List<Offering> Offerings { get; set; } = [];
}

/// <summary>Vestiging of a provider.</summary>
public sealed class Location
{
    public Guid Id { get; set; }
    public Guid ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public required string Name { get; set; }
    public string? Street { get; set; }
    public string? Postcode { get; set; }
    public required string City { get; set; }
    public required string MunicipalityCode { get; set; }
    public Municipality? Municipality { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public List<Offering> Offerings { get; set; } = [];
}

/// <summary>Aanbod: one form of care a provider offers, contracted for a set of municipalities.</summary>
public sealed class Offering
{
    public Guid Id { get; set; }
    public Guid ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public required string Title { get; set; }
    public required string CareTypeCode { get; set; }
    public CareType? CareType { get; set; }
    public string? Description { get; set; }
    public int AgeMin { get; set; }
    public int AgeMax { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? ReferralInfo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Soft delete: the offering leaves search, its report history stays.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>
    /// The current report (latest week, then latest report), kept by whoever writes reports, so a search joins one row
    /// per offering instead of finding the latest among its history.
    /// </summary>
    public long? CurrentReportId { get; set; }

    public AvailabilityReport? CurrentReport { get; set; }

    public List<Location> Locations { get; set; } = [];
    public List<Contract> Contracts { get; set; } = [];
    public List<AvailabilityReport> Reports { get; set; } = [];
}

/// <summary>An offering contracted for a municipality over a period (ValidTo null = open-ended).</summary>
public sealed class Contract : IValidityPeriod
{
    public long Id { get; set; }
    public Guid OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public required string MunicipalityCode { get; set; }
    public Municipality? Municipality { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}
