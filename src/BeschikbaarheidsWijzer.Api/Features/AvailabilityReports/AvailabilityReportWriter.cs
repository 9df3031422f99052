using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;

/// <summary>One validated report of a write, for an offering of the caller, at its place in the request.</summary>
internal sealed record ReportToWrite(Guid OfferingId, AvailabilityReportInput Input, string Prefix);

/// <summary>
/// A report as it will be answered: <see cref="IsNew"/> false when a confirmation finds this week already reported (the
/// existing report stands: confirming is idempotent within a week).
/// </summary>
internal sealed record PreparedReport(AvailabilityReport Report, bool IsNew);

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

    /// <summary>
    /// Turns locked, validated reports into rows: a confirmation repeats the current report's figures (or, when this week
    /// is reported already, is that report), figures equal to the current ones keep the time they were first reported,
    /// and each carries the plausibility warnings against the latest report of an earlier week. A confirmation for an
    /// offering that never reported is refused at its <c>unchanged</c>.
    /// </summary>
    public static async Task<(List<PreparedReport> Reports, ValidationErrors Errors)> PrepareAsync(
        WijzerDbContext db, IReadOnlyList<ReportToWrite> items, DateTimeOffset now, string apiKeyId, CancellationToken cancellationToken)
    {
        var monday = IsoWeek.FromInstant(now).Monday;
        var ids = items.Select(i => i.OfferingId).Distinct().ToArray();
        var current = await db.Offerings.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.CurrentReport != null)
            .Select(o => o.CurrentReport!)
            .ToDictionaryAsync(r => r.OfferingId, cancellationToken);
        var previous = await PreviousReportsAsync(db, current, monday, cancellationToken);

        var errors = new ValidationErrors();
        var prepared = new List<PreparedReport>(items.Count);
        foreach (var item in items)
        {
            var latest = current.GetValueOrDefault(item.OfferingId);
            previous.TryGetValue(item.OfferingId, out var before);
            if (item.Input.ConfirmsUnchanged)
            {
                if (latest is null)
                {
                    errors.Add(ValidationErrors.Path(item.Prefix, "unchanged"), ErrorCodes.NoEarlierReport,
                        "This offering has no report yet: send its figures first.");
                    continue;
                }

                prepared.Add(latest.WeekStart == monday
                    ? new PreparedReport(WithWarnings(latest, Figures(latest), before, monday), IsNew: false)
                    : new PreparedReport(WithWarnings(Confirmation(latest, monday, now, apiKeyId), Figures(latest), before, monday), IsNew: true));
                continue;
            }

            var figures = ReportFigures.Of(item.Input);
            var report = NewReport(item.OfferingId, figures, item.Input.Note, monday, now, apiKeyId);
            if (latest is not null && Figures(latest) == figures)
            {
                report.FiguresChangedAt = latest.FiguresFirstReportedAt;
            }

            prepared.Add(new PreparedReport(WithWarnings(report, figures, before, monday), IsNew: true));
        }

        return (prepared, errors);
    }

    /// <summary>
    /// The latest report of an earlier week per offering: the current report when it is of an earlier week (the usual
    /// case, no query), else asked of the database for the offerings that reported this week already.
    /// </summary>
    private static async Task<Dictionary<Guid, PreviousReport>> PreviousReportsAsync(
        WijzerDbContext db, Dictionary<Guid, AvailabilityReport> current, DateOnly monday, CancellationToken cancellationToken)
    {
        var previous = current.Values.Where(r => r.WeekStart < monday).ToDictionary(r => r.OfferingId, Previous);
        var reportedThisWeek = current.Values.Where(r => r.WeekStart >= monday).Select(r => r.OfferingId).ToArray();
        if (reportedThisWeek.Length > 0)
        {
            var earlier = await db.AvailabilityReports
                .FromSql($"""
                    select distinct on (offering_id) * from availability_reports
                    where offering_id = any({reportedThisWeek}) and week_start < {monday}
                    order by offering_id, week_start desc, reported_at desc, id desc
                    """)
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            foreach (var report in earlier)
            {
                previous[report.OfferingId] = Previous(report);
            }
        }

        return previous;

        static PreviousReport Previous(AvailabilityReport r) =>
            new(Figures(r), IsoWeek.FromInstant(r.FiguresFirstReportedAt).Monday);
    }

    private static AvailabilityReport WithWarnings(AvailabilityReport report, ReportFigures figures, PreviousReport? previous, DateOnly monday)
    {
        report.Warnings = ReportWarnings.ToStored(PlausibilityRules.Check(figures, previous, monday));
        return report;
    }

    private static ReportFigures Figures(AvailabilityReport r) => new(
        r.AcceptingReferrals,
        r.WaitToIntakeWeeks,
        r.WaitToTreatmentWeeks,
        r.FreePlaces,
        r.TotalPlaces,
        r.WaitlistCount,
        AvailabilityContracts.MethodName(r.Method),
        r.MatchingDependent,
        r.BridgingCareAvailable,
        r.RealisedWaitToIntakeWeeks,
        r.RealisedWaitToTreatmentWeeks);

    private static AvailabilityReport Confirmation(AvailabilityReport latest, DateOnly monday, DateTimeOffset now, string apiKeyId)
    {
        var report = NewReport(latest.OfferingId, Figures(latest), latest.Note, monday, now, apiKeyId);
        report.ConfirmedUnchanged = true;
        report.FiguresChangedAt = latest.FiguresFirstReportedAt;
        return report;
    }

    private static AvailabilityReport NewReport(Guid offeringId, ReportFigures figures, string? note, DateOnly monday, DateTimeOffset now, string apiKeyId) => new()
    {
        OfferingId = offeringId,
        WeekStart = monday,
        ReportedAt = now,
        AcceptingReferrals = figures.AcceptingReferrals,
        WaitToIntakeWeeks = figures.WaitToIntakeWeeks,
        WaitToTreatmentWeeks = figures.WaitToTreatmentWeeks,
        FreePlaces = figures.FreePlaces,
        TotalPlaces = figures.TotalPlaces,
        WaitlistCount = figures.WaitlistCount,
        Method = figures.Method == AvailabilityReportRules.MethodRetrospectief ? MeasurementMethod.Retrospectief : MeasurementMethod.Actueel,
        MatchingDependent = figures.MatchingDependent,
        BridgingCareAvailable = figures.BridgingCareAvailable,
        RealisedWaitToIntakeWeeks = figures.RealisedWaitToIntakeWeeks,
        RealisedWaitToTreatmentWeeks = figures.RealisedWaitToTreatmentWeeks,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        ApiKeyId = apiKeyId,
    };
}
