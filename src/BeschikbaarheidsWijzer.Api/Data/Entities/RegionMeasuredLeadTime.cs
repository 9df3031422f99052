namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>
/// A region's own measure of how long young people waited from request to start of care, derived from iJw messages:
/// per provider (KvK number) × iJw product category × month, the number who started and their median days. An aggregate of
/// at least the region's minimum group, never anything about a person. A new upload for the same key replaces the figures.
/// </summary>
public sealed class RegionMeasuredLeadTime
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public required string KvkNumber { get; set; }
    public required string IjwCategory { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public int YoungPeople { get; set; }
    public int MedianDays { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The management key that uploaded it.</summary>
    public string? ApiKeyId { get; set; }
}
