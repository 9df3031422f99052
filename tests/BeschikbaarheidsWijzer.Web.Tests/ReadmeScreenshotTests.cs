using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// The README's screenshots of the search, the detail page and the management dashboard, made from the real app with the demo data. Every run
/// writes them under TestResults/screenshots/; with BW_UPDATE_DOCS=1 they also replace the committed copies in docs/.
/// </summary>
public sealed class ReadmeScreenshotTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private const int MaxBytes = 320 * 1024; // the detail page grew by two lines (realised waits, weeks reported) in v2

    [Fact]
    public Task The_search_and_detail_pages_make_small_screenshots_for_the_readme() => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 1200 } },
        async page =>
        {
            await GoAsync(page, "/?gemeente=GM0294&zorgvorm=ambulante-begeleiding");
            await ResultsAsync(page);
            await SaveAsync(page, "web-search.png");

            // An offering whose weeks were sometimes within and sometimes over the norm, to show both in the chart.
            var search = await ApiAsync("/api/v1/offerings?municipality=GM0294&pageSize=100");
            string? id = null;
            foreach (var item in Expected.Items(search))
            {
                var detail = await ApiAsync($"/api/v1/offerings/{item.GetProperty("id").GetString()}?municipality=GM0294");
                var statuses = detail.GetProperty("history").EnumerateArray().Select(w => w.GetProperty("normStatus").GetString()).ToHashSet();
                if (statuses.SetEquals(["within", "exceeded"]) && detail.GetProperty("alternatives").GetArrayLength() > 0)
                {
                    id = item.GetProperty("id").GetString();
                    break;
                }
            }

            Assert.NotNull(id);
            await GoAsync(page, $"/aanbod/{id}?gemeente=GM0294");
            await Expect(page.Locator(".chart")).ToBeVisibleAsync();
            // From the top to the end of the chart: the figures, the norm and the 26 weeks.
            var chartSection = page.Locator("section.detail-section").Filter(new() { Has = page.Locator(".chart") });
            var bottom = (await chartSection.BoundingBoxAsync())!;
            await SaveAsync(page, "web-detail.png", new Clip { X = 0, Y = 0, Width = 1024, Height = bottom.Y + bottom.Height });
        });

    [Fact]
    public Task The_management_dashboard_makes_a_small_screenshot_for_the_readme() => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 1200 } },
        async page =>
        {
            await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer?regio=achterhoek");
            // From the top to the end of today's table per care type, worst first.
            var table = page.Locator("table.worst-first");
            await Expect(table).ToBeVisibleAsync();
            var bottom = (await table.BoundingBoxAsync())!;
            await SaveAsync(page, "web-beheer.png", new Clip { X = 0, Y = 0, Width = 1024, Height = bottom.Y + bottom.Height });
        });

    private async Task SaveAsync(IPage page, string name, Clip? clip = null)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var file = Path.Combine(ScreenshotDirectory, name);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = clip is not null, Clip = clip, Type = ScreenshotType.Png });
        Output.WriteLine($"{name}: {png.Length:N0} bytes");
        Assert.InRange(png.Length, 10 * 1024, MaxBytes);
        if (Environment.GetEnvironmentVariable("BW_UPDATE_DOCS") == "1")
        {
            var docs = Path.Combine(TestPaths.RepositoryRoot(), "docs");
            Directory.CreateDirectory(docs);
            File.Copy(file, Path.Combine(docs, name), overwrite: true);
        }
    }
}
