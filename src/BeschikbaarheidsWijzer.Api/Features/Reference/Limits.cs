using BeschikbaarheidsWijzer.Domain.Access;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Api.Features.Reference;

/// <summary>A whole number from <see cref="Min"/> to <see cref="Max"/>, both included.</summary>
public sealed record WholeNumberRange(int Min, int Max);

/// <summary>
/// The limits of what people fill in, per request body or query and by its field names, read from the domain's rules: the
/// web app shows them in hints and checks them before sending, so no page keeps its own copy.
/// </summary>
public sealed record LimitsDto(
    ReportLimitsDto Report,
    NormLimitsDto Norm,
    OfferingLimitsDto Offering,
    TextLimitsDto Text,
    AccessLimitsDto Access,
    SearchLimitsDto Search,
    ManagementReportLimitsDto ManagementReports)
{
    public static LimitsDto Current { get; } = new(
        new ReportLimitsDto(
            new(0, AvailabilityReportRules.MaxWaitWeeks),
            new(0, AvailabilityReportRules.MaxWaitWeeks),
            new(0, AvailabilityReportRules.MaxPlaces),
            new(0, AvailabilityReportRules.MaxPlaces),
            new(0, AvailabilityReportRules.MaxWaitlist),
            AvailabilityReportRules.MaxNoteLength,
            new(0, AvailabilityReportRules.MaxWaitWeeks),
            new(0, AvailabilityReportRules.MaxWaitWeeks)),
        new NormLimitsDto(new(0, RegionalNormRules.MaxPhaseWeeks), new(0, RegionalNormRules.MaxPhaseWeeks), new(0, RegionalNormRules.MaxTotalWeeks),
            RegionalNormRules.EarliestValidFrom, RegionalNormRules.MaxYearsAhead),
        new OfferingLimitsDto(
            new(0, FieldLimits.MaxAge), new(0, FieldLimits.MaxAge),
            FieldLimits.MaxTagsPerOffering, FieldLimits.MaxLocationsPerOffering, FieldLimits.MaxMunicipalitiesPerOffering),
        new TextLimitsDto(FieldLimits.NameLength, FieldLimits.TitleLength, FieldLimits.StreetLength, FieldLimits.CityLength,
            FieldLimits.DescriptionLength, FieldLimits.ReferralInfoLength, FieldLimits.LabelLength),
        new AccessLimitsDto(new(0, MunicipalityAccessRules.MaxWaitWeeks), MunicipalityAccessRules.MaxNameLength),
        new SearchLimitsDto(new(0, FieldLimits.MaxAge), new(0, FieldLimits.MaxTotalWaitWeeks), FieldLimits.SearchTextLength),
        new ManagementReportLimitsDto(FieldLimits.MaxReportPeriodDays, new(1, FieldLimits.MaxStaleDays)));
}

/// <summary>A provider's weekly figures (<c>PUT …/availability</c>, <c>POST …/availability-reports</c>).</summary>
public sealed record ReportLimitsDto(
    WholeNumberRange WaitToIntakeWeeks,
    WholeNumberRange WaitToTreatmentWeeks,
    WholeNumberRange FreePlaces,
    WholeNumberRange TotalPlaces,
    WholeNumberRange WaitlistCount,
    int NoteLength,
    WholeNumberRange RealisedWaitToIntakeWeeks,
    WholeNumberRange RealisedWaitToTreatmentWeeks);

/// <summary>A region's own norm, in weeks; <c>validFrom</c> from <c>earliestValidFrom</c> to <c>maxYearsAhead</c> years after today.</summary>
public sealed record NormLimitsDto(
    WholeNumberRange MaxIntakeWeeks, WholeNumberRange MaxTreatmentWeeks, WholeNumberRange MaxTotalWeeks, DateOnly EarliestValidFrom, int MaxYearsAhead);

/// <summary>An offering: ages in whole years, and how many tags, locations and municipalities it may have.</summary>
public sealed record OfferingLimitsDto(WholeNumberRange AgeMin, WholeNumberRange AgeMax, int Tags, int LocationIds, int Municipalities);

/// <summary>Most characters of the free texts of providers, locations, offerings and keys.</summary>
public sealed record TextLimitsDto(int Name, int Title, int Street, int City, int Description, int ReferralInfo, int Label);

/// <summary>A municipality's toegang.</summary>
public sealed record AccessLimitsDto(WholeNumberRange WaitWeeks, int NameLength);

/// <summary>The public search's query.</summary>
public sealed record SearchLimitsDto(WholeNumberRange Age, WholeNumberRange MaxWaitWeeks, int TextLength);

/// <summary>The region's reports: the longest KPI period and the days of the list of who is late.</summary>
public sealed record ManagementReportLimitsDto(int PeriodDays, WholeNumberRange StaleDays);
