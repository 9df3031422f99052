using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// The keuzelijst: a referrer ticks offerings in the table or on the cards and hands the family one printed page with, for
/// each, the wait against the norm, where it is and the phone number, and the municipality's toegang. The link holds
/// offering ids and the municipality only.
/// </summary>
public sealed partial class ShortlistPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string Flat(string text) => Whitespace().Replace(text, " ");

    [Fact]
    public Task Five_offerings_ticked_in_the_table_print_on_one_a4_page_with_their_waits_phones_and_the_toegang() => InPageAsync(async page =>
    {
        var items = Expected.Items(await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=ambulante-begeleiding&pageSize=50")).Take(5).ToList();
        Assert.Equal(5, items.Count);
        var toegang = await ApiAsync("/api/v1/municipalities/GM0222");

        await GoAsync(page, "/verwijzers?gemeente=GM0222&zorgvorm=ambulante-begeleiding");
        var rows = page.Locator(".referrer-table tbody tr");
        for (var i = 0; i < 5; i++)
        {
            await rows.Nth(i).GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        await Expect(page.Locator(".shortlist-count")).ToHaveTextAsync("Keuzelijst: 5 gekozen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de keuzelijst" }).ClickAsync();
        await Expect(page.Locator(".shortlist-item")).ToHaveCountAsync(5);

        // Nothing about the child in the address: the ids of what was chosen and the municipality.
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal(["aanbod", "gemeente"], query.AllKeys.Order(StringComparer.Ordinal));
        Assert.Equal(items.Select(i => i.GetProperty("id").GetString()).Order(), query["aanbod"]!.Split(',').Order());

        // The page's own link, for the family's file or a colleague: the same address.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kopieer link" }).ClickAsync();
        Assert.Equal(page.Url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var text = Flat(string.Join(" ", document.GetPages().Single().GetWords().Select(w => w.Text)));
        Assert.Contains("Keuzelijst jeugdhulp", text, StringComparison.Ordinal);
        foreach (var item in items)
        {
            Assert.Contains(Flat(item.GetProperty("title").GetString()!), text, StringComparison.Ordinal);
            if (item.GetProperty("provider").GetProperty("phone").GetString() is { } phone)
            {
                Assert.Contains(phone, text, StringComparison.Ordinal);
            }

            if (Expected.LeadLine(item) is { } lead)
            {
                Assert.Contains(Flat(lead), text, StringComparison.Ordinal);
            }
        }

        Assert.Contains($"Zo kom je aan deze hulp in Doetinchem", text, StringComparison.Ordinal);
        Assert.Contains(toegang.GetProperty("access").GetProperty("phone").GetString()!, text, StringComparison.Ordinal);
        // The page's own tools are not on paper.
        Assert.DoesNotContain("Afdrukken of opslaan als pdf", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kopieer link", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Voor aanbieders", text, StringComparison.Ordinal);
    });

    [Fact]
    public Task A_card_on_the_parents_page_goes_on_the_list_too_and_the_list_stops_at_ten() => InPageAsync(async page =>
    {
        await GoAsync(page, "/?gemeente=GM0222");
        var cards = (await ResultsAsync(page)).Locator("article.card");
        await cards.Nth(0).GetByLabel(new Regex("^Zet op de keuzelijst")).CheckAsync();
        await Expect(page.Locator(".shortlist-count")).ToHaveTextAsync("Keuzelijst: 1 gekozen");

        for (var i = 1; i < 10; i++)
        {
            await cards.Nth(i).GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        await Expect(page.Locator(".shortlist-count")).ToHaveTextAsync("Keuzelijst: 10 gekozen");
        await cards.Nth(10).GetByRole(AriaRole.Checkbox).ClickAsync();
        await Expect(cards.Nth(10).GetByRole(AriaRole.Checkbox)).Not.ToBeCheckedAsync();
        await Expect(page.Locator(".shortlist-status")).ToHaveTextAsync("Er kunnen hoogstens 10 op de keuzelijst. Haal er eerst een af.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Leeg maken" }).ClickAsync();
        await Expect(cards.Nth(0).GetByRole(AriaRole.Checkbox)).Not.ToBeCheckedAsync();
        await Expect(page.Locator(".shortlist-bar")).ToBeHiddenAsync();
    });

    public static TheoryData<string, string> BadLinks() => new()
    {
        { "/keuzelijst", "Er staat nog niets op deze keuzelijst." },
        { "/keuzelijst?aanbod=" + string.Join(',', Enumerable.Range(0, 11).Select(i => new Guid($"00000000-0000-0000-0000-{i:000000000000}"))), "Een keuzelijst kan hoogstens 10 keuzes hebben. Deze link heeft er 11." },
        { "/keuzelijst?aanbod=00000000-0000-0000-0000-000000000001,abc,%3Cimg%20src=x%3E&gemeente=GM0222", "Van de gekozen hulp bestaan er 3 niet meer." },
        { "/keuzelijst?aanbod=00000000-0000-0000-0000-000000000001&gemeente=GM9999", "De gemeente in deze link kennen we niet." },
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public Task A_bad_link_says_in_dutch_what_is_wrong(string link, string message) => InPageAsync(async page =>
    {
        await GoAsync(page, link);

        await Expect(page.Locator("main")).ToContainTextAsync(message);
        await AssertNothingRanAsync(page);
    }, name: $"A_bad_link_{message[..12].Replace(' ', '_')}");

    [Fact]
    public Task A_deleted_offering_is_named_as_gone_and_the_rest_is_shown() => InPageAsync(async page =>
    {
        var items = Expected.Items(await ApiAsync("/api/v1/offerings?municipality=GM0153&pageSize=2")).ToList();
        var ids = string.Join(',', items.Select(i => i.GetProperty("id").GetString()).Append(Guid.NewGuid().ToString()));

        await GoAsync(page, $"/keuzelijst?aanbod={ids}&gemeente=GM0153");

        await Expect(page.Locator(".shortlist-item")).ToHaveCountAsync(2);
        await Expect(page.Locator("main")).ToContainTextAsync("Eén gekozen aanbod bestaat niet meer.");
        var municipality = (await ApiAsync("/api/v1/municipalities/GM0153")).GetProperty("name").GetString();
        await Expect(page.Locator(".access h2")).ToHaveTextAsync($"Zo kom je aan deze hulp in {municipality}");
    });
}
