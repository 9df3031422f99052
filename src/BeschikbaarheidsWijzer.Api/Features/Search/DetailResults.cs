using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

public sealed record ProviderContactDto(Guid Id, string Name, string? Website, string? Phone, string? Email);

public sealed record LocationDto(Guid Id, string Name, string? Street, string? Postcode, string City, string Municipality, double Lat, double Lon);

public sealed record MunicipalityRef(string Code, string Name);

/// <summary>One week of the history: that week's current report, judged by the norm in force on its date.</summary>
public sealed record HistoryWeekDto(
    string Week,
    DateTimeOffset ReportedAt,
    bool AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? TotalWaitWeeks,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    NormDto? Norm,
    NormStatus NormStatus,
    List<PhaseDto> Phases);

public sealed record OfferingDetailDto(
    Guid Id,
    string Title,
    ProviderContactDto Provider,
    CareTypeRef CareType,
    int AgeMin,
    int AgeMax,
    IReadOnlyList<string> Tags,
    OfferingLocationDto Location,
    AvailabilityDto? Availability,
    NormDto? Norm,
    NormStatus NormStatus,
    List<PhaseDto> Phases,
    string? Description,
    string? ReferralInfo,
    List<LocationDto> Locations,
    List<MunicipalityRef> Municipalities,
    List<HistoryWeekDto> History,
    List<OfferingSummaryDto> Alternatives,
    ReportingDto Reporting);

public sealed record ProviderDto(
    Guid Id,
    string Name,
    string? Website,
    string? Phone,
    string? Email,
    string? Description,
    List<LocationDto> Locations,
    List<OfferingSummaryDto> Offerings);
