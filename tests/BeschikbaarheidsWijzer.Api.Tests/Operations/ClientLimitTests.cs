using System.Net;
using System.Net.Http.Headers;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// The limits per client address, on a real Kestrel server (the address is the connection's): anonymous requests, and
/// requests with a wrong key, each answered 429 with Retry-After once used up; X-Forwarded-For counts only from a listed proxy.
/// </summary>
public sealed class ClientLimitTests(WijzerApiFactory app) : IClassFixture<WijzerApiFactory>
{
    private static readonly string WrongKey = "bwk_0123456789abcdef_" + new string('1', 64);

    private static async Task<WebApplicationFactory<Program>> StartAsync(WebApplicationFactory<Program> factory, params (string Key, string Value)[] settings)
    {
        var server = factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        server.UseKestrel(0);
        server.StartServer();
        await Task.CompletedTask;
        return server;
    }

    private static HttpRequestMessage Get(string path, string? key = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    [Fact]
    public async Task Anonymous_requests_from_one_address_get_429_with_retry_after_and_a_spoofed_forwarded_address_changes_nothing()
    {
        await using var server = await StartAsync(app, ("RateLimiting:AnonymousRequestsPerMinute", "5"));
        var client = server.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.SendAsync(Get("/api/v1/regions", forwardedFor: $"203.0.113.{i}")));
        }

        var refused = await client.SendAsync(Get("/api/v1/regions", forwardedFor: "198.51.100.7"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // A working key is not an anonymous caller; health stays open for the orchestrator.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/v1/admin/me", WijzerApiFactory.AdminKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/health/live"))).StatusCode);
    }

    [Fact]
    public async Task Wrong_keys_from_one_address_get_429_before_the_key_is_looked_up()
    {
        await using var server = await StartAsync(app, ("RateLimiting:FailedAuthenticationsPerMinute", "3"));
        var client = server.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Get("/api/v1/admin/me", WrongKey))).StatusCode);
        }

        var refused = await client.SendAsync(Get("/api/v1/admin/me", WrongKey));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("wrong or revoked API key", await refused.Content.ReadAsStringAsync());

        // Anonymous reads are not failed authentications.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/v1/regions"))).StatusCode);
    }

    [Fact]
    public async Task Wrong_keys_on_metrics_count_as_failed_authentications_too()
    {
        await using var server = await StartAsync(app, ("RateLimiting:FailedAuthenticationsPerMinute", "2"));
        var client = server.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.SendAsync(Get("/metrics", WrongKey))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Get("/api/v1/admin/me", WrongKey))).StatusCode);
    }

    [Fact]
    public async Task Behind_a_listed_proxy_each_forwarded_address_has_its_own_limit()
    {
        await using var server = await StartAsync(app,
            ("RateLimiting:AnonymousRequestsPerMinute", "2"), ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"), ("ForwardedHeaders:KnownProxies:1", "::1"));
        var client = server.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await client.SendAsync(Get("/api/v1/regions", forwardedFor: "203.0.113.10"))).StatusCode);
        }

        var other = await client.SendAsync(Get("/api/v1/regions", forwardedFor: "203.0.113.11"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
