using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>A real redis-server shared by two app instances, as two replicas behind one Service.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public LocalRedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalRedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class RedisOutputCacheTests(DemoApiFactory app, RedisFixture redis) : IClassFixture<DemoApiFactory>, IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_report_posted_to_one_instance_evicts_the_cached_search_of_the_other()
    {
        await using var instanceA = Instance(redis.Server.Configuration);
        await using var instanceB = Instance(redis.Server.Configuration);
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings
            .Where(o => o.CareTypeCode == "kortdurend-verblijf" && o.CurrentReportId != null && o.Contracts.Any(c => c.MunicipalityCode == "GM0285" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId }).FirstAsync();
        const string url = "/api/v1/offerings?municipality=GM0285&careType=kortdurend-verblijf&pageSize=100";
        var first = await instanceB.CreateClient().GetStringAsync(url);

        // A change behind the API's back: B keeps answering from the cache, and so does A, because they share it.
        await db.Offerings.Where(o => o.Id == offering.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Title, o => o.Title + " (gewijzigd)"));
        Assert.Equal(first, await instanceB.CreateClient().GetStringAsync(url));
        Assert.Equal(first, await instanceA.CreateClient().GetStringAsync(url));

        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);
        var provider = instanceA.CreateClient();
        provider.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var put = await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability", new { acceptingReferrals = true, freePlaces = 17, totalPlaces = 17 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await instanceB.CreateClient().GetFromJsonAsync<JsonElement>(url);
        var item = after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == offering.Id);
        Assert.Equal(17, item.GetProperty("availability").GetProperty("freePlaces").GetInt32());
        Assert.EndsWith("(gewijzigd)", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task With_redis_away_searches_and_reports_are_still_answered()
    {
        // Nothing listens on port 1: every cache call fails at once.
        await using var instance = Instance("127.0.0.1:1,connectTimeout=500");
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings.Where(o => o.CurrentReportId != null).Select(o => new { o.Id, o.ProviderId }).FirstAsync();
        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);
        var provider = instance.CreateClient();
        provider.DefaultRequestHeaders.Authorization = new("Bearer", key);

        Assert.Equal(HttpStatusCode.OK, (await instance.CreateClient().GetAsync("/api/v1/offerings?municipality=GM0222")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability", new { acceptingReferrals = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instance.CreateClient().GetAsync("/api/v1/offerings?municipality=GM0222")).StatusCode);
    }

    private WebApplicationFactory<Program> Instance(string redisConfiguration) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Search:OutputCache:Enabled", "true");
        b.UseSetting("Redis:Configuration", redisConfiguration);
    });
}
