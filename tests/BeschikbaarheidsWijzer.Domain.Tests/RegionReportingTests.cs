using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Search;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class RegionReportingTests
{
    private static readonly DateOnly Today = new(2026, 12, 3); // Thursday of week 49
    private static readonly DateOnly ThisWeek = new(2026, 11, 30);
    private static readonly DateOnly LastWeek = new(2026, 11, 23);
    private static readonly HashSet<string> Achterhoek = ["GM0222", "GM0294"];

    private static IndexedOffering Offering(Guid provider, string name, string municipality, params DateOnly[] reported) =>
        new(Guid.NewGuid(), provider, name, "Aanbod", "ambulante-begeleiding", 0, 18, [], [],
            [new IndexedContract(municipality, new DateOnly(2025, 1, 1), null)], null)
        {
            ReportedWeeks = ReportedWeeks.From(reported),
        };

    [Fact]
    public void Counts_the_regions_offerings_and_puts_providers_that_missed_last_week_first()
    {
        var punctual = Guid.NewGuid();
        var silent = Guid.NewGuid();
        var half = Guid.NewGuid();
        var offerings = new[]
        {
            Offering(punctual, "Altijd Op Tijd", "GM0222", ThisWeek, LastWeek),
            Offering(punctual, "Altijd Op Tijd", "GM0294", LastWeek),
            Offering(silent, "Stil", "GM0222"),
            Offering(half, "Half", "GM0294", LastWeek),
            Offering(half, "Half", "GM0222", LastWeek.AddDays(-7)),
            Offering(Guid.NewGuid(), "Twente", "GM0153", ThisWeek),
        };

        var reporting = RegionReportingRule.Of(offerings, Achterhoek, Today);

        Assert.Equal((ThisWeek, LastWeek), (reporting.ThisWeek, reporting.LastWeek));
        Assert.Equal((5, 1, 3), (reporting.Offerings, reporting.ReportedThisWeek, reporting.ReportedLastWeek));
        Assert.Equal(["Half", "Stil", "Altijd Op Tijd"], reporting.Providers.Select(p => p.ProviderName));
        var halfRow = reporting.Providers[0];
        Assert.Equal((2, 0, 1), (halfRow.Offerings, halfRow.ReportedThisWeek, halfRow.ReportedLastWeek));
        Assert.Equal((2, 24), (halfRow.WeeksReported, halfRow.OfWeeks));
        Assert.True(reporting.Providers[2].AllReportedLastWeek);
    }

    [Fact]
    public void An_ended_contract_takes_the_offering_out_of_the_region()
    {
        var offering = Offering(Guid.NewGuid(), "Gestopt", "GM0222", LastWeek) with
        {
            Contracts = [new IndexedContract("GM0222", new DateOnly(2025, 1, 1), new DateOnly(2026, 11, 30))],
        };

        Assert.Equal(0, RegionReportingRule.Of([offering], Achterhoek, Today).Offerings);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(-1, false)] // a week after the latest report
    [InlineData(40, false)] // beyond the span
    public void Reported_in_reads_the_week_from_the_mask(int weeksBack, bool expected)
    {
        var weeks = ReportedWeeks.From([ThisWeek, ThisWeek.AddDays(-14), ThisWeek.AddDays(-7 * 40)]);
        Assert.Equal(expected, weeks.ReportedIn(ThisWeek.AddDays(-7 * weeksBack)));
    }
}
