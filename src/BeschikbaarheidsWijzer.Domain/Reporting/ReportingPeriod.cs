using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

/// <summary>
/// The days <see cref="From"/> to <see cref="To"/> (inclusive), cut off at today: days that have not come yet expect
/// nothing. Its weeks are the ISO weeks (Europe/Amsterdam calendar) that hold at least one of those days.
/// </summary>
public sealed record ReportingPeriod
{
    public ReportingPeriod(DateOnly from, DateOnly to, DateOnly today)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "The period ends before it starts.");
        }

        From = from;
        To = to;
        LastDay = to < today ? to : today;
        var weeks = new List<IsoWeek>();
        if (LastDay >= From)
        {
            for (var week = IsoWeek.FromDate(From); week.Monday <= LastDay; week = week.AddWeeks(1))
            {
                weeks.Add(week);
            }
        }

        Weeks = weeks;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>The last day that counts: <see cref="To"/>, or today when the period runs on into the future.</summary>
    public DateOnly LastDay { get; }

    public IReadOnlyList<IsoWeek> Weeks { get; }

    /// <summary>The days of the week that lie in the period.</summary>
    public IEnumerable<DateOnly> DaysOf(IsoWeek week)
    {
        for (var day = week.Monday; day <= week.Sunday; day = day.AddDays(1))
        {
            if (day >= From && day <= LastDay)
            {
                yield return day;
            }
        }
    }

    /// <summary>The first half of the weeks; with an odd count the middle week is in neither half.</summary>
    public bool IsInFirstHalf(IsoWeek week) => IndexOf(week) is var i && i >= 0 && i < Weeks.Count / 2;

    public bool IsInSecondHalf(IsoWeek week) => IndexOf(week) is var i && i >= 0 && i >= Weeks.Count - Weeks.Count / 2;

    private int IndexOf(IsoWeek week) => Weeks.Count == 0 ? -1 : (week.Monday.DayNumber - Weeks[0].Monday.DayNumber) / 7 is var i && i < Weeks.Count ? i : -1;
}
