using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// Every page, in each of its states (empty, with results, with errors, lists open), passes axe-core's WCAG 2.1 A and
/// AA rules with zero violations, and reflows at 320 px without scrolling sideways (WCAG 1.4.10).
/// </summary>
public sealed class AccessibilityTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static TheoryData<string> Pages() =>
    [
        "zoeken", "zoeken met resultaten", "zoeken met fouten", "zoeken met gemeentelijst open", "aanbod", "verwijzers",
        "aanbieders: sleutel", "aanbieders: formulier", "aanbieders: formulier met fouten", "uitleg", "pagina niet gevonden",
        "beheer: sleutel", "beheer: overzicht met tabel", "beheer: te laat", "beheer: aanbieders", "beheer: aanbieder met formulieren",
        "beheer: nieuwe sleutel", "beheer: verwijderen bevestigen", "beheer: fouten", "beheer: normen met fouten",
        "zoeken zonder resultaten", "zoeken met onderwerpen en aantallen", "zoeken opgevouwen op een telefoon", "aanbod zonder gemeente",
        "beheer: toegang met fouten", "meldingen", "beheer: opvallende meldingen", "aanbieders: klopt dit",
        "verwijzers met keuzelijst", "verwijzers op een telefoon", "keuzelijst", "keuzelijst met een foute link",
        "beheer: norm in het verleden bevestigen", "beheer: overzicht op een telefoon",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Every_page_has_no_wcag_2_1_aa_violations_counts_in_dutch_and_reflows_at_320_px(string state) => InPageAsync(async page =>
    {
        await OpenAsync(page, state);

        var result = await page.RunAxe(Wcag21AA);
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}: {n.Html}")));
        Assert.True(result.Violations.Length == 0, $"axe found on '{state}':\n{string.Join("\n", violations)}");
        Assert.NotEmpty(result.Passes);

        // Dutch counted right: no "3 aanbod" or "1 weken" anywhere on the page in this state.
        var slips = DutchCounts.Slips(await page.Locator("main").InnerTextAsync());
        Assert.True(slips.Count == 0, $"'{state}' counts in Dutch wrongly: {string.Join(" | ", slips)}");

        await page.SetViewportSizeAsync(320, 640);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"'{state}' scrolls {overflow} px sideways at 320 px width");
    }, name: $"Every_page_{state.Replace(' ', '_').Replace(':', '_')}");

    [Theory]
    [InlineData("3 aanbod zonder cijfers", "3 aanbod")]
    [InlineData("Er zijn 0 plek vrij", "0 plek")]
    [InlineData("Het bestand met 1 regels", "1 regels")]
    [InlineData("nog 12 week wachten", "12 week")]
    [InlineData("Keuzelijst: 1 aanbieders", "1 aanbieders")]
    [InlineData("1 aanbod, 2 weken, 1 week, 0 weken, 2,5 weken, 1.000 meldingen, 30 november 2026 week 49, van 1 januari 2015, 1 van 8 vrij", null)]
    public void The_count_check_finds_number_noun_slips_and_only_those(string text, string? slip)
    {
        Assert.Equal(slip is null ? [] : [slip], DutchCounts.Slips(text));
    }

    [Fact]
    public Task The_scan_does_find_a_violation_when_a_page_has_one() => InPageAsync(async page =>
    {
        await GoAsync(page, "/uitleg");
        await page.EvaluateAsync("() => { const input = document.createElement('input'); input.type = 'text'; document.querySelector('main').append(input); }");

        var result = await page.RunAxe(Wcag21AA);

        Assert.Contains(result.Violations, v => v.Id == "label");
    });

    private async Task OpenAsync(IPage page, string state)
    {
        switch (state)
        {
            case "zoeken":
                await GoAsync(page, "/");
                await Expect(page.Locator("form.search-form")).ToBeVisibleAsync();
                break;
            case "zoeken met resultaten":
                await GoAsync(page, "/?gemeente=GM0222&onderwerp=angst");
                await ResultsAsync(page);
                break;
            case "zoeken met fouten":
                await GoAsync(page, "/");
                await page.GetByLabel("Postcode (mag ook)").FillAsync("abc");
                await page.GetByLabel("Leeftijd van het kind").FillAsync("99");
                await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken", Exact = true }).ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "zoeken met gemeentelijst open":
                await GoAsync(page, "/");
                await page.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" }).FillAsync("e");
                await page.Keyboard.PressAsync("ArrowDown");
                await Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
                break;
            case "aanbod":
                var search = await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=jeugd-ggz-basis");
                await GoAsync(page, $"/aanbod/{Expected.Items(search).First().GetProperty("id").GetString()}?gemeente=GM0222");
                await Expect(page.Locator(".chart")).ToBeVisibleAsync();
                await page.GetByText("Bekijk de cijfers als tabel").ClickAsync();
                await Expect(page.Locator(".history-table")).ToBeVisibleAsync();
                break;
            case "verwijzers":
                await GoAsync(page, "/verwijzers?gemeente=GM0222");
                await Expect(page.Locator(".referrer-table")).ToBeVisibleAsync();
                break;
            case "verwijzers met keuzelijst":
            case "verwijzers op een telefoon":
                if (state.EndsWith("telefoon", StringComparison.Ordinal))
                {
                    await page.SetViewportSizeAsync(375, 800);
                }

                await GoAsync(page, "/verwijzers?gemeente=GM0222&leeftijd=12");
                await Expect(page.Locator(".capacity-table")).ToBeVisibleAsync();
                await page.Locator(".referrer-table tbody tr").First.GetByRole(AriaRole.Checkbox).CheckAsync();
                await Expect(page.Locator(".shortlist-bar")).ToBeVisibleAsync();
                break;
            case "keuzelijst":
                var chosen = Expected.Items(await ApiAsync("/api/v1/offerings?municipality=GM0222&pageSize=5")).Select(i => i.GetProperty("id").GetString());
                await GoAsync(page, $"/keuzelijst?aanbod={string.Join(',', chosen)}&gemeente=GM0222");
                await Expect(page.Locator(".shortlist-item")).ToHaveCountAsync(5);
                break;
            case "keuzelijst met een foute link":
                await GoAsync(page, "/keuzelijst?aanbod=abc,00000000-0000-0000-0000-000000000001&gemeente=GM9999");
                await Expect(page.Locator(".notice").First).ToBeVisibleAsync();
                break;
            case "aanbieders: sleutel":
                await GoAsync(page, "/aanbieders");
                await Expect(page.GetByLabel("Je API-sleutel")).ToBeVisibleAsync();
                break;
            case "aanbieders: formulier":
            case "aanbieders: formulier met fouten":
                var (providerId, _, _) = await App.DemoProviderAsync(minimumOfferings: 2);
                var (_, key) = await App.CreateApiKeyAsync(ApiKeyRole.Provider, providerId);
                await page.AddInitScriptAsync($"sessionStorage.setItem('bw-api-key', '{key}')");
                await GoAsync(page, "/aanbieders");
                await Expect(page.Locator("fieldset.offering-report").First).ToBeVisibleAsync();
                if (state.EndsWith("fouten", StringComparison.Ordinal))
                {
                    await page.Locator("fieldset.offering-report").First.GetByLabel("Wachttijd tot intake").FillAsync("200");
                    await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Verstuur de cijfers") }).ClickAsync();
                    await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                }

                break;
            case "aanbieders: klopt dit":
                var (weekProvider, _, _) = await App.DemoProviderAsync(minimumOfferings: 2);
                var (_, weekKey) = await App.CreateApiKeyAsync(ApiKeyRole.Provider, weekProvider);
                await page.AddInitScriptAsync($"sessionStorage.setItem('bw-api-key', '{weekKey}')");
                await GoAsync(page, "/aanbieders");
                await page.Locator("fieldset.offering-report").First.GetByLabel("Wachttijd tot intake").FillAsync("60");
                await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Verstuur de cijfers") }).ClickAsync();
                await Expect(page.Locator(".warning-summary")).ToBeVisibleAsync();
                break;
            case "meldingen":
                await GoAsync(page, "/meldingen?regio=achterhoek");
                await Expect(page.Locator(".reporting-summary")).ToBeVisibleAsync();
                break;
            case "beheer: opvallende meldingen":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/opvallend?regio=achterhoek");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeVisibleAsync();
                break;
            case "uitleg":
                await GoAsync(page, "/uitleg");
                await Expect(page.Locator("table")).ToBeVisibleAsync();
                break;
            case "pagina niet gevonden":
                await GoAsync(page, "/bestaat-niet");
                break;
            case "beheer: sleutel":
                await GoAsync(page, "/beheer");
                await Expect(page.GetByLabel("Je beheersleutel")).ToBeVisibleAsync();
                break;
            case "beheer: overzicht met tabel":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer?regio=achterhoek");
                await page.Locator("details.trend-fold > summary").First.ClickAsync();
                await page.Locator("article.trend").First.GetByText("Bekijk de cijfers als tabel").ClickAsync();
                await Expect(page.Locator("table.trend-table").First).ToBeVisibleAsync();
                break;
            case "beheer: te laat":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/verouderd?regio=achterhoek");
                await Expect(page.Locator(".stale-table")).ToBeVisibleAsync();
                break;
            case "beheer: aanbieders":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/aanbieders?regio=achterhoek");
                await Expect(page.Locator(".provider-table")).ToBeVisibleAsync();
                break;
            case "beheer: aanbieder met formulieren":
            case "beheer: nieuwe sleutel":
            case "beheer: verwijderen bevestigen":
                var arranged = await Beheer.ArrangeProviderAsync(App, Beheer.Unique("Toegankelijk"), "GM0281", "ambulante-begeleiding");
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, $"/beheer/aanbieders/{arranged.ProviderId}?regio=rivierenland");
                await Expect(page.Locator("main h1")).ToHaveTextAsync(arranged.Name);
                if (state.EndsWith("formulieren", StringComparison.Ordinal))
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = $"Wijzigen: {arranged.Name} vestiging" }).ClickAsync();
                    await page.GetByRole(AriaRole.Button, new() { Name = $"Wijzigen: {arranged.OfferingTitle}" }).ClickAsync();
                    await Expect(page.Locator("form.editor")).ToHaveCountAsync(2);
                }
                else if (state.EndsWith("sleutel", StringComparison.Ordinal))
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Maak een sleutel" }).ClickAsync();
                    await Expect(page.Locator(".key-once")).ToBeVisibleAsync();
                }
                else
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder verwijderen" }).ClickAsync();
                    await Expect(page.Locator(".confirm")).ToBeVisibleAsync();
                }

                break;
            case "beheer: fouten":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/aanbieders/nieuw?regio=achterhoek");
                await page.GetByLabel("KvK-nummer (mag leeg blijven)").FillAsync("123");
                await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder toevoegen" }).ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "beheer: normen met fouten":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/normen?regio=twente");
                await Beheer.SubmitNormAsync(Beheer.NormForm(page), "crisishulp", "300");
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "beheer: norm in het verleden bevestigen":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/normen?regio=twente");
                await Beheer.SubmitNormAsync(Beheer.NormForm(page), "dagbehandeling", "9", "2026-09-01");
                await Expect(page.Locator(".confirm")).ToBeVisibleAsync();
                break;
            case "beheer: overzicht op een telefoon":
                await page.SetViewportSizeAsync(375, 800);
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer?regio=achterhoek");
                await Expect(page.Locator("table.provider-compliance")).ToBeVisibleAsync();
                break;
            case "zoeken zonder resultaten":
                await GoAsync(page, "/?gemeente=GM0222&leeftijd=12&zoek=qqqqzzzz");
                await Expect(page.Locator(".drop-filter")).ToHaveCountAsync(3);
                break;
            case "zoeken met onderwerpen en aantallen":
                await GoAsync(page, "/?gemeente=GM0222&onderwerp=angst&onderwerp=adhd");
                await ResultsAsync(page);
                await Expect(page.Locator(".tag-count").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^ \(\d+\)$"));
                break;
            case "zoeken opgevouwen op een telefoon":
                await page.SetViewportSizeAsync(375, 667);
                await GoAsync(page, "/?gemeente=GM0294&leeftijd=9");
                await ResultsAsync(page);
                await Expect(page.Locator(".folded")).ToBeVisibleAsync();
                break;
            case "aanbod zonder gemeente":
                var some = await ApiAsync("/api/v1/offerings?municipality=GM0294&careType=ambulante-begeleiding");
                await GoAsync(page, $"/aanbod/{Expected.Items(some).First().GetProperty("id").GetString()}");
                await Expect(page.Locator(".no-municipality")).ToBeVisibleAsync();
                break;
            case "beheer: toegang met fouten":
                await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/toegang?regio=rivierenland");
                await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigen: toegang in Tiel" }).ClickAsync();
                await page.GetByLabel("Telefoon").FillAsync("bel ons");
                await page.GetByLabel("Wachttijd voor een eerste gesprek, in weken (mag leeg)").FillAsync("vier");
                await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }
}
