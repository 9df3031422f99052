using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Weeks;

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

public sealed record RegionRef(string Code, string Name);

/// <summary>A region's reporting in public (GET /api/v1/regions/{region}/reporting).</summary>
public sealed record RegionReportingDto(
    RegionRef Region,
    string ThisWeek,
    string LastWeek,
    int Offerings,
    int ReportedThisWeek,
    int ReportedLastWeek,
    double? ShareThisWeek,
    double? ShareLastWeek,
    List<ProviderReportingDto> Providers)
{
    public static RegionReportingDto From(RegionRef region, RegionReporting r) => new(
        region,
        IsoWeek.FromDate(r.ThisWeek).ToString(),
        IsoWeek.FromDate(r.LastWeek).ToString(),
        r.Offerings,
        r.ReportedThisWeek,
        r.ReportedLastWeek,
        Share(r.ReportedThisWeek, r.Offerings),
        Share(r.ReportedLastWeek, r.Offerings),
        r.Providers.Select(p => new ProviderReportingDto(p.ProviderId, p.ProviderName, p.Offerings, p.ReportedThisWeek, p.ReportedLastWeek, p.WeeksReported, p.OfWeeks)).ToList());

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round(part / (double)whole, 3);
}

/// <summary>One provider's reporting in the region: <c>weeksReported</c> of <c>ofWeeks</c> is over the last 12 weeks of all its offerings there.</summary>
public sealed record ProviderReportingDto(Guid Id, string Name, int Offerings, int ReportedThisWeek, int ReportedLastWeek, int WeeksReported, int OfWeeks);
