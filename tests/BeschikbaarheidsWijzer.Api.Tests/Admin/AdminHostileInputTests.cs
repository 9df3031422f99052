using System.Net;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

/// <summary>Whatever is sent, the answer is a 4xx problem naming the field (never a 500), and nothing is stored.</summary>
public sealed class AdminHostileInputTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    public static TheoryData<string, string?> ProviderBodies() => new()
    {
        { """{"name": "Zorg" """, null },
        { """{"name": "Zorg",}""", null },
        { "", null },
        { "null", null },
        { "[]", null },
        { "\"Zorg\"", null },
        { """{"name": 1e400}""", "name" },
        { """{"name": 12}""", "name" },
        { """{"name": ["Zorg"]}""", "name" },
        { """{"name": {"nl": "Zorg"}}""", "name" },
        { """{"name": true}""", "name" },
        { """{"name": "Zorg", "kvkNumber": 12345678}""", "kvkNumber" },
        { """{"name": "Zorg", "regions": "twente"}""", "regions" },
        { """{"name": "Zorg", "regions": [1]}""", "regions[0]" },
        { """{"name": "Zorg", "isAdmin": true}""", "isAdmin" },
        { """{"name": "Zorg", "id": "00000000-0000-0000-0000-000000000001"}""", "id" },
        { """{"name": "Zorg", "deletedAt": null}""", "deletedAt" },
        { """{}""", "name" },
        { """{"name": "   "}""", "name" },
        { """{"name": null}""", "name" },
        { """{"name": "Zorg\u0000"}""", "name" },
        { """{"name": "Zorg\u0007bel"}""", "name" },
        { """{"name": "Zorg\nNieuwe regel"}""", "name" },
        { """{"name": "Zorg \u202Egnalpmeh"}""", "name" },
        { """{"name": "Zorg \u2066isolaat"}""", "name" },
        { """{"name": "Zorg \ud800"}""", "name" },
        { $$"""{"name": "{{new string('x', 5000)}}"}""", "name" },
        { $$"""{"name": "Zorg", "description": "{{new string('x', 4001)}}"}""", "description" },
        { """{"name": "Zorg", "description": "regel\u0000"}""", "description" },
        { """{"name": "Zorg", "kvkNumber": "1234567"}""", "kvkNumber" },
        { """{"name": "Zorg", "kvkNumber": "123456789"}""", "kvkNumber" },
        { """{"name": "Zorg", "kvkNumber": "１２３４５６７８"}""", "kvkNumber" },
        { """{"name": "Zorg", "kvkNumber": "1234 5678"}""", "kvkNumber" },
        { """{"name": "Zorg", "agbCode": "AB123456"}""", "agbCode" },
        { """{"name": "Zorg", "website": "javascript:alert(1)"}""", "website" },
        { """{"name": "Zorg", "website": "www.zorg.example"}""", "website" },
        { """{"name": "Zorg", "website": "ftp://zorg.example"}""", "website" },
        { """{"name": "Zorg", "website": "https://user:pw@zorg.example"}""", "website" },
        { $$"""{"name": "Zorg", "website": "https://zorg.example/{{new string('a', 500)}}"}""", "website" },
        { """{"name": "Zorg", "email": "geen-adres"}""", "email" },
        { """{"name": "Zorg", "email": "a@b@zorg.example"}""", "email" },
        { """{"name": "Zorg", "email": "Info <info@zorg.example>"}""", "email" },
        { """{"name": "Zorg", "email": "info@localhost"}""", "email" },
        { """{"name": "Zorg", "phone": "0314-ABC"}""", "phone" },
        { """{"name": "Zorg", "phone": "+"}""", "phone" },
        { """{"name": "Zorg", "phone": "<script>alert(1)</script>"}""", "phone" },
        { """{"name": "Zorg", "regions": ["groningen"]}""", "regions[0]" },
        { """{"name": "Zorg", "regions": ["twente", "Twente"]}""", "regions[1]" },
        { """{"name": "Zorg", "regions": ["'; drop table providers; --"]}""", "regions[0]" },
        { """{"name": "Zorg", "regions": [null]}""", "regions[0]" },
    };

    [Theory]
    [MemberData(nameof(ProviderBodies))]
    public async Task Hostile_provider_bodies_are_400_problems_naming_the_field(string json, string? field)
    {
        var before = await SnapshotAsync(factory);

        var response = await _admin.PostAsync($"{AdminApi}/providers", Json(json));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        if (field is null)
        {
            Assert.True(problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _), problem.ToString());
        }

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    public static TheoryData<string, string> LocationBodies() => new()
    {
        { """{"name":"V","city":"Doetinchem","municipality":"GM9998"}""", "municipality" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM02222"}""", "municipality" },
        { """{"name":"V","city":"Doetinchem","municipality":"'; drop table locations; --"}""", "municipality" },
        { """{"name":"V","city":"Doetinchem"}""", "municipality" },
        { """{"name":"V","municipality":"GM0222"}""", "city" },
        { """{"city":"Doetinchem","municipality":"GM0222"}""", "name" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","postcode":"0123 AB"}""", "postcode" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","postcode":"1234 SS"}""", "postcode" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","postcode":"12345"}""", "postcode" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","lat":91,"lon":6}""", "lat" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","lat":52,"lon":-180.5}""", "lon" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","lat":1e400,"lon":6}""", "lat" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","lat":"52","lon":6}""", "lat" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","lat":52}""", "lon" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","lat":NaN,"lon":6}""", "lat" },
        { """{"name":"V","city":"Doetinchem","municipality":"GM0222","floor":3}""", "floor" },
    };

    [Theory]
    [MemberData(nameof(LocationBodies))]
    public async Task Hostile_location_bodies_are_400_problems_naming_the_field(string json, string field)
    {
        var arranged = await ArrangeProviderAsync(factory);
        var before = await SnapshotAsync(factory);

        await AssertProblemAsync(await _admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations", Json(json)), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    public static TheoryData<string, string> OfferingBodies() => new()
    {
        { """ "municipalities":["GM0000"] """, "municipalities[0]" },
        { """ "municipalities":["GM0222","0222"] """, "municipalities[1]" },
        { """ "municipalities":"GM0222" """, "municipalities" },
        { """ "municipalities":[""] """, "municipalities[0]" },
        { """ "ageMin":99999999999 """, "ageMin" },
        { """ "ageMin":1e400 """, "ageMin" },
        { """ "ageMin":4.5 """, "ageMin" },
        { """ "ageMin":"4" """, "ageMin" },
        { """ "ageMin":-1 """, "ageMin" },
        { """ "ageMax":28 """, "ageMax" },
        { """ "tags":["autisme\u0000"] """, "tags[0]" },
        { """ "locationIds":["not-a-guid"] """, "locationIds[0]" },
        { """ "referralInfo":"\u202E" """, "referralInfo" },
        { """ "careType":"x' OR '1'='1" """, "careType" },
        { """ "status":"active" """, "status" },
    };

    [Theory]
    [MemberData(nameof(OfferingBodies))]
    public async Task Hostile_offering_bodies_are_400_problems_naming_the_field(string extra, string field)
    {
        var arranged = await ArrangeProviderAsync(factory);
        var before = await SnapshotAsync(factory);
        // The extra field comes last, so with System.Text.Json it is the one read (and checked) for a repeated name.
        var json = $$"""{"providerId":"{{arranged.ProviderId}}","title":"T","careType":"pleegzorg","ageMin":0,"ageMax":18,{{extra}}}""";

        await AssertProblemAsync(await _admin.PostAsync($"{AdminApi}/offerings", Json(json)), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var response = await _admin.PostAsync($"{AdminApi}/providers", new StringContent("name=Zorg", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Sql_and_markup_are_stored_verbatim_as_text()
    {
        const string name = "Robert'); DROP TABLE providers; --";
        const string description = "<script>alert('x')</script> 1 OR 1=1; -- \" \\ %_";

        var created = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers",
            Json(JsonSerializer.Serialize(new { name, description }))), HttpStatusCode.Created);

        var id = created.GetProperty("id").GetGuid();
        await using var db = factory.CreateDbContext();
        var stored = await db.Providers.SingleAsync(p => p.Id == id);
        Assert.Equal(name, stored.Name);
        Assert.Equal(description, stored.Description);
        Assert.True(await db.Providers.AnyAsync());
    }

    [Fact]
    public async Task A_dutch_name_with_accents_and_an_emoji_round_trips()
    {
        const string name = "Zorgboerderij Één & Café ‘De Ĳssel’ 🌷";
        const string description = "Hulp voor kinderen (4–12 jaar) 🧒\r\nMet overbruggingszorg ✓";

        var created = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers",
            Json(JsonSerializer.Serialize(new { name, description }))), HttpStatusCode.Created);

        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(name, created.GetProperty("name").GetString());
        var read = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers/{id}"), HttpStatusCode.OK);
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(description, read.GetProperty("description").GetString());
        await using var db = factory.CreateDbContext();
        Assert.Equal(name, (await db.Providers.SingleAsync(p => p.Id == id)).Name);
    }

    [Theory]
    [InlineData("/providers/not-a-guid")]
    [InlineData("/offerings/00000000-0000-0000-0000-000000000000")]
    [InlineData("/providers/00000000-0000-0000-0000-000000000000/locations")]
    public async Task Unknown_ids_are_404_problems(string path)
    {
        await AssertProblemAsync(await _admin.GetAsync(AdminApi + path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_long_key_id_to_revoke_is_just_not_found()
    {
        await AssertProblemAsync(await _admin.DeleteAsync($"{AdminApi}/api-keys/{new string('a', 3000)}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _admin.DeleteAsync($"{AdminApi}/api-keys/%27%3B%20drop%20table%20api_keys%3B--"), HttpStatusCode.NotFound);
    }
}
