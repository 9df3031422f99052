using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Norms;

/// <summary>
/// Setting a region's norms through the API: versions are kept, GET /norms answers for any date, search and detail judge
/// by them, and bad input changes nothing. Each test uses its own care type, so the tests do not see each other's versions.
/// </summary>
public sealed class RegionalNormEndpointsTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    private static string Url(string careType, string region = "achterhoek") => $"{AdminApi}/regions/{region}/norms/{careType}";

    private async Task<JsonElement> NormOnAsync(string careType, string date, string region = "achterhoek")
    {
        var norms = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/norms?region={region}&date={date}");
        return norms.EnumerateArray().Single(n => n.GetProperty("careType").GetString() == careType);
    }

    [Fact]
    public async Task Every_version_is_kept_and_the_norm_on_any_date_is_the_one_in_force_then()
    {
        var first = await _admin.PutAsync(Url("dyslexiezorg"), Json("""{"maxIntakeWeeks":3,"maxTreatmentWeeks":8,"maxTotalWeeks":11,"validFrom":"2026-01-01"}"""));
        var created = await ReadJsonAsync(first, HttpStatusCode.Created);
        Assert.Equal("inForce", created.GetProperty("status").GetString());
        Assert.Equal("bootstrap-admin", created.GetProperty("recordedBy").GetString());
        Assert.Equal((JsonValueKind.Null, "admin"), (created.GetProperty("recordedByLabel").ValueKind, created.GetProperty("recordedByRole").GetString()));
        await ReadJsonAsync(await _admin.PutAsync(Url("dyslexiezorg"), Json("""{"maxIntakeWeeks":2,"maxTotalWeeks":9,"validFrom":"2027-01-01"}""")), HttpStatusCode.Created);

        var before = await NormOnAsync("dyslexiezorg", "2025-12-31");
        Assert.Equal(("treeknorm", 4, 14), (before.GetProperty("source").GetString(), before.GetProperty("maxIntakeWeeks").GetInt32(), before.GetProperty("maxTotalWeeks").GetInt32()));
        var during = await NormOnAsync("dyslexiezorg", "2026-06-30");
        Assert.Equal(("regio", 3, 8, 11, "2026-01-01"),
            (during.GetProperty("source").GetString(), during.GetProperty("maxIntakeWeeks").GetInt32(), during.GetProperty("maxTreatmentWeeks").GetInt32(),
                during.GetProperty("maxTotalWeeks").GetInt32(), during.GetProperty("validFrom").GetString()));
        var later = await NormOnAsync("dyslexiezorg", "2027-01-01");
        Assert.Equal((2, JsonValueKind.Null, 9), (later.GetProperty("maxIntakeWeeks").GetInt32(), later.GetProperty("maxTreatmentWeeks").ValueKind, later.GetProperty("maxTotalWeeks").GetInt32()));
        Assert.Equal("treeknorm", (await NormOnAsync("dyslexiezorg", "2027-01-01", "twente")).GetProperty("source").GetString());

        var versions = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/regions/achterhoek/norms?careType=dyslexiezorg"), HttpStatusCode.OK);
        Assert.Equal(
            [("2027-01-01", (string?)null, "scheduled"), ("2026-01-01", "2026-12-31", "inForce")],
            versions.EnumerateArray().Select(v => (v.GetProperty("validFrom").GetString()!, v.GetProperty("validTo").GetString(), v.GetProperty("status").GetString()!)));
    }

    [Fact]
    public async Task A_put_with_the_same_valid_from_adds_a_version_that_replaces_the_other_and_a_repeat_stores_nothing()
    {
        await ReadJsonAsync(await _admin.PutAsync(Url("persoonlijke-verzorging"), Json("""{"maxTotalWeeks":9,"validFrom":"2026-03-01"}""")), HttpStatusCode.Created);
        var replacing = await ReadJsonAsync(await _admin.PutAsync(Url("persoonlijke-verzorging"), Json("""{"maxTotalWeeks":7,"validFrom":"2026-03-01"}""")), HttpStatusCode.Created);

        // The factory's clock stands still: both are recorded at the same instant, and the later one still wins.
        Assert.Equal(7, (await NormOnAsync("persoonlijke-verzorging", "2026-11-18")).GetProperty("maxTotalWeeks").GetInt32());
        var versions = (await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/regions/achterhoek/norms?careType=persoonlijke-verzorging"), HttpStatusCode.OK))
            .EnumerateArray().ToList();
        Assert.Equal(["inForce", "replaced"], versions.Select(v => v.GetProperty("status").GetString()));
        Assert.Equal(replacing.GetProperty("id").GetInt64(), versions[0].GetProperty("id").GetInt64());

        var before = await SnapshotAsync(factory);
        var repeat = await _admin.PutAsync(Url("persoonlijke-verzorging"), Json("""{"maxTotalWeeks":7,"validFrom":"2026-03-01"}"""));
        Assert.Equal(replacing.GetProperty("id").GetInt64(), (await ReadJsonAsync(repeat, HttpStatusCode.OK)).GetProperty("id").GetInt64());
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task Region_managers_set_their_own_regions_norms_only()
    {
        var (keyId, twente) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"], label: "Marieke, contracten Twente");
        var manager = factory.CreateClient(twente);
        var before = await SnapshotAsync(factory);

        await AssertProblemAsync(await manager.PutAsync(Url("crisishulp", "achterhoek"), Json("""{"maxIntakeWeeks":0,"validFrom":"2027-01-01"}""")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await manager.GetAsync($"{AdminApi}/regions/achterhoek/norms"), HttpStatusCode.Forbidden);
        Assert.Equal(before, await SnapshotAsync(factory));
        var (_, provider) = await factory.CreateApiKeyAsync(ApiKeyRole.Provider, (await ArrangeProviderAsync(factory)).ProviderId);
        before = await SnapshotAsync(factory);
        await AssertProblemAsync(await factory.CreateClient(provider).PutAsync(Url("crisishulp", "twente"), Json("""{"maxIntakeWeeks":0,"validFrom":"2027-01-01"}""")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await factory.CreateClient().PutAsync(Url("crisishulp", "twente"), Json("""{"maxIntakeWeeks":0,"validFrom":"2027-01-01"}""")), HttpStatusCode.Unauthorized);
        Assert.Equal(before, await SnapshotAsync(factory));

        var own = await ReadJsonAsync(await manager.PutAsync(Url("crisishulp", "TWENTE"), Json("""{"maxIntakeWeeks":0,"maxTotalWeeks":0,"validFrom":"2027-01-01"}""")), HttpStatusCode.Created);
        Assert.Equal(("twente", keyId), (own.GetProperty("region").GetString(), own.GetProperty("recordedBy").GetString()));
        // Who recorded it, as the audit log has it: the key's label and role, in the answer and in the list of versions.
        Assert.Equal(("Marieke, contracten Twente", "region-manager"), (own.GetProperty("recordedByLabel").GetString(), own.GetProperty("recordedByRole").GetString()));
        var listed = (await ReadJsonAsync(await manager.GetAsync($"{AdminApi}/regions/twente/norms?careType=crisishulp"), HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(("Marieke, contracten Twente", "region-manager"), (listed.GetProperty("recordedByLabel").GetString(), listed.GetProperty("recordedByRole").GetString()));
    }

    public static TheoryData<string, string, string> HostileInputs() => new()
    {
        { "gesloten-jeugdzorg", """{"maxIntakeWeeks":-1,"validFrom":"2027-01-01"}""", "maxIntakeWeeks" },
        { "gesloten-jeugdzorg", """{"maxTreatmentWeeks":105,"validFrom":"2027-01-01"}""", "maxTreatmentWeeks" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":209,"validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":99999999999,"validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":1e400,"validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":4.5,"validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":"4","validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"maxIntakeWeeks":6,"maxTotalWeeks":5,"validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"validFrom":"2027-01-01"}""", "maxTotalWeeks" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":null}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":"2027-02-30"}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":"1 januari 2027"}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":20270101}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":"1999-01-01"}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":"9999-12-31"}""", "validFrom" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":"2027-01-01","region":"twente"}""", "region" },
        { "gesloten-jeugdzorg", """{"maxTotalWeeks":8,"validFrom":"2027-01-01","recordedAt":"2020-01-01T00:00:00Z"}""", "recordedAt" },
        { "gesloten-jeugdzorg", "null", "body" },
        { "gesloten-jeugdzorg", "[]", "body" },
        { "gesloten-jeugdzorg", "", "body" },
        { "zwemles", """{"maxTotalWeeks":8,"validFrom":"2027-01-01"}""", "careType" },
        { "x' OR '1'='1", """{"maxTotalWeeks":8,"validFrom":"2027-01-01"}""", "careType" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Bad_norms_are_400_problems_naming_the_field_and_store_nothing(string careType, string body, string field)
    {
        var before = await SnapshotAsync(factory);

        await AssertProblemAsync(await _admin.PutAsync(Url(Uri.EscapeDataString(careType)), Json(body)), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Theory]
    [InlineData("groningen")]
    [InlineData("%27%3B%20drop%20table%20regions%3B%20--")]
    public async Task An_unknown_region_is_400_naming_region(string region)
    {
        var before = await SnapshotAsync(factory);

        await AssertProblemAsync(await _admin.PutAsync(Url("crisishulp", region), Json("""{"maxIntakeWeeks":0,"validFrom":"2027-01-01"}""")), HttpStatusCode.BadRequest, "region");
        await AssertProblemAsync(await _admin.GetAsync($"{AdminApi}/regions/{region}/norms"), HttpStatusCode.BadRequest, "region");

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task A_put_evicts_the_cached_search_and_detail_history_judges_each_week_by_the_norm_of_its_day()
    {
        // An offering in Doetinchem with a total wait of 7 in W44 and in W47 (today's week).
        var arranged = await ArrangeProviderAsync(factory, "achterhoek", "GM0222", "Normtest");
        await using (var db = factory.CreateDbContext())
        {
            foreach (var (monday, reportedAt) in new[] { (new DateOnly(2026, 10, 26), new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero)), (new DateOnly(2026, 11, 16), new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero)) })
            {
                db.AvailabilityReports.Add(new AvailabilityReport { OfferingId = arranged.OfferingId, WeekStart = monday, ReportedAt = reportedAt, AcceptingReferrals = true, WaitToIntakeWeeks = 3, WaitToTreatmentWeeks = 4 });
            }

            await db.SaveChangesAsync();
        }

        await using var cached = factory.WithWebHostBuilder(b => b.UseSetting("Search:OutputCache:Enabled", "true"));
        var search = cached.CreateClient();
        string StatusIn(JsonElement result) => result.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == arranged.OfferingId).GetProperty("normStatus").GetString()!;
        var searchUrl = "/api/v1/offerings?municipality=GM0222&careType=ambulante-begeleiding&pageSize=100";
        Assert.Equal("exceeded", StatusIn(await search.GetFromJsonAsync<JsonElement>(searchUrl)));   // national: total 6

        var admin = cached.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", WijzerApiFactory.AdminKey);
        await ReadJsonAsync(await admin.PutAsync(Url("ambulante-begeleiding"), Json("""{"maxTotalWeeks":8,"validFrom":"2026-01-01"}""")), HttpStatusCode.Created);
        Assert.Equal("within", StatusIn(await search.GetFromJsonAsync<JsonElement>(searchUrl)));     // the cached answer was evicted

        // From 9 November (W46) the norm is 6: W44's report is judged by 8, W47's by 6.
        await ReadJsonAsync(await admin.PutAsync(Url("ambulante-begeleiding"), Json("""{"maxTotalWeeks":6,"validFrom":"2026-11-09"}""")), HttpStatusCode.Created);
        var detail = await search.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{arranged.OfferingId}?municipality=GM0222");
        var history = detail.GetProperty("history").EnumerateArray().ToDictionary(h => h.GetProperty("week").GetString()!, h => h.GetProperty("normStatus").GetString());
        Assert.Equal("within", history["2026-W44"]);
        Assert.Equal("exceeded", history["2026-W47"]);
        Assert.Equal("exceeded", detail.GetProperty("normStatus").GetString());
    }
}
