using System.Net;
using System.Net.Http.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

/// <summary><c>GET /api/v1/admin/me</c>: a management key learns its own role and regions; nobody else gets an answer.</summary>
public sealed class AdminCallerEndpointTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private const string Me = $"{AdminApi}/me";

    [Fact]
    public async Task A_region_manager_gets_its_key_id_label_and_own_regions()
    {
        var issued = await ReadJsonAsync(
            await factory.CreateClient(WijzerApiFactory.AdminKey).PostAsync($"{AdminApi}/api-keys",
                Json("""{"role":"region-manager","regions":["twente","achterhoek"],"label":"Contractmanager <b>Oost</b>"}""")),
            HttpStatusCode.Created);

        var me = await ReadJsonAsync(await factory.CreateClient(issued.GetProperty("key").GetString()).GetAsync(Me), HttpStatusCode.OK);

        Assert.Equal(issued.GetProperty("id").GetString(), me.GetProperty("keyId").GetString());
        Assert.Equal("Contractmanager <b>Oost</b>", me.GetProperty("label").GetString());
        Assert.Equal("region-manager", me.GetProperty("role").GetString());
        Assert.False(me.GetProperty("allRegions").GetBoolean());
        Assert.Equal(["achterhoek", "twente"], me.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        // The app's date (its clock, Europe/Amsterdam), which forms use as today.
        Assert.Equal(BeschikbaarheidsWijzer.Domain.Weeks.IsoWeek.ToAmsterdamDate(factory.Clock.GetUtcNow()).ToString("yyyy-MM-dd"),
            me.GetProperty("today").GetString());
    }

    [Fact]
    public async Task An_admin_manages_every_region_and_the_bootstrap_key_has_no_label()
    {
        var regions = (await factory.CreateClient().GetFromJsonAsync<List<RegionCode>>("/api/v1/regions"))!.Select(r => r.Code).Order(StringComparer.Ordinal).ToList();
        Assert.True(regions.Count >= 4);

        var bootstrap = await ReadJsonAsync(await factory.CreateClient(WijzerApiFactory.AdminKey).GetAsync(Me), HttpStatusCode.OK);
        Assert.Equal("bootstrap-admin", bootstrap.GetProperty("keyId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bootstrap.GetProperty("label").ValueKind);
        Assert.Equal(Roles.Admin, bootstrap.GetProperty("role").GetString());
        Assert.True(bootstrap.GetProperty("allRegions").GetBoolean());
        Assert.Equal(regions, bootstrap.GetProperty("regions").EnumerateArray().Select(r => r.GetString()!));

        var (keyId, key) = await factory.CreateApiKeyAsync(ApiKeyRole.Admin);
        var stored = await ReadJsonAsync(await factory.CreateClient(key).GetAsync(Me), HttpStatusCode.OK);
        Assert.Equal(keyId, stored.GetProperty("keyId").GetString());
        Assert.Equal(regions, stored.GetProperty("regions").EnumerateArray().Select(r => r.GetString()!));
    }

    [Fact]
    public async Task Without_a_management_key_there_is_no_answer()
    {
        var arranged = await ArrangeProviderAsync(factory);
        await AssertProblemAsync(await factory.CreateClient().GetAsync(Me), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await factory.CreateClient("bwk_nonsense").GetAsync(Me), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await factory.CreateClient((await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"], revoked: true)).Key).GetAsync(Me),
            HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await factory.CreateClient(arranged.Key).GetAsync(Me), HttpStatusCode.Forbidden);
    }

    private sealed record RegionCode(string Code);
}
