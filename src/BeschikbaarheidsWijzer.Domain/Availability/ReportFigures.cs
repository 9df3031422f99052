namespace BeschikbaarheidsWijzer.Domain.Availability;

/// <summary>
/// What a report measures, without its note: two reports with equal figures say the same about the offering, so a
/// confirmation repeats them and "the figures last changed" is the first report with these figures.
/// </summary>
public sealed record ReportFigures(
    bool AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    string Method,
    bool MatchingDependent,
    bool BridgingCareAvailable,
    int? RealisedWaitToIntakeWeeks,
    int? RealisedWaitToTreatmentWeeks)
{
    /// <summary>The figures of a validated input that is not a confirmation (defaults as the contract gives them).</summary>
    public static ReportFigures Of(AvailabilityReportInput input) => new(
        input.AcceptingReferrals ?? throw new ArgumentException("A validated report with figures has acceptingReferrals.", nameof(input)),
        input.WaitToIntakeWeeks,
        input.WaitToTreatmentWeeks,
        input.FreePlaces,
        input.TotalPlaces,
        input.WaitlistCount,
        input.Method ?? AvailabilityReportRules.MethodActueel,
        input.MatchingDependent ?? false,
        input.BridgingCareAvailable ?? false,
        input.RealisedWaitToIntakeWeeks,
        input.RealisedWaitToTreatmentWeeks);
}
