using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

public sealed class AdminProviderEndpointsTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    [Fact]
    public async Task A_provider_is_created_read_replaced_and_soft_deleted()
    {
        var created = await _admin.PostAsync($"{AdminApi}/providers", Json("""
            {"name":"  Jeugdzorg De Linde  ","kvkNumber":"12345678","agbCode":"87654321","website":"https://www.delinde.example/jeugd",
             "phone":"+31 (0)314-123456","email":"info@delinde.example","description":"Regel 1\nRegel 2","regions":["twente","achterhoek"]}
            """));

        var body = await ReadJsonAsync(created, HttpStatusCode.Created);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/admin/providers/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Jeugdzorg De Linde", body.GetProperty("name").GetString());
        Assert.Equal(["achterhoek", "twente"], body.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Providers.SingleAsync(p => p.Id == id);
            Assert.Equal("Jeugdzorg De Linde", stored.Name);
            Assert.Equal("12345678", stored.KvkNumber);
            Assert.Equal("87654321", stored.AgbCode);
            Assert.Equal("https://www.delinde.example/jeugd", stored.Website);
            Assert.Equal("+31 (0)314-123456", stored.Phone);
            Assert.Equal("info@delinde.example", stored.Email);
            Assert.Equal("Regel 1\nRegel 2", stored.Description);
            Assert.Equal(["achterhoek", "twente"], stored.RegionCodes);
            Assert.Equal(factory.Clock.Now, stored.CreatedAt);
            Assert.Null(stored.DeletedAt);
        }

        var read = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers/{id}"), HttpStatusCode.OK);
        Assert.Equal("info@delinde.example", read.GetProperty("email").GetString());

        // PUT replaces every field: what is left out becomes empty.
        var replaced = await ReadJsonAsync(
            await _admin.PutAsync($"{AdminApi}/providers/{id}", Json("""{"name":"De Linde Jeugd","phone":"0314 654321"}""")),
            HttpStatusCode.OK);
        Assert.Equal("De Linde Jeugd", replaced.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("kvkNumber").ValueKind);
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Providers.SingleAsync(p => p.Id == id);
            Assert.Equal("De Linde Jeugd", stored.Name);
            Assert.Equal("0314 654321", stored.Phone);
            Assert.Null(stored.KvkNumber);
            Assert.Null(stored.Email);
            Assert.Empty(stored.RegionCodes);
        }

        var deleted = await _admin.DeleteAsync($"{AdminApi}/providers/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(factory.Clock.Now, (await db.Providers.SingleAsync(p => p.Id == id)).DeletedAt);
        }

        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/providers/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _admin.PutAsync($"{AdminApi}/providers/{id}", Json("""{"name":"Terug"}""")), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _admin.DeleteAsync($"{AdminApi}/providers/{id}"), HttpStatusCode.NotFound);
        var list = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers?pageSize=100"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Deleting_a_provider_soft_deletes_its_offerings_ends_their_contracts_and_revokes_its_keys()
    {
        var arranged = await ArrangeProviderAsync(factory);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}")).StatusCode);

        await using var db = factory.CreateDbContext();
        var offering = await db.Offerings.Include(o => o.Contracts).SingleAsync(o => o.Id == arranged.OfferingId);
        Assert.Equal(factory.Clock.Now, offering.DeletedAt);
        Assert.Equal(Today.AddDays(-1), Assert.Single(offering.Contracts).ValidTo);
        Assert.Equal(factory.Clock.Now, (await db.ApiKeys.SingleAsync(k => k.Id == arranged.KeyId)).RevokedAt);
        Assert.Equal(2, await db.Locations.CountAsync(l => l.ProviderId == arranged.ProviderId));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await factory.CreateClient(arranged.Key).GetAsync($"{AdminApi}/providers")).StatusCode);
    }

    [Fact]
    public async Task A_region_manager_sees_providers_named_for_or_contracted_in_its_regions_only()
    {
        var named = await ArrangeProviderAsync(factory, "twente", "GM0153", "Genoemd");
        var contractedOnly = await ArrangeProviderAsync(factory, region: null, municipality: "GM0153", name: "Gecontracteerd");
        var ended = await ArrangeProviderAsync(factory, region: null, municipality: "GM0164", name: "Afgelopen");
        var elsewhere = await ArrangeProviderAsync(factory, "achterhoek", "GM0222", "Elders");
        var deletedOffering = await ArrangeProviderAsync(factory, region: null, municipality: "GM0168", name: "Verwijderd");
        await using (var db = factory.CreateDbContext())
        {
            await db.Contracts.Where(c => c.OfferingId == ended.OfferingId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ValidTo, Today.AddDays(-1)));
            await db.Offerings.Where(o => o.Id == deletedOffering.OfferingId).ExecuteUpdateAsync(s => s.SetProperty(o => o.DeletedAt, factory.Clock.Now));
        }

        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var manager = factory.CreateClient(key);

        var list = await ReadJsonAsync(await manager.GetAsync($"{AdminApi}/providers?pageSize=100"), HttpStatusCode.OK);
        var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(named.ProviderId, ids);
        Assert.Contains(contractedOnly.ProviderId, ids);
        Assert.DoesNotContain(ended.ProviderId, ids);
        Assert.DoesNotContain(elsewhere.ProviderId, ids);
        Assert.DoesNotContain(deletedOffering.ProviderId, ids);
        Assert.Equal(ids.Count, list.GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"{AdminApi}/providers/{contractedOnly.ProviderId}")).StatusCode);
        await AssertProblemAsync(await manager.GetAsync($"{AdminApi}/providers/{elsewhere.ProviderId}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await manager.GetAsync($"{AdminApi}/providers/{ended.ProviderId}/locations"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await manager.GetAsync($"{AdminApi}/offerings/{elsewhere.OfferingId}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await manager.GetAsync($"{AdminApi}/providers/{elsewhere.ProviderId}/api-keys"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_filtered_by_region_has_the_providers_named_for_or_contracted_in_that_region()
    {
        var named = await ArrangeProviderAsync(factory, "rivierenland", "GM0222", "Regio genoemd");
        var contracted = await ArrangeProviderAsync(factory, region: null, municipality: "GM0216", name: "Regio gecontracteerd");
        var elsewhere = await ArrangeProviderAsync(factory, "twente", "GM0153", "Regio elders");
        var ended = await ArrangeProviderAsync(factory, region: null, municipality: "GM0263", name: "Regio afgelopen");
        await using (var db = factory.CreateDbContext())
        {
            await db.Contracts.Where(c => c.OfferingId == ended.OfferingId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ValidTo, Today.AddDays(-1)));
        }

        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["rivierenland", "twente"]);
        foreach (var client in new[] { _admin, factory.CreateClient(key) })
        {
            var list = await ReadJsonAsync(await client.GetAsync($"{AdminApi}/providers?region=Rivierenland&pageSize=100"), HttpStatusCode.OK);
            var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
            Assert.Contains(named.ProviderId, ids);
            Assert.Contains(contracted.ProviderId, ids);
            Assert.DoesNotContain(elsewhere.ProviderId, ids);
            Assert.DoesNotContain(ended.ProviderId, ids);
            Assert.Equal(ids.Count, list.GetProperty("total").GetInt32());
        }

        // Another region than its own is refused, as the reports refuse it; an unknown one is a 400 naming the parameter.
        await AssertProblemAsync(await factory.CreateClient(key).GetAsync($"{AdminApi}/providers?region=achterhoek"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/providers?region=groningen"), HttpStatusCode.BadRequest, "region");
        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/providers?region="), HttpStatusCode.BadRequest, "region");
    }

    [Fact]
    public async Task A_region_manager_gets_its_own_regions_by_default_and_its_put_keeps_other_regions()
    {
        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente", "rivierenland"]);
        var manager = factory.CreateClient(key);

        var created = await ReadJsonAsync(await manager.PostAsync($"{AdminApi}/providers", Json("""{"name":"Twentse Zorg"}""")), HttpStatusCode.Created);
        Assert.Equal(["rivierenland", "twente"], created.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));

        var id = created.GetProperty("id").GetGuid();
        await using (var db = factory.CreateDbContext())
        {
            await db.Providers.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RegionCodes, ["achterhoek", "rivierenland", "twente"]));
        }

        var updated = await ReadJsonAsync(
            await manager.PutAsync($"{AdminApi}/providers/{id}", Json("""{"name":"Twentse Zorg","regions":["twente"]}""")), HttpStatusCode.OK);
        Assert.Equal(["achterhoek", "twente"], updated.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));

        await AssertProblemAsync(
            await manager.PutAsync($"{AdminApi}/providers/{id}", Json("""{"name":"Twentse Zorg","regions":["achterhoek"]}""")),
            HttpStatusCode.BadRequest, "regions[0]");
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(["achterhoek", "twente"], (await db.Providers.SingleAsync(p => p.Id == id)).RegionCodes);
        }
    }

    [Fact]
    public async Task The_provider_list_is_paged()
    {
        for (var i = 0; i < 3; i++)
        {
            await ArrangeProviderAsync(factory, "rivierenland", "GM0216", "Paging");
        }

        var page = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers?page=2&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 2);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=99999999999999999999", "page")]
    public async Task Bad_paging_is_a_400_naming_the_parameter(string query, string parameter)
    {
        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/providers?{query}"), HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task Locations_are_created_with_a_normalised_postcode_and_the_municipality_centre_replaced_and_deleted()
    {
        var arranged = await ArrangeProviderAsync(factory);

        var response = await _admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations",
            Json("""{"name":"Vestiging Centrum","street":"Hoofdstraat 1","postcode":" 7001ab ","city":"Doetinchem","municipality":"gm0222"}"""));

        var created = await ReadJsonAsync(response, HttpStatusCode.Created);
        var locationId = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/admin/providers/{arranged.ProviderId}/locations/{locationId}", response.Headers.Location?.OriginalString);
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Locations.SingleAsync(l => l.Id == locationId);
            var doetinchem = await db.Municipalities.SingleAsync(m => m.Code == "GM0222");
            Assert.Equal("7001 AB", stored.Postcode);
            Assert.Equal("GM0222", stored.MunicipalityCode);
            Assert.Equal(doetinchem.Latitude, stored.Latitude);
            Assert.Equal(doetinchem.Longitude, stored.Longitude);
            Assert.Equal("Hoofdstraat 1", stored.Street);
        }

        var replaced = await ReadJsonAsync(await _admin.PutAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{locationId}",
            Json("""{"name":"Vestiging Winterswijk","city":"Winterswijk","municipality":"GM0294","lat":51.97,"lon":6.72}""")), HttpStatusCode.OK);
        Assert.Equal("GM0294", replaced.GetProperty("municipality").GetString());
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Locations.SingleAsync(l => l.Id == locationId);
            Assert.Equal(51.97, stored.Latitude);
            Assert.Equal(6.72, stored.Longitude);
            Assert.Null(stored.Street);
            Assert.Null(stored.Postcode);
        }

        var list = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations"), HttpStatusCode.OK);
        Assert.Equal(3, list.GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{locationId}")).StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.Locations.AnyAsync(l => l.Id == locationId));
        }

        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{locationId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_location_an_offering_still_uses_is_not_deleted()
    {
        var arranged = await ArrangeProviderAsync(factory);

        var problem = await AssertProblemAsync(
            await _admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.LocationId}"), HttpStatusCode.Conflict);

        Assert.Contains("Ambulante begeleiding", problem.GetProperty("detail").GetString());
        await using var db = factory.CreateDbContext();
        Assert.True(await db.Locations.AnyAsync(l => l.Id == arranged.LocationId));
    }

    [Fact]
    public async Task A_location_of_another_provider_is_not_found_under_this_one()
    {
        var mine = await ArrangeProviderAsync(factory);
        var theirs = await ArrangeProviderAsync(factory);

        await AssertProblemAsync(await _admin.PutAsync($"{AdminApi}/providers/{mine.ProviderId}/locations/{theirs.SpareLocationId}",
            Json("""{"name":"Kaping","city":"Doetinchem","municipality":"GM0222"}""")), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _admin.DeleteAsync($"{AdminApi}/providers/{mine.ProviderId}/locations/{theirs.SpareLocationId}"), HttpStatusCode.NotFound);
        await using var db = factory.CreateDbContext();
        Assert.Equal("Bijvestiging", (await db.Locations.SingleAsync(l => l.Id == theirs.SpareLocationId)).Name);
    }
}
