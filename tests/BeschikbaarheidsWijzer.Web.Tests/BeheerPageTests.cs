using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// Beheer (/beheer): a contract manager, without touching the database, onboards a provider, sets the region's norms, sees
/// who is late with their figures and downloads the KPI table; a region manager sees only its own region. Each test makes
/// its own providers (in a region or care type no other test reads) and keys through the real API.
/// </summary>
public sealed class BeheerPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private static ILocator Section(IPage page, string heading) =>
        page.Locator("section.beheer-section").Filter(new() { Has = page.Locator("h2", new() { HasText = heading }) });

    private static ILocator Menu(IPage page, string name) =>
        page.Locator("nav[aria-label=Beheer]").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private async Task<List<(Guid Id, string Name)>> ProvidersOfAsync(string region)
    {
        var list = await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Get, $"/api/v1/admin/providers?region={region}&pageSize=100");
        return list.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("id").GetGuid(), p.GetProperty("name").GetString()!)).ToList();
    }

    private async Task<byte[]> CsvAsync(string key, string pathAndQuery)
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.GetByteArrayAsync(pathAndQuery);
    }

    [Fact]
    public Task A_region_manager_sees_only_its_own_region_also_when_it_asks_for_another() => InPageAsync(async page =>
    {
        var key = await Beheer.RegionManagerKeyAsync(App, "Contractmanager Achterhoek", "achterhoek");
        var achterhoek = await ProvidersOfAsync("achterhoek");
        var twenteOnly = (await ProvidersOfAsync("twente")).Where(p => achterhoek.All(a => a.Id != p.Id)).ToList();
        Assert.NotEmpty(twenteOnly);
        var asked = new List<string>();
        page.Request += (_, request) => asked.Add(Uri.UnescapeDataString(request.Url));

        await Beheer.LogInAsync(page, key);
        await Expect(page.Locator(".beheer-who")).ToHaveTextAsync("Ingelogd als contractmanager, sleutel “Contractmanager Achterhoek”.");
        await Expect(page.Locator(".beheer-region")).ToHaveTextAsync("Regio: Achterhoek");
        await Expect(page.Locator("#beheer-regio")).ToHaveCountAsync(0);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Overzicht regio Achterhoek");

        // Another region in the address: said so, and the key's own region is shown instead.
        await page.GotoAsync("/beheer?regio=twente");
        await Expect(page.Locator(".notice[role=status]").First).ToContainTextAsync("Je sleutel geeft geen toegang tot de regio “twente”. Je ziet regio Achterhoek.");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Overzicht regio Achterhoek");
        await Expect(page.Locator("table.worst-first")).ToBeVisibleAsync();

        await page.GotoAsync("/beheer/aanbieders?regio=twente");
        var names = page.Locator(".provider-table tbody th");
        await Expect(names).ToHaveCountAsync(achterhoek.Count);
        var shown = await names.AllTextContentsAsync();
        Assert.Equal(achterhoek.Select(p => p.Name).Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(shown, twenteOnly.Select(p => p.Name).Contains);

        // A Twente provider's own address does not exist for this key.
        await page.GotoAsync($"/beheer/aanbieders/{twenteOnly[0].Id}?regio=achterhoek");
        await Expect(page.Locator(".beheer-page .error")).ToContainTextAsync("hoort niet bij jouw regio");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(twenteOnly[0].Name);

        await page.GotoAsync("/beheer/verouderd?regio=twente");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Te laat met cijfers in regio Achterhoek");
        await page.GotoAsync("/beheer/normen?regio=twente");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Normen van regio Achterhoek");
        await Expect(page.Locator("table").First).ToBeVisibleAsync();

        // The page never even asked the API for Twente's data.
        Assert.Contains(asked, u => u.Contains("region=achterhoek", StringComparison.Ordinal));
        Assert.DoesNotContain(asked, u => u.Contains("/api/", StringComparison.Ordinal) && u.Contains("twente", StringComparison.Ordinal));
    });

    [Fact]
    public Task An_admin_chooses_any_region_and_the_menu_keeps_it() => InPageAsync(async page =>
    {
        var regions = await ApiAsync("/api/v1/regions");
        await Beheer.LogInAsync(page, WebAppServer.AdminKey);
        await Expect(page.Locator(".beheer-who")).ToHaveTextAsync("Ingelogd als beheerder van alle regio’s.");
        var select = page.GetByLabel("Regio", new() { Exact = true });
        var expected = regions.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).Order(StringComparer.Create(Dutch, true)).ToArray();
        await Expect(select.Locator("option")).ToHaveTextAsync(expected);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Overzicht regio Achterhoek");
        // Once the figures are in, the page's heading has the focus, as after any page change.
        await Expect(page.Locator("table.worst-first")).ToBeVisibleAsync();
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();

        await select.FocusAsync();
        await select.SelectOptionAsync("twente");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Overzicht regio Twente");
        Assert.Contains("regio=twente", page.Url);
        await Expect(select).ToBeFocusedAsync();
        await Expect(Menu(page, "Aanbieders")).ToHaveAttributeAsync("href", "/beheer/aanbieders?regio=twente");

        await Menu(page, "Normen van de regio").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Normen van regio Twente");
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
        await Expect(Menu(page, "Normen van de regio")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Menu(page, "Overzicht")).Not.ToHaveAttributeAsync("aria-current", "page");

        // Back goes to the overview of Twente again.
        await page.GoBackAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Overzicht regio Twente");
    });

    [Fact]
    public Task A_wrong_or_revoked_key_is_refused_next_to_the_key_field_and_forgotten() => InPageAsync(async page =>
    {
        await page.GotoAsync("/beheer");
        var field = page.GetByLabel("Je beheersleutel");
        await field.FillAsync("geheim");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await ExpectFieldErrorAsync(page, field, "Dit is geen geldige sleutel");

        // A provider's key is not the region's.
        var provider = await App.DemoProviderAsync(minimumOfferings: 1);
        var (_, providerKey) = await App.CreateApiKeyAsync(ApiKeyRole.Provider, provider.ProviderId);
        await field.FillAsync(providerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await ExpectFieldErrorAsync(page, page.GetByLabel("Je beheersleutel"), "Deze sleutel is van een zorgaanbieder");
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{Beheer.KeyStorage}')"));

        // A key revoked while the page is open: the next step brings back the key field, with the reason.
        var key = await Beheer.RegionManagerKeyAsync(App, "Wordt ingetrokken", "achterhoek");
        await Beheer.LogInAsync(page, key);
        await Expect(page.Locator("table.worst-first")).ToBeVisibleAsync();
        Assert.Equal(key, await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{Beheer.KeyStorage}')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Delete, $"/api/v1/admin/api-keys/{key.Split('_')[1]}");
        await Menu(page, "Te laat met cijfers").ClickAsync();
        await ExpectFieldErrorAsync(page, page.GetByLabel("Je beheersleutel"), "Deze sleutel werkt niet meer");
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{Beheer.KeyStorage}')"));

        // Logging out forgets the key.
        await Beheer.LogInAsync(page, WebAppServer.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen (sleutel vergeten)" }).ClickAsync();
        await Expect(page.GetByLabel("Je beheersleutel")).ToBeFocusedAsync();
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{Beheer.KeyStorage}')"));
    });

    [Fact]
    public Task A_contract_manager_onboards_a_provider_whose_key_works_and_whose_offering_parents_find() => InPageAsync(
        new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] },
        async page =>
        {
            var key = await Beheer.RegionManagerKeyAsync(App, "Contractmanager Rivierenland", "rivierenland");
            var name = Beheer.Unique("Jeugdhulp De Linde");
            await Beheer.LogInAsync(page, key, "/beheer/aanbieders");

            // The provider.
            await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe aanbieder toevoegen" }).ClickAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Nieuwe aanbieder");
            await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel("KvK-nummer (mag leeg blijven)").FillAsync("12345678");
            await page.GetByLabel("Website (mag leeg blijven)").FillAsync("https://www.delinde.example");
            await page.GetByLabel("Telefoon (mag leeg blijven)").FillAsync("0344-123456");
            await page.GetByLabel("E-mail (mag leeg blijven)").FillAsync("info@delinde.example");
            await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder toevoegen" }).ClickAsync();
            var success = page.Locator(".success");
            await Expect(success).ToContainTextAsync($"{name} is toegevoegd");
            await Expect(success).ToBeFocusedAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync(name);
            var providerId = Guid.Parse(Regex.Match(page.Url, "/beheer/aanbieders/([0-9a-f-]{36})").Groups[1].Value);
            await using (var db = App.CreateDbContext())
            {
                var stored = await db.Providers.SingleAsync(p => p.Id == providerId);
                Assert.Equal(["rivierenland"], stored.RegionCodes);
                Assert.Equal(("12345678", "0344-123456", "info@delinde.example"), (stored.KvkNumber, stored.Phone, stored.Email));
            }

            // A location in Tiel: picked from the list, the town filled in from it, the postcode written properly.
            await page.GetByRole(AriaRole.Button, new() { Name = "Vestiging toevoegen" }).ClickAsync();
            var editor = page.Locator("form.editor");
            await Expect(editor.GetByLabel("Naam van de vestiging")).ToBeFocusedAsync();
            await editor.GetByLabel("Naam van de vestiging").FillAsync("De Linde Tiel");
            await editor.GetByLabel("Straat en huisnummer (mag leeg blijven)").FillAsync("Waterstraat 1");
            await editor.GetByLabel("Postcode (mag leeg blijven)").FillAsync("4001 ab");
            await editor.GetByRole(AriaRole.Combobox, new() { Name = "Gemeente" }).FillAsync("Tie");
            await page.GetByRole(AriaRole.Option, new() { Name = "Tiel (Rivierenland)" }).ClickAsync();
            await Expect(editor.GetByLabel("Plaats", new() { Exact = true })).ToHaveValueAsync("Tiel");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Vestiging toevoegen" }).ClickAsync();
            await Expect(Section(page, "Vestigingen").Locator(".success")).ToContainTextAsync("De vestiging is toegevoegd");
            await Expect(Section(page, "Vestigingen").Locator(".beheer-list")).ToContainTextAsync("Waterstraat 1, 4001 AB Tiel · gemeente Tiel");

            // The offering, contracted for Tiel and Zaltbommel; a Rivierenland manager is offered only its own municipalities.
            await page.GetByRole(AriaRole.Button, new() { Name = "Aanbod toevoegen" }).ClickAsync();
            editor = page.Locator("form.editor");
            await editor.GetByLabel("Titel").FillAsync("Ouder-kindbegeleiding");
            await editor.GetByLabel("Zorgvorm").SelectOptionAsync("ambulante-begeleiding");
            await editor.GetByLabel("Leeftijd vanaf").FillAsync("0");
            await editor.GetByLabel("Leeftijd tot en met").FillAsync("12");
            await editor.GetByLabel("Vragen over opvoeden").CheckAsync();
            await editor.GetByLabel("Zo meld je je aan (mag leeg blijven)").FillAsync("Verwijzing via het wijkteam of de huisarts.");
            await Expect(editor.GetByLabel("De Linde Tiel (Tiel)")).ToBeCheckedAsync();
            await editor.GetByLabel("Tiel", new() { Exact = true }).CheckAsync();
            await editor.GetByLabel("Zaltbommel", new() { Exact = true }).CheckAsync();
            await Expect(editor.GetByLabel("Doetinchem", new() { Exact = true })).ToHaveCountAsync(0);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Aanbod toevoegen" }).ClickAsync();
            await Expect(Section(page, "Aanbod").Locator(".success")).ToContainTextAsync("Het aanbod is toegevoegd");
            await Expect(Section(page, "Aanbod").Locator(".beheer-list")).ToContainTextAsync("Gecontracteerd voor: Tiel, Zaltbommel");
            await using (var db = App.CreateDbContext())
            {
                var offering = await db.Offerings.Include(o => o.Contracts).Include(o => o.Locations).AsSplitQuery().SingleAsync(o => o.ProviderId == providerId);
                Assert.Equal(["GM0281", "GM0297"], offering.Contracts.Select(c => c.MunicipalityCode).Order());
                Assert.All(offering.Contracts, c => Assert.Equal(IsoWeekToday(), c.ValidFrom));
                Assert.Equal(["opvoedvragen"], offering.Tags);
                Assert.Equal("De Linde Tiel", Assert.Single(offering.Locations).Name);
            }

            // The key: shown once, with a copy button, and gone from the page when put away.
            await page.GetByLabel("Naam van de sleutel (mag leeg blijven)").FillAsync("Planning");
            await page.GetByRole(AriaRole.Button, new() { Name = "Maak een sleutel" }).ClickAsync();
            var once = page.Locator(".key-once");
            await Expect(once).ToBeFocusedAsync();
            await Expect(once).ToContainTextAsync("Je ziet deze sleutel maar één keer.");
            var providerKey = await once.GetByLabel("Sleutel", new() { Exact = true }).InputValueAsync();
            Assert.Matches("^bwk_[0-9a-f]{16}_[0-9a-f]{64}$", providerKey);
            await once.GetByRole(AriaRole.Button, new() { Name = "Kopieer de sleutel" }).ClickAsync();
            await Expect(once.Locator(".copy-status")).ToHaveTextAsync("De sleutel is gekopieerd. Plak hem waar de aanbieder hem veilig kan vinden.");
            Assert.Equal(providerKey, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

            // Without a clipboard the key is selected, to copy by hand.
            await page.EvaluateAsync("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('geen klembord')); }");
            await once.GetByRole(AriaRole.Button, new() { Name = "Kopieer de sleutel" }).ClickAsync();
            await Expect(once.Locator(".copy-status")).ToContainTextAsync("De sleutel is geselecteerd: druk op Ctrl+C");
            Assert.True(await page.EvaluateAsync<bool>(
                "() => { const i = document.getElementById('nieuwe-sleutel'); return document.activeElement === i && i.selectionStart === 0 && i.selectionEnd === i.value.length; }"));

            await once.GetByRole(AriaRole.Button, new() { Name = "Ik heb de sleutel bewaard" }).ClickAsync();
            await Expect(once).ToHaveCountAsync(0);
            await Expect(Section(page, "Sleutels").Locator(".beheer-list")).ToContainTextAsync("Planning");
            await Expect(Section(page, "Sleutels").Locator(".beheer-list")).ToContainTextAsync("werkt, nog niet gebruikt");
            Assert.DoesNotContain(providerKey, await page.ContentAsync(), StringComparison.Ordinal);
            await page.ReloadAsync();
            await Expect(Section(page, "Sleutels").Locator(".beheer-list")).ToContainTextAsync("Planning");
            Assert.DoesNotContain(providerKey[20..], await page.ContentAsync(), StringComparison.Ordinal);

            // The provider reports with the new key on its own page.
            await page.GotoAsync("/aanbieders");
            await page.GetByLabel("Je API-sleutel").FillAsync(providerKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
            var report = page.Locator("fieldset.offering-report");
            await Expect(report).ToHaveCountAsync(1);
            await Expect(report.Locator("legend h3")).ToHaveTextAsync("Ouder-kindbegeleiding");
            await report.GetByLabel("Ja", new() { Exact = true }).CheckAsync();
            await report.GetByLabel("Wachttijd tot intake").FillAsync("2");
            await report.GetByLabel("Wachttijd van intake tot start van de hulp").FillAsync("3");
            await report.GetByLabel("Vrije plekken").FillAsync("4");
            await report.GetByLabel("Plekken in totaal").FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur de cijfers" }).ClickAsync();
            await Expect(page.Locator(".success")).ToContainTextAsync("Gelukt: je cijfers zijn opgeslagen");

            // And a parent in Zaltbommel finds it, with its figures.
            await GoAsync(page, "/?gemeente=GM0297&zorgvorm=ambulante-begeleiding");
            var card = page.Locator(".card").Filter(new() { Has = page.GetByText(name, new() { Exact = true }) });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.Locator(".card-title")).ToHaveTextAsync("Ouder-kindbegeleiding");
            await Expect(card.Locator(".places")).ToHaveTextAsync("4 van de 12 plekken vrij");
            await Expect(card.Locator(".waits")).ToContainTextAsync("2 weken wachten tot intake");
        });

    [Fact]
    public Task A_regional_norm_set_on_the_page_judges_the_public_search_at_once() => InPageAsync(async page =>
    {
        var provider = await Beheer.ArrangeProviderAsync(App, Beheer.Unique("Pleeggezinnen De Veluwe"), "GM0200", "pleegzorg", "Pleegzorg in Apeldoorn");
        await Beheer.ReportAsync(App, provider, intake: 3, treatment: 4);
        var search = "/?gemeente=GM0200&zorgvorm=pleegzorg";
        var card = page.Locator(".card").Filter(new() { Has = page.GetByText(provider.Name, new() { Exact = true }) });
        await GoAsync(page, search);
        await Expect(card.Locator(".verdict")).ToContainTextAsync("Binnen de norm");           // the Treeknorm for living: 13 weeks in total
        await Expect(card.Locator(".norm-name")).Not.ToContainTextAsync("Norm van de regio");

        var key = await Beheer.RegionManagerKeyAsync(App, "Contractmanager Midden-IJssel", "midden-ijssel-oost-veluwe");
        await Beheer.LogInAsync(page, key, "/beheer/normen");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Normen van regio Midden-IJssel/Oost-Veluwe");
        var today = Section(page, "Wat vandaag geldt").Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Pleegzorg", Exact = true }) });
        await Expect(today).ToContainTextAsync("Treeknorm");

        var form = Beheer.NormForm(page);
        await Beheer.SubmitNormAsync(form, "pleegzorg", "5", "2026-11-18");
        var success = page.Locator(".success");
        await Expect(success).ToBeFocusedAsync();
        await Expect(success).ToContainTextAsync("De norm voor Pleegzorg is vastgelegd");
        await Expect(success).ToContainTextAsync("Voor Pleegzorg geldt nu: in totaal hoogstens 5 weken. De zoekfunctie gebruikt deze norm meteen.");
        await Expect(success).Not.ToContainTextAsync("straks");
        await Expect(today).ToContainTextAsync("5 wk");
        await Expect(today).ToContainTextAsync("Norm van de regio");
        var versions = page.Locator("table.versions-table").Filter(new() { Has = page.Locator("caption", new() { HasText = "Pleegzorg" }) });
        await Expect(versions.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(versions.Locator("tbody tr")).ToContainTextAsync("geldt nu");
        await using (var db = App.CreateDbContext())
        {
            var stored = await db.RegionalNorms.SingleAsync(n => n.RegionCode == "midden-ijssel-oost-veluwe" && n.CareTypeCode == "pleegzorg");
            Assert.Equal((null, null, 5, new DateOnly(2026, 11, 18)), (stored.MaxIntakeWeeks, stored.MaxTreatmentWeeks, stored.MaxTotalWeeks, stored.ValidFrom));
        }

        // The same again stores nothing, and says so.
        await Beheer.SubmitNormAsync(form, "pleegzorg", "5", "2026-11-18");
        await Expect(page.Locator(".success")).ToContainTextAsync("Er is niets veranderd");
        await Expect(versions.Locator("tbody tr")).ToHaveCountAsync(1);

        // A parent in Apeldoorn: 7 weeks is now over the region's own norm of 5.
        await GoAsync(page, search);
        await Expect(card.Locator(".verdict")).ToContainTextAsync("Langer dan de norm");
        await Expect(card.Locator(".waits")).ToContainTextAsync("7 weken wachten in totaal — langer dan de norm van 5 weken");
        await Expect(card.Locator(".norm-name")).ToHaveTextAsync("Vergeleken met: Norm van de regio");
    });

    [Fact]
    public Task The_norm_form_shows_every_error_at_once_in_dutch_and_stores_nothing() => InPageAsync(async page =>
    {
        var key = await Beheer.RegionManagerKeyAsync(App, "Contractmanager Rivierenland", "rivierenland");
        await Beheer.LogInAsync(page, key, "/beheer/normen");
        int before;
        await using (var db = App.CreateDbContext())
        {
            before = await db.RegionalNorms.CountAsync(n => n.RegionCode == "rivierenland");
        }

        var form = Beheer.NormForm(page);
        var submit = form.GetByRole(AriaRole.Button, new() { Name = "Norm vastleggen" });
        await Expect(form.GetByLabel("In totaal (weken)")).ToHaveAccessibleDescriptionAsync("0 tot en met 208"); // from GET /api/v1/limits
        // Today by the app's clock is filled in.
        await Expect(form.GetByLabel("Geldt vanaf")).ToHaveValueAsync("2026-11-18");
        var puts = 0;
        page.Request += (_, request) => puts += request.Method == "PUT" ? 1 : 0;

        // Everything wrong at once: no care type, a phase beyond its limit, one not a number, a date long ago.
        await form.GetByLabel("Tot intake (weken)").FillAsync("105");
        await form.GetByLabel("Van intake tot start (weken)").FillAsync("zes");
        await form.GetByLabel("Geldt vanaf").FillAsync("1999-01-01");
        await submit.ClickAsync();
        await Expect(form.Locator(".error-summary h2")).ToHaveTextAsync("Er zijn 4 fouten");
        await ExpectFieldErrorAsync(page, form.GetByLabel("Zorgvorm"), "Kies een zorgvorm.");
        await ExpectFieldErrorAsync(page, form.GetByLabel("Tot intake (weken)"), "Vul een aantal weken in van 0 tot en met 104, of laat het leeg.");
        await ExpectFieldErrorAsync(page, form.GetByLabel("Van intake tot start (weken)"), "Vul een heel getal in");
        await ExpectFieldErrorAsync(page, form.GetByLabel("Geldt vanaf"), "Kies een datum van 1 januari 2015 tot en met 18 november 2031.");

        // No bound at all, and a total shorter than a phase: each said in one round too.
        await form.GetByLabel("Zorgvorm").SelectOptionAsync("dagbehandeling");
        await form.GetByLabel("Tot intake (weken)").FillAsync("");
        await form.GetByLabel("Van intake tot start (weken)").FillAsync("");
        await form.GetByLabel("Geldt vanaf").FillAsync("2027-01-01");
        await submit.ClickAsync();
        await ExpectFieldErrorAsync(page, form.GetByLabel("In totaal (weken)"), "Vul minstens één maximale wachttijd in.");
        await form.GetByLabel("Tot intake (weken)").FillAsync("6");
        await form.GetByLabel("In totaal (weken)").FillAsync("4");
        await submit.ClickAsync();
        await ExpectFieldErrorAsync(page, form.GetByLabel("In totaal (weken)"), "In totaal kan niet korter zijn dan een van de stappen (6 weken).");

        Assert.Equal(0, puts);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(before, await db.RegionalNorms.CountAsync(n => n.RegionCode == "rivierenland"));
        }
    });

    [Fact]
    public Task A_back_dated_norm_names_the_weeks_it_re_judges_and_is_stored_only_when_confirmed() => InPageAsync(async page =>
    {
        var key = await Beheer.RegionManagerKeyAsync(App, "Marieke Twente", "twente");
        await Beheer.LogInAsync(page, key, "/beheer/normen");
        var form = Beheer.NormForm(page);
        await Beheer.SubmitNormAsync(form, "kortdurend-verblijf", "9", "2026-09-01");

        // 1 September 2026 is in week 36; the app's today, 18 November 2026, in week 47.
        var confirm = form.Locator(".confirm");
        await Expect(confirm).ToBeFocusedAsync();
        await Expect(confirm).ToContainTextAsync("Deze norm voor Logeren en kortdurend verblijf gaat in op 1 september 2026, in het verleden.");
        await Expect(confirm).ToContainTextAsync("Alle meldingen sinds die dag, week 36 tot en met week 47 (12 weken), worden dan met deze norm beoordeeld");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Nee, ik pas de datum aan" }).ClickAsync();
        await Expect(form.GetByLabel("Geldt vanaf")).ToBeFocusedAsync();
        await using (var db = App.CreateDbContext())
        {
            Assert.False(await db.RegionalNorms.AnyAsync(n => n.RegionCode == "twente" && n.CareTypeCode == "kortdurend-verblijf"));
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Norm vastleggen" }).ClickAsync();
        await form.Locator(".confirm").GetByRole(AriaRole.Button, new() { Name = "Ja, leg de norm vast" }).ClickAsync();
        var success = page.Locator(".success");
        await Expect(success).ToContainTextAsync("Voor Logeren en kortdurend verblijf geldt nu: in totaal hoogstens 9 weken. De zoekfunctie gebruikt deze norm meteen. Meldingen sinds 1 september 2026 zijn met deze norm beoordeeld.");
        var versions = page.Locator("table.versions-table").Filter(new() { Has = page.Locator("caption", new() { HasText = "Logeren" }) });
        await Expect(versions.Locator("tbody tr").First).ToContainTextAsync("Marieke Twente (contractmanager van de regio)");

        // A date to come: one sentence that says it is not yet in force.
        await Beheer.SubmitNormAsync(form, "kortdurend-verblijf", "8", "2027-01-01");
        await Expect(page.Locator(".success")).ToContainTextAsync("Vanaf 1 januari 2027 geldt voor Logeren en kortdurend verblijf: in totaal hoogstens 8 weken. Tot die dag blijft de norm gelden die nu geldt.");
        await Expect(versions.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(versions.Locator("tbody tr").First).ToContainTextAsync("gaat nog in");
    });

    [Fact]
    public Task The_dutch_table_words_every_error_code_the_api_documents() => InPageAsync(async page =>
    {
        await GoAsync(page, "/");
        var worded = await page.EvaluateAsync<string[]>("async () => (await import('/js/problems.js')).WORDED_CODES");
        Assert.Equal(BeschikbaarheidsWijzer.Domain.Validation.ErrorCodes.All.Order(), worded.Order());

        // Each code in words of its own, from its parameters, never an empty or "undefined" sentence.
        foreach (var code in BeschikbaarheidsWijzer.Domain.Validation.ErrorCodes.All)
        {
            var text = await page.EvaluateAsync<string>(
                "async (code) => (await import('/js/problems.js')).inDutch({ code, min: 0, max: 10, length: 12, since: '2023-01-01', format: 'postcode', kind: 'municipality', reason: 'control' })", code);
            Assert.False(string.IsNullOrWhiteSpace(text), code);
            Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
        }
    });

    [Fact]
    public Task A_refused_field_is_shown_next_to_it_in_dutch_and_nothing_is_stored() => InPageAsync(async page =>
    {
        async Task<int> ProvidersAsync()
        {
            await using var db = App.CreateDbContext();
            return await db.Providers.CountAsync();
        }

        var before = await ProvidersAsync();
        await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/aanbieders/nieuw?regio=rivierenland");
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(Beheer.Unique("Zorg met fouten"));
        await page.GetByLabel("KvK-nummer (mag leeg blijven)").FillAsync("1234");
        await page.GetByLabel("Website (mag leeg blijven)").FillAsync("javascript:alert(1)");
        await page.GetByLabel("E-mail (mag leeg blijven)").FillAsync("geen e-mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder toevoegen" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync("Er zijn 3 fouten");
        await Expect(summary).ToContainTextAsync("Er is nog niets opgeslagen");
        await ExpectFieldErrorAsync(page, page.GetByLabel("KvK-nummer (mag leeg blijven)"), "Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 12345678.");
        await ExpectFieldErrorAsync(page, page.GetByLabel("Website (mag leeg blijven)"), "Vul een webadres in dat begint met https://");
        await ExpectFieldErrorAsync(page, page.GetByLabel("E-mail (mag leeg blijven)"), "Vul een e-mailadres in zoals info@aanbieder.nl.");
        await Expect(page.GetByLabel("Naam", new() { Exact = true })).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(before, await ProvidersAsync());

        await summary.GetByRole(AriaRole.Link, new() { Name = "Een KvK-nummer heeft precies 8 cijfers" }).ClickAsync();
        await Expect(page.GetByLabel("KvK-nummer (mag leeg blijven)")).ToBeFocusedAsync();

        await page.GetByLabel("KvK-nummer (mag leeg blijven)").FillAsync("12345678");
        await page.GetByLabel("Website (mag leeg blijven)").FillAsync("https://zorg.example");
        await page.GetByLabel("E-mail (mag leeg blijven)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder toevoegen" }).ClickAsync();
        await Expect(page.Locator(".success")).ToContainTextAsync("is toegevoegd");
        Assert.Equal(before + 1, await ProvidersAsync());

        // An offering: a typed mistake is said at once; the API's refusals next to their fields.
        var offerings = await OfferingCountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanbod toevoegen" }).ClickAsync();
        var editor = page.Locator("form.editor");
        await editor.GetByLabel("Leeftijd vanaf").FillAsync("twaalf");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Aanbod toevoegen" }).ClickAsync();
        await ExpectFieldErrorAsync(page, editor.GetByLabel("Leeftijd vanaf"), "Vul een heel getal in");
        await editor.GetByLabel("Leeftijd vanaf").FillAsync("12");
        await editor.GetByLabel("Leeftijd tot en met").FillAsync("4");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Aanbod toevoegen" }).ClickAsync();
        await Expect(editor.Locator(".error-summary h2")).ToHaveTextAsync("Er zijn 3 fouten");
        await ExpectFieldErrorAsync(page, editor.GetByLabel("Titel"), "Vul een titel in");
        await ExpectFieldErrorAsync(page, editor.GetByLabel("Zorgvorm"), "Kies een zorgvorm.");
        await ExpectFieldErrorAsync(page, editor.GetByLabel("Leeftijd tot en met"), "De leeftijd tot en met kan niet lager zijn dan de leeftijd vanaf.");
        await Expect(editor.GetByLabel("Leeftijd vanaf")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(offerings, await OfferingCountAsync());
    });

    [Fact]
    public Task A_change_saved_by_someone_else_meanwhile_is_not_overwritten_and_the_page_says_so() => InPageAsync(async page =>
    {
        var created = await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Post, "/api/v1/admin/providers",
            new { name = Beheer.Unique("Zorg van twee"), regions = new[] { "rivierenland" } });
        var id = created.GetProperty("id").GetGuid();
        await Beheer.OpenAsync(page, WebAppServer.AdminKey, $"/beheer/aanbieders/{id}?regio=rivierenland");
        var details = Section(page, "Gegevens");
        await details.GetByLabel("Telefoon (mag leeg blijven)").FillAsync("0344 111111");

        // A colleague saves the same provider while this page is open.
        var theirs = Beheer.Unique("Zorg van de collega");
        await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Put, $"/api/v1/admin/providers/{id}", new { name = theirs, regions = new[] { "rivierenland" } });

        await details.GetByRole(AriaRole.Button, new() { Name = "Gegevens opslaan" }).ClickAsync();
        var alert = details.Locator(".error[role=alert]");
        await Expect(alert).ToBeFocusedAsync();
        await Expect(alert).ToContainTextAsync("Iemand anders heeft dit veranderd nadat jij het opende. Er is niets opgeslagen.");
        await using (var db = App.CreateDbContext())
        {
            var stored = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal((theirs, null), (stored.Name, stored.Phone));
        }

        // Opened again, the page shows the colleague's name; saving now works, and so does saving again.
        await page.ReloadAsync();
        await Expect(details.GetByLabel("Naam", new() { Exact = true })).ToHaveValueAsync(theirs);
        await details.GetByLabel("Telefoon (mag leeg blijven)").FillAsync("0344 111111");
        await details.GetByRole(AriaRole.Button, new() { Name = "Gegevens opslaan" }).ClickAsync();
        await Expect(page.Locator(".success")).ToContainTextAsync("De gegevens zijn opgeslagen");
        await page.Locator(".success").EvaluateAsync("message => message.remove()"); // so the next one is seen to come
        await details.GetByLabel("Telefoon (mag leeg blijven)").FillAsync("0344 222222");
        await details.GetByRole(AriaRole.Button, new() { Name = "Gegevens opslaan" }).ClickAsync();
        await Expect(page.Locator(".success")).ToContainTextAsync("De gegevens zijn opgeslagen");
        await using (var db = App.CreateDbContext())
        {
            var stored = await db.Providers.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal((theirs, "0344 222222"), (stored.Name, stored.Phone));
        }
    });

    private async Task<int> OfferingCountAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Offerings.CountAsync();
    }

    [Fact]
    public Task The_stale_list_shows_who_is_late_with_phone_and_email_as_links() => InPageAsync(async page =>
    {
        var expected = await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Get, "/api/v1/reports/stale?region=achterhoek");
        var rows = expected.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/verouderd?regio=achterhoek");
        await Expect(page.Locator("#verouderd-resultaat")).ToHaveTextAsync($"{rows.Count} {(rows.Count == 1 ? "onderdeel" : "onderdelen")} van het aanbod zonder cijfers in de laatste 14 dagen");
        var shown = page.Locator(".stale-table tbody tr");
        await Expect(shown).ToHaveCountAsync(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = shown.Nth(i);
            var contact = row.GetProperty("provider");
            await Expect(line.Locator("th")).ToHaveTextAsync(contact.GetProperty("name").GetString()!);
            await Expect(line).ToContainTextAsync(row.GetProperty("title").GetString()!);
            await Expect(line).ToContainTextAsync(row.GetProperty("lastReportedAt").ValueKind == JsonValueKind.Null
                ? "Nog nooit"
                : $"{Expected.Date(row.GetProperty("lastReportedAt").GetDateTimeOffset())}week {int.Parse(row.GetProperty("lastReportWeek").GetString()![6..], CultureInfo.InvariantCulture)}, {(row.GetProperty("daysSinceLastReport").GetInt32() is 1 ? "1 dag" : $"{row.GetProperty("daysSinceLastReport").GetInt32()} dagen")} geleden");
            if (contact.GetProperty("phone").GetString() is { } phone)
            {
                await Expect(line.GetByRole(AriaRole.Link, new() { Name = phone })).ToHaveAttributeAsync("href", "tel:" + Regex.Replace(phone, @"[^\d+]", ""));
            }

            if (contact.GetProperty("email").GetString() is { } email)
            {
                await Expect(line.GetByRole(AriaRole.Link, new() { Name = email })).ToHaveAttributeAsync("href", "mailto:" + email);
            }
        }

        // Another number of days: in the address, and the list the API gives for it.
        var month = await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Get, "/api/v1/reports/stale?region=achterhoek&days=30");
        await page.GetByLabel("Geen cijfers in de laatste").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync();
        await Expect(page.Locator("#verouderd-resultaat")).ToContainTextAsync("in de laatste 30 dagen");
        Assert.Contains("dagen=30", page.Url);
        await Expect(shown).ToHaveCountAsync(month.GetProperty("rows").GetArrayLength());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download deze lijst (CSV)" }).ClickAsync());
        Assert.Equal(await CsvAsync(WebAppServer.AdminKey, "/api/v1/reports/stale?region=achterhoek&days=30&format=csv"), await File.ReadAllBytesAsync((await download.PathAsync())!));

        await page.GetByLabel("Geen cijfers in de laatste").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync();
        await ExpectFieldErrorAsync(page, page.GetByLabel("Geen cijfers in de laatste"), "Vul een aantal dagen in van 1 tot en met 365.");
        Assert.Contains("dagen=30", page.Url);
    });

    [Fact]
    public Task The_dashboard_draws_each_care_types_weeks_with_a_description_and_the_same_figures_as_a_table() => InPageAsync(async page =>
    {
        var key = await Beheer.RegionManagerKeyAsync(App, "Dashboard", "achterhoek");
        var trend = await Beheer.CallAsync(App, key, HttpMethod.Get, "/api/v1/reports/weekly-trend?region=achterhoek&weeks=26");
        var careTypes = trend.GetProperty("careTypes").EnumerateArray().ToList();
        Assert.True(careTypes.Count > 3);
        await Beheer.OpenAsync(page, key, "/beheer");
        var articles = page.Locator("article.trend");
        await Expect(articles).ToHaveCountAsync(careTypes.Count);
        var folds = page.Locator("details.trend-fold");
        await Expect(folds).ToHaveCountAsync(careTypes.Count);
        await Expect(articles.First).ToBeHiddenAsync();
        for (var i = 0; i < careTypes.Count; i++)
        {
            await folds.Nth(i).Locator("> summary").ClickAsync();
        }

        foreach (var (careType, i) in careTypes.Select((c, i) => (c, i)))
        {
            var article = articles.Nth(i);
            var weeks = careType.GetProperty("weeks").EnumerateArray().ToList();
            Assert.Equal(26, weeks.Count);
            await Expect(article.Locator("h3")).ToHaveTextAsync(careType.GetProperty("careType").GetProperty("name").GetString()!);
            var charts = article.Locator("svg[role=img]");
            await Expect(charts).ToHaveCountAsync(2);

            // The share within the norm: a bar per week with judged reports (a week at 0 % a bar at zero with a "0", unlike a
            // week without figures, which is a gap), and in words.
            var judged = weeks.Where(w => w.GetProperty("withinNorm").GetProperty("compared").GetInt32() > 0).ToList();
            var zero = judged.Count(w => w.GetProperty("withinNorm").GetProperty("within").GetInt32() == 0);
            await Expect(charts.Nth(0).Locator("rect.share-bar")).ToHaveCountAsync(judged.Count);
            await Expect(charts.Nth(0).Locator("g.share-zero text.zero-label")).ToHaveCountAsync(zero);
            await Expect(charts.Nth(0)).ToHaveAccessibleNameAsync(new Regex("^Deel van de meldingen binnen de norm, per week "));
            await Expect(charts.Nth(0)).ToHaveAccessibleNameAsync(new Regex(Regex.Escape(judged.Count == 0
                ? "In de laatste 26 weken is geen enkele melding met de norm vergeleken."
                : $"In {judged.Count} van de 26 weken zijn meldingen met de norm vergeleken{(judged.Count < 26 ? $"; {26 - judged.Count} weken zonder cijfers" : "")}.") + ".*" + Regex.Escape(judged.Count == 0 ? "" : $"Laatste week met cijfers ({WeekWords(judged[^1])}): {ShareWords(judged[^1])}.")));

            // The median wait: a dot per week with figures, and the last one in words.
            var known = weeks.Where(w => w.GetProperty("medianWaitWeeks").ValueKind == JsonValueKind.Number).ToList();
            await Expect(charts.Nth(1).Locator("circle.median-dot")).ToHaveCountAsync(known.Count);
            if (known.Count > 0)
            {
                await Expect(charts.Nth(1)).ToHaveAccessibleNameAsync(new Regex(Regex.Escape(
                    $"Laatste week met cijfers ({WeekWords(known[^1])}): {WaitWords(known[^1].GetProperty("medianWaitWeeks").GetDouble())}.")));
            }
        }

        // The same figures as a table, newest week first.
        var first = articles.First;
        await first.GetByText("Bekijk de cijfers als tabel").ClickAsync();
        var table = first.Locator("table.trend-table");
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(26);
        var newest = careTypes[0].GetProperty("weeks")[25];
        var cells = table.Locator("tbody tr").First.Locator("th, td");
        await Expect(cells).ToHaveTextAsync([
            WeekWords(newest),
            newest.GetProperty("offeringsExpected").GetInt32().ToString(CultureInfo.InvariantCulture),
            newest.GetProperty("reported").GetInt32().ToString(CultureInfo.InvariantCulture),
            newest.GetProperty("withinNorm").GetProperty("compared").GetInt32() > 0 ? ShareWords(newest) : "geen cijfers",
            newest.GetProperty("medianWaitWeeks").ValueKind == JsonValueKind.Number ? WaitWords(newest.GetProperty("medianWaitWeeks").GetDouble()) : "geen cijfers",
        ]);
    });

    [Fact]
    public Task The_overview_puts_downloads_first_then_care_types_worst_first_then_providers_sortable() => InPageAsync(async page =>
    {
        var key = await Beheer.RegionManagerKeyAsync(App, "Slechtste eerst", "achterhoek");
        var summary = await Beheer.CallAsync(App, key, HttpMethod.Get, "/api/v1/reports/region-summary?region=achterhoek");
        var compliance = await Beheer.CallAsync(App, key, HttpMethod.Get, "/api/v1/reports/norm-compliance?region=achterhoek");
        static double? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
        static double? Bound(JsonElement norm) => norm.ValueKind != JsonValueKind.Object ? null
            : Number(norm.GetProperty("maxTotalWeeks")) ?? Number(norm.GetProperty("maxIntakeWeeks"));
        var expected = summary.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("offerings").GetInt32() > 0)
            .Select(r => (
                Name: r.GetProperty("careType").GetProperty("name").GetString()!,
                Over: Number(r.GetProperty("medianWaitWeeks")) - Bound(r.GetProperty("norm")),
                Share: Number(r.GetProperty("withinNorm").GetProperty("share"))))
            .OrderBy(r => r.Over is null).ThenByDescending(r => r.Over)
            .ThenBy(r => r.Share is null).ThenBy(r => r.Share)
            .ThenBy(r => r.Name, StringComparer.Create(Dutch, ignoreCase: false))
            .ToList();
        Assert.True(expected.Count(r => r.Over > 0) >= 2, "the demo region should have care types over the norm to order");

        await Beheer.OpenAsync(page, key, "/beheer");

        var careTypes = page.Locator("table.worst-first");
        await Expect(careTypes.Locator("tbody th")).ToHaveTextAsync(expected.Select(r => r.Name).ToArray());
        await Expect(careTypes.Locator("tbody tr").First.Locator("td").Last).ToHaveTextAsync(new Regex(@" te lang$"));
        var downloadsTop = (await Section(page, "Voor het contractgesprek").BoundingBoxAsync())!.Y;
        Assert.True(downloadsTop < (await careTypes.BoundingBoxAsync())!.Y, "the downloads come before the tables");

        // Per provider: the KPI table's rows, the lowest share within the norm first; a click on a heading sorts by it.
        var providers = page.Locator("table.provider-compliance");
        var rows = compliance.GetProperty("rows").EnumerateArray().ToList();
        await Expect(providers.Locator("tbody tr")).ToHaveCountAsync(rows.Count);
        await Expect(providers.Locator("th[aria-sort]")).ToHaveTextAsync("Binnen de norm");
        var shares = await providers.Locator("tbody tr td:nth-of-type(3)").AllInnerTextsAsync();
        var percents = shares.Where(t => t != "geen cijfers").Select(t => double.Parse(t[..t.IndexOf('%')], Dutch)).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.True(percents.Distinct().Count() > 3);

        await providers.GetByRole(AriaRole.Button, new() { Name = "Mediane wachttijd" }).ClickAsync();
        await providers.GetByRole(AriaRole.Button, new() { Name = "Mediane wachttijd" }).ClickAsync();
        await Expect(providers.Locator("th[aria-sort=descending]")).ToHaveTextAsync("Mediane wachttijd");
        var medians = (await providers.Locator("tbody tr td:nth-of-type(4)").AllInnerTextsAsync())
            .Where(t => t != "geen cijfers").Select(t => double.Parse(t.Split(' ')[0], Dutch)).ToList();
        Assert.Equal(medians.OrderDescending(), medians);
        var longest = rows.Where(r => r.GetProperty("medianWaitWeeks").ValueKind == JsonValueKind.Number)
            .MaxBy(r => r.GetProperty("medianWaitWeeks").GetDouble());
        await Expect(providers.Locator("tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync(
            $"{longest.GetProperty("weeksReported").GetInt32()} van {longest.GetProperty("weeksExpected").GetInt32()}");
    });

    private static string WeekWords(JsonElement week) => $"week {int.Parse(week.GetProperty("week").GetString()![6..], CultureInfo.InvariantCulture)}";

    private static string ShareWords(JsonElement week)
    {
        var share = week.GetProperty("withinNorm");
        var percent = Math.Round(share.GetProperty("share").GetDouble() * 1000, MidpointRounding.AwayFromZero) / 10;
        return $"{percent.ToString("0.#", Dutch)}% ({share.GetProperty("within").GetInt32()} van {share.GetProperty("compared").GetInt32()})";
    }

    private static string WaitWords(double weeks) => weeks == 1 ? "1 week" : $"{weeks.ToString("0.#", Dutch)} weken";

    [Fact]
    public Task The_kpi_table_and_the_regions_figures_download_as_the_api_makes_them() => InPageAsync(async page =>
    {
        var key = await Beheer.RegionManagerKeyAsync(App, "Contractgesprek", "achterhoek");
        await Beheer.OpenAsync(page, key, "/beheer");
        var downloads = Section(page, "Voor het contractgesprek");
        await Expect(downloads.GetByLabel("Tot en met", new() { Exact = true })).ToHaveValueAsync("2026-11-18");   // today, by the app's clock
        await downloads.GetByLabel("Van", new() { Exact = true }).FillAsync("2026-10-01");
        await downloads.GetByLabel("Tot en met", new() { Exact = true }).FillAsync("2026-11-15");
        var download = await page.RunAndWaitForDownloadAsync(() => downloads.GetByRole(AriaRole.Button, new() { Name = "Download de KPI-tabel (CSV)" }).ClickAsync());

        Assert.Equal("normnaleving-achterhoek-2026-10-01-2026-11-15.csv", download.SuggestedFilename);
        var body = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(await CsvAsync(key, "/api/v1/reports/norm-compliance?region=achterhoek&from=2026-10-01&to=2026-11-15&format=csv"), body);
        var rows = CsvParser.ParseTable(body);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["Aanbieder"])));
        Assert.Contains(rows, r => r["Weken verwacht"] != "0");
        await Expect(downloads.Locator(".download-status")).ToHaveTextAsync("Het bestand normnaleving-achterhoek-2026-10-01-2026-11-15.csv staat in je downloads.");

        var summary = await page.RunAndWaitForDownloadAsync(() => downloads.GetByRole(AriaRole.Button, new() { Name = "Download de cijfers van vandaag (CSV)" }).ClickAsync());
        Assert.Equal("regio-overzicht-achterhoek-2026-11-18.csv", summary.SuggestedFilename);
        Assert.Equal(await CsvAsync(key, "/api/v1/reports/region-summary?region=achterhoek&format=csv"), await File.ReadAllBytesAsync((await summary.PathAsync())!));

        // A period that ends before it starts: refused next to the field, and no file.
        await downloads.GetByLabel("Van", new() { Exact = true }).FillAsync("2026-11-15");
        await downloads.GetByLabel("Tot en met", new() { Exact = true }).FillAsync("2026-10-01");
        var files = 0;
        page.Download += (_, _) => files++;
        await downloads.GetByRole(AriaRole.Button, new() { Name = "Download de KPI-tabel (CSV)" }).ClickAsync();
        await ExpectFieldErrorAsync(page, downloads.GetByLabel("Tot en met", new() { Exact = true }), "Kies een datum op of na de datum bij Van.");
        Assert.Equal(0, files);
    });

    [Fact]
    public Task A_region_manager_is_told_why_it_cannot_delete_what_another_region_also_contracts() => InPageAsync(async page =>
    {
        var provider = await Beheer.ArrangeProviderAsync(App, Beheer.Unique("Zorg in twee regio's"), "GM0214", "dagbehandeling", "Dagbehandeling op twee plekken", "rivierenland");
        await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Put, $"/api/v1/admin/offerings/{provider.OfferingId}", new
        {
            title = provider.OfferingTitle, careType = "dagbehandeling", ageMin = 4, ageMax = 18, locationIds = new[] { provider.LocationId },
            municipalities = new[] { "GM0214", "GM0222" }, // Buren (Rivierenland) and Doetinchem (Achterhoek)
        });
        var key = await Beheer.RegionManagerKeyAsync(App, "Contractmanager Rivierenland", "rivierenland");
        await Beheer.OpenAsync(page, key, $"/beheer/aanbieders/{provider.ProviderId}?regio=rivierenland");
        const string why = "Dit kan niet: er is ook een contract in een gemeente buiten jouw regio.";

        await page.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen: {provider.OfferingTitle}" }).ClickAsync();
        var confirm = page.Locator(".confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijder het aanbod" }).ClickAsync();
        await Expect(confirm.Locator(".error")).ToContainTextAsync(why);
        await Expect(confirm.Locator(".error")).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Nee, niet verwijderen" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder verwijderen" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijder de aanbieder" }).ClickAsync();
        await Expect(confirm.Locator(".error")).ToContainTextAsync(why);
        await using var db = App.CreateDbContext();
        Assert.False(await db.Offerings.AnyAsync(o => o.Id == provider.OfferingId && o.DeletedAt != null));
        Assert.False(await db.Providers.AnyAsync(p => p.Id == provider.ProviderId && p.DeletedAt != null));
    });

    [Fact]
    public Task Deleting_asks_first_says_what_cannot_and_takes_the_offering_out_of_the_search() => InPageAsync(async page =>
    {
        var provider = await Beheer.ArrangeProviderAsync(App, Beheer.Unique("Dagcentrum De Waal"), "GM0214", "dagbehandeling", "Dagbehandeling in Buren");
        var issued = await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Post, $"/api/v1/admin/providers/{provider.ProviderId}/api-keys", new { label = "Oude sleutel" });
        var search = "/?gemeente=GM0214&zorgvorm=dagbehandeling";
        var card = page.Locator(".card").Filter(new() { Has = page.GetByText(provider.Name, new() { Exact = true }) });
        await GoAsync(page, search);
        await Expect(card).ToHaveCountAsync(1);

        await Beheer.OpenAsync(page, WebAppServer.AdminKey, $"/beheer/aanbieders/{provider.ProviderId}?regio=rivierenland");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(provider.Name);

        // A location an offering still uses cannot go; "no" gives the focus back.
        var removeLocation = page.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen: {provider.Name} vestiging" });
        await removeLocation.ClickAsync();
        var confirm = page.Locator(".confirm");
        await Expect(confirm).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijder de vestiging" }).ClickAsync();
        await Expect(confirm.Locator(".error")).ToHaveTextAsync("Deze vestiging hoort nog bij aanbod. Haal haar eerst bij dat aanbod weg; daarna kun je haar verwijderen.");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Nee, niet verwijderen" }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(removeLocation).ToBeFocusedAsync();

        // The offering: asked, deleted, and out of the public search.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Verwijderen: {provider.OfferingTitle}" }).ClickAsync();
        await Expect(confirm).ToContainTextAsync($"Aanbod {provider.OfferingTitle} verwijderen?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijder het aanbod" }).ClickAsync();
        await Expect(Section(page, "Aanbod").Locator(".success")).ToContainTextAsync("Het aanbod is verwijderd");
        await Expect(Section(page, "Aanbod")).ToContainTextAsync("Er is nog geen aanbod.");

        // The key: revoked, and it no longer works.
        await page.GetByRole(AriaRole.Button, new() { Name = "Intrekken: Oude sleutel" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, trek de sleutel in" }).ClickAsync();
        await Expect(Section(page, "Sleutels").Locator(".beheer-list")).ToContainTextAsync("ingetrokken op 18 november 2026");
        using (var client = new HttpClient { BaseAddress = App.BaseAddress })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("key").GetString());
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/provider/offerings")).StatusCode);
        }

        // The provider itself, after which the list says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanbieder verwijderen" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijder de aanbieder" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Aanbieders in regio Rivierenland");
        var success = page.Locator(".success");
        await Expect(success).ToContainTextAsync($"{provider.Name} is verwijderd");
        await Expect(success).ToBeFocusedAsync();
        await Expect(page.Locator(".provider-table")).Not.ToContainTextAsync(provider.Name);

        await GoAsync(page, search);
        await ResultsAsync(page);
        await Expect(card).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_region_sets_a_municipalitys_toegang_and_parents_see_it_on_the_search_page() => InPageAsync(async page =>
    {
        var manager = await Beheer.RegionManagerKeyAsync(App, "Toegang", "rivierenland");
        await Beheer.OpenAsync(page, manager, "/beheer/toegang?regio=rivierenland");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Toegang per gemeente in regio Rivierenland");
        await Expect(page.Locator(".beheer-list > li h3")).ToHaveCountAsync(8);

        // Refused fields are shown next to them, in Dutch; nothing is stored.
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigen: toegang in Culemborg" }).ClickAsync();
        await Expect(page.GetByLabel("Naam")).ToBeFocusedAsync();
        await page.GetByLabel("Naam").FillAsync("Wijkteam Culemborg (test)");
        await page.GetByLabel("Telefoon").FillAsync("");
        await page.GetByLabel("Website").FillAsync("javascript:alert(1)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await ExpectFieldErrorAsync(page, page.GetByLabel("Website"), "begint met https://");
        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        var unchanged = await ApiAsync("/api/v1/municipalities/GM0216");
        Assert.NotEqual("Wijkteam Culemborg (test)", unchanged.GetProperty("access").GetProperty("name").GetString());

        await page.GetByLabel("Telefoon").FillAsync("0345-000123");
        await page.GetByLabel("Website").FillAsync("https://wijkteam-culemborg.example");
        await page.GetByLabel("Wachttijd voor een eerste gesprek, in weken (mag leeg)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.Locator(".success")).ToContainTextAsync("De toegang in Culemborg is opgeslagen");
        await Expect(page.Locator(".success")).ToBeFocusedAsync();
        await Expect(page.Locator(".beheer-list > li", new() { HasText = "Culemborg" })).ToContainTextAsync("Wijkteam Culemborg (test)");

        // Parents see it at once (the write evicts the public cache).
        await GoAsync(page, "/?gemeente=GM0216");
        await ResultsAsync(page);
        var block = page.Locator("section.access");
        await Expect(block).ToContainTextAsync("Wijkteam Culemborg (test)");
        await Expect(block).ToContainTextAsync("Je wacht ongeveer 3 weken op een eerste gesprek");
        await Expect(block.GetByRole(AriaRole.Link, new() { Name = "0345-000123" })).ToHaveAttributeAsync("href", "tel:0345000123");
    });

    [Fact]
    public Task A_provider_named_like_html_is_shown_as_text_in_every_beheer_view() => InPageAsync(async page =>
    {
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        Guid providerId;
        await using (var db = App.CreateDbContext())
        {
            providerId = await db.Offerings.Where(o => o.Id == App.HostileOfferingId).Select(o => o.ProviderId).SingleAsync();
        }

        // A second offering that never reported (so the list of late ones has it) and a key with a hostile label.
        const string offeringTitle = "<img src=x onerror=alert(6)>";
        const string keyLabel = "<svg onload=alert(7)>";
        await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Post, "/api/v1/admin/offerings", new
        {
            providerId, title = offeringTitle, careType = "dyslexiezorg", ageMin = 6, ageMax = 12, municipalities = new[] { "GM0197" },
        });
        await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Post, $"/api/v1/admin/providers/{providerId}/api-keys", new { label = keyLabel });
        var key = await Beheer.RegionManagerKeyAsync(App, "<b>Achterhoek</b>", "achterhoek");

        await Beheer.OpenAsync(page, key, "/beheer/aanbieders?regio=achterhoek");
        await Expect(page.Locator(".beheer-who")).ToContainTextAsync("sleutel “<b>Achterhoek</b>”");
        var link = page.Locator(".provider-table").GetByRole(AriaRole.Link, new() { Name = WebAppServer.HostileName, Exact = true });
        await Expect(link).ToHaveCountAsync(1);
        await AssertNothingRanAsync(page);

        await link.ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync(WebAppServer.HostileName);
        await Expect(page.GetByLabel("Naam", new() { Exact = true })).ToHaveValueAsync(WebAppServer.HostileName);
        await Expect(Section(page, "Vestigingen")).ToContainTextAsync("<b>Straat</b> 1, 7001 AB Doetinchem");
        await Expect(Section(page, "Aanbod")).ToContainTextAsync("<script>alert(2)</script>");
        await Expect(Section(page, "Aanbod")).ToContainTextAsync(offeringTitle);
        await Expect(Section(page, "Sleutels")).ToContainTextAsync(keyLabel);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Wijzigen: {WebAppServer.HostileName}" }).ClickAsync();
        await Expect(Section(page, "Vestigingen").Locator("form.editor h3")).ToHaveTextAsync($"Vestiging wijzigen: {WebAppServer.HostileName}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigen: <script>alert(2)</script>" }).ClickAsync();
        var editor = Section(page, "Aanbod").Locator("form.editor");
        await Expect(editor.Locator("h3")).ToHaveTextAsync("Aanbod wijzigen: <script>alert(2)</script>");
        await Expect(editor.GetByLabel("Titel")).ToHaveValueAsync("<script>alert(2)</script>");
        await AssertNothingRanAsync(page);

        await page.GotoAsync("/beheer/verouderd?regio=achterhoek");
        var late = page.Locator(".stale-table tbody tr").Filter(new() { HasText = offeringTitle });
        await Expect(late).ToHaveCountAsync(1);
        await Expect(late.Locator("th")).ToHaveTextAsync(WebAppServer.HostileName);
        await Expect(late).ToContainTextAsync("Nog nooit");
        // Its website is "javascript:alert(1)": not made into a link.
        await Expect(page.Locator("a[href^='javascript:' i]")).ToHaveCountAsync(0);
        await AssertNothingRanAsync(page);

        Assert.Empty(dialogs);
    });

    private DateOnly IsoWeekToday() => BeschikbaarheidsWijzer.Domain.Weeks.IsoWeek.ToAmsterdamDate(App.Clock.GetUtcNow());
}
