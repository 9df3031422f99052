using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>Aanbod (/aanbod/{id}): every field, the 26-week chart against the norm with its text alternative, alternatives.</summary>
public sealed class DetailPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    /// <summary>An offering in Doetinchem with history, a total-wait norm, weeks over it, and alternatives.</summary>
    private async Task<JsonElement> OfferingWithAlternativesAsync()
    {
        var search = await ApiAsync("/api/v1/offerings?municipality=GM0222&pageSize=100&sort=wait");
        foreach (var item in Expected.Items(search).Reverse())
        {
            var detail = await ApiAsync($"/api/v1/offerings/{item.GetProperty("id").GetString()}?municipality=GM0222");
            var history = detail.GetProperty("history").EnumerateArray().ToList();
            if (detail.GetProperty("alternatives").GetArrayLength() >= 2 && history.Count >= 4
                && history.Any(w => w.GetProperty("normStatus").GetString() == "exceeded")
                && history.All(w => w.GetProperty("totalWaitWeeks").ValueKind == JsonValueKind.Number && w.GetProperty("norm").ValueKind == JsonValueKind.Object
                                    && w.GetProperty("norm").GetProperty("maxTotalWeeks").ValueKind == JsonValueKind.Number))
            {
                return detail;
            }
        }

        throw new InvalidOperationException("The demo data has no offering in Doetinchem with history over the norm and alternatives.");
    }

    [Fact]
    public Task The_detail_page_shows_every_field_the_chart_against_the_norm_and_the_alternatives() => InPageAsync(async page =>
    {
        var offering = await OfferingWithAlternativesAsync();
        var id = offering.GetProperty("id").GetString();
        var provider = offering.GetProperty("provider");
        await GoAsync(page, $"/aanbod/{id}?gemeente=GM0222");

        await Expect(page.Locator("main h1")).ToHaveTextAsync(offering.GetProperty("title").GetString()!);
        await Expect(page).ToHaveTitleAsync($"{offering.GetProperty("title").GetString()} — {provider.GetProperty("name").GetString()} — BeschikbaarheidsWijzer");
        var main = page.Locator("main");
        await Expect(main.Locator(".provider").First).ToHaveTextAsync(provider.GetProperty("name").GetString()!);
        await Expect(main).ToContainTextAsync(offering.GetProperty("careType").GetProperty("name").GetString()!);
        await Expect(main).ToContainTextAsync($"{offering.GetProperty("ageMin").GetInt32()} tot en met {offering.GetProperty("ageMax").GetInt32()} jaar");
        await Expect(main).ToContainTextAsync(offering.GetProperty("description").GetString()!);
        await Expect(Section(page, "Zo meld je je aan bij deze aanbieder")).ToContainTextAsync(offering.GetProperty("referralInfo").GetString()!);
        await Expect(Section(page, "Wachttijd en plekken").Locator(".badge").First).ToContainTextAsync(Expected.Badge(offering));
        await Expect(Section(page, "Wachttijd en plekken")).ToContainTextAsync("Vergeleken met de norm die geldt in Doetinchem");
        await Expect(Section(page, "Wachttijd en plekken")).ToContainTextAsync($"{offering.GetProperty("availability").GetProperty("waitlistCount").GetInt32()} op de wachtlijst");

        var contact = Section(page, "Contact met de aanbieder");
        await Expect(contact.GetByRole(AriaRole.Link, new() { Name = provider.GetProperty("phone").GetString() })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^tel:[0-9+]+$"));
        await Expect(contact.GetByRole(AriaRole.Link, new() { Name = provider.GetProperty("email").GetString() })).ToHaveAttributeAsync("href", $"mailto:{provider.GetProperty("email").GetString()}");
        await Expect(contact.Locator($"a[href^=\"{provider.GetProperty("website").GetString()}\"]")).ToHaveCountAsync(1);
        foreach (var location in offering.GetProperty("locations").EnumerateArray())
        {
            await Expect(Section(page, "Locaties")).ToContainTextAsync(location.GetProperty("name").GetString()!);
            await Expect(Section(page, "Locaties")).ToContainTextAsync(location.GetProperty("postcode").GetString()!);
        }

        foreach (var municipality in offering.GetProperty("municipalities").EnumerateArray())
        {
            await Expect(Section(page, "Voor welke gemeenten")).ToContainTextAsync(municipality.GetProperty("name").GetString()!);
        }

        // The chart: one bar per reported week, the weeks over the norm marked, the norm as a labelled line.
        var history = offering.GetProperty("history").EnumerateArray().ToList();
        var over = history.Count(w => w.GetProperty("normStatus").GetString() == "exceeded");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "De totale wachttijd per week, tegenover de norm" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator(".bar")).ToHaveCountAsync(history.Count);
        await Expect(chart.Locator(".bar-over")).ToHaveCountAsync(over);
        await Expect(chart.Locator(".norm-line")).ToHaveCountAsync(1);
        await Expect(chart.Locator(".norm-label")).ToHaveTextAsync($"norm {history[0].GetProperty("norm").GetProperty("maxTotalWeeks").GetInt32()}");
        var description = await chart.Locator("desc").TextContentAsync();
        Assert.Contains($"{history.Count} weken met cijfers", description);
        Assert.Contains(over == 1 ? "1 week langer dan de norm" : $"{over} weken langer dan de norm", description);

        // Its text alternative: the same weeks as a table.
        await page.GetByText("Bekijk de cijfers als tabel").ClickAsync();
        var rows = page.Locator(".history-table tbody tr");
        await Expect(rows).ToHaveCountAsync(history.Count);
        var newest = history[0];
        await Expect(rows.First.Locator("th")).ToHaveTextAsync($"week {int.Parse(newest.GetProperty("week").GetString()!.Split('W')[1])}");
        await Expect(rows.First.Locator("td").Nth(3)).ToHaveTextAsync(
            $"{newest.GetProperty("totalWaitWeeks").GetInt32()} norm {newest.GetProperty("norm").GetProperty("maxTotalWeeks").GetInt32()}");
        await Expect(rows.First.Locator("td").Nth(4)).ToHaveTextAsync(Expected.StatusWords(newest.GetProperty("normStatus").GetString()).ToLowerInvariant());

        // Alternatives, each a way on.
        var alternatives = offering.GetProperty("alternatives").EnumerateArray().ToList();
        var cards = Section(page, "Ander aanbod in Doetinchem dat nu aanmeldingen aanneemt en korter wacht").Locator(".card-title");
        Assert.Equal(alternatives.Select(a => a.GetProperty("title").GetString()), await cards.AllInnerTextsAsync());
        await cards.First.Locator("a").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync(alternatives[0].GetProperty("title").GetString()!);
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
        Assert.Contains($"/aanbod/{alternatives[0].GetProperty("id").GetString()}?gemeente=GM0222", page.Url);
        await page.GoBackAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync(offering.GetProperty("title").GetString()!);
    });

    [Fact]
    public Task An_offering_that_does_not_exist_and_an_unknown_page_say_so() => InPageAsync(async page =>
    {
        await GoAsync(page, $"/aanbod/{Guid.NewGuid()}");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Aanbod niet gevonden");

        var response = await page.GotoAsync("/bestaat-niet");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Pagina niet gevonden");
    });

    private static ILocator Section(IPage page, string heading) =>
        page.Locator("section.detail-section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }) });
}
