using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;
using Microsoft.AspNetCore.Mvc;

namespace BeschikbaarheidsWijzer.Api.Features.ManagementReports;

public sealed record NormComplianceQuery(
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "careType")] string? CareType,
    [FromQuery(Name = "format")] string? Format);

public sealed record RegionSummaryQuery(
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "date")] string? Date,
    [FromQuery(Name = "format")] string? Format);

public sealed record StaleQuery(
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "days")] string? Days,
    [FromQuery(Name = "format")] string? Format);

public sealed record NotableReportsQuery(
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "format")] string? Format);

public sealed record WeeklyTrendQuery(
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "weeks")] string? Weeks,
    [FromQuery(Name = "careType")] string? CareType,
    [FromQuery(Name = "format")] string? Format);

public sealed record ReportProviderRef(Guid Id, string Name, string? KvkNumber);

/// <summary>Of <c>compared</c> weeks (or offerings), <c>within</c> were within the norm; <c>share</c> = within ÷ compared, null when none were compared.</summary>
public sealed record ShareDto(int Compared, int Within, double? Share)
{
    public static ShareDto From(NormShare share) => new(share.Compared, share.Within, Round(share.Share));

    /// <summary>Shares and medians are given to four decimals.</summary>
    public static double? Round(double? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Per phase, and over all phases (a week's norm status: within or exceeded).</summary>
public sealed record PhaseSharesDto(ShareDto Intake, ShareDto Treatment, ShareDto Total, ShareDto AllPhases);

public sealed record LatestReportDto(
    string Week,
    DateTimeOffset ReportedAt,
    bool AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? TotalWaitWeeks,
    NormStatus NormStatus);

/// <summary>Median effective wait in the first and second half of the period's weeks; <c>changeWeeks</c> = second − first.</summary>
public sealed record TrendDto(double? FirstHalfMedianWaitWeeks, double? SecondHalfMedianWaitWeeks, double? ChangeWeeks, TrendDirection Direction);

/// <summary>One provider × care type. Weeks are offering-weeks: two offerings of the care type are expected to report twice a week.</summary>
public sealed record NormComplianceRow(
    ReportProviderRef Provider,
    CareTypeRef CareType,
    int Offerings,
    int WeeksExpected,
    int WeeksReported,
    double? ReportedShare,
    PhaseSharesDto WithinNorm,
    double? MedianWaitWeeks,
    int? MaxWaitWeeks,
    LatestReportDto? Latest,
    TrendDto Trend,
    RealisedDto Realised,
    RegionMeasuredDto? RegionMeasured);

/// <summary>
/// The region's own measure from iJw messages (POST realised-lead-times) for the provider's KvK and the care type's iJw
/// category, over the months that overlap the period: months, young people who started, the count-weighted mean of the
/// monthly medians in days and weeks, and <c>differenceWeeks</c> = that − the provider's median expected wait. Null when
/// the region uploaded nothing for them.
/// </summary>
public sealed record RegionMeasuredDto(int Months, int YoungPeople, double MedianDays, double MedianWeeks, double? DifferenceWeeks);

/// <summary>
/// Expected against realised, as the provider reports both: over the <c>weeks</c> whose reports have an expected and a
/// realised effective wait (total, else intake), the median of each and <c>differenceWeeks</c> = realised − expected
/// (positive: children waited longer than the provider said they would).
/// </summary>
public sealed record RealisedDto(int Weeks, double? MedianExpectedWeeks, double? MedianRealisedWeeks, double? DifferenceWeeks);

/// <summary>
/// <c>lastDay</c> is <c>to</c>, or today when the period runs on; <c>weeks</c> are the ISO weeks counted; rows are sorted by
/// provider name, then care type.
/// </summary>
public sealed record NormComplianceReport(
    string Region,
    DateOnly From,
    DateOnly To,
    DateOnly LastDay,
    string? CareType,
    List<string> Weeks,
    DateTimeOffset GeneratedAt,
    List<NormComplianceRow> Rows);

/// <summary>One care type in the region on the date; <c>norm</c> is the one in force on the date.</summary>
public sealed record RegionSummaryRow(
    CareTypeRef CareType,
    string IjwCategory,
    int Offerings,
    int WithReport,
    int Stale,
    int AcceptingReferrals,
    int FreePlaces,
    ShareDto WithinNorm,
    double? MedianWaitWeeks,
    NormDto? Norm);

public sealed record RegionSummaryReport(
    string Region,
    string RegionName,
    DateOnly Date,
    int StaleAfterDays,
    DateTimeOffset GeneratedAt,
    List<RegionSummaryRow> Rows);

public sealed record StaleProviderDto(Guid Id, string Name, string? KvkNumber, string? Phone, string? Email, string? Website);

/// <summary>An offering without a report in the last <c>days</c> days; the <c>last*</c> fields are null when it never reported.</summary>
public sealed record StaleOfferingRow(
    Guid OfferingId,
    string Title,
    CareTypeRef CareType,
    StaleProviderDto Provider,
    DateTimeOffset? LastReportedAt,
    string? LastReportWeek,
    int? DaysSinceLastReport);

public sealed record StaleReport(string Region, int Days, DateTimeOffset GeneratedAt, List<StaleOfferingRow> Rows);

/// <summary>A report accepted with plausibility warnings (<c>confirmedUnchanged</c>: sent as "nothing changed").</summary>
public sealed record NotableReportRow(
    long ReportId,
    Guid OfferingId,
    string Title,
    CareTypeRef CareType,
    StaleProviderDto Provider,
    string Week,
    DateTimeOffset ReportedAt,
    bool ConfirmedUnchanged,
    List<ReportWarningDto> Warnings);

public sealed record NotableReportsReport(string Region, DateOnly From, DateOnly To, DateTimeOffset GeneratedAt, List<NotableReportRow> Rows);

/// <summary>
/// One ISO week of a care type in the region: <c>offeringsExpected</c> offerings were expected to report, <c>reported</c>
/// did; <c>withinNorm</c> counts their reports within or exceeding the norm; <c>medianWaitWeeks</c> is of their effective waits.
/// </summary>
public sealed record WeekTrendDto(string Week, DateOnly WeekStart, int OfferingsExpected, int Reported, ShareDto WithinNorm, double? MedianWaitWeeks);

/// <summary>A care type's weeks, oldest first, and the region's norm in force today.</summary>
public sealed record CareTypeTrendDto(CareTypeRef CareType, NormDto? Norm, List<WeekTrendDto> Weeks);

/// <summary><c>weeks</c>: the ISO weeks counted, from the Monday <c>from</c> up to <c>lastDay</c> (today).</summary>
public sealed record WeeklyTrendReport(
    string Region,
    DateOnly From,
    DateOnly LastDay,
    List<string> Weeks,
    DateTimeOffset GeneratedAt,
    List<CareTypeTrendDto> CareTypes);

/// <summary>An accepted iJw upload: <c>lines</c> stored, of which <c>replaced</c> replaced figures stored before; the months it covers.</summary>
public sealed record RealisedLeadTimesUploadResult(string Region, int Lines, int Replaced, string FirstMonth, string LastMonth);
