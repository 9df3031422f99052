using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// The README's screenshots of the search and the detail page, made from the real app with the demo data. Every run
/// writes them under TestResults/screenshots/; with BW_UPDATE_DOCS=1 they also replace the committed copies in docs/.
/// </summary>
public sealed class ReadmeScreenshotTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private const int MaxBytes = 300 * 1024;

    [Fact]
    public Task The_search_and_detail_pages_make_small_screenshots_for_the_readme() => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 1200 } },
        async page =>
        {
            await GoAsync(page, "/?gemeente=GM0222&zorgvorm=jeugd-ggz-basis");
            await ResultsAsync(page);
            await SaveAsync(page, "web-search.png");

            var search = await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=jeugd-ggz-specialistisch");
            await GoAsync(page, $"/aanbod/{Expected.Items(search).First().GetProperty("id").GetString()}?gemeente=GM0222");
            await Expect(page.Locator(".chart")).ToBeVisibleAsync();
            await page.Locator("section.detail-section").First.ScrollIntoViewIfNeededAsync();
            await SaveAsync(page, "web-detail.png", fullPage: true);
        });

    private async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var file = Path.Combine(ScreenshotDirectory, name);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage, Type = ScreenshotType.Png });
        Output.WriteLine($"{name}: {png.Length:N0} bytes");
        Assert.InRange(png.Length, 10 * 1024, MaxBytes);
        if (Environment.GetEnvironmentVariable("BW_UPDATE_DOCS") == "1")
        {
            var docs = Path.Combine(ScreenshotDirectory, "..", "..", "..", "..", "docs");
            Directory.CreateDirectory(docs);
            File.Copy(file, Path.Combine(docs, name), overwrite: true);
        }
    }
}
