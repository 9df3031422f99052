using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Web.Tests;

public sealed class BrowserFixtureTests
{
    [Fact]
    public void Without_chromium_the_browser_tests_fail_and_say_what_to_install()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-chromium-{Guid.NewGuid():N}", "chromium");

        var error = Assert.Throws<InvalidOperationException>(() => BrowserFixture.FindChromium(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("apt-get install -y chromium", error.Message);
    }
}
