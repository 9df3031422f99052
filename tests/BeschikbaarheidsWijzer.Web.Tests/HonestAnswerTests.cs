using System.Text.Json;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// What a parent reads must be true as a whole: verdicts as the API gives them (partial named as such), "nu plek" never
/// beside "geen plek vrij", topics as any-of, crisis care left out with a Spoed block on every page, where to go next,
/// alternatives for the child's age, a chart that never draws a reported week as empty, the place kept on the way back,
/// a folded form on a phone, and a page that does not jump while it loads.
/// </summary>
public sealed class HonestAnswerTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public Task No_card_says_within_beside_an_unknown_step_nor_nu_plek_beside_no_free_place() => InPageAsync(async page =>
    {
        var expected = await ApiAsync("/api/v1/offerings?municipality=GM0294&pageSize=100");
        var items = Expected.Items(expected).ToList();
        Assert.Contains(items, i => i.GetProperty("normStatus").GetString() == "partial");

        await GoAsync(page, "/?gemeente=GM0294");
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync($"{items.Count} resultaten in Winterswijk");
        var cards = page.Locator(".result-list .card");
        var pages = (items.Count + 19) / 20;
        var seen = 0;
        for (var p = 1; p <= pages; p++)
        {
            if (p > 1)
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
                await Expect(page.Locator(".pager")).ToContainTextAsync($"Pagina {p} van {pages}");
            }

            var count = await cards.CountAsync();
            for (var i = 0; i < count; i++)
            {
                var item = items[seen++];
                var card = cards.Nth(i);
                var text = await card.InnerTextAsync();
                var status = item.GetProperty("normStatus").GetString();
                await Expect(card.Locator(".badge").First).ToHaveTextAsync(new Regex($"{Regex.Escape(Expected.StatusWords(status))}$"));
                if (status == "within")
                {
                    // Every step with a norm is known: no "niet bekend" on the card.
                    Assert.DoesNotContain("niet bekend", text, StringComparison.OrdinalIgnoreCase);
                }
                else if (status == "partial")
                {
                    await Expect(card.Locator(".partial-note")).ToContainTextAsync("Niet bekend: hoe lang je wacht");
                }

                Assert.False(text.Contains("Nu plek", StringComparison.Ordinal) && text.Contains("Geen plek vrij", StringComparison.Ordinal),
                    $"'Nu plek' beside 'Geen plek vrij': {text}");
                await Expect(card.Locator(".badge-open")).ToHaveCountAsync(Expected.AvailableNow(item) ? 1 : 0);
            }
        }

        Assert.Equal(items.Count, seen);
        await Expect(page.Locator(".facets")).ToContainTextAsync($"{expected.GetProperty("facets").GetProperty("normStatus").GetProperty("partial").GetInt32()} binnen de norm voor zover bekend");
    });

    [Fact]
    public Task Topics_are_any_of_with_their_counts_and_crisis_care_only_when_asked_for() => InPageAsync(async page =>
    {
        var angst = await ApiAsync("/api/v1/offerings?municipality=GM0222&tag=angst&pageSize=100");
        var gedrag = await ApiAsync("/api/v1/offerings?municipality=GM0222&tag=gedragsproblemen&pageSize=100");
        var both = await ApiAsync("/api/v1/offerings?municipality=GM0222&tag=angst&tag=gedragsproblemen&pageSize=100");
        var union = Expected.Items(angst).Concat(Expected.Items(gedrag)).Select(i => i.GetProperty("id").GetString()).Distinct().Count();
        Assert.True(Expected.Items(angst).Any() && Expected.Items(gedrag).Any(), "the demo data should have offerings for both topics in Doetinchem");
        Assert.Equal(union, both.GetProperty("total").GetInt32());

        await GoAsync(page, "/?gemeente=GM0222&onderwerp=angst");
        await ResultsAsync(page);
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync($"{angst.GetProperty("total").GetInt32()} resultaten in Doetinchem");

        // Beside each topic: how many offerings have it, with every other filter as it is (as the API counts it).
        var facets = angst.GetProperty("facets").GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("count").GetInt32());
        await Expect(page.GetByLabel(new Regex(@"^Problemen met gedrag \(\d+\)$"))).ToHaveAccessibleNameAsync($"Problemen met gedrag ({facets["gedragsproblemen"]})");
        await page.GetByLabel(new Regex(@"^Problemen met gedrag \(")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync($"{union} resultaten in Doetinchem");
        Assert.Equal(gedrag.GetProperty("total").GetInt32(), facets["gedragsproblemen"]);

        // No care type chosen: no crisis care among the results, and the page says how to find it.
        var all = await ApiAsync("/api/v1/offerings?municipality=GM0222&pageSize=100");
        Assert.DoesNotContain(Expected.Items(all), i => i.GetProperty("careType").GetProperty("code").GetString() is "crisishulp" or "gesloten-jeugdzorg");
        var crisis = await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=crisishulp");
        Assert.True(crisis.GetProperty("total").GetInt32() > 0);
        await GoAsync(page, "/?gemeente=GM0222&sorteer=wachttijd");
        await ResultsAsync(page);
        await Expect(page.Locator(".results .hint")).ToContainTextAsync("Crisishulp en gesloten jeugdzorg zie je hier alleen als je ze kiest");
        await Expect(page.Locator(".result-list .meta", new() { HasText = "Crisishulp" })).ToHaveCountAsync(0);
        await GoAsync(page, "/?gemeente=GM0222&zorgvorm=crisishulp");
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(new Regex($"^{crisis.GetProperty("total").GetInt32()} resultat"));
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/verwijzers")]
    [InlineData("/uitleg")]
    [InlineData("/aanbieders")]
    public Task Every_public_page_shows_where_to_call_in_a_crisis(string path) => InPageAsync(async page =>
    {
        await GoAsync(page, path);
        var spoed = page.GetByRole(AriaRole.Complementary, new() { Name = "Spoed" });
        await Expect(spoed).ToBeVisibleAsync();
        await Expect(spoed).ToContainTextAsync("Spoed?");
        foreach (var (number, href) in new[] { ("112", "tel:112"), ("0800-2000", "tel:08002000"), ("0800-0113", "tel:08000113") })
        {
            await Expect(spoed.GetByRole(AriaRole.Link, new() { Name = number })).ToHaveAttributeAsync("href", href);
        }

        await Expect(spoed).ToContainTextAsync("Veilig Thuis");
        await Expect(spoed).ToContainTextAsync("huisarts");

        // On a phone the numbers stay, in two lines.
        await page.SetViewportSizeAsync(375, 667);
        await Expect(spoed.GetByRole(AriaRole.Link, new() { Name = "0800-0113" })).ToBeVisibleAsync();
        Assert.True((await spoed.BoundingBoxAsync())!.Height < 70, "the Spoed block should be two lines on a phone");
    });

    [Fact]
    public Task The_search_and_the_offering_say_where_to_go_next_and_what_to_do_about_a_long_wait() => InPageAsync(async page =>
    {
        var municipality = await ApiAsync("/api/v1/municipalities/GM0294");
        var access = municipality.GetProperty("access");
        var name = access.GetProperty("name").GetString()!;

        await GoAsync(page, "/?gemeente=GM0294&zorgvorm=ambulante-begeleiding&leeftijd=9");
        var block = page.Locator("section.access");
        await Expect(block.GetByRole(AriaRole.Heading, new() { Name = "Zo kom je aan deze hulp in Winterswijk" })).ToBeVisibleAsync();
        await Expect(block).ToContainTextAsync(name);
        await Expect(block.GetByRole(AriaRole.Link, new() { Name = access.GetProperty("phone").GetString() })).ToHaveAttributeAsync("href", new Regex("^tel:"));
        await Expect(block.Locator($"a[href^=\"{access.GetProperty("website").GetString()}\"]")).ToHaveCountAsync(1);
        await Expect(block).ToContainTextAsync("Is de wachttijd langer dan de norm?");
        await Expect(block).ToContainTextAsync("overbruggingszorg");
        await Expect(block).ToContainTextAsync("andere plek te zoeken");
        if (access.GetProperty("waitWeeks").ValueKind == JsonValueKind.Number)
        {
            await Expect(block).ToContainTextAsync($"doorgegeven op {Expected.Date(access.GetProperty("waitReportedAt").GetDateTimeOffset())}");
        }

        // The offering carries the municipality and the child's age along, and says the same there.
        var first = page.Locator(".result-list .card-title a").First;
        Assert.Matches("gemeente=GM0294&leeftijd=9$", await first.GetAttributeAsync("href"));
        await first.ClickAsync();
        await Expect(page.Locator("section.access")).ToContainTextAsync(name);
        await Expect(page.Locator(".no-municipality")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task An_offering_opened_without_a_municipality_says_so_and_offers_the_municipalities_it_is_contracted_for() => InPageAsync(async page =>
    {
        var search = await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=ambulante-begeleiding");
        var id = Expected.Items(search).First().GetProperty("id").GetString();
        var detail = await ApiAsync($"/api/v1/offerings/{id}");

        await GoAsync(page, $"/aanbod/{id}");
        var notice = page.Locator(".no-municipality");
        await Expect(notice).ToContainTextAsync("Je hebt geen gemeente gekozen.");
        await Expect(notice.Locator("a")).ToHaveCountAsync(detail.GetProperty("municipalities").GetArrayLength());
        await Expect(page.Locator("section.access")).ToHaveCountAsync(0);

        await notice.GetByRole(AriaRole.Link, new() { Name = "Doetinchem", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/aanbod/{id}\\?gemeente=GM0222$"));
        await Expect(page.Locator("section.access")).ToContainTextAsync("Zo kom je aan deze hulp in Doetinchem");
    });

    [Fact]
    public Task Alternatives_fit_the_childs_age_from_the_search_and_the_heading_says_what_they_are() => InPageAsync(async page =>
    {
        // An offering in Enschede whose alternatives differ with the child's age.
        var search = await ApiAsync("/api/v1/offerings?municipality=GM0153&pageSize=100");
        JsonElement chosen = default;
        JsonElement forAge = default;
        var age = 0;
        foreach (var item in Expected.Items(search).Reverse())
        {
            var id = item.GetProperty("id").GetString();
            var any = await ApiAsync($"/api/v1/offerings/{id}?municipality=GM0153");
            foreach (var candidate in new[] { 6, 9, 13, 16 })
            {
                if (candidate < item.GetProperty("ageMin").GetInt32() || candidate > item.GetProperty("ageMax").GetInt32())
                {
                    continue;
                }

                var withAge = await ApiAsync($"/api/v1/offerings/{id}?municipality=GM0153&age={candidate}");
                if (withAge.GetProperty("alternatives").GetArrayLength() > 0
                    && withAge.GetProperty("alternatives").GetArrayLength() != any.GetProperty("alternatives").GetArrayLength())
                {
                    (chosen, forAge, age) = (item, withAge, candidate);
                    break;
                }
            }

            if (age > 0)
            {
                break;
            }
        }

        Assert.True(age > 0, "the demo data should have an offering in Enschede whose alternatives depend on the age");
        Assert.All(forAge.GetProperty("alternatives").EnumerateArray(), a =>
            Assert.InRange(age, a.GetProperty("ageMin").GetInt32(), a.GetProperty("ageMax").GetInt32()));

        await GoAsync(page, $"/?gemeente=GM0153&leeftijd={age}&zorgvorm={chosen.GetProperty("careType").GetProperty("code").GetString()}");
        await ResultsAsync(page);
        await page.Locator($".card-title a[href^=\"/aanbod/{chosen.GetProperty("id").GetString()}\"]").ClickAsync();
        var section = page.Locator("section.detail-section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Ander aanbod in Enschede dat nu aanmeldingen aanneemt en korter wacht" }) });
        await Expect(section).ToContainTextAsync($"voor een kind van {age} jaar");
        Assert.Equal(
            forAge.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("title").GetString()),
            await section.Locator(".card-title").AllInnerTextsAsync());
    });

    [Fact]
    public Task The_chart_draws_a_known_step_when_the_total_is_unknown_and_marks_weeks_without_figures() => InPageAsync(async page =>
    {
        // An offering whose history has weeks with only one step known.
        JsonElement detail = default;
        foreach (var municipality in new[] { "GM0294", "GM0222", "GM0153", "GM0200", "GM0281" })
        {
            foreach (var item in Expected.Items(await ApiAsync($"/api/v1/offerings?municipality={municipality}&pageSize=100")))
            {
                var candidate = await ApiAsync($"/api/v1/offerings/{item.GetProperty("id").GetString()}?municipality={municipality}");
                if (candidate.GetProperty("history").EnumerateArray().Any(w =>
                        w.GetProperty("totalWaitWeeks").ValueKind == JsonValueKind.Null
                        && (w.GetProperty("waitToIntakeWeeks").ValueKind == JsonValueKind.Number || w.GetProperty("waitToTreatmentWeeks").ValueKind == JsonValueKind.Number)))
                {
                    detail = candidate;
                    break;
                }
            }

            if (detail.ValueKind == JsonValueKind.Object)
            {
                break;
            }
        }

        Assert.Equal(JsonValueKind.Object, detail.ValueKind);
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        var withFigures = history.Count(w => w.GetProperty("phases").EnumerateArray().Any(p => p.GetProperty("weeks").ValueKind == JsonValueKind.Number));

        await GoAsync(page, $"/aanbod/{detail.GetProperty("id").GetString()}");
        var chart = page.Locator("svg.chart");
        await Expect(chart).ToBeVisibleAsync();

        // Every week with a figure is a bar; a week without a report shows "–", one without any wait "?": never empty.
        await Expect(chart.Locator(".bar")).ToHaveCountAsync(withFigures);
        await Expect(chart.Locator(".no-figure", new() { HasText = "–" })).ToHaveCountAsync(26 - history.Count);
        await Expect(chart.Locator(".no-figure", new() { HasText = "?" })).ToHaveCountAsync(history.Count - withFigures);
        await Expect(chart.Locator(".bar-intake, .bar-treatment")).Not.ToHaveCountAsync(0);
        if (history.Count < 26)
        {
            Assert.Contains($"{Expected.Weeks(26 - history.Count)} zonder cijfers", await chart.Locator("desc").TextContentAsync());
            await Expect(page.Locator(".chart-legend")).ToContainTextAsync("Geen cijfers doorgegeven die week");
        }
    });

    [Fact]
    public Task Back_from_an_offering_restores_the_place_in_the_results_and_the_focus() => InPageAsync(async page =>
    {
        await GoAsync(page, "/?gemeente=GM0222");
        await ResultsAsync(page);
        var link = page.Locator(".result-list .card-title a").Nth(12);
        var href = await link.GetAttributeAsync("href");
        await link.ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, 120)");
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(scrolled > 800, $"scrolled only {scrolled} px");

        await link.ClickAsync();
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
        await page.GoBackAsync();
        await Expect(page.Locator($".result-list .card-title a[href=\"{href}\"]")).ToBeFocusedAsync();
        Assert.InRange(await page.EvaluateAsync<double>("() => window.scrollY"), scrolled - 2, scrolled + 2);

        // The page's own "back" link goes back too, to the same place.
        await page.Locator($".result-list .card-title a[href=\"{href}\"]").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de zoekresultaten" }).ClickAsync();
        await Expect(page.Locator($".result-list .card-title a[href=\"{href}\"]")).ToBeFocusedAsync();
        Assert.InRange(await page.EvaluateAsync<double>("() => window.scrollY"), scrolled - 2, scrolled + 2);
    });

    [Fact]
    public Task On_a_phone_a_search_folds_the_form_into_one_line_and_the_results_start_on_the_first_screen() => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 667 } },
        async page =>
        {
            await GoAsync(page, "/?gemeente=GM0294&zorgvorm=ambulante-begeleiding&leeftijd=9");
            await ResultsAsync(page);
            var folded = page.Locator(".folded");
            await Expect(folded).ToBeVisibleAsync();
            await Expect(folded.Locator(".folded-text")).ToHaveTextAsync(new Regex("^Je zoekt: Winterswijk · Ambulante begeleiding"));
            await Expect(page.Locator("form.search-form")).ToBeHiddenAsync();
            var firstCard = await page.Locator(".result-list .card").First.BoundingBoxAsync();
            Assert.True(firstCard!.Y < 667, $"the first result starts at {firstCard.Y} px, below the first screen");

            var change = page.GetByRole(AriaRole.Button, new() { Name = "Wijzig" });
            await Expect(change).ToHaveAttributeAsync("aria-expanded", "false");
            await change.ClickAsync();
            await Expect(page.Locator("form.search-form")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" })).ToBeFocusedAsync();
            await page.GetByLabel("Leeftijd van het kind").FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
            await Expect(folded.Locator(".folded-text")).ToContainTextAsync("12 jaar");
            await Expect(page.Locator("form.search-form")).ToBeHiddenAsync();

            // On a wide screen the form stays open.
            await page.SetViewportSizeAsync(1280, 900);
            await Expect(page.Locator("form.search-form")).ToBeVisibleAsync();
            await Expect(folded).ToBeHiddenAsync();
        });

    [Theory]
    [InlineData("/?gemeente=GM0294", 375)]
    [InlineData("/?gemeente=GM0294", 1280)]
    [InlineData("/verwijzers?gemeente=GM0222", 1280)]
    public Task The_page_does_not_jump_while_the_form_and_the_results_appear(string path, int width) => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = width < 500 ? 667 : 900 } },
        async page =>
        {
            // Layout shifts as the browser counts them for CLS (not those right after input).
            await page.AddInitScriptAsync("""
                window.__shift = 0;
                new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
                  .observe({ type: 'layout-shift', buffered: true });
                """);
            await GoAsync(page, path);
            await ResultsAsync(page);
            await page.WaitForTimeoutAsync(500);
            var shift = await page.EvaluateAsync<double>("() => window.__shift");
            Output.WriteLine($"{path} at {width} px: layout shift {shift:F4}");
            Assert.True(shift <= 0.05, $"layout shift {shift:F3} on {path} at {width} px");
        }, name: $"No_jump_{width}_{path.Length}");
}
