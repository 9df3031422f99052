using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Api.Shared.Availability;

// How an offering's figures and norm are put on the wire: the search, the detail, the exports and the reports all
// answer in these shapes, made by these mappings.

/// <summary>The provider of a search item, with the phone and e-mail a referrer calls or writes from the list.</summary>
public sealed record ProviderRef(Guid Id, string Name, string? Phone, string? Email);

public sealed record CareTypeRef(string Code, string Name);


/// <summary>
/// An offering's current figures. <c>reportedAt</c> is when they were last sent or confirmed, <c>figuresChangedAt</c> when
/// these figures were first reported (the same instant unless the provider confirmed them unchanged since);
/// <c>realised…</c> are the mean waits of those who actually started in the last 8 weeks, when the provider gives them.
/// </summary>
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
    bool AvailableNow,
    bool ConfirmedUnchanged,
    DateTimeOffset FiguresChangedAt,
    int? RealisedWaitToIntakeWeeks,
    int? RealisedWaitToTreatmentWeeks);

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

/// <summary>The mappings of stored figures and norms to the wire shapes above.</summary>
public static class AvailabilityContracts
{
    /// <summary>A stored report as the search shows it at <paramref name="now"/>.</summary>
    public static AvailabilityDto ToAvailability(AvailabilityReport r, DateTimeOffset now, int staleAfterDays)
    {
        var stale = AvailabilityRules.IsStale(r.ReportedAt, now, staleAfterDays);
        var figures = new CurrentFigures(
            r.AcceptingReferrals, r.FreePlaces, r.TotalPlaces, r.WaitlistCount, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks,
            MethodName(r.Method), r.MatchingDependent, r.BridgingCareAvailable, r.WeekStart, r.ReportedAt,
            r.ConfirmedUnchanged, r.FiguresChangedAt, r.RealisedWaitToIntakeWeeks, r.RealisedWaitToTreatmentWeeks);
        return ToAvailability(figures, stale, AvailabilityRules.IsAvailableNow(r.AcceptingReferrals, stale, r.FreePlaces, r.WaitToIntakeWeeks));
    }

    public static AvailabilityDto ToAvailability(CurrentFigures r, bool stale, bool availableNow) => new(
        r.AcceptingReferrals,
        r.FreePlaces,
        r.TotalPlaces,
        r.WaitlistCount,
        r.WaitToIntakeWeeks,
        r.WaitToTreatmentWeeks,
        r.Waits.TotalWaitWeeks,
        r.Method,
        r.MatchingDependent,
        r.BridgingCareAvailable,
        IsoWeek.FromDate(r.WeekStart).ToString(),
        r.ReportedAt,
        stale,
        availableNow,
        r.ConfirmedUnchanged,
        r.FiguresFirstReportedAt,
        r.RealisedWaitToIntakeWeeks,
        r.RealisedWaitToTreatmentWeeks);

    /// <summary>The wire word of a stored measurement method.</summary>
    public static string MethodName(MeasurementMethod method) =>
        method == MeasurementMethod.Retrospectief ? AvailabilityReportRules.MethodRetrospectief : AvailabilityReportRules.MethodActueel;

    public static NormDto ToNormDto(EffectiveNorm norm) =>
        new(norm.Source, norm.Norm.MaxIntakeWeeks, norm.Norm.MaxTreatmentWeeks, norm.Norm.MaxTotalWeeks, norm.Label);
}
