using BeschikbaarheidsWijzer.Domain.Access;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class RegionScopeRuleTests
{
    private static readonly string[] Twente = ["twente"];

    [Theory]
    [InlineData(new[] { "twente" }, false, new string[0])]
    [InlineData(new[] { "twente", "twente" }, false, new string[0])]
    [InlineData(new string[0], false, new string[0])] // a provider without offerings is whoever's manages it
    [InlineData(new[] { "achterhoek" }, false, new[] { "achterhoek" })]
    [InlineData(new[] { "twente", "rivierenland", "achterhoek", "achterhoek" }, false, new[] { "achterhoek", "rivierenland" })]
    [InlineData(new[] { "twente", "achterhoek" }, true, new string[0])]
    public void Other_regions_decide_where_contracts_lie_outside_the_managers_regions_and_never_over_an_admin(string[] contracts, bool admin, string[] deciding)
    {
        Assert.Equal(deciding, RegionScopeRule.OtherRegionsDeciding(contracts, Twente, admin));
    }

    [Fact]
    public void A_manager_of_several_regions_decides_over_all_of_them()
    {
        Assert.Empty(RegionScopeRule.OtherRegionsDeciding(["twente", "achterhoek"], ["achterhoek", "twente"], isAdmin: false));
    }
}
