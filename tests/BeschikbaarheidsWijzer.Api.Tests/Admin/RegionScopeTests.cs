using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

/// <summary>
/// A region manager stays inside its region, also through a provider shared with another region (issue 16's probe):
/// a provider with one offering contracted only in the Achterhoek and one only in Twente.
/// </summary>
public sealed class RegionScopeTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private const string AdminApi = "/api/v1/admin";
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    private sealed record Shared(string ProviderId, string AchterhoekOffering, string TwenteOffering, string ProviderKeyId);

    private async Task<Shared> ArrangeSharedProviderAsync()
    {
        var provider = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers", Json("""{"name":"Gedeelde Zorg (test)","regions":["achterhoek"]}""")), HttpStatusCode.Created);
        var id = provider.GetProperty("id").GetString()!;
        async Task<string> OfferingAsync(string municipality) =>
            (await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/offerings", Json($$"""
                {"providerId":"{{id}}","title":"Aanbod {{municipality}}","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"municipalities":["{{municipality}}"]}
                """)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var achterhoek = await OfferingAsync("GM0222");
        var twente = await OfferingAsync("GM0153");
        var key = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers/{id}/api-keys", Json("""{"label":"eigen"}""")), HttpStatusCode.Created);
        return new Shared(id, achterhoek, twente, key.GetProperty("id").GetString()!);
    }

    private static async Task AssertOtherRegionAsync(HttpResponseMessage response, string deciding)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("other-region", problem.GetProperty("code").GetString());
        Assert.Equal([deciding], problem.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    private static string SameFields(JsonElement offering, string title) =>
        $$"""
        "title": {{JsonSerializer.Serialize(title)}}, "careType": {{offering.GetProperty("careType").GetRawText()}}, "ageMin": 4, "ageMax": 18,
        "description": {{offering.GetProperty("description").GetRawText()}}, "tags": {{offering.GetProperty("tags").GetRawText()}},
        "referralInfo": {{offering.GetProperty("referralInfo").GetRawText()}}, "locationIds": {{offering.GetProperty("locationIds").GetRawText()}}
        """;

    [Fact]
    public async Task A_twente_manager_cannot_reach_the_achterhoek_through_a_shared_provider_and_nothing_changes()
    {
        var shared = await ArrangeSharedProviderAsync();
        var location = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers/{shared.ProviderId}/locations",
            Json("""{"name":"Vestiging Doetinchem","city":"Doetinchem","municipality":"GM0222"}""")), HttpStatusCode.Created);
        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var twente = factory.CreateClient(key);
        var before = await SnapshotAsync(factory);

        var achterhoekOffering = await ReadJsonAsync(await twente.GetAsync($"{AdminApi}/offerings/{shared.AchterhoekOffering}"), HttpStatusCode.OK);
        await AssertOtherRegionAsync(await twente.PutAsync($"{AdminApi}/offerings/{shared.AchterhoekOffering}",
            Json($$"""{ {{SameFields(achterhoekOffering, "Overgenomen")}}, "municipalities":["GM0222"] }""")), "achterhoek");
        await AssertOtherRegionAsync(await twente.PutAsync($"{AdminApi}/providers/{shared.ProviderId}", Json("""{"name":"Overgenomen","regions":["twente"]}""")), "achterhoek");
        await AssertOtherRegionAsync(await twente.PostAsync($"{AdminApi}/providers/{shared.ProviderId}/api-keys", Json("""{"label":"van twente"}""")), "achterhoek");
        await AssertOtherRegionAsync(await twente.DeleteAsync($"{AdminApi}/api-keys/{shared.ProviderKeyId}"), "achterhoek");
        var locationUrl = $"{AdminApi}/providers/{shared.ProviderId}/locations/{location.GetProperty("id").GetString()}";
        await AssertOtherRegionAsync(await twente.PutAsync(locationUrl, Json("""{"name":"Verhuisd","city":"Enschede","municipality":"GM0153"}""")), "achterhoek");
        await AssertOtherRegionAsync(await twente.DeleteAsync(locationUrl), "achterhoek");
        Assert.Equal(before, await SnapshotAsync(factory));

        // Its own offering is its own; and it may add its own municipality to the other one, changing nothing else.
        var twenteOffering = await ReadJsonAsync(await twente.GetAsync($"{AdminApi}/offerings/{shared.TwenteOffering}"), HttpStatusCode.OK);
        await ReadJsonAsync(await twente.PutAsync($"{AdminApi}/offerings/{shared.TwenteOffering}",
            Json($$"""{ {{SameFields(twenteOffering, "Eigen aanbod")}}, "municipalities":["GM0153"] }""")), HttpStatusCode.OK);
        var widened = await ReadJsonAsync(await twente.PutAsync($"{AdminApi}/offerings/{shared.AchterhoekOffering}",
            Json($$"""{ {{SameFields(achterhoekOffering, "Aanbod GM0222")}}, "municipalities":["GM0222","GM0164"] }""")), HttpStatusCode.OK);
        Assert.Equal(["GM0164", "GM0222"], widened.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task The_achterhoek_is_refused_the_same_way_and_an_admin_decides_everywhere()
    {
        var shared = await ArrangeSharedProviderAsync();
        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"]);
        var achterhoek = factory.CreateClient(key);

        await AssertOtherRegionAsync(await achterhoek.PutAsync($"{AdminApi}/providers/{shared.ProviderId}", Json("""{"name":"Hernoemd"}""")), "twente");
        await AssertOtherRegionAsync(await achterhoek.PostAsync($"{AdminApi}/providers/{shared.ProviderId}/api-keys", Json("{}")), "twente");

        await ReadJsonAsync(await _admin.PutAsync($"{AdminApi}/providers/{shared.ProviderId}", Json("""{"name":"Hernoemd door beheer"}""")), HttpStatusCode.OK);
        await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers/{shared.ProviderId}/api-keys", Json("{}")), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/api-keys/{shared.ProviderKeyId}")).StatusCode);
    }
}
