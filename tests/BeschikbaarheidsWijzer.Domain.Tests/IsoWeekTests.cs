using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class IsoWeekTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    // ---- FromInstant in Europe/Amsterdam ----------------------------------------------------------------

    [Fact]
    public void Sunday_evening_utc_in_winter_is_already_monday_in_amsterdam()
    {
        var instant = Utc("2026-11-22T23:30:00Z"); // Monday 2026-11-23 00:30 CET

        Assert.Equal(new IsoWeek(2026, 48), IsoWeek.FromInstant(instant));
        Assert.Equal(new IsoWeek(2026, 47), IsoWeek.FromDate(DateOnly.FromDateTime(instant.UtcDateTime))); // UTC: still Sunday
        Assert.Equal(new DateOnly(2026, 11, 23), IsoWeek.ToAmsterdamDate(instant));
    }

    [Theory]
    [InlineData("2026-11-22T22:59:59Z", 47)] // 23:59:59 CET Sunday
    [InlineData("2026-11-22T23:00:00Z", 48)] // 00:00 CET Monday
    public void Winter_week_boundary_is_at_midnight_cet(string instant, int week)
    {
        Assert.Equal(new IsoWeek(2026, week), IsoWeek.FromInstant(Utc(instant)));
    }

    [Theory]
    [InlineData("2026-06-28T21:59:59Z", 26)] // 23:59:59 CEST Sunday
    [InlineData("2026-06-28T22:00:00Z", 27)] // 00:00 CEST Monday
    [InlineData("2026-06-28T22:30:00Z", 27)] // 00:30 CEST Monday; a fixed UTC+1 would still say Sunday 23:30
    public void Summer_week_boundary_is_at_midnight_cest(string instant, int week)
    {
        Assert.Equal(new IsoWeek(2026, week), IsoWeek.FromInstant(Utc(instant)));
    }

    [Fact]
    public void Sunday_of_the_dst_switch_ends_at_midnight_cest()
    {
        // Summer time starts on Sunday 2026-03-29; that evening is already UTC+2.
        Assert.Equal(new IsoWeek(2026, 13), IsoWeek.FromInstant(Utc("2026-03-29T21:59:00Z")));
        Assert.Equal(new IsoWeek(2026, 14), IsoWeek.FromInstant(Utc("2026-03-29T22:30:00Z")));
    }

    [Fact]
    public void Offset_of_the_input_does_not_matter_only_the_instant()
    {
        var sameInstantUtc = Utc("2026-11-22T23:30:00Z");
        var sameInstantNewYork = sameInstantUtc.ToOffset(TimeSpan.FromHours(-5)); // Sunday 18:30 local there

        Assert.Equal(IsoWeek.FromInstant(sameInstantUtc), IsoWeek.FromInstant(sameInstantNewYork));
        Assert.Equal(new IsoWeek(2026, 48), IsoWeek.FromInstant(sameInstantNewYork));
    }

    [Fact]
    public void New_year_in_amsterdam_before_new_year_in_utc()
    {
        // 2026-12-31T23:30Z is 2027-01-01 00:30 in Amsterdam: still 2026-W53 (ISO), but date is 2027-01-01.
        Assert.Equal(new DateOnly(2027, 1, 1), IsoWeek.ToAmsterdamDate(Utc("2026-12-31T23:30:00Z")));
        // 2027-01-03T23:30Z is Monday 2027-01-04 00:30 in Amsterdam → 2027-W01.
        Assert.Equal(new IsoWeek(2027, 1), IsoWeek.FromInstant(Utc("2027-01-03T23:30:00Z")));
        Assert.Equal(new IsoWeek(2026, 53), IsoWeek.FromInstant(Utc("2027-01-03T22:30:00Z")));
    }

    [Fact]
    public void Time_zone_is_europe_amsterdam()
    {
        var tz = IsoWeek.TimeZone;
        Assert.Equal(TimeSpan.FromHours(1), tz.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(2), tz.GetUtcOffset(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
    }

    // ---- FromDate: year boundaries ----------------------------------------------------------------------

    [Theory]
    [InlineData("2026-01-01", 2026, 1)]   // Thursday: week 1 of 2026
    [InlineData("2025-12-29", 2026, 1)]   // Monday of 2026-W01 lies in 2025
    [InlineData("2025-12-28", 2025, 52)]
    [InlineData("2027-01-01", 2026, 53)]  // Friday: still the 53rd week of 2026
    [InlineData("2027-01-03", 2026, 53)]
    [InlineData("2027-01-04", 2027, 1)]
    [InlineData("2024-12-30", 2025, 1)]   // Monday in 2024 belonging to 2025-W01
    [InlineData("2024-12-29", 2024, 52)]
    [InlineData("2021-01-03", 2020, 53)]
    [InlineData("2026-11-22", 2026, 47)]
    [InlineData("2026-11-23", 2026, 48)]
    public void FromDate_uses_iso_week_year(string date, int year, int week)
    {
        var isoWeek = IsoWeek.FromDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(year, isoWeek.Year);
        Assert.Equal(week, isoWeek.Week);
    }

    // ---- Constructor ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 0)]
    [InlineData(2026, 54)]
    [InlineData(2025, 53)]   // 2025 has 52 weeks
    [InlineData(0, 1)]
    public void Constructor_rejects_weeks_outside_the_year(int year, int week)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(year, week));
    }

    [Fact]
    public void Constructor_accepts_week_53_in_a_53_week_year()
    {
        var week = new IsoWeek(2026, 53);

        Assert.Equal(2026, week.Year);
        Assert.Equal(53, week.Week);
    }

    // ---- ToString / TryParse ----------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 5, "2026-W05")]
    [InlineData(2026, 47, "2026-W47")]
    [InlineData(2026, 53, "2026-W53")]
    [InlineData(999, 1, "0999-W01")]
    public void ToString_is_year_dash_w_two_digit_week(int year, int week, string expected)
    {
        Assert.Equal(expected, new IsoWeek(year, week).ToString());
    }

    [Theory]
    [InlineData("2026-W47", 2026, 47)]
    [InlineData("2026-W01", 2026, 1)]
    [InlineData("2026-W53", 2026, 53)]   // 2026 has 53 weeks
    [InlineData("2020-W53", 2020, 53)]
    public void TryParse_accepts_valid_weeks(string text, int year, int week)
    {
        Assert.True(IsoWeek.TryParse(text, out var parsed));
        Assert.Equal(new IsoWeek(year, week), parsed);
    }

    [Theory]
    [InlineData("2026-W54")]      // beyond 2026's 53 weeks
    [InlineData("2025-W53")]      // 2025 is a 52-week year
    [InlineData("2027-W53")]      // 2027 is a 52-week year
    [InlineData("2026-W00")]
    [InlineData("0000-W01")]
    [InlineData("2026-47")]
    [InlineData("2026W47")]
    [InlineData("2026-W7")]
    [InlineData("2026-W047")]
    [InlineData("26-W47")]
    [InlineData("2026-w47")]
    [InlineData(" 2026-W47")]
    [InlineData("2026-W47 ")]
    [InlineData("2026-W47-1")]
    [InlineData("")]
    [InlineData("abc")]
    public void TryParse_rejects_invalid_text(string text)
    {
        Assert.False(IsoWeek.TryParse(text, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void TryParse_rejects_null()
    {
        Assert.False(IsoWeek.TryParse(null, out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData(2026, 5)]
    [InlineData(2026, 53)]
    [InlineData(2025, 1)]
    public void ToString_round_trips_through_TryParse(int year, int week)
    {
        var original = new IsoWeek(year, week);

        Assert.True(IsoWeek.TryParse(original.ToString(), out var parsed));
        Assert.Equal(original, parsed);
    }

    // ---- Edge input that TryParse must reject without throwing ------------------------------------------

    [Fact]
    public void TryParse_rejects_trailing_newline()
    {
        // .NET's "$" also matches before a final "\n"; a week string with a trailing newline is not a valid week.
        Assert.False(IsoWeek.TryParse("2026-W47\n", out _));
    }

    [Theory]
    [InlineData("\u0662\u0660\u0662\u0666-W\u0664\u0667")]   // Arabic-Indic digits "٢٠٢٦-W٤٧"
    [InlineData("\uFF12\uFF10\uFF12\uFF16-W47")]             // full-width digits in the year
    public void TryParse_returns_false_for_non_ascii_digits_instead_of_throwing(string text)
    {
        var ok = IsoWeek.TryParse(text, out var parsed);

        Assert.False(ok);
        Assert.Null(parsed);
    }

    [Fact]
    public void TryParse_returns_false_for_year_9999_instead_of_throwing()
    {
        // The constructor accepts years 1..9998 only; TryParse must not throw for the four-digit year 9999.
        var ok = IsoWeek.TryParse("9999-W01", out var parsed);

        Assert.False(ok);
        Assert.Null(parsed);
    }

    // ---- Monday / Sunday --------------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 47, "2026-11-16", "2026-11-22")]
    [InlineData(2026, 48, "2026-11-23", "2026-11-29")]
    [InlineData(2026, 1, "2025-12-29", "2026-01-04")]
    [InlineData(2026, 53, "2026-12-28", "2027-01-03")]
    [InlineData(2025, 1, "2024-12-30", "2025-01-05")]
    public void Monday_and_sunday_bound_the_week(int year, int week, string monday, string sunday)
    {
        var isoWeek = new IsoWeek(year, week);

        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), isoWeek.Monday);
        Assert.Equal(DateOnly.Parse(sunday, System.Globalization.CultureInfo.InvariantCulture), isoWeek.Sunday);
        Assert.Equal(DayOfWeek.Monday, isoWeek.Monday.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, isoWeek.Sunday.DayOfWeek);
        Assert.Equal(isoWeek, IsoWeek.FromDate(isoWeek.Monday));
        Assert.Equal(isoWeek, IsoWeek.FromDate(isoWeek.Sunday));
        Assert.NotEqual(isoWeek, IsoWeek.FromDate(isoWeek.Sunday.AddDays(1)));
        Assert.NotEqual(isoWeek, IsoWeek.FromDate(isoWeek.Monday.AddDays(-1)));
    }

    // ---- AddWeeks ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 52, 1, 2026, 53)]
    [InlineData(2026, 53, 1, 2027, 1)]    // across the end of a 53-week year
    [InlineData(2025, 52, 1, 2026, 1)]    // across the end of a 52-week year
    [InlineData(2026, 1, -1, 2025, 52)]
    [InlineData(2027, 1, -1, 2026, 53)]
    [InlineData(2026, 50, 5, 2027, 2)]
    [InlineData(2027, 2, -5, 2026, 50)]
    [InlineData(2026, 47, 0, 2026, 47)]
    [InlineData(2026, 1, 52, 2026, 53)]
    [InlineData(2026, 1, 53, 2027, 1)]
    public void AddWeeks_crosses_year_ends(int year, int week, int add, int expectedYear, int expectedWeek)
    {
        Assert.Equal(new IsoWeek(expectedYear, expectedWeek), new IsoWeek(year, week).AddWeeks(add));
    }

    // ---- Comparison -------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2026, 47, 2026, 48)]
    [InlineData(2026, 53, 2027, 1)]
    [InlineData(2025, 52, 2026, 1)]
    [InlineData(2025, 10, 2026, 2)]    // later year with lower week number is still later
    public void CompareTo_orders_by_year_then_week(int y1, int w1, int y2, int w2)
    {
        var earlier = new IsoWeek(y1, w1);
        var later = new IsoWeek(y2, w2);

        Assert.True(earlier.CompareTo(later) < 0);
        Assert.True(later.CompareTo(earlier) > 0);
        Assert.Equal(0, earlier.CompareTo(new IsoWeek(y1, w1)));
    }

    [Fact]
    public void Sorting_puts_weeks_in_calendar_order()
    {
        var weeks = new[]
        {
            new IsoWeek(2027, 1), new IsoWeek(2026, 5), new IsoWeek(2025, 52), new IsoWeek(2026, 53), new IsoWeek(2026, 10),
        };

        var sorted = weeks.Order().Select(w => w.ToString()).ToArray();

        Assert.Equal(new[] { "2025-W52", "2026-W05", "2026-W10", "2026-W53", "2027-W01" }, sorted);
    }

    [Fact]
    public void Equality_is_by_year_and_week()
    {
        Assert.Equal(new IsoWeek(2026, 47), new IsoWeek(2026, 47));
        Assert.NotEqual(new IsoWeek(2026, 47), new IsoWeek(2025, 47));
        Assert.NotEqual(new IsoWeek(2026, 47), new IsoWeek(2026, 46));
    }
}
