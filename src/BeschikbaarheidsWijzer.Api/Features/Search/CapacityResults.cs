using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Mvc;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>The capacity picture's query: the child's age, when the picture should fit one.</summary>
public sealed record CapacityQuery([FromQuery(Name = "age")] string? Age)
{
    public int? Validate(ValidationErrors errors) => QueryValues.Integer(Age, "age", 0, FieldLimits.MaxAge, errors);
}

/// <summary>
/// One care type's capacity in a municipality today. Each count is the total of a search (<c>municipality</c>,
/// <c>careType</c>, <c>age</c>) with one more filter: <c>availableNow</c> with <c>availableNow=true</c>, <c>withinNorm</c>
/// with <c>withinNorm=true</c>. <c>stale</c> have figures older than the stale limit, <c>withoutFigures</c> never reported.
/// The waits (effective: total when known, else to intake) are over the <c>currentWaits</c> offerings with current figures.
/// <c>leftOutUnlessNamed</c>: a search without <c>careType</c> leaves this care type out (crisis care, closed youth care),
/// so the total counts offerings such a search does not list.
/// </summary>
public sealed record CareTypeCapacityDto(
    CareTypeRef CareType,
    NormDto? Norm,
    int Offerings,
    int AvailableNow,
    int WithinNorm,
    int Stale,
    int WithoutFigures,
    int CurrentWaits,
    int? ShortestWaitWeeks,
    double? MedianWaitWeeks,
    bool LeftOutUnlessNamed);

/// <summary>The counts of all care types together (an offering counts once: it has one care type).</summary>
public sealed record CapacityTotalsDto(int Offerings, int AvailableNow, int WithinNorm, int Stale, int WithoutFigures);

/// <summary>GET /api/v1/municipalities/{code}/capacity: per care type, by name.</summary>
public sealed record MunicipalityCapacityDto(
    MunicipalityRef Municipality, int? Age, DateOnly Date, List<CareTypeCapacityDto> CareTypes, CapacityTotalsDto Total)
{
    public static MunicipalityCapacityDto From(
        MunicipalityRef municipality, int? age, DateOnly date, IReadOnlyList<CareTypeCapacity> picture, SearchIndexSnapshot snapshot, SearchContext context)
    {
        var careTypes = picture
            .Select(c => new CareTypeCapacityDto(
                new CareTypeRef(c.CareTypeCode, snapshot.CareTypes.TryGetValue(c.CareTypeCode, out var careType) ? careType.Name : c.CareTypeCode),
                context.Norms.GetValueOrDefault(c.CareTypeCode) is { } norm ? AvailabilityContracts.ToNormDto(norm) : null,
                c.Offerings, c.AvailableNow, c.WithinNorm, c.Stale, c.WithoutFigures, c.CurrentWaits, c.ShortestWaitWeeks, c.MedianWaitWeeks,
                CareTypeRules.IsLeftOutUnlessNamed(c.CareTypeCode)))
            .OrderBy(c => c.CareType.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true))
            .ToList();
        var total = new CapacityTotalsDto(
            picture.Sum(c => c.Offerings), picture.Sum(c => c.AvailableNow), picture.Sum(c => c.WithinNorm), picture.Sum(c => c.Stale),
            picture.Sum(c => c.WithoutFigures));
        return new MunicipalityCapacityDto(municipality, age, date, careTypes, total);
    }
}
