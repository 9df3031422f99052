using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;

/// <summary>A provider's figures for one offering for the current week (wire contract field names).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AvailabilityReportRequest(
    bool? AcceptingReferrals = null,
    int? WaitToIntakeWeeks = null,
    int? WaitToTreatmentWeeks = null,
    int? FreePlaces = null,
    int? TotalPlaces = null,
    int? WaitlistCount = null,
    string? Method = null,
    bool? MatchingDependent = null,
    bool? BridgingCareAvailable = null,
    string? Note = null,
    int? RealisedWaitToIntakeWeeks = null,
    int? RealisedWaitToTreatmentWeeks = null,
    bool? Unchanged = null)
{
    public AvailabilityReportInput ToInput() =>
        new(AcceptingReferrals, WaitToIntakeWeeks, WaitToTreatmentWeeks, FreePlaces, TotalPlaces, WaitlistCount, Method, MatchingDependent,
            BridgingCareAvailable, Note, RealisedWaitToIntakeWeeks, RealisedWaitToTreatmentWeeks, Unchanged);
}

/// <summary>One report of a batch: the same fields plus the offering it is for.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BatchReportItem(
    Guid? OfferingId,
    bool? AcceptingReferrals = null,
    int? WaitToIntakeWeeks = null,
    int? WaitToTreatmentWeeks = null,
    int? FreePlaces = null,
    int? TotalPlaces = null,
    int? WaitlistCount = null,
    string? Method = null,
    bool? MatchingDependent = null,
    bool? BridgingCareAvailable = null,
    string? Note = null,
    int? RealisedWaitToIntakeWeeks = null,
    int? RealisedWaitToTreatmentWeeks = null,
    bool? Unchanged = null)
{
    public AvailabilityReportInput ToInput() =>
        new(AcceptingReferrals, WaitToIntakeWeeks, WaitToTreatmentWeeks, FreePlaces, TotalPlaces, WaitlistCount, Method, MatchingDependent,
            BridgingCareAvailable, Note, RealisedWaitToIntakeWeeks, RealisedWaitToTreatmentWeeks, Unchanged);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AvailabilityBatchRequest(List<BatchReportItem?>? Reports);

/// <summary>
/// The answer to a batch: <c>dryRun</c> true when nothing was stored (the reports are what would be stored, without id
/// or ETag); <c>warnings</c> are all the reports' warnings in one list.
/// </summary>
public sealed record AvailabilityBatchResponse(int Accepted, bool DryRun, List<StoredReportDto> Reports, List<ReportWarningDto> Warnings);

/// <summary>
/// A report as stored, with the ETag to send as <c>If-Match</c> when replacing it (<c>id</c> and <c>eTag</c> are null in
/// a dry run). <c>confirmedUnchanged</c>: sent as "nothing changed"; <c>figuresChangedAt</c>: when these figures were
/// first reported.
/// </summary>
public sealed record StoredReportDto(
    long? Id,
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
    int? RealisedWaitToIntakeWeeks,
    int? RealisedWaitToTreatmentWeeks,
    string? Note,
    bool ConfirmedUnchanged,
    DateTimeOffset FiguresChangedAt,
    List<ReportWarningDto> Warnings,
    string? ETag)
{
    public static StoredReportDto From(AvailabilityReport r, bool stored = true) => new(
        stored ? r.Id : null,
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
        AvailabilityContracts.MethodName(r.Method),
        r.MatchingDependent,
        r.BridgingCareAvailable,
        r.RealisedWaitToIntakeWeeks,
        r.RealisedWaitToTreatmentWeeks,
        r.Note,
        r.ConfirmedUnchanged,
        r.FiguresFirstReportedAt,
        ReportWarnings.Of(r),
        stored ? ReportETag.For(r.Id) : null);
}

/// <summary>A provider's own offering with its current report (null before the first one).</summary>
public sealed record OwnOfferingDto(Guid Id, string Title, string CareType, string CareTypeName, StoredReportDto? CurrentReport);

public static class ReportETag
{
    public static string For(long reportId) => $"\"r{reportId}\"";
}
