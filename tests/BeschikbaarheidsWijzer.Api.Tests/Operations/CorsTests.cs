using System.Net;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>Any origin may read the public API and its document; no origin gets CORS on the provider or admin API.</summary>
public sealed class CorsTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    private const string Origin = "https://www.gemeente.example";

    [Theory]
    [InlineData("/api/v1/regions")]
    [InlineData("/api/v1/care-types")]
    [InlineData("/api/v1/norms?region=twente")]
    [InlineData("/api/v1/offerings?municipality=GM0222")]
    [InlineData("/api/v1/offerings?municipality=GM9999")] // a 400: a page must be able to read the error too
    [InlineData("/api/v1/openapi.json")]
    public async Task Public_reads_allow_any_origin(string url)
    {
        var response = await SendAsync(HttpMethod.Get, url, key: null);

        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("API-Version", Single(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task A_preflight_for_the_public_search_is_answered()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/offerings?municipality=GM0222");
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("GET", Single(response, "Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/provider/offerings", "provider")]
    [InlineData("GET", "/api/v1/admin/providers", "admin")]
    [InlineData("GET", "/health/ready", null)]
    [InlineData("GET", "/metrics", "admin")]
    public async Task Provider_admin_and_operational_endpoints_send_no_cors_headers(string method, string url, string? caller)
    {
        var key = caller switch { "provider" => app.KeyA, "admin" => WijzerApiFactory.AdminKey, _ => null };

        var response = await SendAsync(new HttpMethod(method), url, key);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {url}");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{url} sent Access-Control-Allow-Origin");
    }

    [Theory]
    [InlineData("/api/v1/provider/availability-reports", "POST")]
    [InlineData("/api/v1/admin/providers", "POST")]
    public async Task A_preflight_for_a_write_gets_no_permission(string url, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

        var response = await app.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? key)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", Origin);
        return await app.CreateClient(key).SendAsync(request);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}
