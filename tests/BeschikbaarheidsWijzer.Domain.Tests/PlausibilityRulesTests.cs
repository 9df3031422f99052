using BeschikbaarheidsWijzer.Domain.Availability;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class PlausibilityRulesTests
{
    private static readonly DateOnly ThisWeek = new(2026, 11, 30);
    private static readonly DateOnly LastWeek = ThisWeek.AddDays(-7);

    private static ReportFigures Figures(
        bool accepting = true, int? intake = 4, int? treatment = 6, int? free = 0, int? total = 10, int? waitlist = 3,
        string method = "actueel", bool matching = false) =>
        new(accepting, intake, treatment, free, total, waitlist, method, matching, false, null, null);

    private static PreviousReport Before(ReportFigures figures, DateOnly? changedWeek = null) =>
        new(figures, changedWeek ?? LastWeek);

    private static List<string> Codes(ReportFigures now, PreviousReport? previous) =>
        PlausibilityRules.Check(now, previous, ThisWeek).Select(w => $"{w.Code}:{w.Field}").ToList();

    [Fact]
    public void Ordinary_week_to_week_change_warns_nothing()
    {
        Assert.Empty(Codes(Figures(intake: 5, treatment: 7, total: 11, waitlist: 4), Before(Figures())));
    }

    [Theory]
    [InlineData(20, 0, true)]
    [InlineData(20, 5, true)]
    [InlineData(20, 6, false)]
    [InlineData(8, 2, true)]
    [InlineData(7, 0, false)] // below the threshold a list can clear
    public void A_wait_that_falls_to_a_quarter_from_eight_weeks_or_more_warns(int before, int now, bool warns)
    {
        var codes = Codes(Figures(intake: now), Before(Figures(intake: before)));
        Assert.Equal(warns, codes.Contains("wait-dropped-sharply:waitToIntakeWeeks"));
    }

    [Theory]
    [InlineData(2, 14, true)]
    [InlineData(10, 22, true)]
    [InlineData(2, 13, false)] // grew 11 weeks
    [InlineData(20, 32, false)] // grew 12 weeks but did not double
    public void A_wait_that_grows_twelve_weeks_and_doubles_warns(int before, int now, bool warns)
    {
        var codes = Codes(Figures(treatment: now), Before(Figures(treatment: before)));
        Assert.Equal(warns, codes.Contains("wait-rose-sharply:waitToTreatmentWeeks"));
    }

    [Fact]
    public void A_warning_carries_the_previous_and_current_figure()
    {
        var warning = Assert.Single(PlausibilityRules.Check(Figures(intake: 0), Before(Figures(intake: 20)), ThisWeek));
        Assert.Equal(20, warning.Parameters["previous"]);
        Assert.Equal(0, warning.Parameters["current"]);
    }

    [Theory]
    [InlineData(1, 10, false, true)]
    [InlineData(1, 9, false, false)]
    [InlineData(0, 40, false, false)]
    [InlineData(2, 40, true, false)] // waiting for a match explains an open place
    public void Free_places_while_ten_or_more_wait_warn_unless_matching(int free, int waitlist, bool matching, bool warns)
    {
        var codes = Codes(Figures(free: free, waitlist: waitlist, matching: matching), null);
        Assert.Equal(warns, codes.Contains("free-places-with-waitlist:freePlaces"));
    }

    [Theory]
    [InlineData(20, 10, true)]
    [InlineData(20, 11, false)]
    [InlineData(10, 20, true)]
    [InlineData(10, 19, false)]
    [InlineData(3, 0, false)] // small capacities move in steps of one place
    public void Total_places_that_halve_or_double_from_four_or_more_warn(int before, int now, bool warns)
    {
        var codes = Codes(Figures(total: now), Before(Figures(total: before)));
        Assert.Equal(warns, codes.Contains("places-jumped:totalPlaces"));
    }

    [Theory]
    [InlineData(false, 0, true)]
    [InlineData(false, 3, false)]
    [InlineData(false, null, false)]
    [InlineData(true, 0, false)]
    public void An_aanmeldstop_with_no_wait_to_intake_warns(bool accepting, int? intake, bool warns)
    {
        var codes = Codes(Figures(accepting: accepting, intake: intake), null);
        Assert.Equal(warns, codes.Contains("stop-without-wait:acceptingReferrals"));
    }

    [Theory]
    [InlineData(8, "actueel", true)]
    [InlineData(7, "actueel", false)]
    [InlineData(20, "retrospectief", false)] // measured afterwards: the same mean can hold for weeks
    public void Actueel_figures_the_same_for_eight_weeks_warn(int weeksAgo, string method, bool warns)
    {
        var figures = Figures(method: method);
        var warnings = PlausibilityRules.Check(figures, Before(figures, ThisWeek.AddDays(-7 * weeksAgo)), ThisWeek);
        var same = warnings.SingleOrDefault(w => w.Code == PlausibilityRules.SameFiguresForWeeks);
        Assert.Equal(warns, same is not null);
        if (same is not null)
        {
            Assert.Null(same.Field);
            Assert.Equal(weeksAgo, same.Parameters["weeks"]);
        }
    }

    [Fact]
    public void Figures_that_changed_this_week_do_not_count_as_the_same()
    {
        var warnings = PlausibilityRules.Check(Figures(waitlist: 4), Before(Figures(waitlist: 3), ThisWeek.AddDays(-70)), ThisWeek);
        Assert.DoesNotContain(warnings, w => w.Code == PlausibilityRules.SameFiguresForWeeks);
    }

    [Fact]
    public void Without_a_previous_report_only_the_rules_on_the_report_itself_apply()
    {
        Assert.Equal(["free-places-with-waitlist:freePlaces", "stop-without-wait:acceptingReferrals"],
            Codes(Figures(accepting: false, intake: 0, free: 1, waitlist: 12), null));
    }

    [Fact]
    public void Every_code_is_listed_once()
    {
        Assert.Equal(6, PlausibilityRules.Codes.Distinct().Count());
    }
}

