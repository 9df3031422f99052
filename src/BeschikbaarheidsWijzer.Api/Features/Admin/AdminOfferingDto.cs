using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>An offering as the administration API shows it, with its entity tag.</summary>
public sealed record AdminOfferingDto(
    Guid Id,
    Guid ProviderId,
    string Title,
    string CareType,
    string? Description,
    int AgeMin,
    int AgeMax,
    List<string> Tags,
    string? ReferralInfo,
    List<Guid> LocationIds,
    List<string> Municipalities,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Send as <c>If-Match</c> with a PUT to have it refused (412) when someone changed this meanwhile.</summary>
    public string ETag => ManagementETag.Of(this);

    /// <summary>
    /// What <see cref="From"/> reads, loaded with the offering. The one mapping for reads and writes alike: the entity tag
    /// is a hash of the DTO, so two mappings that ordered a list differently would give one offering two tags.
    /// </summary>
    public static IQueryable<Offering> WithLocationsAndContracts(IQueryable<Offering> offerings) =>
        offerings.Include(o => o.Locations).Include(o => o.Contracts).AsSplitQuery();

    /// <summary>Whether two versions of an offering differ only in their contracts (and times).</summary>
    public static bool SameBesidesContracts(AdminOfferingDto a, AdminOfferingDto b) =>
        a.Title == b.Title && a.CareType == b.CareType && a.Description == b.Description && a.AgeMin == b.AgeMin && a.AgeMax == b.AgeMax
        && a.Tags.SequenceEqual(b.Tags) && a.ReferralInfo == b.ReferralInfo && a.LocationIds.SequenceEqual(b.LocationIds);

    /// <summary>The DTO from an offering with its locations and contracts loaded (<see cref="WithLocationsAndContracts"/>).</summary>
    public static AdminOfferingDto From(Offering o, DateOnly today) => new(
        o.Id,
        o.ProviderId,
        o.Title,
        o.CareTypeCode,
        o.Description,
        o.AgeMin,
        o.AgeMax,
        o.Tags,
        o.ReferralInfo,
        o.Locations.OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Id).Select(l => l.Id).ToList(),
        o.Contracts.Where(c => ContractHistory.IsOpen(c, today)).Select(c => c.MunicipalityCode).Distinct().Order(StringComparer.Ordinal).ToList(),
        o.CreatedAt,
        o.UpdatedAt);
}
