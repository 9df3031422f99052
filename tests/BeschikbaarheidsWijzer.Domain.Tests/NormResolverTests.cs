using BeschikbaarheidsWijzer.Domain.Norms;
using static BeschikbaarheidsWijzer.Domain.Tests.TreeknormFixture;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class NormResolverTests
{
    private const string Achterhoek = "achterhoek";
    private const string Twente = "twente";
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTimeOffset Recorded = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static RegionalNormVersion Regional(
        string region, string careType, WaitNorm norm, DateOnly validFrom, DateTimeOffset? recordedAt = null) =>
        new(region, careType, norm, validFrom, recordedAt ?? Recorded);

    // ---- National rules -------------------------------------------------------------------------------

    [Theory]
    [InlineData("jeugd-ggz-basis")]
    [InlineData("jeugd-ggz-specialistisch")]
    [InlineData("dyslexiezorg")]
    public void Ggz_care_types_get_the_ggz_wildcard_rule(string code)
    {
        var norm = Resolver().Resolve(CareTypes.Get(code), null, Today);

        Assert.NotNull(norm);
        Assert.Equal(code, norm.CareTypeCode);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(4, 10, 14), norm.Norm);
        Assert.Equal("Treeknorm GGZ", norm.Label);
        Assert.Null(norm.ValidFrom);
    }

    [Fact]
    public void Gehandicaptenzorg_ambulant_gets_total_6()
    {
        var norm = Resolver().Resolve(CareTypes.PersoonlijkeVerzorging, null, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(null, null, 6), norm.Norm);
        Assert.Equal("Treeknorm gehandicaptenzorg, dagbesteding/ondersteuning", norm.Label);
        Assert.Null(norm.ValidFrom);
    }

    [Fact]
    public void Gehandicaptenzorg_dagbesteding_gets_total_6()
    {
        var careType = new CareTypeProfile("dagbesteding-ghz", "gehandicaptenzorg", "dagbesteding");

        var norm = Resolver().Resolve(careType, null, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(null, null, 6), norm.Norm);
        Assert.Equal("Treeknorm gehandicaptenzorg, dagbesteding", norm.Label);
    }

    [Fact]
    public void Gehandicaptenzorg_verblijf_gets_total_13()
    {
        var norm = Resolver().Resolve(CareTypes.KortdurendVerblijf, null, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(null, null, 13), norm.Norm);
        Assert.Equal("Treeknorm gehandicaptenzorg, wonen", norm.Label);
    }

    [Fact]
    public void Crisis_gets_intake_0_and_total_0_without_treatment_bound()
    {
        var norm = Resolver().Resolve(CareTypes.Crisishulp, null, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(0, norm.Norm.MaxIntakeWeeks);
        Assert.Null(norm.Norm.MaxTreatmentWeeks);
        Assert.Equal(0, norm.Norm.MaxTotalWeeks);
        Assert.Equal("Crisishulp: direct", norm.Label);
    }

    [Theory]
    [InlineData("crisis", "direct")]
    [InlineData("crisis", "verblijf")]
    [InlineData("ggz", "verblijf")]
    [InlineData("ggz", "dagbesteding")]
    public void Wildcard_setting_matches_any_setting(string sector, string setting)
    {
        var rule = Resolver().FindNationalRule(sector, setting);

        Assert.NotNull(rule);
        Assert.Equal(sector, rule.Sector);
        Assert.Equal(NationalNormRule.AnySetting, rule.Setting);
    }

    [Fact]
    public void Specific_setting_is_preferred_over_wildcard_of_same_sector()
    {
        var wildcardFirst = new[]
        {
            new NationalNormRule("ggz", "*", new WaitNorm(4, 10, 14), "GGZ algemeen"),
            new NationalNormRule("ggz", "verblijf", new WaitNorm(2, 5, 7), "GGZ verblijf"),
        };
        var resolver = new NormResolver(wildcardFirst, []);

        Assert.Equal("GGZ verblijf", resolver.FindNationalRule("ggz", "verblijf")!.Label);
        Assert.Equal("GGZ algemeen", resolver.FindNationalRule("ggz", "ambulant")!.Label);
    }

    // ---- jeugdhulp fallback to gehandicaptenzorg of the same setting ------------------------------------

    [Theory]
    [InlineData("ambulante-begeleiding", 6, "Treeknorm gehandicaptenzorg, dagbesteding/ondersteuning")]
    [InlineData("ambulante-behandeling", 6, "Treeknorm gehandicaptenzorg, dagbesteding/ondersteuning")]
    [InlineData("dagbehandeling", 6, "Treeknorm gehandicaptenzorg, dagbesteding")]
    [InlineData("verblijf-met-behandeling", 13, "Treeknorm gehandicaptenzorg, wonen")]
    [InlineData("verblijf-zonder-behandeling", 13, "Treeknorm gehandicaptenzorg, wonen")]
    [InlineData("pleegzorg", 13, "Treeknorm gehandicaptenzorg, wonen")]
    [InlineData("gesloten-jeugdzorg", 13, "Treeknorm gehandicaptenzorg, wonen")]
    public void Jeugdhulp_falls_back_to_gehandicaptenzorg_rule_of_same_setting(string code, int maxTotal, string label)
    {
        var norm = Resolver().Resolve(CareTypes.Get(code), null, Today);

        Assert.NotNull(norm);
        Assert.Equal(code, norm.CareTypeCode);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(null, null, maxTotal), norm.Norm);
        Assert.Equal(label, norm.Label);
        Assert.Null(norm.ValidFrom);
    }

    [Fact]
    public void Fallback_uses_the_setting_not_the_first_gehandicaptenzorg_rule()
    {
        // verblijf is the third gehandicaptenzorg rule; a fallback that took the first would give 6.
        var rule = Resolver().FindNationalRule("jeugdhulp", "verblijf");

        Assert.NotNull(rule);
        Assert.Equal("gehandicaptenzorg", rule.Sector);
        Assert.Equal("verblijf", rule.Setting);
        Assert.Equal(13, rule.Norm.MaxTotalWeeks);
    }

    // ---- no rule at all --------------------------------------------------------------------------------

    [Theory]
    [InlineData("jeugdhulp", "direct")]              // fallback sector has no "direct" rule
    [InlineData("gehandicaptenzorg", "direct")]      // sector has rules, none for this setting, no wildcard
    [InlineData("onbekend", "onbekend")]
    public void Sector_and_setting_without_any_rule_gives_null(string sector, string setting)
    {
        var careType = new CareTypeProfile("iets", sector, setting);

        Assert.Null(Resolver().Resolve(careType, null, Today));
        Assert.Null(Resolver().Resolve(careType, Achterhoek, Today));
    }

    [Fact]
    public void No_national_rules_at_all_gives_null()
    {
        var resolver = new NormResolver([], []);

        Assert.Null(resolver.Resolve(CareTypes.AmbulanteBegeleiding, null, Today));
        Assert.Null(resolver.Resolve(CareTypes.JeugdGgzBasis, null, Today));
    }

    // ---- regional overrides ----------------------------------------------------------------------------

    [Fact]
    public void Region_override_wins_over_national_rule()
    {
        var regionalNorm = new WaitNorm(2, 6, 8);
        var validFrom = new DateOnly(2026, 1, 1);
        var resolver = Resolver(Regional(Achterhoek, "jeugd-ggz-basis", regionalNorm, validFrom));

        var norm = resolver.Resolve(CareTypes.JeugdGgzBasis, Achterhoek, Today);

        Assert.NotNull(norm);
        Assert.Equal("jeugd-ggz-basis", norm.CareTypeCode);
        Assert.Equal(NormSource.Regio, norm.Source);
        Assert.Equal(regionalNorm, norm.Norm);
        Assert.Equal(validFrom, norm.ValidFrom);
    }

    [Fact]
    public void Region_override_applies_to_jeugdhulp_care_type_instead_of_fallback()
    {
        var regionalNorm = new WaitNorm(null, null, 4);
        var resolver = Resolver(Regional(Achterhoek, "ambulante-begeleiding", regionalNorm, new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(CareTypes.AmbulanteBegeleiding, Achterhoek, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Regio, norm.Source);
        Assert.Equal(4, norm.Norm.MaxTotalWeeks);
    }

    [Fact]
    public void Region_override_applies_even_when_no_national_rule_exists()
    {
        var careType = new CareTypeProfile("iets", "onbekend", "onbekend");
        var resolver = Resolver(Regional(Achterhoek, "iets", new WaitNorm(null, null, 5), new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(careType, Achterhoek, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Regio, norm.Source);
        Assert.Equal(5, norm.Norm.MaxTotalWeeks);
    }

    [Fact]
    public void Override_of_another_region_does_not_apply()
    {
        var resolver = Resolver(Regional(Twente, "jeugd-ggz-basis", new WaitNorm(2, 6, 8), new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(CareTypes.JeugdGgzBasis, Achterhoek, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(4, 10, 14), norm.Norm);
        Assert.Null(norm.ValidFrom);
    }

    [Fact]
    public void Override_of_another_care_type_does_not_apply()
    {
        // Same sector and setting, different code: an override is per care type, not per sector.
        var resolver = Resolver(Regional(Achterhoek, "jeugd-ggz-specialistisch", new WaitNorm(2, 6, 8), new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(CareTypes.JeugdGgzBasis, Achterhoek, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(4, 10, 14), norm.Norm);
    }

    [Fact]
    public void Region_null_gives_national_rule_even_when_overrides_exist()
    {
        var resolver = Resolver(Regional(Achterhoek, "jeugd-ggz-basis", new WaitNorm(2, 6, 8), new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(CareTypes.JeugdGgzBasis, null, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Treeknorm, norm.Source);
        Assert.Equal(new WaitNorm(4, 10, 14), norm.Norm);
        Assert.Null(norm.ValidFrom);
    }

    [Fact]
    public void Override_with_future_valid_from_does_not_apply_yet()
    {
        var validFrom = new DateOnly(2026, 12, 1);
        var resolver = Resolver(Regional(Achterhoek, "jeugd-ggz-basis", new WaitNorm(2, 6, 8), validFrom));

        var dayBefore = resolver.Resolve(CareTypes.JeugdGgzBasis, Achterhoek, validFrom.AddDays(-1));
        var onTheDay = resolver.Resolve(CareTypes.JeugdGgzBasis, Achterhoek, validFrom);
        var dayAfter = resolver.Resolve(CareTypes.JeugdGgzBasis, Achterhoek, validFrom.AddDays(1));

        Assert.Equal(NormSource.Treeknorm, dayBefore!.Source);
        Assert.Equal(14, dayBefore.Norm.MaxTotalWeeks);
        Assert.Equal(NormSource.Regio, onTheDay!.Source);
        Assert.Equal(8, onTheDay.Norm.MaxTotalWeeks);
        Assert.Equal(validFrom, onTheDay.ValidFrom);
        Assert.Equal(NormSource.Regio, dayAfter!.Source);
    }

    [Theory]
    [InlineData("2025-12-31", null)]   // before all versions: national
    [InlineData("2026-01-01", 10)]
    [InlineData("2026-03-31", 10)]
    [InlineData("2026-04-01", 8)]
    [InlineData("2026-09-30", 8)]
    [InlineData("2026-10-01", 6)]
    [InlineData("2030-01-01", 6)]
    public void With_several_versions_the_latest_valid_from_not_after_the_date_wins(string date, int? expectedTotal)
    {
        // Recorded in an order different from validFrom order, so insertion order cannot be what decides.
        var resolver = Resolver(
            Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 8), new DateOnly(2026, 4, 1)),
            Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 6), new DateOnly(2026, 10, 1)),
            Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 10), new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(CareTypes.Pleegzorg, Achterhoek, DateOnly.Parse(date));

        Assert.NotNull(norm);
        if (expectedTotal is null)
        {
            Assert.Equal(NormSource.Treeknorm, norm.Source);
            Assert.Equal(13, norm.Norm.MaxTotalWeeks);
        }
        else
        {
            Assert.Equal(NormSource.Regio, norm.Source);
            Assert.Equal(expectedTotal, norm.Norm.MaxTotalWeeks);
        }
    }

    [Fact]
    public void Versions_with_same_valid_from_the_later_recording_wins()
    {
        var validFrom = new DateOnly(2026, 1, 1);
        var later = Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 9), validFrom, new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero));
        var earlier = Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 7), validFrom, new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

        // Both input orders: the winner must not depend on which was passed first or last.
        var laterFirst = Resolver(later, earlier).Resolve(CareTypes.Pleegzorg, Achterhoek, Today);
        var laterLast = Resolver(earlier, later).Resolve(CareTypes.Pleegzorg, Achterhoek, Today);

        Assert.Equal(9, laterFirst!.Norm.MaxTotalWeeks);
        Assert.Equal(9, laterLast!.Norm.MaxTotalWeeks);
        Assert.Same(later, Resolver(earlier, later).FindRegionalVersion(Achterhoek, "pleegzorg", Today));
    }

    [Fact]
    public void Later_recording_does_not_beat_a_later_valid_from()
    {
        // validFrom decides first; recordedAt only breaks ties.
        var newerRule = Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 5), new DateOnly(2026, 6, 1), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var recordedLater = Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 11), new DateOnly(2026, 1, 1), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));

        var norm = Resolver(newerRule, recordedLater).Resolve(CareTypes.Pleegzorg, Achterhoek, Today);

        Assert.Equal(5, norm!.Norm.MaxTotalWeeks);
    }

    [Theory]
    [InlineData("ACHTERHOEK", "jeugd-ggz-basis")]
    [InlineData("Achterhoek", "JEUGD-GGZ-BASIS")]
    [InlineData("achterhoek", "Jeugd-Ggz-Basis")]
    public void Region_and_care_type_codes_are_compared_case_insensitively(string askedRegion, string storedCareType)
    {
        var resolver = Resolver(Regional("AchterHoek", storedCareType, new WaitNorm(2, 6, 8), new DateOnly(2026, 1, 1)));

        var norm = resolver.Resolve(CareTypes.JeugdGgzBasis, askedRegion, Today);

        Assert.NotNull(norm);
        Assert.Equal(NormSource.Regio, norm.Source);
        Assert.Equal(8, norm.Norm.MaxTotalWeeks);
    }

    [Theory]
    [InlineData("GGZ", "AMBULANT")]
    [InlineData("Jeugdhulp", "Verblijf")]
    [InlineData("GEHANDICAPTENZORG", "verblijf")]
    public void National_sector_and_setting_are_compared_case_insensitively(string sector, string setting)
    {
        var rule = Resolver().FindNationalRule(sector, setting);

        Assert.NotNull(rule);
    }

    [Fact]
    public void FindRegionalVersion_returns_null_when_nothing_in_force()
    {
        var resolver = Resolver(Regional(Achterhoek, "pleegzorg", new WaitNorm(null, null, 8), new DateOnly(2026, 4, 1)));

        Assert.Null(resolver.FindRegionalVersion(Achterhoek, "pleegzorg", new DateOnly(2026, 3, 31)));
        Assert.Null(resolver.FindRegionalVersion(Twente, "pleegzorg", Today));
        Assert.Null(resolver.FindRegionalVersion(Achterhoek, "dagbehandeling", Today));
    }
}
