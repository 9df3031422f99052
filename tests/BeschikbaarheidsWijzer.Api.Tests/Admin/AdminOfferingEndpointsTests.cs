using System.Net;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

public sealed class AdminOfferingEndpointsTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    [Fact]
    public async Task An_offering_is_created_with_locations_tags_and_contracts_from_today_and_read_back()
    {
        var arranged = await ArrangeProviderAsync(factory);

        var response = await _admin.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{arranged.ProviderId}}","title":"Specialistische jeugd-GGZ","careType":"jeugd-ggz-specialistisch",
             "description":"Voor kinderen\nen jongeren","ageMin":6,"ageMax":18,"tags":["autisme","Angst"],
             "referralInfo":"Verwijzing via huisarts","locationIds":["{{arranged.SpareLocationId}}"],"municipalities":["GM0222","gm1859"]}
            """));

        var created = await ReadJsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/admin/offerings/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(["GM0222", "GM1859"], created.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal([arranged.SpareLocationId], created.GetProperty("locationIds").EnumerateArray().Select(l => l.GetGuid()));
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Offerings.Include(o => o.Contracts).Include(o => o.Locations).SingleAsync(o => o.Id == id);
            Assert.Equal("Specialistische jeugd-GGZ", stored.Title);
            Assert.Equal("jeugd-ggz-specialistisch", stored.CareTypeCode);
            Assert.Equal("Voor kinderen\nen jongeren", stored.Description);
            Assert.Equal((6, 18), (stored.AgeMin, stored.AgeMax));
            Assert.Equal(["autisme", "angst"], stored.Tags);
            Assert.Equal("Verwijzing via huisarts", stored.ReferralInfo);
            Assert.Equal(arranged.SpareLocationId, Assert.Single(stored.Locations).Id);
            Assert.All(stored.Contracts, c => Assert.Equal((Today, (DateOnly?)null), (c.ValidFrom, c.ValidTo)));
            Assert.Equal(["GM0222", "GM1859"], stored.Contracts.Select(c => c.MunicipalityCode).Order());
        }

        var read = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/offerings/{id}"), HttpStatusCode.OK);
        Assert.Equal(arranged.ProviderId, read.GetProperty("providerId").GetGuid());
        Assert.Equal(["GM0222", "GM1859"], read.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["autisme", "angst"], read.GetProperty("tags").EnumerateArray().Select(m => m.GetString()));

        var list = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/offerings?providerId={arranged.ProviderId}"), HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(
            new[] { arranged.OfferingId, id }.Order(),
            list.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());
    }

    [Fact]
    public async Task Put_replaces_fields_and_locations()
    {
        var arranged = await ArrangeProviderAsync(factory);

        var updated = await ReadJsonAsync(await _admin.PutAsync($"{AdminApi}/offerings/{arranged.OfferingId}", Json($$"""
            {"title":"Begeleiding thuis","careType":"ambulante-begeleiding","ageMin":0,"ageMax":23,"tags":["adhd"],
             "locationIds":["{{arranged.SpareLocationId}}"],"municipalities":["GM0222"]}
            """)), HttpStatusCode.OK);

        Assert.Equal([arranged.SpareLocationId], updated.GetProperty("locationIds").EnumerateArray().Select(l => l.GetGuid()));
        await using var db = factory.CreateDbContext();
        var stored = await db.Offerings.Include(o => o.Locations).Include(o => o.Contracts).SingleAsync(o => o.Id == arranged.OfferingId);
        Assert.Equal("Begeleiding thuis", stored.Title);
        Assert.Equal((0, 23), (stored.AgeMin, stored.AgeMax));
        Assert.Equal(["adhd"], stored.Tags);
        Assert.Equal(arranged.SpareLocationId, Assert.Single(stored.Locations).Id);
        var contract = Assert.Single(stored.Contracts);
        Assert.Equal((ContractStart, (DateOnly?)null), (contract.ValidFrom, contract.ValidTo));
        Assert.Equal(factory.Clock.Now, stored.UpdatedAt);
    }

    [Fact]
    public async Task Soft_delete_keeps_the_report_history_ends_contracts_and_hides_the_offering()
    {
        var arranged = await ArrangeProviderAsync(factory);
        long reportId;
        await using (var db = factory.CreateDbContext())
        {
            var report = new AvailabilityReport
            {
                OfferingId = arranged.OfferingId, WeekStart = new DateOnly(2026, 11, 16), ReportedAt = factory.Clock.Now.AddDays(-1),
                AcceptingReferrals = true, WaitToIntakeWeeks = 3, FreePlaces = 2, TotalPlaces = 10,
            };
            db.AvailabilityReports.Add(report);
            db.Contracts.Add(new Contract { OfferingId = arranged.OfferingId, MunicipalityCode = "GM0197", ValidFrom = Today });
            await db.SaveChangesAsync();
            reportId = report.Id;
        }

        var publicClient = factory.CreateClient();
        Assert.Contains(arranged.OfferingId, await SearchAsync(publicClient, "GM0222"));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/offerings/{arranged.OfferingId}")).StatusCode);

        // Gone from the public search and detail.
        Assert.DoesNotContain(arranged.OfferingId, await SearchAsync(publicClient, "GM0222"));
        Assert.Equal(HttpStatusCode.NotFound, (await publicClient.GetAsync($"/api/v1/offerings/{arranged.OfferingId}")).StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            var offering = await db.Offerings.Include(o => o.Contracts).SingleAsync(o => o.Id == arranged.OfferingId);
            Assert.Equal(factory.Clock.Now, offering.DeletedAt);
            // The contract that ran since 2025 ended yesterday; the one that would have started today never was.
            var contract = Assert.Single(offering.Contracts);
            Assert.Equal(("GM0222", (DateOnly?)Today.AddDays(-1)), (contract.MunicipalityCode, contract.ValidTo));
            var report = await db.AvailabilityReports.SingleAsync(r => r.Id == reportId);
            Assert.Equal(3, report.WaitToIntakeWeeks);
        }

        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/offerings/{arranged.OfferingId}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _admin.DeleteAsync($"{AdminApi}/offerings/{arranged.OfferingId}"), HttpStatusCode.NotFound);
        var list = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/offerings?providerId={arranged.ProviderId}"), HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());

        // With its offering gone, the location is free to delete: history of the deleted offering does not block it.
        Assert.Equal(HttpStatusCode.NoContent,
            (await _admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.LocationId}")).StatusCode);
    }

    [Fact]
    public async Task Put_keeps_contract_history_ending_dropped_municipalities_and_contracting_new_ones()
    {
        var arranged = await ArrangeProviderAsync(factory, "achterhoek", "GM0222");
        var start = factory.Clock.Now;
        try
        {
            // Same day: a municipality added and dropped again leaves no trace, since its contract never started.
            await PutMunicipalitiesAsync(arranged, "GM0222", "GM1859");
            await PutMunicipalitiesAsync(arranged, "GM0222");
            Assert.Equal([("GM0222", ContractStart, (DateOnly?)null)], await ContractsAsync(arranged.OfferingId));

            // Ten days later: GM0222 ends yesterday, GM0197 starts today.
            factory.Clock.Now = start.AddDays(10);
            var later = Today.AddDays(10);
            var response = await PutMunicipalitiesAsync(arranged, "GM0197");
            Assert.Equal(["GM0197"], response);
            Assert.Equal(
                [("GM0197", later, (DateOnly?)null), ("GM0222", ContractStart, (DateOnly?)later.AddDays(-1))],
                await ContractsAsync(arranged.OfferingId));

            // A month on, GM0222 is contracted again: a new period, the old one stays.
            factory.Clock.Now = start.AddDays(40);
            await PutMunicipalitiesAsync(arranged, "GM0197", "GM0222");
            Assert.Equal(
                [("GM0197", later, (DateOnly?)null), ("GM0222", ContractStart, (DateOnly?)later.AddDays(-1)), ("GM0222", Today.AddDays(40), (DateOnly?)null)],
                await ContractsAsync(arranged.OfferingId));
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_region_manager_cannot_delete_an_offering_or_provider_that_is_also_contracted_in_another_region()
    {
        // Provider named in Twente; its offering is contracted in Doetinchem (Achterhoek) and in Enschede (Twente).
        var arranged = await ArrangeProviderAsync(factory, region: "twente", municipality: "GM0222");
        await using (var db = factory.CreateDbContext())
        {
            db.Contracts.Add(new Contract { OfferingId = arranged.OfferingId, MunicipalityCode = "GM0153", ValidFrom = ContractStart });
            await db.SaveChangesAsync();
        }

        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var twente = factory.CreateClient(key);

        var before = await SnapshotAsync(factory);
        var offering = await AssertProblemAsync(await twente.DeleteAsync($"{AdminApi}/offerings/{arranged.OfferingId}"), HttpStatusCode.Conflict);
        Assert.Contains("(GM0222)", offering.GetProperty("detail").GetString());
        var provider = await AssertProblemAsync(await twente.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}"), HttpStatusCode.Conflict);
        Assert.Contains("(GM0222)", provider.GetProperty("detail").GetString());
        Assert.Equal(before, await SnapshotAsync(factory));

        // Once Twente has taken its own municipality out, what is left is the Achterhoek's to decide; an admin may delete.
        var current = await ReadJsonAsync(await twente.GetAsync($"{AdminApi}/offerings/{arranged.OfferingId}"), HttpStatusCode.OK);
        await ReadJsonAsync(await twente.PutAsync($"{AdminApi}/offerings/{arranged.OfferingId}", Json($$"""{ {{SameFields(current)}}, "municipalities":[]}""")), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await twente.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/providers/{arranged.ProviderId}")).StatusCode);
        Assert.DoesNotContain(await ContractsAsync(arranged.OfferingId), c => c.To is null);
    }

    /// <summary>An offering's fields as the API shows them, for a PUT that changes only its municipalities.</summary>
    private static string SameFields(JsonElement offering) =>
        string.Join(", ", new[] { "title", "careType", "description", "ageMin", "ageMax", "tags", "referralInfo", "locationIds" }
            .Select(name => $"\"{name}\": {offering.GetProperty(name).GetRawText()}"));

    [Fact]
    public async Task A_region_managers_put_only_touches_contracts_in_its_own_regions()
    {
        var arranged = await ArrangeProviderAsync(factory, region: null, municipality: "GM0222");
        await using (var db = factory.CreateDbContext())
        {
            db.Contracts.Add(new Contract { OfferingId = arranged.OfferingId, MunicipalityCode = "GM0153", ValidFrom = ContractStart });
            await db.SaveChangesAsync();
        }

        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var manager = factory.CreateClient(key);
        var fields = SameFields(await ReadJsonAsync(await manager.GetAsync($"{AdminApi}/offerings/{arranged.OfferingId}"), HttpStatusCode.OK));

        // Adding a municipality of another region is refused, and nothing changes.
        var before = await SnapshotAsync(factory);
        await AssertProblemAsync(await manager.PutAsync($"{AdminApi}/offerings/{arranged.OfferingId}",
            Json($$"""{ {{fields}}, "municipalities":["GM0153","GM0197"]}""")), HttpStatusCode.BadRequest, "municipalities[1]");
        Assert.Equal(before, await SnapshotAsync(factory));

        // Leaving out its own municipality ends that contract; Doetinchem (achterhoek) is not its to end.
        var response = await ReadJsonAsync(await manager.PutAsync($"{AdminApi}/offerings/{arranged.OfferingId}",
            Json($$"""{ {{fields}}, "municipalities":["GM0164"]}""")), HttpStatusCode.OK);
        Assert.Equal(["GM0164", "GM0222"], response.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(
            [("GM0153", ContractStart, (DateOnly?)Today.AddDays(-1)), ("GM0164", Today, null), ("GM0222", ContractStart, null)],
            await ContractsAsync(arranged.OfferingId));

        // Naming Doetinchem, which is already contracted, is fine: it changes nothing there.
        await ReadJsonAsync(await manager.PutAsync($"{AdminApi}/offerings/{arranged.OfferingId}",
            Json($$"""{ {{fields}}, "municipalities":["GM0164","GM0222"]}""")), HttpStatusCode.OK);
        Assert.Contains(("GM0222", ContractStart, (DateOnly?)null), await ContractsAsync(arranged.OfferingId));
    }

    [Fact]
    public async Task A_region_manager_creates_offerings_only_for_its_providers_and_municipalities()
    {
        var mine = await ArrangeProviderAsync(factory, "twente", "GM0153");
        var theirs = await ArrangeProviderAsync(factory, "achterhoek", "GM0222");
        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var manager = factory.CreateClient(key);
        var before = await SnapshotAsync(factory);

        await AssertProblemAsync(await manager.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{theirs.ProviderId}}","title":"X","careType":"pleegzorg","ageMin":0,"ageMax":18,"municipalities":["GM0153"]}
            """)), HttpStatusCode.BadRequest, "providerId");
        await AssertProblemAsync(await manager.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{mine.ProviderId}}","title":"X","careType":"pleegzorg","ageMin":0,"ageMax":18,"municipalities":["GM0153","GM0222"]}
            """)), HttpStatusCode.BadRequest, "municipalities[1]");
        Assert.Equal(before, await SnapshotAsync(factory));

        await ReadJsonAsync(await manager.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{mine.ProviderId}}","title":"Pleegzorg Twente","careType":"pleegzorg","ageMin":0,"ageMax":18,"municipalities":["GM0153"]}
            """)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Offering_references_are_checked()
    {
        var mine = await ArrangeProviderAsync(factory);
        var theirs = await ArrangeProviderAsync(factory);
        var before = await SnapshotAsync(factory);

        var problem = await AssertProblemAsync(await _admin.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{mine.ProviderId}}","title":"X","careType":"onbekend","ageMin":12,"ageMax":4,
             "tags":["autisme","geen-tag","autisme"],"locationIds":["{{theirs.LocationId}}"],"municipalities":["GM0222","GM9999","GM0222"]}
            """)), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "careType", "ageMax", "tags[1]", "tags[2]", "locationIds[0]", "municipalities[1]", "municipalities[2]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name '{field}': {errors}");
        }

        await AssertProblemAsync(await _admin.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{Guid.NewGuid()}}","title":"X","careType":"pleegzorg","ageMin":0,"ageMax":18}
            """)), HttpStatusCode.BadRequest, "providerId");
        await AssertProblemAsync(await _admin.PutAsync($"{AdminApi}/offerings/{mine.OfferingId}", Json($$"""
            {"providerId":"{{theirs.ProviderId}}","title":"X","careType":"pleegzorg","ageMin":0,"ageMax":18}
            """)), HttpStatusCode.BadRequest, "providerId");
        await AssertProblemAsync(await _admin.PostAsync($"{AdminApi}/offerings", Json($$"""
            {"providerId":"{{mine.ProviderId}}","title":"X","careType":"pleegzorg","tags":["a","b","c","d","e","f","g","h","i","j","k"]}
            """)), HttpStatusCode.BadRequest, "tags");
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    private static async Task<List<Guid>> SearchAsync(HttpClient client, string municipality)
    {
        var result = await ReadJsonAsync(await client.GetAsync($"/api/v1/offerings?municipality={municipality}&pageSize=100"), HttpStatusCode.OK);
        return result.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
    }

    private async Task<List<string>> PutMunicipalitiesAsync(ArrangedProvider arranged, params string[] municipalities)
    {
        var json = $$"""
            {"title":"Ambulante begeleiding","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"tags":["autisme"],
             "locationIds":["{{arranged.LocationId}}"],"municipalities":[{{string.Join(",", municipalities.Select(m => $"\"{m}\""))}}]}
            """;
        var body = await ReadJsonAsync(await _admin.PutAsync($"{AdminApi}/offerings/{arranged.OfferingId}", Json(json)), HttpStatusCode.OK);
        return body.GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()!).ToList();
    }

    private async Task<List<(string Municipality, DateOnly From, DateOnly? To)>> ContractsAsync(Guid offeringId)
    {
        await using var db = factory.CreateDbContext();
        var contracts = await db.Contracts.Where(c => c.OfferingId == offeringId).ToListAsync();
        return contracts.OrderBy(c => c.MunicipalityCode, StringComparer.Ordinal).ThenBy(c => c.ValidFrom)
            .Select(c => (c.MunicipalityCode, c.ValidFrom, c.ValidTo)).ToList();
    }
}
