using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

/// <summary>
/// Every administration write endpoint against every kind of caller. The target is a provider of region achterhoek
/// (with a location, a spare location, an offering contracted in Doetinchem and a provider key), arranged fresh for each
/// case. Where a call is refused, the database must be exactly as it was.
/// </summary>
public sealed class AdminAuthorizationMatrixTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    public enum Caller
    {
        Anonymous,
        RevokedKey,
        ProviderA,
        ProviderB,
        RegionManagerOfOtherRegion,
        RegionManagerOfRightRegion,
        Admin,
    }

    public enum Endpoint
    {
        CreateProvider,
        UpdateProvider,
        DeleteProvider,
        CreateLocation,
        UpdateLocation,
        DeleteLocation,
        CreateOffering,
        UpdateOffering,
        DeleteOffering,
        IssueProviderKey,
        IssueManagementKey,
        RevokeKey,
        PutRegionalNorm,
    }

    /// <summary>Expected status per endpoint for: region manager of another region, of the right region, admin.</summary>
    private static readonly Dictionary<Endpoint, (int Other, int Right, int Admin)> Managers = new()
    {
        // Naming a region it does not manage is invalid input for a region manager.
        [Endpoint.CreateProvider] = (400, 201, 201),
        [Endpoint.UpdateProvider] = (404, 200, 200),
        [Endpoint.DeleteProvider] = (404, 204, 204),
        [Endpoint.CreateLocation] = (404, 201, 201),
        [Endpoint.UpdateLocation] = (404, 200, 200),
        [Endpoint.DeleteLocation] = (404, 204, 204),
        // A providerId it does not manage is invalid input (the same answer as an unknown id).
        [Endpoint.CreateOffering] = (400, 201, 201),
        [Endpoint.UpdateOffering] = (404, 200, 200),
        [Endpoint.DeleteOffering] = (404, 204, 204),
        [Endpoint.IssueProviderKey] = (404, 201, 201),
        [Endpoint.IssueManagementKey] = (403, 403, 201),
        [Endpoint.RevokeKey] = (404, 204, 204),
        // Regions are public: another region's manager is told it may not, rather than "not found".
        [Endpoint.PutRegionalNorm] = (403, 201, 201),
    };

    /// <summary>
    /// The same target, shared: its provider also has an offering contracted only in Twente (GM0153). Expected status per
    /// endpoint for: the Twente manager, the Achterhoek manager, an admin (README, "Who may change what").
    /// </summary>
    private static readonly Dictionary<Endpoint, (int Twente, int Achterhoek, int Admin)> SharedManagers = new()
    {
        [Endpoint.UpdateProvider] = (403, 403, 200),
        [Endpoint.DeleteProvider] = (409, 409, 204),
        // A new location changes nothing anyone sees until an offering the caller may change uses it.
        [Endpoint.CreateLocation] = (201, 201, 201),
        [Endpoint.UpdateLocation] = (403, 403, 200),
        [Endpoint.DeleteLocation] = (403, 403, 204),
        [Endpoint.CreateOffering] = (400, 201, 201), // contracted in Doetinchem, outside Twente
        // The Achterhoek-only offering: adding Achterhoek's GM0197 is invalid input for Twente (not-yours), the fields Achterhoek's.
        [Endpoint.UpdateOffering] = (400, 200, 200),
        [Endpoint.DeleteOffering] = (409, 204, 204),
        [Endpoint.IssueProviderKey] = (403, 403, 201),
        [Endpoint.RevokeKey] = (403, 403, 204),
    };

    public static TheoryData<Endpoint, Caller, int> SharedCases()
    {
        var data = new TheoryData<Endpoint, Caller, int>();
        foreach (var (endpoint, expected) in SharedManagers)
        {
            data.Add(endpoint, Caller.RegionManagerOfOtherRegion, expected.Twente);
            data.Add(endpoint, Caller.RegionManagerOfRightRegion, expected.Achterhoek);
            data.Add(endpoint, Caller.Admin, expected.Admin);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedCases))]
    public async Task A_shared_providers_write_endpoint_answers_each_manager_as_the_region_scope_rule_says(Endpoint endpoint, Caller caller, int expected)
    {
        var target = await ArrangeProviderAsync(factory, "achterhoek", "GM0222", "Gedeelde aanbieder");
        var other = await ArrangeProviderAsync(factory, "twente", "GM0153", "Aanbieder B");
        await using (var db = factory.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            var twenteOffering = new Offering
            {
                Id = Guid.CreateVersion7(), ProviderId = target.ProviderId, Title = "Begeleiding in Enschede", CareTypeCode = "ambulante-begeleiding",
                AgeMin = 4, AgeMax = 18, CreatedAt = now, UpdatedAt = now,
            };
            twenteOffering.Contracts.Add(new Contract { MunicipalityCode = "GM0153", ValidFrom = ContractStart });
            db.Offerings.Add(twenteOffering);
            await db.SaveChangesAsync();
        }

        var client = factory.CreateClient(await KeyForAsync(caller, target, other));
        var before = await SnapshotAsync(factory);

        var response = await client.SendAsync(Request(endpoint, target));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode}: {body}");
        if (expected >= 400)
        {
            Assert.Equal(before, await SnapshotAsync(factory));
        }

        if (expected == 403)
        {
            Assert.Contains("\"code\":\"other-region\"", body, StringComparison.Ordinal);
        }
    }

    public static TheoryData<Endpoint, Caller, int> Cases()
    {
        var data = new TheoryData<Endpoint, Caller, int>();
        foreach (var (endpoint, expected) in Managers)
        {
            data.Add(endpoint, Caller.Anonymous, 401);
            data.Add(endpoint, Caller.RevokedKey, 401);
            data.Add(endpoint, Caller.ProviderA, 403);
            data.Add(endpoint, Caller.ProviderB, 403);
            data.Add(endpoint, Caller.RegionManagerOfOtherRegion, expected.Other);
            data.Add(endpoint, Caller.RegionManagerOfRightRegion, expected.Right);
            data.Add(endpoint, Caller.Admin, expected.Admin);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Write_endpoint_answers_each_caller_as_expected_and_refusals_change_nothing(Endpoint endpoint, Caller caller, int expected)
    {
        var target = await ArrangeProviderAsync(factory, "achterhoek", "GM0222", "Aanbieder A");
        var other = await ArrangeProviderAsync(factory, "twente", "GM0153", "Aanbieder B");
        var client = factory.CreateClient(await KeyForAsync(caller, target, other));
        var before = await SnapshotAsync(factory);
        var auditBefore = await AuditCountAsync();

        var response = await client.SendAsync(Request(endpoint, target));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode}: {body}");
        var after = await SnapshotAsync(factory);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, after);
        }
        else
        {
            Assert.NotEqual(before, after);
            Assert.True(await AuditCountAsync() > auditBefore, "A successful administrative write is in the audit log.");
        }
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditLog.CountAsync();
    }

    private async Task<string?> KeyForAsync(Caller caller, ArrangedProvider target, ArrangedProvider other) => caller switch
    {
        Caller.Anonymous => null,
        Caller.RevokedKey => (await factory.CreateApiKeyAsync(ApiKeyRole.Admin, revoked: true)).Key,
        Caller.ProviderA => target.Key,
        Caller.ProviderB => other.Key,
        Caller.RegionManagerOfOtherRegion => (await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"])).Key,
        Caller.RegionManagerOfRightRegion => (await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"])).Key,
        Caller.Admin => (await factory.CreateApiKeyAsync(ApiKeyRole.Admin)).Key,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private static int _normWeeks;

    private static HttpRequestMessage Request(Endpoint endpoint, ArrangedProvider t) => endpoint switch
    {
        Endpoint.CreateProvider => Send(HttpMethod.Post, "/providers", """{"name":"Nieuwe aanbieder","regions":["achterhoek"]}"""),
        Endpoint.UpdateProvider => Send(HttpMethod.Put, $"/providers/{t.ProviderId}", """{"name":"Hernoemd","kvkNumber":"12345678","regions":["achterhoek"]}"""),
        Endpoint.DeleteProvider => Send(HttpMethod.Delete, $"/providers/{t.ProviderId}"),
        Endpoint.CreateLocation => Send(HttpMethod.Post, $"/providers/{t.ProviderId}/locations", """{"name":"Nieuw","city":"Winterswijk","municipality":"GM0294"}"""),
        Endpoint.UpdateLocation => Send(HttpMethod.Put, $"/providers/{t.ProviderId}/locations/{t.LocationId}", """{"name":"Verhuisd","city":"Doetinchem","municipality":"GM0222","postcode":"7001ab"}"""),
        Endpoint.DeleteLocation => Send(HttpMethod.Delete, $"/providers/{t.ProviderId}/locations/{t.SpareLocationId}"),
        Endpoint.CreateOffering => Send(HttpMethod.Post, "/offerings",
            $$"""{"providerId":"{{t.ProviderId}}","title":"Dagbehandeling","careType":"dagbehandeling","ageMin":4,"ageMax":12,"municipalities":["GM0222"]}"""),
        Endpoint.UpdateOffering => Send(HttpMethod.Put, $"/offerings/{t.OfferingId}",
            """{"title":"Ambulante begeleiding thuis","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"municipalities":["GM0222","GM0197"]}"""),
        Endpoint.DeleteOffering => Send(HttpMethod.Delete, $"/offerings/{t.OfferingId}"),
        Endpoint.IssueProviderKey => Send(HttpMethod.Post, $"/providers/{t.ProviderId}/api-keys", """{"label":"tweede sleutel"}"""),
        Endpoint.IssueManagementKey => Send(HttpMethod.Post, "/api-keys", """{"role":"region-manager","regions":["achterhoek"]}"""),
        Endpoint.RevokeKey => Send(HttpMethod.Delete, $"/api-keys/{t.KeyId}"),
        // A new bound each time: repeating the version in force stores nothing (200), which is not what is tested here.
        Endpoint.PutRegionalNorm => Send(HttpMethod.Put, "/regions/achterhoek/norms/ambulante-begeleiding",
            $$"""{"maxTotalWeeks":{{Interlocked.Increment(ref _normWeeks)}},"validFrom":"2027-01-01"}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    private static HttpRequestMessage Send(HttpMethod method, string path, string? json = null) =>
        new(method, AdminApi + path) { Content = json is null ? null : Json(json) };
}
