using System.Text.Json;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>Zoeken (/): the search a parent does, by mouse and by keyboard, with its filters in the address.</summary>
public sealed class SearchPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static readonly Regex OfferingSearch = new(@"/api/v1/offerings\?");

    [Fact]
    public Task A_search_by_municipality_and_care_type_shows_each_offering_with_its_waits_against_the_norm() => InPageAsync(async page =>
    {
        var expected = await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=jeugd-ggz-basis&pageSize=20");
        var items = Expected.Items(expected).ToList();
        Assert.NotEmpty(items);

        await GoAsync(page, "/");
        var municipality = page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" });
        await municipality.FillAsync("doet");
        await page.GetByRole(AriaRole.Option, new() { Name = "Doetinchem" }).ClickAsync();
        await Expect(municipality).ToHaveValueAsync("Doetinchem");
        await page.GetByLabel("Soort hulp").SelectOptionAsync(new SelectOptionValue { Label = "Jeugd-GGZ basis (generalistisch)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();

        await Expect(page.Locator("#resultaten")).ToHaveTextAsync($"{items.Count} resultaten in Doetinchem");
        Assert.Matches("gemeente=GM0222", page.Url);
        Assert.Matches("zorgvorm=jeugd-ggz-basis", page.Url);
        var cards = page.Locator(".result-list > li");
        await Expect(cards).ToHaveCountAsync(items.Count);
        Assert.Equal(items.Select(i => i.GetProperty("title").GetString()), await page.Locator(".result-list .card-title").AllInnerTextsAsync());

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var card = cards.Nth(i);
            await Expect(card.Locator(".provider")).ToHaveTextAsync(item.GetProperty("provider").GetProperty("name").GetString()!);
            await Expect(card.Locator(".badge").First).ToContainTextAsync(Expected.Badge(item));
            await Expect(card.Locator(".badge-open")).ToHaveCountAsync(Expected.AvailableNow(item) ? 1 : 0);
            if (Expected.LeadLine(item) is { } lead)
            {
                await Expect(card.Locator(".lead-line")).ToHaveTextAsync(lead);
            }

            if (Expected.HasFigure(item, "waitToIntakeWeeks", "maxIntakeWeeks"))
            {
                await Expect(card.Locator(".waits")).ToContainTextAsync(Expected.IntakeSentence(item));
            }

            if (item.GetProperty("availability") is { ValueKind: JsonValueKind.Object } availability)
            {
                await Expect(card.Locator(".updated")).ToContainTextAsync($"Bijgewerkt op {Expected.Date(availability.GetProperty("reportedAt").GetDateTimeOffset())}");
                await Expect(card.Locator(".stale")).ToHaveCountAsync(availability.GetProperty("stale").GetBoolean() ? 1 : 0);
                await Expect(card.Locator(".stop")).ToHaveCountAsync(availability.GetProperty("acceptingReferrals").GetBoolean() ? 0 : 1);
            }
        }

        // A parent sees the norm in words, not only a colour; and every card leads with its line.
        Assert.Contains(items, i => Expected.HasFigure(i, "waitToIntakeWeeks", "maxIntakeWeeks"));
        Assert.Contains(items, i => Expected.LeadLine(i) is not null);
        await Expect(page.Locator(".result-list .lead-line")).ToHaveCountAsync(items.Count);
    });

    [Fact]
    public Task The_filters_live_in_the_address_survive_a_reload_and_walk_back_and_forth() => InPageAsync(async page =>
    {
        // A topic for which "only with a place now" makes a difference in Enschede, so the test can see it switch.
        string? tag = null;
        JsonElement withPlace = default, withoutPlace = default;
        foreach (var candidate in (await ApiAsync("/api/v1/tags")).EnumerateArray().Select(t => t.GetString()!))
        {
            withPlace = await ApiAsync($"/api/v1/offerings?municipality=GM0153&age=10&tag={candidate}&availableNow=true&sort=name");
            withoutPlace = await ApiAsync($"/api/v1/offerings?municipality=GM0153&age=10&tag={candidate}&sort=name");
            if (withPlace.GetProperty("total").GetInt32() > 0 && withPlace.GetProperty("total").GetInt32() != withoutPlace.GetProperty("total").GetInt32())
            {
                tag = candidate;
                break;
            }
        }

        Assert.NotNull(tag);
        await GoAsync(page, $"/?gemeente=GM0153&leeftijd=10&plek=ja&onderwerp={tag}&sorteer=naam");
        var tagLabel = await page.EvaluateAsync<string>("async t => (await import('/js/format.js')).tagName(t)", tag);
        await AssertFormAsync(page, tagLabel, availableNow: true);
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(Title(withPlace));
        Assert.Equal(Titles(withPlace), await page.Locator(".result-list .card-title").AllInnerTextsAsync());

        await page.GetByLabel("Alleen aanbod dat nu plek heeft").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(Title(withoutPlace));
        Assert.DoesNotContain("plek=ja", page.Url);

        await page.ReloadAsync();
        await AssertFormAsync(page, tagLabel, availableNow: false);
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(Title(withoutPlace));

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex("plek=ja"));
        await AssertFormAsync(page, tagLabel, availableNow: true);
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(Title(withPlace));

        await page.GoForwardAsync();
        await AssertFormAsync(page, tagLabel, availableNow: false);
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(Title(withoutPlace));

        static string Title(JsonElement response) =>
            $"{response.GetProperty("total").GetInt32()} {(response.GetProperty("total").GetInt32() == 1 ? "resultaat" : "resultaten")} in Enschede";

        static List<string> Titles(JsonElement response) => Expected.Items(response).Select(i => i.GetProperty("title").GetString()!).ToList();
    });

    private static async Task AssertFormAsync(IPage page, string tagLabel, bool availableNow)
    {
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" })).ToHaveValueAsync("Enschede");
        await Expect(page.GetByLabel("Soort hulp")).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Leeftijd van het kind")).ToHaveValueAsync("10");
        await Expect(page.GetByLabel("Sorteren op")).ToHaveValueAsync("naam");
        // The topic's label carries its count: "ADHD (3)".
        await Expect(page.GetByLabel(new Regex($@"^{Regex.Escape(tagLabel)} \(\d+\)$"))).ToBeCheckedAsync();
        if (availableNow)
        {
            await Expect(page.GetByLabel("Alleen aanbod dat nu plek heeft")).ToBeCheckedAsync();
        }
        else
        {
            await Expect(page.GetByLabel("Alleen aanbod dat nu plek heeft")).Not.ToBeCheckedAsync();
        }
    }

    [Fact]
    public Task A_search_can_be_done_with_the_keyboard_alone() => InPageAsync(async page =>
    {
        var expected = await ApiAsync("/api/v1/offerings?municipality=GM0294&careType=dagbehandeling");
        await GoAsync(page, "/");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" })).ToBeVisibleAsync();

        // The first Tab reaches the skip link; it jumps over the menu to the page itself.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Naar de inhoud");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilAsync(page, "[role=combobox]");
        await page.Keyboard.TypeAsync("wint");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("[role=option][aria-selected=true]")).ToHaveTextAsync("Winterswijk (Achterhoek)");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[role=combobox]")).ToHaveValueAsync("Winterswijk");
        await Expect(page.Locator("[role=combobox]")).ToHaveAttributeAsync("aria-expanded", "false");

        await TabUntilAsync(page, "select[name=zorgvorm]");
        await page.Keyboard.TypeAsync("Dagbehandeling");
        await Expect(page.GetByLabel("Soort hulp")).ToHaveValueAsync("dagbehandeling");

        await TabUntilAsync(page, "button[type=submit]");
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex($"^{expected.GetProperty("total").GetInt32()} resultat"));
        Assert.Contains("gemeente=GM0294", page.Url);
        Assert.Contains("zorgvorm=dagbehandeling", page.Url);

        // On to the first result, and into it.
        await TabUntilAsync(page, ".result-list a");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(Expected.Items(expected).First().GetProperty("title").GetString()!);
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
    });

    /// <summary>Presses Tab until the focus is on an element matching the selector (at most 40 times).</summary>
    private static async Task TabUntilAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}");
    }

    [Fact]
    public Task Loading_empty_and_error_states_tell_what_is_going_on() => InPageAsync(
        // Requests a service worker answers would pass by the test's routes.
        new BrowserNewContextOptions { ServiceWorkers = ServiceWorkerPolicy.Block },
        async page =>
    {
        // No network for the search: an error that says so, and a way to try again that works.
        await page.RouteAsync(OfferingSearch, route => route.AbortAsync());
        await GoAsync(page, "/?gemeente=GM0222");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("geen verbinding");
        await page.UnrouteAllAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen" }).ClickAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex(@"^\d+ resultaten in Doetinchem"));

        // A slow answer: the results say they are loading, and are marked busy.
        var release = new TaskCompletionSource();
        await page.RouteAsync(OfferingSearch, async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GetByLabel("Leeftijd van het kind").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
        await Expect(page.Locator(".results")).ToContainTextAsync("Bezig met zoeken");
        await Expect(page.Locator(".results")).ToHaveAttributeAsync("aria-busy", "true");
        release.SetResult();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex(@"^\d+ resultaten in Doetinchem"));
        await Expect(page.Locator(".results")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await page.UnrouteAllAsync();

        // Nothing found: say so, and what to try.
        await page.GetByLabel("Naam of zoekwoord").FillAsync("qqqqzzzz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync("0 resultaten in Doetinchem");
        await Expect(page.Locator(".empty")).ToContainTextAsync("Je zocht met deze keuzes");
        await Expect(page.Locator(".drop-filter")).ToHaveTextAsync(["× Gemeente: Doetinchem", "× Leeftijd: 12 jaar", "× Zoekwoord: qqqqzzzz"]);

        // One click takes the filter that found nothing away, and keeps the others.
        await page.GetByRole(AriaRole.Link, new() { Name = "Zoekwoord: qqqqzzzz weghalen" }).ClickAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex(@"^[1-9]\d* resultat(en)? in Doetinchem"));
        Assert.DoesNotContain("zoek=", page.Url);
        Assert.Contains("leeftijd=12", page.Url);

        // A postcode that is not one: the error stands next to the field, nothing is searched.
        await page.GetByLabel("Postcode (mag ook)").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
        var postcode = page.GetByLabel("Postcode (mag ook)");
        await Expect(postcode).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#" + await postcode.GetAttributeAsync("id") + "-error")).ToContainTextAsync("Vul een postcode in zoals 7001 AB");
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
    });

    [Fact]
    public Task Paging_keeps_the_filters_and_moves_the_focus_to_the_results() => InPageAsync(async page =>
    {
        var second = await ApiAsync("/api/v1/offerings?municipality=GM0222&page=2&pageSize=20");
        var total = second.GetProperty("total").GetInt32();
        Assert.True(total > 20, $"{total} results: too few to page");
        var pages = (total + 19) / 20;

        await GoAsync(page, "/?gemeente=GM0222");
        await Expect(page.Locator(".pager")).ToContainTextAsync($"Pagina 1 van {pages}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();

        await Expect(page.Locator(".pager")).ToContainTextAsync($"Pagina 2 van {pages}");
        Assert.Contains("pagina=2", page.Url);
        Assert.Contains("gemeente=GM0222", page.Url);
        await Expect(page.Locator(".result-list .card-title").First).ToHaveTextAsync(Expected.Items(second).First().GetProperty("title").GetString()!);
        await Expect(page.Locator("#resultaten")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vorige pagina" }).ClickAsync();
        await Expect(page.Locator(".pager")).ToContainTextAsync($"Pagina 1 van {pages}");
    });

    [Fact]
    public Task Use_my_location_sorts_by_distance_from_where_the_browser_is() => InPageAsync(
        new BrowserNewContextOptions { Geolocation = new Geolocation { Latitude = 51.9691f, Longitude = 6.7151f }, Permissions = ["geolocation"] },
        async page =>
        {
            var expected = await ApiAsync("/api/v1/offerings?lat=51.969&lon=6.715&careType=jeugd-ggz-basis&sort=distance");
            await GoAsync(page, "/?zorgvorm=jeugd-ggz-basis");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gebruik mijn locatie" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("lat=51.969&lon=6.715"));
            Assert.Contains("sorteer=afstand", page.Url);
            await Expect(page.Locator(".location-status")).ToContainTextAsync("Je locatie wordt gebruikt");
            await Expect(page.Locator(".result-list .card-title").First).ToHaveTextAsync(Expected.Items(expected).First().GetProperty("title").GetString()!);
            await Expect(page.Locator(".result-list .meta").First).ToContainTextAsync(" km");
        });

    [Fact]
    public Task The_first_load_is_small_asks_no_other_host_and_fits_a_320_pixel_screen() => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 320, Height = 640 } },
        async page =>
        {
            var hosts = new List<string>();
            var responses = new List<IResponse>();
            page.Context.Request += (_, request) => hosts.Add(new Uri(request.Url).Authority);
            page.Response += (_, response) => responses.Add(response);

            await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" })).ToBeVisibleAsync();
            var bytes = new Dictionary<string, long>();
            foreach (var response in responses.Where(r => r.Request.ResourceType is "document" or "stylesheet" or "script"))
            {
                bytes[response.Url] = (await response.BodyAsync()).Length;
            }

            var total = bytes.Values.Sum();
            Output.WriteLine($"First load of /: {total:N0} bytes (HTML + CSS + JS, uncompressed) in {bytes.Count} files:");
            foreach (var (url, size) in bytes.OrderByDescending(b => b.Value))
            {
                Output.WriteLine($"  {size,8:N0}  {new Uri(url).AbsolutePath}");
            }

            Assert.Contains(bytes.Keys, u => u.EndsWith("/js/app.js", StringComparison.Ordinal));
            Assert.Contains(bytes.Keys, u => u.EndsWith("/css/app.css", StringComparison.Ordinal));
            Assert.InRange(total, 1, 150 * 1024);
            Assert.All(hosts, host => Assert.Equal(App.BaseAddress.Authority, host));

            await page.GotoAsync("/?gemeente=GM0222");
            await ResultsAsync(page);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                "the search page scrolls sideways at 320 px");
        });
}
