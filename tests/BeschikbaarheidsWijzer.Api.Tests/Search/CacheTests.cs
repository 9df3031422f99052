using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>The public output cache: it really caches, a write through the API evicts it, and ETags give 304.</summary>
public sealed class CacheTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    [Fact]
    public async Task A_cached_search_is_served_until_a_report_through_the_api_evicts_it()
    {
        await using var cached = app.WithWebHostBuilder(b => b.UseSetting("Search:OutputCache:Enabled", "true"));
        var client = cached.CreateClient();
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings.Where(o => o.CareTypeCode == "kortdurend-verblijf" && o.CurrentReportId != null && o.Contracts.Any(c => c.MunicipalityCode == "GM0285" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId, o.Title }).FirstAsync();
        var url = "/api/v1/offerings?municipality=GM0285&careType=kortdurend-verblijf&pageSize=100";
        var first = await client.GetStringAsync(url);

        // A change behind the API's back is not seen while the entry lives: proof that the cache answers.
        await db.Offerings.Where(o => o.Id == offering.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Title, o => o.Title + " (gewijzigd)"));
        Assert.Equal(first, await client.GetStringAsync(url));

        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);
        var provider = cached.CreateClient();
        provider.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var put = await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability", new { acceptingReferrals = true, freePlaces = 31, totalPlaces = 31 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await client.GetFromJsonAsync<JsonElement>(url);
        var item = after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == offering.Id);
        Assert.Equal(31, item.GetProperty("availability").GetProperty("freePlaces").GetInt32());
        Assert.EndsWith("(gewijzigd)", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_refused_write_does_not_evict()
    {
        await using var cached = app.WithWebHostBuilder(b => b.UseSetting("Search:OutputCache:Enabled", "true"));
        var client = cached.CreateClient();
        var url = "/api/v1/offerings?municipality=GM0232&pageSize=5";
        var first = await client.GetStringAsync(url);
        await using (var db = app.CreateDbContext())
        {
            await db.Offerings.ExecuteUpdateAsync(s => s.SetProperty(o => o.AgeMax, o => o.AgeMax));
            await db.Providers.Where(p => p.Offerings.Any(o => o.Contracts.Any(c => c.MunicipalityCode == "GM0232")))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, p => p.Name + "!"));
        }

        var bad = cached.CreateClient();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", WijzerApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await bad.PostAsJsonAsync("/api/v1/admin/providers", new { name = "" })).StatusCode);

        Assert.Equal(first, await client.GetStringAsync(url));
    }

    [Fact]
    public async Task An_etag_answers_a_repeated_request_with_304()
    {
        var client = app.CreateClient();
        var url = "/api/v1/offerings?municipality=GM0222&pageSize=3";

        var first = await client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString());

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(BeschikbaarheidsWijzer.Api.Infrastructure.Http.ApiVersion.Current, second.Headers.GetValues("API-Version").Single());
    }
}
