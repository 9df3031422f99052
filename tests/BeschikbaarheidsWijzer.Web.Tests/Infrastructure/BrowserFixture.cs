using Microsoft.Playwright;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium per test class, driven by Playwright. Playwright's own browser builds are never
/// downloaded; without <c>/usr/bin/chromium</c> every test fails with a message that says what to install.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";
    public const string ChromiumPathVariable = "BW_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = FindChromium(Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } configured ? configured : DefaultChromiumPath);

        // A busy 2-core CI machine can take longer than Playwright's 5 s default to render after a request.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keeps it from calling home on a machine without a network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-features=Translate,MediaRouter,OptimizationHints",
            ],
        });
    }

    /// <summary>The Chromium binary to drive; a missing one fails the tests (never skips them) with what to install.</summary>
    public static string FindChromium(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {path} and it is not there. Install it with 'apt-get install -y chromium' " +
                $"(./test.sh does this when it is missing), or set {ChromiumPathVariable} to a Chromium binary. Playwright's own browser downloads are not used.");

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
