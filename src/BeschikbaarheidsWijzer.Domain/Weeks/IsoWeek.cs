using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BeschikbaarheidsWijzer.Domain.Weeks;

/// <summary>An ISO-8601 week (<c>2026-W47</c>); reports are counted per week in Europe/Amsterdam time.</summary>
public readonly partial record struct IsoWeek : IComparable<IsoWeek>
{
    private static readonly Lazy<TimeZoneInfo> Amsterdam = new(() => TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));

    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year));
        }

        if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(week));
        }

        Year = year;
        Week = week;
    }

    public int Year { get; }

    public int Week { get; }

    public static TimeZoneInfo TimeZone => Amsterdam.Value;

    /// <summary>The Monday this week starts on.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The Sunday this week ends on.</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    public static IsoWeek FromDate(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime));
    }

    /// <summary>The week an instant falls in, on the calendar of Europe/Amsterdam.</summary>
    public static IsoWeek FromInstant(DateTimeOffset instant) => FromDate(ToAmsterdamDate(instant));

    public static DateOnly ToAmsterdamDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Amsterdam.Value).DateTime);

    /// <summary>The instant a calendar day starts in Europe/Amsterdam (midnight is never inside a clock change there).</summary>
    public static DateTimeOffset StartOfAmsterdamDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Amsterdam.Value.GetUtcOffset(midnight)).ToUniversalTime();
    }

    public IsoWeek AddWeeks(int weeks) => FromDate(Monday.AddDays(7 * weeks));

    public static bool TryParse(string? text, [NotNullWhen(true)] out IsoWeek? week)
    {
        week = null;
        if (text is null)
        {
            return false;
        }

        var match = WeekPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public int CompareTo(IsoWeek other) => (Year, Week).CompareTo((other.Year, other.Week));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    // ASCII digits only, and \z rather than $: $ would also accept a trailing newline.
    [GeneratedRegex(@"^([0-9]{4})-W([0-9]{2})\z")]
    private static partial Regex WeekPattern();
}
