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

/// <summary>
/// One phase of the wait against its bound: <c>weeks</c> null when unknown, <c>maxWeeks</c> null when the norm sets none;
/// <c>status</c> within, exceeded, unknown (a bound but no figure) or noNorm. Clients show these; they never judge a wait themselves.
/// </summary>
public sealed record PhaseDto(WaitPhase Phase, int? Weeks, int? MaxWeeks, PhaseStatus Status)
{
    public static List<PhaseDto> Of(NormVerdict verdict) =>
        [From(verdict.Intake), From(verdict.Treatment), From(verdict.Total)];

    private static PhaseDto From(PhaseVerdict phase) => new(phase.Phase, phase.Weeks, phase.MaxWeeks, phase.Status);
}

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
    NormStatus NormStatus,
    List<PhaseDto> Phases);

public sealed record CareTypeFacet(string Code, int Count);

public sealed record NormStatusFacet(int Within, int Partial, int Exceeded, int Unknown);

/// <summary>A topic and how many matches have it, with every filter but the topics applied.</summary>
public sealed record TagFacet(string Code, int Count);

public sealed record SearchFacets(List<CareTypeFacet> CareTypes, NormStatusFacet NormStatus, List<TagFacet> Tags);

public sealed record SearchResponse(
    List<OfferingSummaryDto> Items,
    int Page,
    int PageSize,
    int Total,
    SearchFacets Facets,
    List<string> Warnings);
