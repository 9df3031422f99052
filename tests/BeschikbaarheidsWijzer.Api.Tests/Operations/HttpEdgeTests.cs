using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>The app as production runs it: a host list, and Prometheus scraping <c>Metrics:Port</c> by pod IP.</summary>
    private WebApplicationFactory<Program> WithHostList() =>
        app.WithWebHostBuilder(b => b
            .UseSetting("AllowedHosts", "wijzer.example.nl;*.wijzer.example.nl;localhost")
            .UseSetting("Metrics:Port", "9464")
            .ConfigureServices(services => services.AddTransient<IStartupFilter, ConnectionOnPort>()));

    [Theory]
    [InlineData("/api/v1/offerings?municipality=GM0222")]
    [InlineData("/health/live")]
    [InlineData("/")]
    [InlineData("/metrics")]
    public async Task A_host_outside_the_list_is_refused_naming_the_header(string path)
    {
        await using var configured = WithHostList();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";

        var response = await configured.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldErrors")[0];
        Assert.Equal("Host", error.GetProperty("field").GetString());
        Assert.Equal("not-allowed", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("wijzer.example.nl")]
    [InlineData("WIJZER.example.nl:443")]
    [InlineData("www.wijzer.example.nl")]
    [InlineData("localhost:8080")]
    public async Task A_listed_host_is_answered(string host)
    {
        await using var configured = WithHostList();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/offerings?municipality=GM0222");
        request.Headers.Host = host;

        var response = await configured.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_metrics_port_by_pod_ip_though_the_host_is_not_listed()
    {
        await using var configured = WithHostList();
        var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Host = "10.244.1.17:9464";
        scrape.Headers.Add(ConnectionOnPort.Header, "9464");
        var publicPort = new HttpRequestMessage(HttpMethod.Get, "/api/v1/offerings?municipality=GM0222");
        publicPort.Headers.Host = "10.244.1.17:8080";
        publicPort.Headers.Add(ConnectionOnPort.Header, "8080");

        var metrics = await configured.CreateClient().SendAsync(scrape);
        var search = await configured.CreateClient().SendAsync(publicPort);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
    }

    /// <summary>
    /// The in-memory test server has no ports; this sets the connection's local port from a test header, before the app's
    /// own pipeline runs, as Kestrel would for a request that came in on that port.
    /// </summary>
    private sealed class ConnectionOnPort : IStartupFilter
    {
        public const string Header = "X-Test-Local-Port";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (int.TryParse(context.Request.Headers[Header], out var port))
                {
                    context.Connection.LocalPort = port;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
