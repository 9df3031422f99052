using System.Text.Json;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>Installable: a manifest with icons, and a service worker that keeps the shell and says when data is old.</summary>
public sealed class InstallableAppTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public Task The_manifest_names_the_app_and_its_icons_exist() => InPageAsync(async page =>
    {
        await GoAsync(page, "/");
        var href = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var manifest = await page.EvaluateAsync<JsonElement>("async href => (await fetch(href)).json()", href);
        Assert.Equal("BeschikbaarheidsWijzer", manifest.GetProperty("name").GetString());
        Assert.Equal("nl", manifest.GetProperty("lang").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        foreach (var size in new[] { "192x192", "512x512" })
        {
            var icon = icons.Single(i => i.GetProperty("sizes").GetString() == size);
            var status = await page.EvaluateAsync<int>("async src => (await fetch(src)).status", icon.GetProperty("src").GetString());
            Assert.Equal(200, status);
        }
    });

    [Fact]
    public Task Offline_the_shell_still_opens_and_the_last_figures_show_when_they_were_fetched() => InPageAsync(async page =>
    {
        await GoAsync(page, "/?gemeente=GM0222");
        await ResultsAsync(page);
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        // The first visit is not yet controlled by the worker; the second one is, and leaves copies in its caches.
        await page.ReloadAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex(@"^\d+ resultaten in Doetinchem"));
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"), "the page is not controlled by the service worker");
        var online = await page.Locator("#resultaten").TextContentAsync();
        await Expect(page.Locator("#connection")).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(online!);
        var notice = page.Locator("#connection");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Je bent offline.");
        await Expect(notice).ToHaveTextAsync(new Regex(@"laatst opgehaald zijn op \d{1,2} \w+ \d{4} om \d{2}:\d{2}"));

        // Figures never fetched cannot be shown from memory: the search says there is no connection.
        await page.GetByLabel("Leeftijd van het kind").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("geen verbinding");

        await page.Context.SetOfflineAsync(false);
        await page.ReloadAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex(@"^\d+ resultaten in Doetinchem"));
        await Expect(notice).ToBeHiddenAsync();
    });
}
