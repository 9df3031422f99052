using System.Globalization;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>
/// Voor verwijzers (/verwijzers): the capacity picture of a municipality, the same search as a compact table that fits the
/// screen (with phone and e-mail), its sort and link, and its CSV in the same words.
/// </summary>
public sealed class ReferrerPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static readonly string[] CsvHeader =
    [
        "Aanbieder", "Aanbod", "Soort hulp", "Plaats", "Afstand (km)", "Leeftijd vanaf", "Leeftijd tot en met", "Telefoon", "E-mail",
        "Aanmeldstop", "Vrije plekken", "Plekken totaal", "Wachtlijst", "Tot intake (weken)", "Intake tot start (weken)", "Totaal (weken)",
        "Norm tot intake (weken)", "Norm intake tot start (weken)", "Norm totaal (weken)", "Norm", "Oordeel", "Week", "Bijgewerkt",
        "Verouderd", "Link",
    ];

    [Fact]
    public Task The_table_shows_contact_places_waitlist_aanmeldstop_and_every_phase_in_the_words_of_the_csv() => InPageAsync(async page =>
    {
        var expected = await ApiAsync("/api/v1/offerings?municipality=GM0222&pageSize=50");
        var items = Expected.Items(expected).ToList();

        await GoAsync(page, "/verwijzers?gemeente=GM0222");
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync($"{expected.GetProperty("total").GetInt32()} resultaten in Doetinchem");
        var rows = page.Locator(".referrer-table tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        Assert.Equal(
            ["Keuzelijst", "Aanbod", "Contact", "Plek", "Wachttijd in weken", "Oordeel", "Bijgewerkt"],
            await page.Locator(".referrer-table thead th").AllInnerTextsAsync());

        var phones = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var row = rows.Nth(i);
            var cells = row.Locator("td");
            await Expect(row.Locator("th a")).ToHaveTextAsync(item.GetProperty("title").GetString()!);
            // Without a care type chosen, the row says which one it is.
            await Expect(row.Locator("th")).ToContainTextAsync(item.GetProperty("careType").GetProperty("name").GetString()!);

            var provider = item.GetProperty("provider");
            if (provider.GetProperty("phone").GetString() is { } phone)
            {
                await Expect(cells.Nth(1).Locator("a[href^='tel:']")).ToHaveTextAsync(phone);
                await Expect(cells.Nth(1).Locator("a[href^='tel:']")).ToHaveAttributeAsync("href", "tel:" + new string(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray()));
                phones++;
            }

            if (provider.GetProperty("email").GetString() is { } email)
            {
                await Expect(cells.Nth(1).Locator("a[href^='mailto:']")).ToHaveAttributeAsync("href", $"mailto:{email}");
            }

            if (item.GetProperty("availability") is not { ValueKind: JsonValueKind.Object } a)
            {
                await Expect(cells.Nth(2)).ToHaveTextAsync("onbekend");
                continue;
            }

            var free = a.GetProperty("freePlaces");
            var total = a.GetProperty("totalPlaces");
            await Expect(cells.Nth(2)).ToContainTextAsync(
                free.ValueKind != JsonValueKind.Number ? "Vrije plekken: onbekend"
                : free.GetInt32() == 0 ? "Geen plek vrij"
                : total.ValueKind == JsonValueKind.Number ? $"{free.GetInt32()} van {total.GetInt32()} vrij" : $"{free.GetInt32()} vrij");
            await Expect(cells.Nth(2)).ToContainTextAsync($"Wachtlijst: {Figure(a, "waitlistCount", "onbekend")}");
            if (a.GetProperty("acceptingReferrals").GetBoolean())
            {
                await Expect(cells.Nth(2)).Not.ToContainTextAsync("Aanmeldstop");
            }
            else
            {
                await Expect(cells.Nth(2)).ToContainTextAsync("Aanmeldstop");
            }

            await Expect(cells.Nth(3)).ToContainTextAsync($"Tot intake: {Figure(a, "waitToIntakeWeeks", "onbekend")}");
            await Expect(cells.Nth(3)).ToContainTextAsync($"Intake tot start: {Figure(a, "waitToTreatmentWeeks", "onbekend")}");
            await Expect(cells.Nth(4)).ToContainTextAsync(Expected.Badge(item));
            await Expect(cells.Nth(2)).Not.ToContainTextAsync("?");
            await Expect(cells.Nth(3)).Not.ToContainTextAsync("?");
        }

        Assert.True(phones > 5, $"only {phones} rows had a phone number");
    });

    [Fact]
    public Task The_table_fits_1280_px_without_scrolling_sideways_and_stacks_at_375() => InPageAsync(
        new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } }, async page =>
    {
        await GoAsync(page, "/verwijzers?gemeente=GM0222");
        await Expect(page.Locator(".referrer-table tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator(".capacity-table")).ToBeVisibleAsync();

        foreach (var table in new[] { ".referrer-table", ".capacity-table" })
        {
            var (scroll, client) = await WidthsAsync(page, table);
            Assert.True(scroll <= client, $"{table} at 1280 px: {scroll} px of content in {client} px");
        }

        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways at 1280 px");

        await page.SetViewportSizeAsync(375, 800);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, "the page scrolls sideways at 375 px");
        // Stacked: every row is a block as wide as the table, the header row out of sight, each cell named by its label.
        Assert.Equal("block", await page.Locator(".referrer-table tbody tr").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Equal("Contact: ", await page.Locator(".referrer-table tbody tr td").Nth(1).EvaluateAsync<string>("e => getComputedStyle(e, '::before').content.replaceAll('\"', '')"));
    });

    private static Task<(int Scroll, int Client)> WidthsAsync(IPage page, string table) =>
        page.Locator(table).EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]")
            .ContinueWith(t => (t.Result[0], t.Result[1]), TaskScheduler.Default);

    [Fact]
    public Task With_a_care_type_chosen_the_rows_leave_it_out_and_the_table_sorts_by_free_places() => InPageAsync(async page =>
    {
        var bySpace = Expected.Items(await ApiAsync("/api/v1/offerings?municipality=GM0222&careType=ambulante-begeleiding&sort=freePlaces&pageSize=50")).ToList();
        Assert.True(bySpace.Count >= 3);

        await GoAsync(page, "/verwijzers?gemeente=GM0222&zorgvorm=ambulante-begeleiding");
        await Expect(page.Locator(".referrer-table tbody tr")).ToHaveCountAsync(bySpace.Count);
        await Expect(page.Locator(".referrer-table tbody th").First).Not.ToContainTextAsync("Ambulante begeleiding");

        await page.GetByLabel("Sorteer de tabel op").SelectOptionAsync("plekken");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sorteer=plekken"));
        await Expect(page.Locator(".referrer-table tbody th a")).ToHaveTextAsync(bySpace.Select(i => i.GetProperty("title").GetString()!).ToArray());
    });

    [Fact]
    public Task Kopieer_link_puts_the_address_of_the_search_on_the_clipboard() => InPageAsync(
        new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] }, async page =>
    {
        await GoAsync(page, "/verwijzers?gemeente=GM0222&zorgvorm=pleegzorg&plek=ja");
        await ResultsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Kopieer link" }).ClickAsync();

        await Expect(page.Locator(".copy-status")).ToHaveTextAsync("De link is gekopieerd. Plak hem in een e-mail of chat.");
        Assert.Equal(page.Url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    });

    [Fact]
    public Task The_capacity_picture_shows_each_care_type_and_each_number_opens_its_list() => InPageAsync(async page =>
    {
        var picture = await ApiAsync("/api/v1/municipalities/GM0222/capacity");
        var careTypes = picture.GetProperty("careTypes").EnumerateArray().ToList();

        await GoAsync(page, "/verwijzers?gemeente=GM0222");
        var rows = page.Locator(".capacity-table tbody tr");
        await Expect(rows).ToHaveCountAsync(careTypes.Count);
        for (var i = 0; i < careTypes.Count; i++)
        {
            var c = careTypes[i];
            await Expect(rows.Nth(i).Locator("th a")).ToHaveTextAsync(c.GetProperty("careType").GetProperty("name").GetString()!);
            var cells = rows.Nth(i).Locator("td");
            await Expect(cells.Nth(0)).ToHaveTextAsync(c.GetProperty("offerings").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(cells.Nth(1)).ToHaveTextAsync(c.GetProperty("availableNow").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(cells.Nth(2)).ToHaveTextAsync(c.GetProperty("withinNorm").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(cells.Nth(3)).ToHaveTextAsync(c.GetProperty("shortestWaitWeeks") is { ValueKind: JsonValueKind.Number } w ? Expected.Weeks(w.GetInt32()) : "onbekend");
        }

        // The total counts crisis care and closed youth care, which a search without a care type leaves out: it says so,
        // naming the ones the API marks.
        await Expect(page.Locator(".capacity-table tfoot th")).ToContainTextAsync("Hier tellen crisishulp en gesloten jeugdzorg (jeugdzorg plus) ook mee. In de tabel hieronder staan die alleen als je ze kiest.");

        // "Nu plek" of the care type with the most room: its list has exactly that many rows, all with room now.
        var most = careTypes.MaxBy(c => c.GetProperty("availableNow").GetInt32());
        var count = most.GetProperty("availableNow").GetInt32();
        await rows.Nth(careTypes.IndexOf(most)).Locator("td").Nth(1).GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"zorgvorm={most.GetProperty("careType").GetProperty("code").GetString()}.*plek=ja"));
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync(count == 1 ? "1 resultaat in Doetinchem" : $"{count} resultaten in Doetinchem");
        await Expect(page.Locator(".capacity-table")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_csv_download_holds_every_result_of_the_search_over_all_pages() => InPageAsync(async page =>
    {
        // No municipality: more results than one page of the table or of the API.
        var all = new List<JsonElement>();
        for (var p = 1; ; p++)
        {
            var response = await ApiAsync($"/api/v1/offerings?age=12&pageSize=100&page={p}");
            all.AddRange(Expected.Items(response));
            if (all.Count >= response.GetProperty("total").GetInt32())
            {
                break;
            }
        }

        Assert.True(all.Count > 100, $"{all.Count} results: the CSV should need more than one page");

        await GoAsync(page, "/verwijzers?leeftijd=12");
        await ResultsAsync(page);
        var button = page.GetByRole(AriaRole.Button, new() { Name = $"Download alle {all.Count} resultaten als CSV" });
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.Matches(@"^aanbod-alle-gemeenten-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        await Expect(page.Locator(".csv-status")).ToHaveTextAsync($"Het bestand met {all.Count} regels staat in je downloads.");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("", lines[^1]);
        lines = lines[..^1];
        Assert.Equal(string.Join(';', CsvHeader), lines[0]);
        Assert.Equal(all.Count, lines.Length - 1);

        for (var i = 0; i < all.Count; i++)
        {
            var item = all[i];
            var fields = lines[i + 1].Split(';');
            Assert.Equal(CsvHeader.Length, fields.Length);
            Assert.Equal(item.GetProperty("provider").GetProperty("name").GetString(), fields[0]);
            Assert.Equal(item.GetProperty("title").GetString(), fields[1]);
            Assert.EndsWith($"/aanbod/{item.GetProperty("id").GetString()}", fields[24]);
            Assert.Equal(item.GetProperty("provider").GetProperty("phone").GetString() ?? "", fields[7]);
            if (item.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a)
            {
                Assert.Equal(a.GetProperty("acceptingReferrals").GetBoolean() ? "nee" : "ja", fields[9]);
                Assert.Equal(Figure(a, "freePlaces", ""), fields[10]);
                Assert.Equal(Figure(a, "totalPlaces", ""), fields[11]);
                Assert.Equal(Figure(a, "waitlistCount", ""), fields[12]);
                Assert.Equal(Figure(a, "waitToIntakeWeeks", ""), fields[13]);
                Assert.Equal(Figure(a, "totalWaitWeeks", ""), fields[15]);
                Assert.Equal(a.GetProperty("week").GetString(), fields[21]);
                Assert.Equal(Expected.IsoDate(a.GetProperty("reportedAt").GetDateTimeOffset()), fields[22]);
                Assert.Equal(a.GetProperty("stale").GetBoolean() ? "ja" : "nee", fields[23]);
            }
            else
            {
                Assert.Equal("", fields[9]);
            }

            Assert.Equal(Expected.Badge(item), fields[20]);
        }

        // The hostile provider's name is plain text in the file too.
        Assert.Contains(lines, l => l.StartsWith(WebAppServer.HostileName + ";", StringComparison.Ordinal));
    });

    private static string Figure(JsonElement availability, string name, string unknown) =>
        availability.GetProperty(name).ValueKind == JsonValueKind.Number
            ? availability.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture)
            : unknown;
}