public class ReportedWeeksTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    private static DateOnly WeeksAgo(int weeks) => Monday.AddDays(-7 * weeks);

    [Fact]
    public void Never_reported_is_zero_of_twelve()
    {
        Assert.Equal(new ReportingRate(0, 12), ReportedWeeks.From([]).RateAsOf(Monday));
    }

    [Fact]
    public void Every_week_including_this_one_is_twelve_of_twelve()
    {
        var weeks = ReportedWeeks.From(Enumerable.Range(0, 20).Select(WeeksAgo));
        Assert.Equal(new ReportingRate(12, 12), weeks.RateAsOf(Monday));
    }

    [Fact]
    public void Before_this_weeks_report_the_window_ends_last_week()
    {
        var weeks = ReportedWeeks.From(Enumerable.Range(1, 12).Select(WeeksAgo));
        Assert.Equal(new ReportingRate(12, 12), weeks.RateAsOf(Monday));
    }

    [Fact]
    public void Weeks_pass_without_a_report_and_the_rate_falls()
    {
        var weeks = ReportedWeeks.From(Enumerable.Range(1, 12).Select(WeeksAgo));
        Assert.Equal(new ReportingRate(9, 12), weeks.RateAsOf(Monday.AddDays(7 * 3)));
        Assert.Equal(new ReportingRate(0, 12), weeks.RateAsOf(Monday.AddDays(7 * 13)));
    }

    [Fact]
    public void Gaps_and_repeats_count_each_week_once()
    {
        var weeks = ReportedWeeks.From([WeeksAgo(0), WeeksAgo(0), WeeksAgo(2), WeeksAgo(5), WeeksAgo(11), WeeksAgo(12)]);
        Assert.Equal(new ReportingRate(4, 12), weeks.RateAsOf(Monday));
    }

    [Fact]
    public void Weeks_beyond_the_span_are_left_out_without_overflow()
    {
        var weeks = ReportedWeeks.From([WeeksAgo(0), WeeksAgo(31), WeeksAgo(32), WeeksAgo(100)]);
        Assert.Equal(1u | (1u << 31), weeks.Mask);
    }
}
