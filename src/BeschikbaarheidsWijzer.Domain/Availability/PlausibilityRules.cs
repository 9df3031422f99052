namespace BeschikbaarheidsWijzer.Domain.Availability;

/// <summary>
/// A report that is allowed but looks unlikely: worth a second look by the provider before sending, and by the region
/// afterwards. <see cref="Field"/> is the wire name of the field it is about, null when it is about the report as a whole.
/// </summary>
public sealed record PlausibilityWarning(string Code, string? Field, IReadOnlyDictionary<string, object?> Parameters)
{
    public static PlausibilityWarning Of(string code, string? field, params (string Name, object? Value)[] parameters) =>
        new(code, field, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
}

/// <summary>The figures of the offering's latest report of an earlier week, and the week they were first reported.</summary>
public sealed record PreviousReport(ReportFigures Figures, DateOnly FiguresChangedWeek);

/// <summary>
/// The plausibility rules (README, "Plausibility warnings"): each compares a report with the offering's previous one
/// or with itself. A warning never refuses a report: figures can be surprising and true.
/// </summary>
public static class PlausibilityRules
{
    public const string WaitDroppedSharply = "wait-dropped-sharply";
    public const string WaitRoseSharply = "wait-rose-sharply";
    public const string FreePlacesWithWaitlist = "free-places-with-waitlist";
    public const string PlacesJumped = "places-jumped";
    public const string StopWithoutWait = "stop-without-wait";
    public const string SameFiguresForWeeks = "same-figures-for-weeks";

    /// <summary>Every code, in the order the README lists them.</summary>
    public static IReadOnlyList<string> Codes { get; } =
        [WaitDroppedSharply, WaitRoseSharply, FreePlacesWithWaitlist, PlacesJumped, StopWithoutWait, SameFiguresForWeeks];

    /// <summary>A wait of at least this many weeks that falls to a quarter or less: a waiting list does not clear that fast.</summary>
    public const int DropFromWeeks = 8;

    public const int DropToDivisor = 4;

    /// <summary>A wait that grows by at least this many weeks and at least doubles in one step.</summary>
    public const int RiseByWeeks = 12;

    /// <summary>Free places while at least this many wait (and the offering does not depend on matching): why is the place not filled?</summary>
    public const int WaitlistWithFreePlaces = 10;

    /// <summary>Total places of at least this many that halve or double: capacity rarely moves that much in a week.</summary>
    public const int PlacesJumpFrom = 4;

    /// <summary>"Actueel" figures unchanged for this many weeks: an expected wait that never moves is probably not measured.</summary>
    public const int SameFiguresWeeks = 8;

    public static IReadOnlyList<PlausibilityWarning> Check(ReportFigures report, PreviousReport? previous, DateOnly currentMonday)
    {
        var warnings = new List<PlausibilityWarning>();
        if (previous is not null)
        {
            CompareWait(report.WaitToIntakeWeeks, previous.Figures.WaitToIntakeWeeks, "waitToIntakeWeeks", warnings);
            CompareWait(report.WaitToTreatmentWeeks, previous.Figures.WaitToTreatmentWeeks, "waitToTreatmentWeeks", warnings);
            if (report.TotalPlaces is { } total && previous.Figures.TotalPlaces is { } before && before >= PlacesJumpFrom
                && (total * 2 <= before || total >= before * 2))
            {
                warnings.Add(PlausibilityWarning.Of(PlacesJumped, "totalPlaces", ("previous", before), ("current", total)));
            }

            var weeksSame = (currentMonday.DayNumber - previous.FiguresChangedWeek.DayNumber) / 7;
            if (report.Method == AvailabilityReportRules.MethodActueel && report == previous.Figures && weeksSame >= SameFiguresWeeks)
            {
                warnings.Add(PlausibilityWarning.Of(SameFiguresForWeeks, null, ("weeks", weeksSame), ("since", previous.FiguresChangedWeek)));
            }
        }

        if (report.FreePlaces > 0 && report.WaitlistCount >= WaitlistWithFreePlaces && !report.MatchingDependent)
        {
            warnings.Add(PlausibilityWarning.Of(FreePlacesWithWaitlist, "freePlaces", ("freePlaces", report.FreePlaces), ("waitlistCount", report.WaitlistCount)));
        }

        if (!report.AcceptingReferrals && report.WaitToIntakeWeeks == 0)
        {
            warnings.Add(PlausibilityWarning.Of(StopWithoutWait, "acceptingReferrals"));
        }

        return warnings;
    }

    private static void CompareWait(int? now, int? before, string field, List<PlausibilityWarning> warnings)
    {
        if (now is not { } current || before is not { } previous)
        {
            return;
        }

        if (previous >= DropFromWeeks && current * DropToDivisor <= previous)
        {
            warnings.Add(PlausibilityWarning.Of(WaitDroppedSharply, field, ("previous", previous), ("current", current)));
        }
        else if (current - previous >= RiseByWeeks && current >= previous * 2)
        {
            warnings.Add(PlausibilityWarning.Of(WaitRoseSharply, field, ("previous", previous), ("current", current)));
        }
    }
}
