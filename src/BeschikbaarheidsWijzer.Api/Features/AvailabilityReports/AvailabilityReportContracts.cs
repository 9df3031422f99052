using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;

/// <summary>A provider's figures for one offering for the current week (wire contract field names).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AvailabilityReportRequest(
    bool? AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    string? Method,
    bool? MatchingDependent,
    bool? BridgingCareAvailable,
    string? Note)
{
    public AvailabilityReportInput ToInput() =>
        new(AcceptingReferrals, WaitToIntakeWeeks, WaitToTreatmentWeeks, FreePlaces, TotalPlaces, WaitlistCount, Method, MatchingDependent, BridgingCareAvailable, Note);
}

/// <summary>One report of a batch: the same fields plus the offering it is for.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BatchReportItem(
    Guid? OfferingId,
    bool? AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    string? Method,
    bool? MatchingDependent,
    bool? BridgingCareAvailable,
    string? Note)
{
    public AvailabilityReportInput ToInput() =>
        new(AcceptingReferrals, WaitToIntakeWeeks, WaitToTreatmentWeeks, FreePlaces, TotalPlaces, WaitlistCount, Method, MatchingDependent, BridgingCareAvailable, Note);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AvailabilityBatchRequest(List<BatchReportItem?>? Reports);

public sealed record AvailabilityBatchResponse(int Accepted, List<StoredReportDto> Reports);

/// <summary>A report as stored, with the ETag to send as <c>If-Match</c> when replacing it.</summary>
public sealed record StoredReportDto(
    long Id,
    Guid OfferingId,
    string Week,
    DateTimeOffset ReportedAt,
    bool AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? TotalWaitWeeks,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    string Method,
    bool MatchingDependent,
    bool BridgingCareAvailable,
    string? Note,
    string ETag)
{
    public static StoredReportDto From(AvailabilityReport r) => new(
        r.Id,
        r.OfferingId,
        IsoWeek.FromDate(r.WeekStart).ToString(),
        r.ReportedAt,
        r.AcceptingReferrals,
        r.WaitToIntakeWeeks,
        r.WaitToTreatmentWeeks,
        new WaitFigures(r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks).TotalWaitWeeks,
        r.FreePlaces,
        r.TotalPlaces,
        r.WaitlistCount,
        r.Method == MeasurementMethod.Retrospectief ? AvailabilityReportRules.MethodRetrospectief : AvailabilityReportRules.MethodActueel,
        r.MatchingDependent,
        r.BridgingCareAvailable,
        r.Note,
        ReportETag.For(r.Id));
}

/// <summary>A provider's own offering with its current report (null before the first one).</summary>
public sealed record OwnOfferingDto(Guid Id, string Title, string CareType, string CareTypeName, StoredReportDto? CurrentReport);

public static class ReportETag
{
    public static string For(long reportId) => $"\"r{reportId}\"";
}
