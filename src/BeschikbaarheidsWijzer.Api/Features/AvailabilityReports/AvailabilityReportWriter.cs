using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;

/// <summary>
/// Appends validated reports to the history. The caller's transaction locks the offerings' rows first, so reports for
/// one offering are written one after the other: "current" (latest week, latest report) is always well defined, and an
/// If-Match check cannot be overtaken between reading and writing.
/// </summary>
internal static class AvailabilityReportWriter
{
    /// <summary>Locks the caller's live offerings among <paramref name="offeringIds"/> (in id order, so two batches never
    /// deadlock) and returns the ids found; others are missing, deleted or another provider's.</summary>
    public static async Task<HashSet<Guid>> LockOwnOfferingsAsync(WijzerDbContext db, Guid providerId, IReadOnlyCollection<Guid> offeringIds, CancellationToken cancellationToken)
    {
        var ids = offeringIds.Distinct().Order().ToArray();
        var found = await db.Database
            .SqlQuery<Guid>($"select id as \"Value\" from offerings where id = any({ids}) and provider_id = {providerId} and deleted_at is null order by id for update")
            .ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    /// <summary>The offering's current report, as the database keeps it (triggers point at it on every change of its reports).</summary>
    public static async Task<long?> CurrentReportIdAsync(WijzerDbContext db, Guid offeringId, CancellationToken cancellationToken) =>
        await db.Offerings.Where(o => o.Id == offeringId).Select(o => o.CurrentReportId).FirstOrDefaultAsync(cancellationToken);

    public static AvailabilityReport NewReport(Guid offeringId, AvailabilityReportInput input, DateTimeOffset now, string apiKeyId) => new()
    {
        OfferingId = offeringId,
        WeekStart = IsoWeek.FromInstant(now).Monday,
        ReportedAt = now,
        AcceptingReferrals = input.AcceptingReferrals ?? throw new InvalidOperationException("Validated input has acceptingReferrals."),
        WaitToIntakeWeeks = input.WaitToIntakeWeeks,
        WaitToTreatmentWeeks = input.WaitToTreatmentWeeks,
        FreePlaces = input.FreePlaces,
        TotalPlaces = input.TotalPlaces,
        WaitlistCount = input.WaitlistCount,
        Method = input.Method == AvailabilityReportRules.MethodRetrospectief ? MeasurementMethod.Retrospectief : MeasurementMethod.Actueel,
        MatchingDependent = input.MatchingDependent ?? false,
        BridgingCareAvailable = input.BridgingCareAvailable ?? false,
        Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        ApiKeyId = apiKeyId,
    };
}
