using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests;

public sealed class ReferenceEndpointsTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    // The 38 CBS codes of the project's source documents, written out here so the test does not read what it checks.
    private static readonly Dictionary<string, string[]> ExpectedMunicipalities = new()
    {
        ["achterhoek"] = ["GM0197", "GM1859", "GM1876", "GM0222", "GM1955", "GM1586", "GM1509", "GM0294"],
        ["twente"] = ["GM0141", "GM0147", "GM1774", "GM0153", "GM0158", "GM0163", "GM0164", "GM1735", "GM0168", "GM0173", "GM1742", "GM0183", "GM1700", "GM0189"],
        ["rivierenland"] = ["GM0214", "GM0216", "GM0263", "GM1740", "GM0281", "GM1960", "GM0668", "GM0297"],
        ["midden-ijssel-oost-veluwe"] = ["GM0200", "GM0213", "GM0232", "GM0244", "GM0246", "GM0262", "GM0285", "GM0301"],
    };

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Regions_lists_the_four_regions_with_their_38_municipalities()
    {
        var response = await _client.GetAsync("/api/v1/regions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var regions = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, regions.GetArrayLength());
        var actual = regions.EnumerateArray().ToDictionary(
            r => r.GetProperty("code").GetString()!,
            r => r.GetProperty("municipalities").EnumerateArray().Select(m => m.GetProperty("code").GetString()!).Order().ToArray());
        Assert.Equal(ExpectedMunicipalities.Keys.Order(), actual.Keys.Order());
        foreach (var (region, codes) in ExpectedMunicipalities)
        {
            Assert.Equal(codes.Order(), actual[region]);
        }

        var doetinchem = regions.EnumerateArray().SelectMany(r => r.GetProperty("municipalities").EnumerateArray())
            .Single(m => m.GetProperty("code").GetString() == "GM0222");
        Assert.Equal("Doetinchem", doetinchem.GetProperty("name").GetString());
        Assert.Equal(51.963, doetinchem.GetProperty("lat").GetDouble(), 3);
        Assert.Equal(6.292, doetinchem.GetProperty("lon").GetDouble(), 3);
    }

    [Fact]
    public async Task Regions_leave_out_a_municipality_that_no_longer_exists()
    {
        await using (var db = factory.CreateDbContext())
        {
            db.Municipalities.Add(new Municipality
            {
                Code = "GM9999", Name = "Opgeheven", RegionCode = "twente",
                ValidFrom = new DateOnly(2000, 1, 1), ValidTo = new DateOnly(2020, 12, 31),
            });
            await db.SaveChangesAsync();
        }

        var regions = await _client.GetFromJsonAsync<JsonElement>("/api/v1/regions");

        var codes = regions.EnumerateArray().SelectMany(r => r.GetProperty("municipalities").EnumerateArray()).Select(m => m.GetProperty("code").GetString());
        Assert.DoesNotContain("GM9999", codes);
    }

    [Fact]
    public async Task Care_types_are_the_13_of_the_taxonomy_in_order_light_to_heavy()
    {
        var careTypes = await _client.GetFromJsonAsync<JsonElement>("/api/v1/care-types");

        Assert.Equal(13, careTypes.GetArrayLength());
        Assert.Equal("ambulante-begeleiding", careTypes[0].GetProperty("code").GetString());
        Assert.Equal("crisishulp", careTypes[12].GetProperty("code").GetString());
        var pleegzorg = careTypes.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "pleegzorg");
        Assert.True(pleegzorg.GetProperty("matchingDependent").GetBoolean());
        Assert.Equal("44", pleegzorg.GetProperty("ijwCategory").GetString());
        Assert.Equal("jeugdhulp", pleegzorg.GetProperty("sector").GetString());
        Assert.Equal("verblijf", pleegzorg.GetProperty("setting").GetString());
    }

    [Fact]
    public async Task Tags_are_the_controlled_list()
    {
        var tags = await _client.GetFromJsonAsync<string[]>("/api/v1/tags");

        Assert.NotNull(tags);
        Assert.Equal(15, tags.Length);
        Assert.Contains("autisme", tags);
        Assert.Contains("psychose", tags);
    }

    [Fact]
    public async Task National_norms_follow_the_treeknormen_and_the_gehandicaptenzorg_fallback()
    {
        var norms = await GetNormsAsync("/api/v1/norms?region=twente");

        Assert.Equal(13, norms.Count);
        AssertNorm(norms["jeugd-ggz-specialistisch"], "treeknorm", 4, 10, 14);
        AssertNorm(norms["dyslexiezorg"], "treeknorm", 4, 10, 14);
        AssertNorm(norms["persoonlijke-verzorging"], "treeknorm", null, null, 6);
        // jeugdhulp has no rule of its own: the gehandicaptenzorg rule of the same setting applies.
        AssertNorm(norms["ambulante-begeleiding"], "treeknorm", null, null, 6);
        AssertNorm(norms["dagbehandeling"], "treeknorm", null, null, 6);
        AssertNorm(norms["pleegzorg"], "treeknorm", null, null, 13);
        AssertNorm(norms["crisishulp"], "treeknorm", 0, null, 0);
    }

    [Fact]
    public async Task A_region_norm_wins_from_its_valid_from_date_and_other_regions_keep_the_treeknorm()
    {
        await using (var db = factory.CreateDbContext())
        {
            db.RegionalNorms.AddRange(
                new RegionalNorm { RegionCode = "achterhoek", CareTypeCode = "jeugd-ggz-basis", MaxIntakeWeeks = 3, MaxTreatmentWeeks = 6, MaxTotalWeeks = 9, ValidFrom = new DateOnly(2026, 1, 1), RecordedAt = DateTimeOffset.UtcNow },
                new RegionalNorm { RegionCode = "achterhoek", CareTypeCode = "jeugd-ggz-basis", MaxIntakeWeeks = 2, MaxTreatmentWeeks = 5, MaxTotalWeeks = 7, ValidFrom = new DateOnly(2027, 1, 1), RecordedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        // The app's clock stands in November 2026: the 2027 version is not in force yet.
        var achterhoek = await GetNormsAsync("/api/v1/norms?region=achterhoek");
        AssertNorm(achterhoek["jeugd-ggz-basis"], "regio", 3, 6, 9);
        Assert.Equal("2026-01-01", achterhoek["jeugd-ggz-basis"].GetProperty("validFrom").GetString());
        AssertNorm(achterhoek["jeugd-ggz-specialistisch"], "treeknorm", 4, 10, 14);

        var later = await GetNormsAsync("/api/v1/norms?region=achterhoek&date=2027-03-01");
        AssertNorm(later["jeugd-ggz-basis"], "regio", 2, 5, 7);

        var before = await GetNormsAsync("/api/v1/norms?region=achterhoek&date=2025-12-31");
        AssertNorm(before["jeugd-ggz-basis"], "treeknorm", 4, 10, 14);

        var twente = await GetNormsAsync("/api/v1/norms?region=twente");
        AssertNorm(twente["jeugd-ggz-basis"], "treeknorm", 4, 10, 14);

        var national = await GetNormsAsync("/api/v1/norms");
        AssertNorm(national["jeugd-ggz-basis"], "treeknorm", 4, 10, 14);
    }

    [Theory]
    [InlineData("/api/v1/norms?region=groningen", "region")]
    [InlineData("/api/v1/norms?region=%27%3B%20drop%20table%20regions%3B--", "region")]
    [InlineData("/api/v1/norms?date=23-11-2026", "date")]
    [InlineData("/api/v1/norms?date=2026-02-30", "date")]
    [InlineData("/api/v1/norms?region=twente&date=%3Cscript%3E", "date")]
    public async Task Bad_norm_queries_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name '{parameter}': {problem}");
        Assert.Equal(BeschikbaarheidsWijzer.Api.Infrastructure.Http.ApiVersion.Current, response.Headers.GetValues("API-Version").Single());
    }

    [Theory]
    [InlineData("/api/v1/regions")]
    [InlineData("/api/v1/care-types")]
    [InlineData("/api/v1/norms")]
    [InlineData("/api/v1/openapi.json")]
    [InlineData("/health/live")]
    public async Task Every_response_carries_the_api_version(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BeschikbaarheidsWijzer.Api.Infrastructure.Http.ApiVersion.Current, response.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem_with_the_api_version()
    {
        var response = await _client.GetAsync("/api/v1/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(BeschikbaarheidsWijzer.Api.Infrastructure.Http.ApiVersion.Current, response.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var response = await _client.DeleteAsync("/api/v1/regions");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<Dictionary<string, JsonElement>> GetNormsAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var norms = await response.Content.ReadFromJsonAsync<JsonElement>();
        return norms.EnumerateArray().ToDictionary(n => n.GetProperty("careType").GetString()!);
    }

    private static void AssertNorm(JsonElement norm, string source, int? intake, int? treatment, int? total)
    {
        Assert.Equal(source, norm.GetProperty("source").GetString());
        Assert.Equal(intake, ReadWeeks(norm, "maxIntakeWeeks"));
        Assert.Equal(treatment, ReadWeeks(norm, "maxTreatmentWeeks"));
        Assert.Equal(total, ReadWeeks(norm, "maxTotalWeeks"));
    }

    private static int? ReadWeeks(JsonElement norm, string property) =>
        norm.GetProperty(property).ValueKind == JsonValueKind.Null ? null : norm.GetProperty(property).GetInt32();
}
