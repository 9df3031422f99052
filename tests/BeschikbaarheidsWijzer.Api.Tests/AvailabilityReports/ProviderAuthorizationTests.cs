using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

/// <summary>Every provider write endpoint × every kind of caller, and proof that a refused call stored nothing.</summary>
public sealed class ProviderAuthorizationTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    public enum Caller
    {
        Anonymous,
        RevokedKey,
        ProviderA,
        ProviderB,
        RegionManagerOtherRegion,
        RegionManagerRightRegion,
        Admin,
        MalformedKey,
    }

    public enum Endpoint
    {
        PutAvailability,
        PostBatch,
    }

    // Offering A lies in the Achterhoek: that region's manager is "the right region", Twente's "another region".
    public static TheoryData<Endpoint, Caller, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<Endpoint, Caller, HttpStatusCode>();
        foreach (var endpoint in Enum.GetValues<Endpoint>())
        {
            data.Add(endpoint, Caller.Anonymous, HttpStatusCode.Unauthorized);
            data.Add(endpoint, Caller.RevokedKey, HttpStatusCode.Unauthorized);
            data.Add(endpoint, Caller.MalformedKey, HttpStatusCode.Unauthorized);
            data.Add(endpoint, Caller.ProviderA, HttpStatusCode.OK);
            data.Add(endpoint, Caller.ProviderB, HttpStatusCode.NotFound);
            data.Add(endpoint, Caller.RegionManagerOtherRegion, HttpStatusCode.Forbidden);
            data.Add(endpoint, Caller.RegionManagerRightRegion, HttpStatusCode.Forbidden);
            data.Add(endpoint, Caller.Admin, HttpStatusCode.Forbidden);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_owning_provider_may_report(Endpoint endpoint, Caller caller, HttpStatusCode expected)
    {
        var offering = app.OfferingsA[caller == Caller.ProviderA ? 6 + (int)endpoint : 0];
        var before = await app.ReportCountAsync();
        var client = app.CreateClient(KeyOf(caller));

        var response = endpoint switch
        {
            Endpoint.PutAvailability => await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability", new { acceptingReferrals = true }),
            _ => await client.PostAsJsonAsync("/api/v1/provider/availability-reports", new { reports = new[] { new { offeringId = offering, acceptingReferrals = true } } }),
        };

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(before + 1, await app.ReportCountAsync());
            return;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.ReportCountAsync());
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData(Caller.Anonymous, HttpStatusCode.Unauthorized)]
    [InlineData(Caller.Admin, HttpStatusCode.Forbidden)]
    [InlineData(Caller.RegionManagerRightRegion, HttpStatusCode.Forbidden)]
    [InlineData(Caller.ProviderB, HttpStatusCode.OK)]
    public async Task Own_offerings_need_a_provider_key(Caller caller, HttpStatusCode expected)
    {
        var response = await app.CreateClient(KeyOf(caller)).GetAsync("/api/v1/provider/offerings");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_key_is_checked_as_a_whole_not_only_its_id()
    {
        // The right key id with another secret must not pass.
        var forged = app.KeyA[..^1] + (app.KeyA[^1] == '0' ? '1' : '0');

        var response = await app.CreateClient(forged).GetAsync("/api/v1/provider/offerings");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_on_the_next_request()
    {
        var (keyId, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, app.ProviderA);
        var client = app.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/provider/offerings")).StatusCode);

        await using (var db = app.CreateDbContext())
        {
            (await db.ApiKeys.FindAsync(keyId))!.RevokedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/provider/offerings")).StatusCode);
    }

    [Fact]
    public async Task Using_a_key_records_when_it_was_last_used()
    {
        var (keyId, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, app.ProviderB);

        await app.CreateClient(key).GetAsync("/api/v1/provider/offerings");

        await using var db = app.CreateDbContext();
        Assert.NotNull((await db.ApiKeys.FindAsync(keyId))!.LastUsedAt);
    }

    [Fact]
    public async Task Too_many_requests_per_key_get_429_with_retry_after_and_other_keys_go_on()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimiting:RequestsPerMinutePerKey", "3"));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.KeyB);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync("/api/v1/provider/offerings");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        var other = limited.CreateClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", app.KeyA);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/provider/offerings")).StatusCode);
    }

    private string? KeyOf(Caller caller) => caller switch
    {
        Caller.Anonymous => null,
        Caller.RevokedKey => app.RevokedKeyA,
        Caller.MalformedKey => "bwk_not-a-key",
        Caller.ProviderA => app.KeyA,
        Caller.ProviderB => app.KeyB,
        Caller.RegionManagerOtherRegion => app.ManagerTwente,
        Caller.RegionManagerRightRegion => app.ManagerAchterhoek,
        Caller.Admin => WijzerApiFactory.AdminKey,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}
