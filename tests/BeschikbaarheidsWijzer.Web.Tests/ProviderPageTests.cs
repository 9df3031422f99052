using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Weeks;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>Voor aanbieders (/aanbieders): API key → last week's figures → change → send all → seen in the search.</summary>
public sealed class ProviderPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private async Task<List<JsonElement>> OwnOfferingsAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/provider/offerings")).EnumerateArray().ToList();
    }

    private async Task<int> ReportCountAsync(IEnumerable<Guid> offerings)
    {
        await using var db = App.CreateDbContext();
        var ids = offerings.ToList();
        return await db.AvailabilityReports.CountAsync(r => ids.Contains(r.OfferingId));
    }

    private static async Task LogInAsync(IPage page, string key)
    {
        await GoAsync(page, "/aanbieders");
        await page.GetByLabel("Je API-sleutel").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await Expect(page.Locator("fieldset.offering-report").First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Sends the form; when the dry run finds figures that look unlikely (demo data has some), says "Ja, dit klopt" to each
    /// and sends again, as a provider who checked them would.
    /// </summary>
    private static async Task SendConfirmingWarningsAsync(IPage page, ILocator button)
    {
        await button.ClickAsync();
        var outcome = page.Locator(".success, .warning-summary, .error-summary");
        await Expect(outcome.First).ToBeVisibleAsync();
        if (await page.Locator(".warning-summary").CountAsync() > 0)
        {
            foreach (var tick in await page.Locator(".field-warning").GetByLabel("Ja, dit klopt").AllAsync())
            {
                await tick.CheckAsync();
            }

            await button.ClickAsync();
        }
    }

    private static ILocator Offering(IPage page, string title) =>
        page.Locator("fieldset.offering-report").Filter(new() { Has = page.Locator("legend", new() { HasText = title }) });

    [Fact]
    public Task A_provider_sends_changed_figures_for_all_offerings_at_once_and_the_search_shows_them_right_after() => InPageAsync(async page =>
    {
        var (providerId, _, offeringIds) = await App.DemoProviderAsync(minimumOfferings: 3);
        var (_, key) = await App.CreateApiKeyAsync(ApiKeyRole.Provider, providerId);
        var own = await OwnOfferingsAsync(key);
        Assert.Equal(offeringIds.Count, own.Count);
        var target = own[0];
        var targetId = target.GetProperty("id").GetGuid();
        var title = target.GetProperty("title").GetString()!;
        var before = target.GetProperty("currentReport");
        var newIntake = before.GetProperty("waitToIntakeWeeks").ValueKind == JsonValueKind.Number && before.GetProperty("waitToIntakeWeeks").GetInt32() == 1 ? 2 : 1;

        string municipality;
        await using (var db = App.CreateDbContext())
        {
            var today = IsoWeek.ToAmsterdamDate(App.Clock.GetUtcNow());
            municipality = await db.Contracts.Where(c => c.OfferingId == targetId && c.ValidFrom <= today && (c.ValidTo == null || c.ValidTo >= today))
                .OrderBy(c => c.MunicipalityCode).Select(c => c.MunicipalityCode).FirstAsync();
        }

        // The public search has the old figures, and the output cache holds them.
        var search = $"/?gemeente={municipality}&zorgvorm={target.GetProperty("careType").GetString()}&sorteer=naam";
        await GoAsync(page, search);
        var card = page.Locator(".card").Filter(new() { Has = page.Locator(".card-title", new() { HasText = title }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".places")).Not.ToHaveTextAsync("7 van de 9 plekken vrij");

        await LogInAsync(page, key);
        Assert.Equal(key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('bw-api-key')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        await Expect(page.Locator("fieldset.offering-report")).ToHaveCountAsync(own.Count);

        // Last week's figures are filled in.
        var form = Offering(page, title);
        await Expect(form.GetByLabel("Wachttijd tot intake")).ToHaveValueAsync(Text(before, "waitToIntakeWeeks"));
        await Expect(form.GetByLabel("Vrije plekken")).ToHaveValueAsync(Text(before, "freePlaces"));
        await Expect(form.GetByLabel("Op de wachtlijst")).ToHaveValueAsync(Text(before, "waitlistCount"));
        await Expect(form.GetByLabel(before.GetProperty("acceptingReferrals").GetBoolean() ? "Ja" : "Nee, er is een aanmeldstop", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(form.Locator(".last-report")).ToContainTextAsync($"Laatst doorgegeven: week {int.Parse(before.GetProperty("week").GetString()!.Split('W')[1])}");

        // Change what changed, send everything.
        await form.GetByLabel("Ja", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Wachttijd tot intake").FillAsync(newIntake.ToString());
        await form.GetByLabel("Vrije plekken").FillAsync("7");
        await form.GetByLabel("Plekken in totaal").FillAsync("9");
        var reportsBefore = await ReportCountAsync(offeringIds);
        await SendConfirmingWarningsAsync(page, page.GetByRole(AriaRole.Button, new() { Name = $"Verstuur de cijfers van alle {own.Count} onderdelen" }));

        var success = page.Locator(".success");
        await Expect(success).ToContainTextAsync("Gelukt: je cijfers zijn opgeslagen");
        await Expect(success).ToContainTextAsync($"De cijfers van {own.Count} onderdelen staan erin voor week {IsoWeek.FromInstant(App.Clock.GetUtcNow()).Week}");
        await Expect(success).ToBeFocusedAsync();
        Assert.Equal(reportsBefore + own.Count, await ReportCountAsync(offeringIds));

        // Stored as sent: the changed offering with its new figures, the others with last week's figures again.
        var after = await OwnOfferingsAsync(key);
        var changed = after.Single(o => o.GetProperty("id").GetGuid() == targetId).GetProperty("currentReport");
        Assert.Equal(newIntake, changed.GetProperty("waitToIntakeWeeks").GetInt32());
        Assert.Equal(7, changed.GetProperty("freePlaces").GetInt32());
        Assert.Equal(9, changed.GetProperty("totalPlaces").GetInt32());
        foreach (var other in own.Skip(1))
        {
            var now = after.Single(o => o.GetProperty("id").GetGuid() == other.GetProperty("id").GetGuid()).GetProperty("currentReport");
            foreach (var field in new[] { "acceptingReferrals", "waitToIntakeWeeks", "waitToTreatmentWeeks", "freePlaces", "totalPlaces", "waitlistCount", "method", "note" })
            {
                Assert.Equal(other.GetProperty("currentReport").GetProperty(field).ToString(), now.GetProperty(field).ToString());
            }

            Assert.NotEqual(other.GetProperty("currentReport").GetProperty("id").GetInt64(), now.GetProperty("id").GetInt64());
        }

        // The form now starts from the figures just sent.
        await Expect(Offering(page, title).GetByLabel("Wachttijd tot intake")).ToHaveValueAsync(newIntake.ToString());

        // And a parent sees them on the very next search, although the old answer was in the cache.
        await GoAsync(page, search);
        await Expect(card.Locator(".places")).ToHaveTextAsync("7 van de 9 plekken vrij");
        await Expect(card.Locator(".waits")).ToContainTextAsync($"{Expected.Weeks(newIntake)} wachten tot intake");
        await Expect(card.Locator(".updated")).ToContainTextAsync($"Bijgewerkt op {Expected.Date(App.Clock.GetUtcNow())}");
    });

    [Fact]
    public Task Wrong_figures_are_shown_next_to_their_fields_and_nothing_is_stored() => InPageAsync(async page =>
    {
        var (providerId, _, offeringIds) = await App.DemoProviderAsync(minimumOfferings: 3);
        var (_, key) = await App.CreateApiKeyAsync(ApiKeyRole.Provider, providerId);
        var own = await OwnOfferingsAsync(key);
        var first = Offering(page, own[0].GetProperty("title").GetString()!);
        var second = Offering(page, own[1].GetProperty("title").GetString()!);
        await LogInAsync(page, key);
        var count = await ReportCountAsync(offeringIds);

        // The hints say the API's limits (GET /api/v1/limits), not a copy kept in the page.
        await Expect(first.GetByLabel("Wachttijd tot intake")).ToHaveAccessibleDescriptionAsync("In weken, 0 tot en met 104");
        await Expect(first.GetByLabel("Opmerking (mag leeg blijven)")).ToHaveAttributeAsync("maxlength", "500");

        // Two mistakes the server finds, in two offerings.
        await first.GetByLabel("Wachttijd tot intake").FillAsync("500");
        await second.GetByLabel("Vrije plekken").FillAsync("12");
        await second.GetByLabel("Plekken in totaal").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Verstuur de cijfers") }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync("Er zijn 2 fouten");
        await Expect(summary).ToContainTextAsync("Er is nog niets opgeslagen");
        await ExpectFieldErrorAsync(page, first.GetByLabel("Wachttijd tot intake"), "Vul een aantal weken in van 0 tot en met 104");
        await ExpectFieldErrorAsync(page, second.GetByLabel("Vrije plekken"), "Er kunnen niet meer plekken vrij zijn dan er in totaal zijn (3).");
        await Expect(second.GetByLabel("Plekken in totaal")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(count, await ReportCountAsync(offeringIds));

        // The summary's links lead to the fields.
        await summary.GetByRole(AriaRole.Link, new() { Name = "Er kunnen niet meer plekken vrij zijn" }).ClickAsync();
        await Expect(second.GetByLabel("Vrije plekken")).ToBeFocusedAsync();

        // Not a number at all: said at once, without asking the server.
        await first.GetByLabel("Wachttijd tot intake").FillAsync("4");
        await second.GetByLabel("Vrije plekken").FillAsync("2");
        await first.GetByLabel("Op de wachtlijst").FillAsync("twaalf");
        var requests = 0;
        page.Request += (_, request) => requests += request.Method == "POST" ? 1 : 0;
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Verstuur de cijfers") }).ClickAsync();
        await ExpectFieldErrorAsync(page, first.GetByLabel("Op de wachtlijst"), "Vul een heel getal in");
        await Expect(first.GetByLabel("Wachttijd tot intake")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, requests);

        await first.GetByLabel("Op de wachtlijst").FillAsync("12");
        await SendConfirmingWarningsAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Verstuur de cijfers") }));
        await Expect(page.Locator(".success")).ToContainTextAsync("Gelukt");
        Assert.Equal(count + own.Count, await ReportCountAsync(offeringIds));
    });

    [Fact]
    public Task A_key_that_is_wrong_is_refused_next_to_the_key_field_and_not_kept() => InPageAsync(async page =>
    {
        await GoAsync(page, "/aanbieders");
        var field = page.GetByLabel("Je API-sleutel");
        await field.FillAsync("geheim");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await ExpectFieldErrorAsync(page, field, "Dit is geen geldige sleutel");

        await field.FillAsync($"bwk_{new string('a', 16)}_{new string('b', 64)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await ExpectFieldErrorAsync(page, page.GetByLabel("Je API-sleutel"), "Deze sleutel werkt niet (meer)");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('bw-api-key')"));

        // An administrator's key is not a provider's.
        await page.GetByLabel("Je API-sleutel").FillAsync(WebAppServer.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await ExpectFieldErrorAsync(page, page.GetByLabel("Je API-sleutel"), "niet van een zorgaanbieder");
    });

    private static string Text(JsonElement report, string field) =>
        report.GetProperty(field).ValueKind == JsonValueKind.Number ? report.GetProperty(field).GetInt32().ToString() : "";
}
