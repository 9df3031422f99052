using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>A provider arranged through the administration API, with one location and one offering.</summary>
public sealed record ArrangedProvider(Guid ProviderId, string Name, Guid LocationId, Guid OfferingId, string OfferingTitle);

/// <summary>The management pages (/beheer) for the tests: logging in, and arranging data through the real API.</summary>
public static class Beheer
{
    /// <summary>Where /beheer keeps the key (sessionStorage, like the provider page).</summary>
    public const string KeyStorage = "bw-beheer-sleutel";

    /// <summary>Opens a /beheer page already logged in: the key is in sessionStorage before the page runs.</summary>
    public static async Task OpenAsync(IPage page, string key, string pathAndQuery)
    {
        await page.AddInitScriptAsync($"sessionStorage.setItem('{KeyStorage}', '{key}')");
        await page.GotoAsync(pathAndQuery);
        await Expect(page.Locator("nav[aria-label=Beheer]")).ToBeVisibleAsync();
    }

    /// <summary>Logs in through the key step, as a contract manager would.</summary>
    public static async Task LogInAsync(IPage page, string key, string pathAndQuery = "/beheer")
    {
        await page.GotoAsync(pathAndQuery);
        await page.GetByLabel("Je beheersleutel").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await Expect(page.Locator("nav[aria-label=Beheer]")).ToBeVisibleAsync();
    }

    /// <summary>The form on /beheer/normen that records a new norm version.</summary>
    public static ILocator NormForm(IPage page) => page.Locator("form[aria-label='Nieuwe norm']");

    /// <summary>Fills the norm form with a total and (when given) a start date, and sends it.</summary>
    public static async Task SubmitNormAsync(ILocator form, string careType, string totalWeeks, string? validFrom = null)
    {
        await form.GetByLabel("Zorgvorm").SelectOptionAsync(careType);
        await form.GetByLabel("In totaal (weken)").FillAsync(totalWeeks);
        if (validFrom is not null)
        {
            await form.GetByLabel("Geldt vanaf").FillAsync(validFrom);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Norm vastleggen" }).ClickAsync();
    }

    /// <summary>A region manager's key for <paramref name="regions"/>, issued by the admin through the API.</summary>
    public static async Task<string> RegionManagerKeyAsync(WebAppServer app, string label, params string[] regions) =>
        (await CallAsync(app, WebAppServer.AdminKey, HttpMethod.Post, "/api/v1/admin/api-keys", new { role = "region-manager", regions, label }))
        .GetProperty("key").GetString()!;

    /// <summary>A call to the API with a key; the answer's JSON (default for an empty body).</summary>
    public static async Task<JsonElement> CallAsync(WebAppServer app, string key, HttpMethod method, string path, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A provider with a location in <paramref name="municipality"/> and an offering contracted there, made by the admin.</summary>
    public static async Task<ArrangedProvider> ArrangeProviderAsync(
        WebAppServer app, string name, string municipality, string careType, string offeringTitle = "Begeleiding thuis", string? region = null)
    {
        var key = WebAppServer.AdminKey;
        var provider = await CallAsync(app, key, HttpMethod.Post, "/api/v1/admin/providers", new
        {
            name, kvkNumber = "87654321", phone = "0481-123456", email = "info@arranged.example", website = "https://arranged.example",
            regions = region is null ? null : new[] { region },
        });
        var providerId = provider.GetProperty("id").GetGuid();
        var location = await CallAsync(app, key, HttpMethod.Post, $"/api/v1/admin/providers/{providerId}/locations", new
        {
            name = $"{name} vestiging", city = "Plaats", municipality,
        });
        var locationId = location.GetProperty("id").GetGuid();
        var offering = await CallAsync(app, key, HttpMethod.Post, "/api/v1/admin/offerings", new
        {
            providerId, title = offeringTitle, careType, ageMin = 4, ageMax = 18, locationIds = new[] { locationId }, municipalities = new[] { municipality },
        });
        return new ArrangedProvider(providerId, name, locationId, offering.GetProperty("id").GetGuid(), offeringTitle);
    }

    /// <summary>The provider's figures for this week, posted with a key of its own.</summary>
    public static async Task ReportAsync(WebAppServer app, ArrangedProvider provider, int intake, int treatment)
    {
        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, provider.ProviderId);
        await CallAsync(app, key, HttpMethod.Put, $"/api/v1/provider/offerings/{provider.OfferingId}/availability", new
        {
            acceptingReferrals = true, waitToIntakeWeeks = intake, waitToTreatmentWeeks = treatment, freePlaces = 1, totalPlaces = 5,
        });
    }

    /// <summary>A name no other test uses.</summary>
    public static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";
}
