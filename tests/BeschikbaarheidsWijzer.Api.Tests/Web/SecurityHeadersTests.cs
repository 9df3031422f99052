using System.Net;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace BeschikbaarheidsWijzer.Api.Tests.Web;

/// <summary>Every response, page, data or error, carries the security headers; Swagger UI gets its own, looser CSP.</summary>
public sealed class SecurityHeadersTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/aanbieders")]
    [InlineData("GET", "/js/app.js")]
    [InlineData("GET", "/bestaat-niet")]
    [InlineData("GET", "/api/v1/regions")]
    [InlineData("GET", "/api/v1/offerings?municipality=GM9999")]
    [InlineData("GET", "/api/v1/bestaat-niet")]
    [InlineData("POST", "/api/v1/provider/availability-reports")]
    [InlineData("GET", "/health/live")]
    public async Task Every_response_carries_a_strict_policy_nosniff_referrer_and_permissions_policy(string method, string url)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("geolocation=(self)", response.Headers.GetValues("Permissions-Policy").Single());
    }

    [Fact]
    public void The_policy_allows_nothing_inline_and_no_other_host()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);

        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy);
        Assert.DoesNotContain("http", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'script'"], directives["require-trusted-types-for"]);
    }

    [Fact]
    public async Task Swagger_ui_gets_a_policy_that_still_runs_only_this_sites_scripts()
    {
        var response = await factory.CreateClient().GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ApiDocsContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development_only()
    {
        var https = factory.CreateClient();
        https.BaseAddress = new Uri("https://wijzer.example");
        var overHttps = await https.GetAsync("/api/v1/regions");
        Assert.StartsWith("max-age=", overHttps.Headers.GetValues("Strict-Transport-Security").Single());

        var overHttp = await factory.CreateClient().GetAsync("/api/v1/regions");
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));

        await using var development = factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var devClient = development.CreateClient();
        devClient.BaseAddress = new Uri("https://wijzer.example");
        var inDevelopment = await devClient.GetAsync("/api/v1/regions");
        Assert.Equal(HttpStatusCode.OK, inDevelopment.StatusCode);
        Assert.False(inDevelopment.Headers.Contains("Strict-Transport-Security"));
    }
}
