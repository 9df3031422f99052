using BeschikbaarheidsWijzer.Domain.Availability;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class AvailabilityRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    // ---- IsStale ----------------------------------------------------------------------------------------

    [Fact]
    public void Default_is_14_days()
    {
        Assert.Equal(14, AvailabilityRules.DefaultStaleAfterDays);
    }

    [Fact]
    public void Exactly_14_days_old_is_not_stale()
    {
        Assert.False(AvailabilityRules.IsStale(Now - TimeSpan.FromDays(14), Now));
    }

    [Fact]
    public void Fourteen_days_and_one_second_old_is_stale()
    {
        Assert.True(AvailabilityRules.IsStale(Now - TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1), Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    public void Younger_reports_are_not_stale(int daysOld)
    {
        Assert.False(AvailabilityRules.IsStale(Now.AddDays(-daysOld), Now));
    }

    [Fact]
    public void Much_older_report_is_stale()
    {
        Assert.True(AvailabilityRules.IsStale(Now.AddDays(-60), Now));
    }

    [Fact]
    public void Report_timestamped_after_now_is_not_stale()
    {
        Assert.False(AvailabilityRules.IsStale(Now.AddHours(2), Now));
    }

    [Fact]
    public void Age_is_measured_on_the_instant_not_the_offset()
    {
        // 14 days exactly, written in Amsterdam summer time (UTC+2) versus UTC "now".
        var reportedAt = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var now = new DateTimeOffset(2026, 7, 15, 10, 0, 0, TimeSpan.Zero);

        Assert.False(AvailabilityRules.IsStale(reportedAt, now));
        Assert.True(AvailabilityRules.IsStale(reportedAt, now.AddSeconds(1)));
    }

    [Theory]
    [InlineData(7, 7, false)]
    [InlineData(7, 8, true)]
    [InlineData(30, 20, false)]
    [InlineData(30, 31, true)]
    public void Custom_stale_after_days(int staleAfterDays, int daysOld, bool expected)
    {
        Assert.Equal(expected, AvailabilityRules.IsStale(Now.AddDays(-daysOld), Now, staleAfterDays));
    }

    [Fact]
    public void Custom_threshold_boundary_is_exclusive()
    {
        var sevenDays = Now - TimeSpan.FromDays(7);

        Assert.False(AvailabilityRules.IsStale(sevenDays, Now, staleAfterDays: 7));
        Assert.True(AvailabilityRules.IsStale(sevenDays.AddSeconds(-1), Now, staleAfterDays: 7));
        // Same age is not stale under the default 14.
        Assert.False(AvailabilityRules.IsStale(sevenDays.AddSeconds(-1), Now));
    }

    // ---- IsAvailableNow ---------------------------------------------------------------------------------

    [Theory]
    // accepting, stale, freePlaces, intakeWait, expected
    [InlineData(true, false, 2, 3, true)]          // free places > 0
    [InlineData(true, false, 1, null, true)]       // free places > 0, intake wait unknown
    [InlineData(true, false, 0, 0, false)]         // no free place: never "nu plek", even with no wait to intake (v2)
    [InlineData(true, false, null, 0, true)]       // free places not reported, intake wait 0
    [InlineData(true, false, 0, 2, false)]         // no free place and a wait
    [InlineData(true, false, null, 2, false)]      // free places unknown and a wait
    [InlineData(true, false, 0, null, false)]      // no free place, intake wait unknown
    [InlineData(true, false, 3, 20, true)]         // a free place, whatever the wait (the place may be for another match)
    [InlineData(true, false, null, null, false)]   // nothing known
    [InlineData(false, false, 2, 0, false)]        // not accepting referrals
    [InlineData(true, true, 2, 0, false)]          // stale
    [InlineData(false, true, 2, 0, false)]
    public void Available_now_truth_table(bool accepting, bool stale, int? freePlaces, int? intakeWait, bool expected)
    {
        Assert.Equal(expected, AvailabilityRules.IsAvailableNow(accepting, stale, freePlaces, intakeWait));
    }

    [Fact]
    public void Negative_free_places_do_not_count_as_free()
    {
        Assert.False(AvailabilityRules.IsAvailableNow(true, false, -1, 3));
    }
}
