using System.Globalization;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>Voor verwijzers (/verwijzers): the same search as a compact table with capacity columns, and its CSV.</summary>
public sealed class ReferrerPageTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static readonly string[] CsvHeader =
    [
        "Aanbieder", "Aanbod", "Zorgvorm", "Plaats", "Afstand (km)", "Leeftijd vanaf", "Leeftijd tot en met", "Neemt aanmeldingen aan",
        "Vrije plekken", "Plekken totaal", "Wachtlijst", "Wachttijd tot intake (weken)", "Wachttijd intake tot start (weken)",
        "Wachttijd totaal (weken)", "Norm tot intake (weken)", "Norm intake tot start (weken)", "Norm totaal (weken)", "Norm", "Oordeel",
        "Week", "Bijgewerkt op", "Verouderd", "Link",
    ];

    [Fact]
    public Task The_table_shows_places_waitlist_aanmeldstop_and_every_phase_for_the_search() => InPageAsync(async page =>
    {
        var expected = await ApiAsync("/api/v1/offerings?municipality=GM0222&pageSize=50");
        var items = Expected.Items(expected).ToList();

        await GoAsync(page, "/verwijzers?gemeente=GM0222");
        await Expect(page.Locator("#resultaten")).ToHaveTextAsync($"{expected.GetProperty("total").GetInt32()} resultaten in Doetinchem");
        var rows = page.Locator(".referrer-table tbody tr");
        await Expect(rows).ToHaveCountAsync(items.Count);
        Assert.Equal(
            ["Aanbod", "Soort hulp en plaats", "Vrij / totaal", "Wachtlijst", "Aanmeldstop", "Tot intake", "Intake tot start", "Totaal", "Oordeel", "Bijgewerkt"],
            await page.Locator(".referrer-table thead th").AllInnerTextsAsync());

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var cells = rows.Nth(i).Locator("td");
            await Expect(rows.Nth(i).Locator("th a")).ToHaveTextAsync(item.GetProperty("title").GetString()!);
            if (item.GetProperty("availability") is not { ValueKind: JsonValueKind.Object } a)
            {
                await Expect(cells.Nth(1)).ToHaveTextAsync("onbekend");
                continue;
            }

            await Expect(cells.Nth(1)).ToHaveTextAsync($"{Figure(a, "freePlaces")} / {Figure(a, "totalPlaces")}");
            await Expect(cells.Nth(2)).ToHaveTextAsync(Figure(a, "waitlistCount"));
            await Expect(cells.Nth(3)).ToHaveTextAsync(a.GetProperty("acceptingReferrals").GetBoolean() ? "nee" : "ja");
            if (a.GetProperty("waitToIntakeWeeks").ValueKind == JsonValueKind.Number)
            {
                await Expect(cells.Nth(4)).ToContainTextAsync($"{a.GetProperty("waitToIntakeWeeks").GetInt32()} wk");
            }

            await Expect(cells.Nth(7)).ToContainTextAsync(Expected.Badge(item));
        }

        // The table scrolls inside its own region, which a keyboard user can reach and scroll.
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Tabel met resultaten (schuift opzij)" })).ToHaveAttributeAsync("tabindex", "0");
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
            Assert.EndsWith($"/aanbod/{item.GetProperty("id").GetString()}", fields[22]);
            if (item.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a)
            {
                Assert.Equal(a.GetProperty("acceptingReferrals").GetBoolean() ? "ja" : "nee", fields[7]);
                Assert.Equal(Figure(a, "freePlaces", ""), fields[8]);
                Assert.Equal(Figure(a, "totalPlaces", ""), fields[9]);
                Assert.Equal(Figure(a, "waitlistCount", ""), fields[10]);
                Assert.Equal(Figure(a, "waitToIntakeWeeks", ""), fields[11]);
                Assert.Equal(Figure(a, "totalWaitWeeks", ""), fields[13]);
                Assert.Equal(a.GetProperty("week").GetString(), fields[19]);
                Assert.Equal(Expected.IsoDate(a.GetProperty("reportedAt").GetDateTimeOffset()), fields[20]);
                Assert.Equal(a.GetProperty("stale").GetBoolean() ? "ja" : "nee", fields[21]);
            }
            else
            {
                Assert.Equal("", fields[7]);
            }

            Assert.Equal(Expected.Badge(item).ToLowerInvariant(), fields[18]);
        }

        // The hostile provider's name is plain text in the file too.
        Assert.Contains(lines, l => l.StartsWith(WebAppServer.HostileName + ";", StringComparison.Ordinal));
    });

    private static string Figure(JsonElement availability, string name, string unknown = "?") =>
        availability.GetProperty(name).ValueKind == JsonValueKind.Number
            ? availability.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture)
            : unknown;
}
