using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

public sealed record ProviderRef(Guid Id, string Name);

public sealed record CareTypeRef(string Code, string Name);

public sealed record OfferingLocationDto(string? City, string? Municipality, double? DistanceKm);

public sealed record AvailabilityDto(
    bool AcceptingReferrals,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? TotalWaitWeeks,
    string Method,
    bool MatchingDependent,
    bool BridgingCareAvailable,
    string Week,
    DateTimeOffset ReportedAt,
    bool Stale,
    bool AvailableNow);

public sealed record NormDto(NormSource Source, int? MaxIntakeWeeks, int? MaxTreatmentWeeks, int? MaxTotalWeeks, string Label);

/// <summary>One offering as the search shows it: who, what, where, the latest figures and how they compare to the norm.</summary>
public sealed record OfferingSummaryDto(
    Guid Id,
    string Title,
    ProviderRef Provider,
    CareTypeRef CareType,
    int AgeMin,
    int AgeMax,
    IReadOnlyList<string> Tags,
    OfferingLocationDto Location,
    AvailabilityDto? Availability,
    NormDto? Norm,
    NormStatus NormStatus);

public sealed record CareTypeFacet(string Code, int Count);

public sealed record NormStatusFacet(int Within, int Exceeded, int Unknown);

public sealed record SearchFacets(List<CareTypeFacet> CareTypes, NormStatusFacet NormStatus);

public sealed record SearchResponse(
    List<OfferingSummaryDto> Items,
    int Page,
    int PageSize,
    int Total,
    SearchFacets Facets,
    List<string> Warnings);
