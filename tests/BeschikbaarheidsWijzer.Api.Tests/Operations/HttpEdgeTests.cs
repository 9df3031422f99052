using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>The edges of HTTP a careful client or a probe reaches: quoted parameters, secrets in caches, the Host header.</summary>
public sealed class HttpEdgeTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    /// <summary>A body with the Content-Type exactly as written (HttpClient would otherwise normalise it).</summary>
    private static StringContent Body(string json, string contentType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=utf-8")]
    public async Task A_quoted_charset_is_accepted(string contentType)
    {
        var response = await app.CreateClient(app.KeyA).PutAsync($"/api/v1/provider/offerings/{app.OfferingsA[0]}/availability",
            Body("""{ "acceptingReferrals": true, "waitToIntakeWeeks": 2 }""", contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_charset_quoted_or_not_is_still_415()
    {
        foreach (var contentType in new[] { "application/json; charset=\"nonsense\"", "application/json; charset=nonsense" })
        {
            var response = await app.CreateClient(app.KeyA).PutAsync($"/api/v1/provider/offerings/{app.OfferingsA[1]}/availability",
                Body("""{ "acceptingReferrals": true }""", contentType));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_new_api_key_is_never_stored_by_a_cache()
    {
        var admin = app.CreateClient(WijzerApiFactory.AdminKey);

        var providerKey = await admin.PostAsJsonAsync($"/api/v1/admin/providers/{app.ProviderB}/api-keys", new { label = "no-store" });
        var managerKey = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { role = "region-manager", regions = new[] { "twente" }, label = "no-store" });

        foreach (var response in new[] { providerKey, managerKey })
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
            Assert.StartsWith("bwk_", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        }
    }

    [Fact]
    public async Task The_hsds_feed_names_its_document_at_the_configured_address_whatever_host_is_asked()
    {
        await using var configured = app.WithWebHostBuilder(b => b.UseSetting("Site:PublicBaseUrl", "https://wijzer.example.nl/"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/hsds");
        request.Headers.Host = "evil.example";

        var info = await (await configured.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("https://wijzer.example.nl/api/v1/openapi.json", info.GetProperty("openapi_url").GetString());
    }
}
