using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Municipalities;

/// <summary>Where a family goes next: GET /municipalities/{code} for everyone, PUT …/access for the municipality's region.</summary>
public sealed class MunicipalityAccessTests(WijzerApiFactory app) : IClassFixture<WijzerApiFactory>
{
    private const string Winterswijk = "GM0294";

    private static readonly object ValidAccess = new
    {
        name = "Sociaal Team Winterswijk",
        phone = "0543-123456",
        email = "jeugd@winterswijk.example",
        website = "https://www.winterswijk.example/jeugd",
        waitWeeks = 2,
    };

    private HttpClient Admin => app.CreateClient(WijzerApiFactory.AdminKey);

    [Fact]
    public async Task A_municipality_without_a_toegang_says_so_with_its_region()
    {
        var municipality = await ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/municipalities/GM0222"), HttpStatusCode.OK);

        Assert.Equal("GM0222", municipality.GetProperty("code").GetString());
        Assert.Equal("Doetinchem", municipality.GetProperty("name").GetString());
        Assert.Equal("achterhoek", municipality.GetProperty("region").GetProperty("code").GetString());
        Assert.Equal("Achterhoek", municipality.GetProperty("region").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, municipality.GetProperty("access").ValueKind);
    }

    [Fact]
    public async Task The_region_sets_the_toegang_and_everyone_reads_it_with_the_time_its_wait_was_given()
    {
        var manager = (await app.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"])).Key;

        var saved = await ReadJsonAsync(await app.CreateClient(manager).PutAsync($"/api/v1/admin/municipalities/{Winterswijk.ToLowerInvariant()}/access", JsonContent(ValidAccess)), HttpStatusCode.OK);
        Assert.Equal(Winterswijk, saved.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(saved.GetProperty("eTag").GetString()));

        var read = await ReadJsonAsync(await app.CreateClient().GetAsync($"/api/v1/municipalities/{Winterswijk}"), HttpStatusCode.OK);
        var access = read.GetProperty("access");
        Assert.Equal("Sociaal Team Winterswijk", access.GetProperty("name").GetString());
        Assert.Equal("0543-123456", access.GetProperty("phone").GetString());
        Assert.Equal("jeugd@winterswijk.example", access.GetProperty("email").GetString());
        Assert.Equal("https://www.winterswijk.example/jeugd", access.GetProperty("website").GetString());
        Assert.Equal(2, access.GetProperty("waitWeeks").GetInt32());
        Assert.Equal(app.Clock.GetUtcNow(), access.GetProperty("waitReportedAt").GetDateTimeOffset());

        // Without a wait, no time either; and the audit log has both changes, with who made them.
        await ReadJsonAsync(await app.CreateClient(manager).PutAsync($"/api/v1/admin/municipalities/{Winterswijk}/access",
            JsonContent(new { name = "Sociaal Team Winterswijk", website = "https://www.winterswijk.example" })), HttpStatusCode.OK);
        access = (await ReadJsonAsync(await app.CreateClient().GetAsync($"/api/v1/municipalities/{Winterswijk}"), HttpStatusCode.OK)).GetProperty("access");
        Assert.Equal(JsonValueKind.Null, access.GetProperty("waitWeeks").ValueKind);
        Assert.Equal(JsonValueKind.Null, access.GetProperty("waitReportedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, access.GetProperty("phone").ValueKind);

        await using var db = app.CreateDbContext();
        var entries = await db.AuditLog.Where(e => e.EntityType == "municipality-access" && e.EntityId == Winterswijk).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["create", "update"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("region-manager", e.Role));
        Assert.Contains("0543-123456", entries[1].Before);
    }

    [Fact]
    public async Task Another_regions_manager_is_refused_and_nothing_changes()
    {
        await ReadJsonAsync(await Admin.PutAsync("/api/v1/admin/municipalities/GM1859/access", JsonContent(ValidAccess)), HttpStatusCode.OK);
        var before = await AccessRowAsync("GM1859");
        var twente = (await app.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"])).Key;

        await AssertProblemAsync(await app.CreateClient(twente).PutAsync("/api/v1/admin/municipalities/GM1859/access",
            JsonContent(new { name = "Overgenomen", phone = "053-1234567" })), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await app.CreateClient(twente).GetAsync("/api/v1/admin/regions/achterhoek/municipalities"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await app.CreateClient().PutAsync("/api/v1/admin/municipalities/GM1859/access", JsonContent(ValidAccess)), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await AccessRowAsync("GM1859"));
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_the_list_gives_each_municipality_its_etag()
    {
        var list = await ReadJsonAsync(await Admin.GetAsync("/api/v1/admin/regions/achterhoek/municipalities"), HttpStatusCode.OK);
        Assert.Equal(8, list.GetArrayLength());
        var aalten = list.EnumerateArray().Single(m => m.GetProperty("code").GetString() == "GM0197");
        var eTag = aalten.GetProperty("eTag").GetString()!;

        await ReadJsonAsync(await SendAsync(HttpMethod.Put, "/api/v1/admin/municipalities/GM0197/access", ValidAccess, eTag), HttpStatusCode.OK);
        var before = await AccessRowAsync("GM0197");

        // A second manager with the tag it read before the first one saved.
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, "/api/v1/admin/municipalities/GM0197/access", new { name = "Ander team", phone = "0543-999999" }, eTag),
            HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await AccessRowAsync("GM0197"));
    }

    public static TheoryData<string, string> HostileAccess => new()
    {
        { """{"phone":"0543-123456"}""", "name" },
        { """{"name":"   ","phone":"0543-123456"}""", "name" },
        { """{"name":"Team\u0000","phone":"0543-123456"}""", "name" },
        { $$"""{"name":"{{new string('x', 201)}}","phone":"0543-123456"}""", "name" },
        { """{"name":"Team"}""", "phone" },
        { """{"name":"Team","phone":"bel ons"}""", "phone" },
        { """{"name":"Team","phone":"12"}""", "phone" },
        { """{"name":"Team","website":"javascript:alert(1)"}""", "website" },
        { """{"name":"Team","website":"https://user:pw@example.nl"}""", "website" },
        { """{"name":"Team","website":"ftp://example.nl"}""", "website" },
        { """{"name":"Team","phone":"0543-123456","email":"geen-adres"}""", "email" },
        { """{"name":"Team","phone":"0543-123456","email":"a@b"}""", "email" },
        { """{"name":"Team","phone":"0543-123456","waitWeeks":-1}""", "waitWeeks" },
        { """{"name":"Team","phone":"0543-123456","waitWeeks":105}""", "waitWeeks" },
        { """{"name":"Team","phone":"0543-123456","waitWeeks":"3"}""", "waitWeeks" },
        { """{"name":"Team","phone":"0543-123456","waitWeeks":2.5}""", "waitWeeks" },
        { """{"name":"Team","phone":"0543-123456","wachttijd":3}""", "wachttijd" },
        { "null", "body" },
        { "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(HostileAccess))]
    public async Task Bad_input_is_a_400_naming_the_field_and_keeps_what_was_stored(string body, string field)
    {
        await ReadJsonAsync(await Admin.PutAsync("/api/v1/admin/municipalities/GM1876/access", JsonContent(ValidAccess)), HttpStatusCode.OK);
        var before = await AccessRowAsync("GM1876");
        var audit = await AuditCountAsync();

        await AssertProblemAsync(await Admin.PutAsync("/api/v1/admin/municipalities/GM1876/access", Json(body)), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await AccessRowAsync("GM1876"));
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Theory]
    [InlineData("GM9999")]
    [InlineData("winterswijk")]
    [InlineData("GM02944")]
    [InlineData("GM0294%20OR%201=1")]
    public async Task An_unknown_municipality_code_is_a_400_naming_code_for_reading_and_for_setting(string code)
    {
        await AssertProblemAsync(await app.CreateClient().GetAsync($"/api/v1/municipalities/{code}"), HttpStatusCode.BadRequest, "code");
        await AssertProblemAsync(await Admin.PutAsync($"/api/v1/admin/municipalities/{code}/access", JsonContent(ValidAccess)), HttpStatusCode.BadRequest, "code");
        await using var db = app.CreateDbContext();
        Assert.False(await db.MunicipalityAccess.AnyAsync(a => a.MunicipalityCode == code));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await Admin.SendAsync(request);
    }

    private async Task<string> AccessRowAsync(string code)
    {
        await using var db = app.CreateDbContext();
        return JsonSerializer.Serialize(await db.MunicipalityAccess.AsNoTracking().SingleOrDefaultAsync(a => a.MunicipalityCode == code));
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.AuditLog.CountAsync();
    }

    private static StringContent JsonContent(object body) => Json(JsonSerializer.Serialize(body));
}
