namespace BeschikbaarheidsWijzer.Domain.Availability;

/// <summary>How many of the last <see cref="OfWeeks"/> ISO weeks an offering reported in.</summary>
public sealed record ReportingRate(int WeeksReported, int OfWeeks);

/// <summary>
/// The weeks an offering reported in, as a bit per week counting back from its latest reported week (bit 0 is
/// <see cref="LatestWeek"/>, bit k the week k weeks before it): eight bytes per offering, and still right as weeks pass
/// without a new report, because the rate is computed against the current week when asked.
/// </summary>
public readonly record struct ReportedWeeks(DateOnly LatestWeek, uint Mask)
{
    /// <summary>The window the public pages show: about a quarter of a year.</summary>
    public const int Window = 12;

    /// <summary>How far back the mask reaches.</summary>
    public const int Span = 32;

    public static ReportedWeeks None { get; } = default;

    /// <summary>From the Mondays of the weeks with a report (any order, repeats allowed); weeks beyond the span are left out.</summary>
    public static ReportedWeeks From(IEnumerable<DateOnly> weekStarts)
    {
        var weeks = weekStarts.Distinct().ToList();
        if (weeks.Count == 0)
        {
            return None;
        }

        var latest = weeks.Max();
        uint mask = 0;
        foreach (var week in weeks)
        {
            var back = (latest.DayNumber - week.DayNumber) / 7;
            if (back < Span)
            {
                mask |= 1u << back;
            }
        }

        return new ReportedWeeks(latest, mask);
    }

    /// <summary>Whether the offering reported in the week starting <paramref name="monday"/> (within the span).</summary>
    public bool ReportedIn(DateOnly monday)
    {
        var back = (LatestWeek.DayNumber - monday.DayNumber) / 7;
        return Mask != 0 && monday.DayNumber <= LatestWeek.DayNumber && back < Span && (Mask & (1u << back)) != 0;
    }

    /// <summary>
    /// The weeks reported of the last <see cref="Window"/>: ending with the current week when it has a report, else with
    /// the week before (a provider that reports on Thursday is not one week short from Monday to Wednesday).
    /// </summary>
    public ReportingRate RateAsOf(DateOnly currentMonday)
    {
        if (Mask == 0)
        {
            return new ReportingRate(0, Window);
        }

        // Week j weeks before the current one is bit (j - shift) of the mask.
        var shift = (currentMonday.DayNumber - LatestWeek.DayNumber) / 7;
        var end = shift == 0 && (Mask & 1) != 0 ? 0 : 1;
        var count = 0;
        for (var j = end; j < end + Window; j++)
        {
            var bit = j - shift;
            if (bit is >= 0 and < Span && (Mask & (1u << bit)) != 0)
            {
                count++;
            }
        }

        return new ReportingRate(count, Window);
    }
}
