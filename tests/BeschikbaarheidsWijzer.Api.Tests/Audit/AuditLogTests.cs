using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Audit;

/// <summary>Every administrative write leaves one entry per changed entity: who, what, before and after; a refused write leaves none.</summary>
public sealed class AuditLogTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private async Task<List<AuditEntry>> EntriesSinceAsync(long after)
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditLog.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditLog.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private static JsonElement Parse(string? json) => JsonDocument.Parse(json!).RootElement;

    [Fact]
    public async Task Each_write_records_who_what_and_the_entity_before_and_after()
    {
        var (keyId, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"]);
        var client = factory.CreateClient(key);
        var mark = await LastIdAsync();

        var provider = await ReadJsonAsync(await client.PostAsync($"{AdminApi}/providers", Json("""{"name":"Audit Zorg","kvkNumber":"12345678"}""")), HttpStatusCode.Created);
        var id = provider.GetProperty("id").GetGuid();
        await ReadJsonAsync(await client.PutAsync($"{AdminApi}/providers/{id}", Json("""{"name":"Audit Zorg BV","kvkNumber":"12345678"}""")), HttpStatusCode.OK);
        var location = await ReadJsonAsync(await client.PostAsync($"{AdminApi}/providers/{id}/locations", Json("""{"name":"Hoofd","city":"Doetinchem","municipality":"GM0222"}""")), HttpStatusCode.Created);
        var offering = await ReadJsonAsync(await client.PostAsync($"{AdminApi}/offerings",
            Json($$"""{"providerId":"{{id}}","title":"Begeleiding","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"locationIds":["{{location.GetProperty("id").GetGuid()}}"],"municipalities":["GM0222"]}""")), HttpStatusCode.Created);
        var offeringId = offering.GetProperty("id").GetGuid();
        await ReadJsonAsync(await client.PutAsync($"{AdminApi}/offerings/{offeringId}",
            Json("""{"title":"Begeleiding thuis","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"municipalities":["GM0222","GM0294"]}""")), HttpStatusCode.OK);
        var issued = await ReadJsonAsync(await client.PostAsync($"{AdminApi}/providers/{id}/api-keys", Json("""{"label":"planning"}""")), HttpStatusCode.Created);
        await ReadJsonAsync(await client.PutAsync($"{AdminApi}/regions/achterhoek/norms/dagbehandeling", Json("""{"maxTotalWeeks":5,"validFrom":"2027-01-01"}""")), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{AdminApi}/providers/{id}")).StatusCode);

        var entries = await EntriesSinceAsync(mark);
        Assert.Equal(
            [
                ("provider", "create"), ("provider", "update"), ("location", "create"), ("offering", "create"), ("offering", "update"),
                ("api-key", "create"), ("regional-norm", "create"), ("provider", "delete"), ("offering", "delete"), ("api-key", "revoke"),
            ],
            entries.Select(e => (e.EntityType, e.Action)));
        Assert.All(entries, e => Assert.Equal((keyId, "region-manager"), (e.KeyId, e.Role)));
        Assert.All(entries, e => Assert.Equal(factory.Clock.GetUtcNow(), e.At));

        var update = entries[1];
        Assert.Equal(id.ToString(), update.EntityId);
        Assert.Equal("Audit Zorg", Parse(update.Before).GetProperty("name").GetString());
        Assert.Equal("Audit Zorg BV", Parse(update.After).GetProperty("name").GetString());
        Assert.Null(entries[0].Before);
        Assert.Equal(offeringId.ToString(), entries[4].EntityId);
        Assert.Equal(["GM0222"], Parse(entries[4].Before).GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["GM0222", "GM0294"], Parse(entries[4].After).GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("achterhoek/dagbehandeling/2027-01-01", entries[6].EntityId);
        Assert.Equal(5, Parse(entries[6].After).GetProperty("maxTotalWeeks").GetInt32());
        Assert.Null(entries[7].After);
        Assert.Equal("Begeleiding thuis", Parse(entries[8].Before).GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, Parse(entries[9].Before).GetProperty("revokedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, Parse(entries[9].After).GetProperty("revokedAt").ValueKind);

        // Never the key itself, its secret or its hash.
        var fullKey = issued.GetProperty("key").GetString()!;
        await using var db = factory.CreateDbContext();
        var hash = Convert.ToBase64String(await db.ApiKeys.Where(k => k.Id == issued.GetProperty("id").GetString()).Select(k => k.SecretHash).SingleAsync());
        var logged = string.Join("\n", entries.Select(e => e.Before + e.After));
        Assert.DoesNotContain(fullKey, logged);
        Assert.DoesNotContain(fullKey.Split('_')[2], logged);
        Assert.DoesNotContain(hash, logged);
        Assert.DoesNotContain("secret", logged, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Locations_and_management_keys_are_recorded_by_the_admin_key_that_made_them()
    {
        var (adminId, adminKey) = await factory.CreateApiKeyAsync(ApiKeyRole.Admin);
        var admin = factory.CreateClient(adminKey);
        var arranged = await ArrangeProviderAsync(factory);
        var mark = await LastIdAsync();

        await ReadJsonAsync(await admin.PutAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.SpareLocationId}",
            Json("""{"name":"Verhuisd","city":"Winterswijk","municipality":"GM0294"}""")), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.SpareLocationId}")).StatusCode);
        var issued = await ReadJsonAsync(await admin.PostAsync($"{AdminApi}/api-keys", Json("""{"role":"region-manager","regions":["twente"]}""")), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{AdminApi}/api-keys/{issued.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{AdminApi}/api-keys/{issued.GetProperty("id").GetString()}")).StatusCode); // already revoked: no change

        var entries = await EntriesSinceAsync(mark);
        Assert.Equal([("location", "update"), ("location", "delete"), ("api-key", "create"), ("api-key", "revoke")], entries.Select(e => (e.EntityType, e.Action)));
        Assert.All(entries, e => Assert.Equal((adminId, "admin"), (e.KeyId, e.Role)));
        Assert.Equal("Winterswijk", Parse(entries[0].After).GetProperty("city").GetString());
        Assert.Equal(["twente"], Parse(entries[2].After).GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_refused_write_leaves_no_entry_and_no_change()
    {
        var arranged = await ArrangeProviderAsync(factory);
        var admin = factory.CreateClient(WijzerApiFactory.AdminKey);
        var before = await SnapshotAsync(factory);
        var mark = await LastIdAsync();

        await AssertProblemAsync(await admin.PutAsync($"{AdminApi}/providers/{arranged.ProviderId}", Json("""{"name":"","kvkNumber":"1"}""")), HttpStatusCode.BadRequest, "name");
        await AssertProblemAsync(await admin.PostAsync($"{AdminApi}/offerings", Json($$"""{"providerId":"{{arranged.ProviderId}}","title":"X","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"municipalities":["GM0000"]}""")), HttpStatusCode.BadRequest, "municipalities[0]");
        await AssertProblemAsync(await admin.PutAsync($"{AdminApi}/regions/achterhoek/norms/dagbehandeling", Json("""{"maxTotalWeeks":-3,"validFrom":"2027-01-01"}""")), HttpStatusCode.BadRequest, "maxTotalWeeks");
        await AssertProblemAsync(await admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.LocationId}"), HttpStatusCode.Conflict);

        Assert.Empty(await EntriesSinceAsync(mark));
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task The_log_is_for_admins_newest_first_paged_and_filtered()
    {
        var (keyId, key) = await factory.CreateApiKeyAsync(ApiKeyRole.Admin);
        var admin = factory.CreateClient(key);
        var ids = new List<Guid>();
        foreach (var name in new[] { "Eerste", "Tweede", "Derde" })
        {
            ids.Add((await ReadJsonAsync(await admin.PostAsync($"{AdminApi}/providers", Json($$"""{"name":"{{name}}"}""")), HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var page = await ReadJsonAsync(await admin.GetAsync($"{AdminApi}/audit-log?keyId={keyId}&pageSize=2"), HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal([ids[2], ids[1]], page.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("entityId").GetString()!)));
        var second = await ReadJsonAsync(await admin.GetAsync($"{AdminApi}/audit-log?keyId={keyId}&pageSize=2&page=2"), HttpStatusCode.OK);
        var entry = second.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(ids[0].ToString(), entry.GetProperty("entityId").GetString());
        Assert.Equal("Eerste", entry.GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("before").ValueKind);

        var one = await ReadJsonAsync(await admin.GetAsync($"{AdminApi}/audit-log?entityType=provider&entityId={ids[1]}"), HttpStatusCode.OK);
        Assert.Equal([ids[1].ToString()], one.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetString()));
        Assert.Equal(3, (await ReadJsonAsync(await admin.GetAsync($"{AdminApi}/audit-log?keyId={keyId}&from=2026-11-18&to=2026-11-18"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ReadJsonAsync(await admin.GetAsync($"{AdminApi}/audit-log?keyId={keyId}&to=2026-11-17"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ReadJsonAsync(await admin.GetAsync($"{AdminApi}/audit-log?keyId={keyId}&entityType=offering"), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var (_, manager) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"]);
        await AssertProblemAsync(await factory.CreateClient(manager).GetAsync($"{AdminApi}/audit-log"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await factory.CreateClient().GetAsync($"{AdminApi}/audit-log"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("entityType=contract", "entityType")]
    [InlineData("from=2026-11-31", "from")]
    [InlineData("to=18-11-2026", "to")]
    [InlineData("from=2026-11-18&to=2026-11-01", "to")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("keyId=%00", "keyId")]
    public async Task Bad_filters_are_400_naming_the_parameter(string query, string field)
    {
        await AssertProblemAsync(await factory.CreateClient(WijzerApiFactory.AdminKey).GetAsync($"{AdminApi}/audit-log?{query}"), HttpStatusCode.BadRequest, field);
    }
}
