using System.Net.Http.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Weeks;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// A provider's working week in /aanbieders: nothing changed (one click), "Klopt dit?" before an unlikely figure is sent,
/// every error in one round before anything is sent, and no changes lost by leaving the page.
/// </summary>
public sealed class ProviderWeekTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    /// <summary>A provider of its own with <paramref name="count"/> offerings, each with plausible figures last week.</summary>
    private async Task<(string Key, List<Guid> Offerings, List<string> Titles)> ProviderWithLastWeeksFiguresAsync(int count, int intake = 3, int sameForWeeks = 0)
    {
        var now = App.Clock.GetUtcNow();
        var lastWeek = IsoWeek.FromInstant(now).AddWeeks(-1).Monday;
        var providerId = Guid.CreateVersion7();
        var offerings = new List<Guid>();
        var titles = new List<string>();
        await using (var db = App.CreateDbContext())
        {
            db.Providers.Add(new Provider { Id = providerId, Name = $"Weekstaat {providerId:N} (test)", CreatedAt = now, UpdatedAt = now });
            for (var i = 0; i < count; i++)
            {
                var offering = new Offering
                {
                    Id = Guid.CreateVersion7(), ProviderId = providerId, Title = $"Onderdeel {i + 1:D2} ({providerId.ToString("N")[^6..]})", CareTypeCode = "ambulante-begeleiding",
                    AgeMin = 0, AgeMax = 18, CreatedAt = now, UpdatedAt = now,
                };
                offering.Contracts.Add(new Contract { MunicipalityCode = "GM0222", ValidFrom = new DateOnly(2025, 1, 1) });
                db.Offerings.Add(offering);
                db.AvailabilityReports.Add(new AvailabilityReport
                {
                    OfferingId = offering.Id, WeekStart = lastWeek, ReportedAt = now.AddDays(-7), AcceptingReferrals = true,
                    WaitToIntakeWeeks = intake, WaitToTreatmentWeeks = 4, FreePlaces = 0, TotalPlaces = 8, WaitlistCount = 3,
                    FiguresChangedAt = sameForWeeks > 0 ? now.AddDays(-7 * sameForWeeks) : null,
                });
                offerings.Add(offering.Id);
                titles.Add(offering.Title);
            }

            await db.SaveChangesAsync();
        }

        var (_, key) = await App.CreateApiKeyAsync(ApiKeyRole.Provider, providerId);
        return (key, offerings, titles);
    }

    private async Task<List<AvailabilityReport>> ReportsAsync(IEnumerable<Guid> offerings)
    {
        var ids = offerings.ToList();
        await using var db = App.CreateDbContext();
        return await db.AvailabilityReports.AsNoTracking().Where(r => ids.Contains(r.OfferingId)).OrderBy(r => r.Id).ToListAsync();
    }

    private static async Task KeyStepAsync(IPage page, string key)
    {
        await GoAsync(page, "/aanbieders");
        await page.GetByLabel("Je API-sleutel").FillAsync(key);
        await page.GetByLabel("Je API-sleutel").PressAsync("Enter");
        await Expect(page.Locator("fieldset.offering-report").First).ToBeVisibleAsync();
    }

    private static ILocator Offering(IPage page, string title) =>
        page.Locator("fieldset.offering-report").Filter(new() { Has = page.Locator("legend", new() { HasText = title }) });

    private static ILocator SendButton(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Verstuur de cijfers") });

    [Fact]
    public Task Ten_offerings_without_changes_are_done_in_one_click_after_the_key_step() => InPageAsync(async page =>
    {
        var (key, offerings, _) = await ProviderWithLastWeeksFiguresAsync(10);
        var before = await ReportsAsync(offerings);

        await KeyStepAsync(page, key);

        // The key step leaves the focus on the one button that is needed: Enter (or one click) confirms all ten.
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Niets veranderd: bevestig alle 10 onderdelen" });
        await Expect(confirm).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        var success = page.Locator(".success");
        await Expect(success).ToContainTextAsync("Gelukt: je cijfers zijn bevestigd");
        await Expect(success).ToContainTextAsync($"De cijfers van 10 onderdelen gelden ook voor week {IsoWeek.FromInstant(App.Clock.GetUtcNow()).Week}");
        var after = await ReportsAsync(offerings);
        var confirmations = after.Skip(before.Count).ToList();
        Assert.Equal(10, confirmations.Count);
        Assert.All(confirmations, r => Assert.True(r.ConfirmedUnchanged && r.WaitToIntakeWeeks == 3 && r.FiguresChangedAt == before[0].ReportedAt));

        // The form says so: sent this week, the figures themselves from last week.
        await Expect(page.Locator(".last-report").First).ToContainTextAsync(
            $"De cijfers zelf zijn voor het laatst veranderd op {Expected.Date(before[0].ReportedAt)}");

        // And so does the public page, with how faithfully the provider reports.
        await GoAsync(page, $"/aanbod/{offerings[0]}?gemeente=GM0222");
        await Expect(page.Locator(".detail-section .updated").First).ToHaveTextAsync(
            $"Cijfers bevestigd op {Expected.Date(confirmations[0].ReportedAt)} (week {IsoWeek.FromInstant(App.Clock.GetUtcNow()).Week}); voor het laatst veranderd op {Expected.Date(before[0].ReportedAt)}");
        await Expect(page.Locator(".facts .reporting")).ToHaveTextAsync("De aanbieder gaf in 2 van de laatste 12 weken cijfers door.");
    });

    [Fact]
    public Task Realised_waits_are_folded_away_in_the_form_and_shown_beside_the_expected_wait() => InPageAsync(async page =>
    {
        var (key, offerings, titles) = await ProviderWithLastWeeksFiguresAsync(1);
        await KeyStepAsync(page, key);
        var form = Offering(page, titles[0]);
        await Expect(form.GetByLabel("Echt gewacht tot intake")).Not.ToBeVisibleAsync();

        await form.GetByText("Echt gewacht in de afgelopen 8 weken").ClickAsync();
        await form.GetByLabel("Echt gewacht tot intake").FillAsync("5");
        await form.GetByLabel("Echt gewacht van intake tot start").FillAsync("1");
        await SendButton(page).ClickAsync();
        await Expect(page.Locator(".success")).ToContainTextAsync("Gelukt");

        // Sent once, the form opens the fold with the figures in it next week.
        await Expect(Offering(page, titles[0]).GetByLabel("Echt gewacht tot intake")).ToHaveValueAsync("5");
        await GoAsync(page, $"/aanbod/{offerings[0]}?gemeente=GM0222");
        await Expect(page.Locator(".facts .realised-wait")).ToHaveTextAsync(
            "Echt gewacht: kinderen die de afgelopen 8 weken begonnen, wachtten gemiddeld 5 weken tot de intake en 1 week van intake tot start van de hulp. De wachttijd hierboven is wat de aanbieder nu verwacht.");
    });

    [Fact]
    public Task One_offering_marked_unchanged_is_confirmed_and_the_others_are_sent_as_filled_in() => InPageAsync(async page =>
    {
        var (key, offerings, titles) = await ProviderWithLastWeeksFiguresAsync(2);
        await KeyStepAsync(page, key);

        var first = Offering(page, titles[0]);
        await first.GetByLabel("Niets veranderd deze week").CheckAsync();
        await Expect(first.GetByLabel("Wachttijd tot intake")).ToBeDisabledAsync();
        await Offering(page, titles[1]).GetByLabel("Wachttijd tot intake").FillAsync("4");
        await SendButton(page).ClickAsync();

        await Expect(page.Locator(".success")).ToContainTextAsync("Gelukt: je cijfers zijn opgeslagen");
        var latest = (await ReportsAsync(offerings)).GroupBy(r => r.OfferingId).ToDictionary(g => g.Key, g => g.Last());
        Assert.True(latest[offerings[0]].ConfirmedUnchanged);
        Assert.False(latest[offerings[1]].ConfirmedUnchanged);
        Assert.Equal(4, latest[offerings[1]].WaitToIntakeWeeks);
    });

    [Fact]
    public Task An_unlikely_figure_asks_klopt_dit_before_anything_is_stored() => InPageAsync(async page =>
    {
        var (key, offerings, titles) = await ProviderWithLastWeeksFiguresAsync(2, intake: 20);
        await KeyStepAsync(page, key);
        var count = (await ReportsAsync(offerings)).Count;

        var form = Offering(page, titles[1]);
        await form.GetByLabel("Wachttijd tot intake").FillAsync("0");
        await SendButton(page).ClickAsync();

        var summary = page.Locator(".warning-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Klopt dit cijfer?");
        await Expect(summary).ToContainTextAsync($"{titles[1]}: De wachttijd daalt van 20 naar 0 weken.");
        var warning = form.Locator(".field-warning");
        await Expect(warning).ToContainTextAsync("Klopt dit? De wachttijd daalt van 20 naar 0 weken.");
        Assert.Equal(count, (await ReportsAsync(offerings)).Count);

        // The summary's link leads to the question; a ticked "ja" sends.
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(warning.GetByLabel("Ja, dit klopt")).ToBeFocusedAsync();
        await warning.GetByLabel("Ja, dit klopt").CheckAsync();
        await SendButton(page).ClickAsync();

        await Expect(page.Locator(".success")).ToContainTextAsync("Gelukt");
        var stored = (await ReportsAsync(offerings)).Last(r => r.OfferingId == offerings[1]);
        Assert.Equal(0, stored.WaitToIntakeWeeks);
        Assert.Contains("wait-dropped-sharply", stored.Warnings);
    });

    [Fact]
    public Task Every_error_is_shown_in_one_round_named_by_offering_before_anything_is_sent() => InPageAsync(async page =>
    {
        var (key, _, titles) = await ProviderWithLastWeeksFiguresAsync(3);
        await KeyStepAsync(page, key);
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await Offering(page, titles[0]).GetByLabel("Wachttijd tot intake").FillAsync("105");
        await Offering(page, titles[1]).GetByLabel("Vrije plekken").FillAsync("9");
        await Offering(page, titles[1]).GetByLabel("Plekken in totaal").FillAsync("8");
        await Offering(page, titles[2]).GetByText("Echt gewacht in de afgelopen 8 weken").ClickAsync();
        await Offering(page, titles[2]).GetByLabel("Echt gewacht tot intake").FillAsync("200");
        await Offering(page, titles[2]).GetByLabel("Op de wachtlijst").FillAsync("veel");
        await SendButton(page).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary.Locator("h2")).ToHaveTextAsync("Er zijn 4 fouten");
        await Expect(summary).ToContainTextAsync($"{titles[0]} — Wachttijd tot intake: Vul een aantal weken in van 0 tot en met 104");
        await Expect(summary).ToContainTextAsync($"{titles[1]} — Vrije plekken: Er kunnen niet meer plekken vrij zijn dan er in totaal zijn (8).");
        await Expect(summary).ToContainTextAsync($"{titles[2]} — Echt gewacht tot intake: Vul een aantal weken in van 0 tot en met 104");
        await Expect(summary).ToContainTextAsync($"{titles[2]} — Op de wachtlijst: Vul een heel getal in");
        await ExpectFieldErrorAsync(page, Offering(page, titles[1]).GetByLabel("Vrije plekken"), "Er kunnen niet meer plekken vrij zijn");
        Assert.Equal(0, posts);
    });

    [Fact]
    public Task Leaving_with_unsent_changes_asks_first() => InPageAsync(async page =>
    {
        var (key, _, titles) = await ProviderWithLastWeeksFiguresAsync(1);
        await KeyStepAsync(page, key);
        await Offering(page, titles[0]).GetByLabel("Wachttijd tot intake").FillAsync("5");

        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            if (asked.Count == 1)
            {
                await dialog.DismissAsync();
            }
            else
            {
                await dialog.AcceptAsync();
            }
        };

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Uitleg" }).First.ClickAsync();
        Assert.Single(asked);
        Assert.Contains("nog niet zijn verstuurd", asked[0]);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/aanbieders$"));
        await Expect(Offering(page, titles[0]).GetByLabel("Wachttijd tot intake")).ToHaveValueAsync("5");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Uitleg" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/uitleg$"));
        Assert.Equal(2, asked.Count);
    });

    [Fact]
    public Task The_sticky_send_button_never_covers_the_field_with_the_focus() => InPageAsync(new() { ViewportSize = new() { Width = 375, Height = 667 } }, async page =>
    {
        var (key, _, _) = await ProviderWithLastWeeksFiguresAsync(3);
        await KeyStepAsync(page, key);
        await page.Locator("fieldset.offering-report input").First.FocusAsync();

        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var covered = await page.EvaluateAsync<double>("""
                () => {
                  const focused = document.activeElement;
                  const bar = document.querySelector('.sticky-actions');
                  if (!bar || !focused || bar.contains(focused) || !focused.closest('form')) return 0;
                  return focused.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
                }
                """);
            Assert.True(covered <= 0, $"after {i + 1} Tab presses the focused field is {covered} px under the send button");
        }
    });

    [Fact]
    public Task The_dutch_table_words_every_plausibility_warning() => InPageAsync(async page =>
    {
        await GoAsync(page, "/");
        var worded = await page.EvaluateAsync<string[]>("async () => (await import('/js/problems.js')).WORDED_WARNINGS");
        Assert.Equal(BeschikbaarheidsWijzer.Domain.Availability.PlausibilityRules.Codes.Order(), worded.Order());
        foreach (var code in worded)
        {
            var text = await page.EvaluateAsync<string>(
                "async (code) => (await import('/js/problems.js')).warningInDutch({ code, previous: 20, current: 0, freePlaces: 2, waitlistCount: 30, weeks: 9 })", code);
            Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
            Assert.NotEqual("Dit cijfer valt op.", text);
        }
    });

    [Fact]
    public Task The_region_reads_its_notable_reports_in_dutch_with_whom_to_call() => InPageAsync(async page =>
    {
        var (key, offerings, titles) = await ProviderWithLastWeeksFiguresAsync(1, intake: 20);
        using (var client = new HttpClient { BaseAddress = App.BaseAddress })
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            var sent = await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offerings[0]}/availability", new { acceptingReferrals = true, waitToIntakeWeeks = 1 });
            sent.EnsureSuccessStatusCode();
        }

        await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer/opvallend?regio=achterhoek");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Opvallende meldingen in regio Achterhoek");
        var row = page.Locator("tbody tr").Filter(new() { HasText = titles[0] });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("De wachttijd daalt van 20 naar 1 week. Zo snel loopt een wachtlijst zelden leeg.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download deze lijst (CSV)" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task The_public_page_shows_who_reported_last_week_and_who_did_not() => InPageAsync(async page =>
    {
        var (_, offerings, _) = await ProviderWithLastWeeksFiguresAsync(3);
        await using (var db = App.CreateDbContext())
        {
            // One of the three did not report last week.
            await db.AvailabilityReports.Where(r => r.OfferingId == offerings[2]).ExecuteDeleteAsync();
        }

        var api = await ApiAsync("/api/v1/regions/achterhoek/reporting");
        await GoAsync(page, "/meldingen?regio=achterhoek");

        await Expect(page.GetByLabel("Regio")).ToHaveValueAsync("achterhoek");
        var lastWeek = IsoWeek.FromInstant(App.Clock.GetUtcNow()).AddWeeks(-1).Week;
        await Expect(page.Locator(".reporting-summary")).ToContainTextAsync(
            $"Vorige week (week {lastWeek}): voor {api.GetProperty("reportedLastWeek").GetInt32()} van de {api.GetProperty("offerings").GetInt32()} soorten hulp zijn cijfers doorgegeven");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Weekstaat" }).Filter(new() { HasText = "Niet doorgegeven" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Niet doorgegeven: 1 van de 3");

        // Choosing another region shows that region.
        await page.GetByLabel("Regio").SelectOptionAsync("twente");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/meldingen\\?regio=twente$"));
        await Expect(page.Locator("h2").First).ToHaveTextAsync("Regio Twente");
    });

    [Fact]
    public Task A_region_uploads_its_own_ijw_measure_and_is_told_per_line_what_is_wrong() => InPageAsync(async page =>
    {
        string kvk;
        await using (var db = App.CreateDbContext())
        {
            kvk = await db.Providers.Where(p => p.KvkNumber != null && p.DeletedAt == null).OrderBy(p => p.Name).Select(p => p.KvkNumber!).FirstAsync();
        }

        int Stored()
        {
            using var db = App.CreateDbContext();
            return db.RegionMeasuredLeadTimes.Count(t => t.KvkNumber == kvk);
        }

        await Beheer.OpenAsync(page, WebAppServer.AdminKey, "/beheer?regio=achterhoek");
        var upload = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Eigen metingen uit iJw-berichten" }) });
        const string Header = "kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start";

        // A group of 3 could identify a child: refused, per line, and nothing stored.
        await upload.GetByLabel("CSV-bestand met eigen metingen").SetInputFilesAsync(new FilePayload
        {
            Name = "metingen.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes($"{Header}\n{kvk};45;2026-10;12;38\n{kvk};45;2026-09;3;20\n"),
        });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Upload het bestand" }).ClickAsync();
        var refusal = upload.Locator(".error-summary");
        await Expect(refusal).ToBeFocusedAsync();
        await Expect(refusal).ToContainTextAsync("Regel 3, aantal_jeugdigen: Minstens 5 jeugdigen per regel. Een kleinere groep kan een kind herkenbaar maken.");
        Assert.Equal(0, Stored());

        await upload.GetByLabel("CSV-bestand met eigen metingen").SetInputFilesAsync(new FilePayload
        {
            Name = "metingen.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes($"{Header}\n{kvk};45;2026-10;12;38\n{kvk};45;2026-09;6;20\n"),
        });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Upload het bestand" }).ClickAsync();
        await Expect(upload.Locator(".success")).ToContainTextAsync("2 regels, van 2026-09 tot en met 2026-10");
        Assert.Equal(2, Stored());
    });

    [Fact]
    public Task Confirming_figures_that_have_not_moved_for_weeks_asks_klopt_dit_first() => InPageAsync(async page =>
    {
        var (key, offerings, titles) = await ProviderWithLastWeeksFiguresAsync(2, sameForWeeks: 10);
        await KeyStepAsync(page, key);
        var count = (await ReportsAsync(offerings)).Count;

        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Niets veranderd: bevestig alle 2 onderdelen" });
        await confirm.ClickAsync();

        var summary = page.Locator(".warning-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Kloppen deze 2 cijfers?");
        await Expect(summary).ToContainTextAsync("Klik daarna opnieuw op \"Niets veranderd\"");
        await Expect(Offering(page, titles[0]).Locator(".field-warning")).ToContainTextAsync("Deze cijfers zijn al 10 weken precies hetzelfde.");
        Assert.Equal(count, (await ReportsAsync(offerings)).Count);

        foreach (var tick in await page.Locator(".field-warning").GetByLabel("Ja, dit klopt").AllAsync())
        {
            await tick.CheckAsync();
        }

        await confirm.ClickAsync();
        await Expect(page.Locator(".success")).ToContainTextAsync("Gelukt: je cijfers zijn bevestigd");
        Assert.Equal(count + 2, (await ReportsAsync(offerings)).Count);
    });

    [Fact]
    public Task A_region_manager_is_told_in_dutch_that_another_region_decides_over_a_shared_provider() => InPageAsync(async page =>
    {
        var shared = await Beheer.ArrangeProviderAsync(App, Beheer.Unique("Gedeeld"), "GM0222", "ambulante-begeleiding", region: "achterhoek");
        await Beheer.CallAsync(App, WebAppServer.AdminKey, HttpMethod.Post, "/api/v1/admin/offerings", new
        {
            providerId = shared.ProviderId, title = "Begeleiding in Enschede", careType = "ambulante-begeleiding", ageMin = 4, ageMax = 18,
            municipalities = new[] { "GM0153" },
        });
        var (_, twenteKey) = await App.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);

        await Beheer.OpenAsync(page, twenteKey, $"/beheer/aanbieders/{shared.ProviderId}?regio=twente");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(shared.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gegevens opslaan" }).ClickAsync();

        await Expect(page.Locator(".error").First).ToContainTextAsync(
            "Dit is ook gecontracteerd in regio Achterhoek. Alleen de contractmanager van die regio (of een beheerder) kan dit veranderen.");
    });
}

