using BeschikbaarheidsWijzer.Domain.Access;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class RegionScopeRuleTests
{
    private static readonly string[] Twente = ["twente"];

    [Theory]
    [InlineData(new[] { "twente" }, false, RegionScopeDecision.Whole)]
    [InlineData(new[] { "twente", "twente" }, false, RegionScopeDecision.Whole)]
    [InlineData(new string[0], false, RegionScopeDecision.Whole)]
    [InlineData(new[] { "achterhoek" }, false, RegionScopeDecision.OwnContractsOnly)]
    [InlineData(new[] { "twente", "achterhoek" }, false, RegionScopeDecision.OwnContractsOnly)]
    [InlineData(new[] { "twente", "achterhoek" }, true, RegionScopeDecision.Whole)]
    public void An_offering_is_the_managers_whole_only_when_all_its_contracts_are_in_its_regions(string[] contracts, bool admin, RegionScopeDecision expected)
    {
        Assert.Equal(expected, RegionScopeRule.ForOffering(contracts, Twente, admin));
    }

    [Fact]
    public void A_provider_with_one_offering_elsewhere_is_not_the_managers_to_change_and_says_who_decides()
    {
        Assert.False(RegionScopeRule.MayChangeProvider(["twente", "achterhoek", "rivierenland", "achterhoek"], Twente, isAdmin: false));
        Assert.Equal(["achterhoek", "rivierenland"], RegionScopeRule.OtherRegionsDeciding(["twente", "achterhoek", "rivierenland", "achterhoek"], Twente, false));
        Assert.True(RegionScopeRule.MayChangeProvider(["twente"], Twente, isAdmin: false));
        Assert.True(RegionScopeRule.MayChangeProvider([], Twente, isAdmin: false));
        Assert.True(RegionScopeRule.MayChangeProvider(["achterhoek"], [], isAdmin: true));
    }
}
