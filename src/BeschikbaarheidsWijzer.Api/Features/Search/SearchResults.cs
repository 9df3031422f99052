using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

public sealed record OfferingLocationDto(string? City, string? Municipality, double? DistanceKm);

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
    List<PhaseDto> Phases,
    ReportingDto Reporting);

/// <summary>
/// How faithfully the offering reports: the weeks with a report of the last <c>ofWeeks</c> ISO weeks (ending with this
/// week when it is reported, else with last week).
/// </summary>
public sealed record ReportingDto(int WeeksReported, int OfWeeks)
{
    public static ReportingDto From(ReportingRate rate) => new(rate.WeeksReported, rate.OfWeeks);
}

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
