using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Api.Tests.ManagementReports;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Exports;

/// <summary>The HSDS feed validates against the official schemas, on the demo data, and maps the fixed data set as documented.</summary>
public sealed class HsdsFeedTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    private const string Feed = "/api/v1/exports/hsds";
    private readonly HttpClient _public = app.CreateClient();

    private async Task<JsonElement> GetAsync(string url) => await ReadJsonAsync(await _public.GetAsync(url), HttpStatusCode.OK);

    private static void AssertValid(IReadOnlyList<string> errors, string what) =>
        Assert.True(errors.Count == 0, $"{what} does not validate against HSDS 3.1:\n{string.Join("\n", errors.Take(20))}");

    [Fact]
    public async Task The_validator_itself_rejects_what_hsds_forbids()
    {
        var service = await GetAsync($"{Feed}/services/{app.AlfaOffering}");
        AssertValid(HsdsSchemaValidator.Instance.Validate(service, "service.json"), "the service");

        var broken = JsonNode.Parse(service.GetRawText())!.AsObject();
        broken.Remove("status");
        broken["id"] = "not-a-uuid";
        broken["capacities"]![0]!["available"] = "drie";
        var errors = HsdsSchemaValidator.Instance.Validate(JsonDocument.Parse(broken.ToJsonString()).RootElement, "service.json");
        Assert.Contains(errors, e => e.Contains("status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/capacities/0/available", StringComparison.Ordinal));

        var page = JsonNode.Parse((await GetAsync($"{Feed}/services")).GetRawText())!.AsObject();
        page.Remove("empty");
        Assert.NotEmpty(HsdsSchemaValidator.Instance.ValidatePage(JsonDocument.Parse(page.ToJsonString()).RootElement, "service.json"));
    }

    [Theory]
    [InlineData("services", "service.json")]
    [InlineData("organizations", "organization.json")]
    [InlineData("locations", "location.json")]
    [InlineData("taxonomy_terms", "taxonomy_term.json")]
    public async Task Every_page_validates_and_pages_add_up(string list, string schema)
    {
        var first = await GetAsync($"{Feed}/{list}?per_page=2");
        var total = first.GetProperty("total_items").GetInt32();
        var pages = first.GetProperty("total_pages").GetInt32();
        Assert.True(total > 0);
        Assert.Equal((total + 1) / 2, pages);
        var ids = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var body = await GetAsync($"{Feed}/{list}?per_page=2&page={page}");
            AssertValid(HsdsSchemaValidator.Instance.ValidatePage(body, schema), $"{list} page {page}");
            Assert.Equal((page, page == 1, page == pages, false), (body.GetProperty("page_number").GetInt32(), body.GetProperty("first_page").GetBoolean(),
                body.GetProperty("last_page").GetBoolean(), body.GetProperty("empty").GetBoolean()));
            Assert.Equal(body.GetProperty("contents").GetArrayLength(), body.GetProperty("size").GetInt32());
            ids.AddRange(body.GetProperty("contents").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
        }

        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var beyond = await GetAsync($"{Feed}/{list}?per_page=2&page={pages + 1}");
        Assert.True(beyond.GetProperty("empty").GetBoolean());
        AssertValid(HsdsSchemaValidator.Instance.ValidatePage(beyond, schema), $"{list} past the last page");
    }

    [Fact]
    public async Task Services_are_the_current_offerings_with_capacity_waits_and_norm_status_per_region()
    {
        var services = await GetAsync($"{Feed}/services?per_page=100");
        var ids = services.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(new[] { app.AlfaOffering, app.GammaOffering, app.DeltaBoth, app.DeltaNew, app.EpsilonOffering }.Order(), ids.Order());

        var alfa = await GetAsync($"{Feed}/services/{app.AlfaOffering}");
        Assert.Equal(app.Alfa, alfa.GetProperty("organization_id").GetGuid());
        Assert.Equal("active", alfa.GetProperty("status").GetString());
        Assert.Equal("2 weken wachten tot de intake, dan 2 weken wachten van intake tot de start van de hulp (melding van week 2026-W47).", alfa.GetProperty("wait_time").GetString());
        var capacity = alfa.GetProperty("capacities").EnumerateArray().Single();
        Assert.Equal((3, 10, "plek"), (capacity.GetProperty("available").GetInt32(), capacity.GetProperty("maximum").GetInt32(), capacity.GetProperty("unit").GetProperty("name").GetString()));
        var attributes = Attributes(alfa);
        Assert.Equal("2", attributes[("aanmeldwachttijd-weken", null)]);
        Assert.Equal("4", attributes[("totale-wachttijd-weken", null)]);
        Assert.Equal("3", attributes[("gerealiseerde-aanmeldwachttijd-weken", null)]);
        Assert.Equal("2", attributes[("gerealiseerde-behandelwachttijd-weken", null)]);
        Assert.Equal("2026-11-16T08:00:00Z", attributes[("cijfers-veranderd-op", null)]);
        Assert.Equal("true", attributes[("aanmelden-mogelijk", null)]);
        Assert.Equal("2026-W47", attributes[("meetweek", null)]);
        Assert.Equal("45", attributes[("ambulante-begeleiding", null)]);
        Assert.Equal("5", attributes[("norm-totale-wachttijd-weken", "achterhoek")]);
        Assert.Equal("regio", attributes[("normbron", "achterhoek")]);
        Assert.Equal("within", attributes[("normstatus", "achterhoek")]);
        Assert.False(attributes.ContainsKey(("norm-aanmeldwachttijd-weken", "achterhoek"))); // the regional norm has no intake bound

        // Delta's first offering is contracted in two regions: a norm status for each.
        var delta = await GetAsync($"{Feed}/services/{app.DeltaBoth}");
        var deltaAttributes = Attributes(delta);
        Assert.Equal("exceeded", deltaAttributes[("normstatus", "achterhoek")]);   // 3 + 4 = 7 > 6
        Assert.Equal("exceeded", deltaAttributes[("normstatus", "twente")]);
        Assert.Equal("false", deltaAttributes[("aanmelden-mogelijk", null)]);
        Assert.StartsWith("Aanmeldstop", delta.GetProperty("alert").GetString());
        Assert.Equal(["Enschede", "Doetinchem"], delta.GetProperty("service_areas").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(2, delta.GetProperty("service_at_locations").GetArrayLength());

        // Gamma's figures are 23 days old; Epsilon never reported.
        Assert.Equal("true", Attributes(await GetAsync($"{Feed}/services/{app.GammaOffering}"))[("verouderd", null)]);
        var epsilon = await GetAsync($"{Feed}/services/{app.EpsilonOffering}");
        Assert.Equal(0, epsilon.GetProperty("capacities").GetArrayLength());
        Assert.Equal("unknown", Attributes(epsilon)[("normstatus", "achterhoek")]);
        Assert.False(epsilon.TryGetProperty("alert", out _));
        Assert.Equal("Nog geen wachttijd gemeld.", epsilon.GetProperty("wait_time").GetString());

        // The same request gives the same ids for objects without a row of their own.
        Assert.Equal(alfa.GetRawText(), (await GetAsync($"{Feed}/services/{app.AlfaOffering}")).GetRawText());
    }

    [Fact]
    public async Task Organizations_and_locations_are_those_of_current_offerings()
    {
        var organizations = await GetAsync($"{Feed}/organizations?per_page=100");
        var ids = organizations.GetProperty("contents").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(new[] { app.Alfa, app.Gamma, app.Delta, app.Epsilon }.Order(), ids.Order()); // Beta's only offering is deleted
        var alfa = organizations.GetProperty("contents").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == app.Alfa);
        var kvk = alfa.GetProperty("organization_identifiers").EnumerateArray().Single();
        Assert.Equal(("NL-KVK", "11111111"), (kvk.GetProperty("identifier_scheme").GetString(), kvk.GetProperty("identifier").GetString()));
        Assert.Equal("0314 123456", alfa.GetProperty("phones")[0].GetProperty("number").GetString());

        var locations = (await GetAsync($"{Feed}/locations?per_page=100")).GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(["Vestiging Doetinchem", "Vestiging Enschede"], locations.Select(l => l.GetProperty("name").GetString()).Order());
        var enschede = locations.Single(l => l.GetProperty("name").GetString() == "Vestiging Enschede");
        var address = enschede.GetProperty("addresses").EnumerateArray().Single();
        Assert.Equal(("Oude Markt 1", "7511 GA", "NL"), (address.GetProperty("address_1").GetString(), address.GetProperty("postal_code").GetString(), address.GetProperty("country").GetString()));
        Assert.Equal(52.223, enschede.GetProperty("latitude").GetDouble()); // no coordinates of its own: the municipality's centre
    }

    [Theory]
    [InlineData("services?page=0", "page")]
    [InlineData("services?per_page=101", "per_page")]
    [InlineData("organizations?per_page=abc", "per_page")]
    [InlineData("locations?page=-1", "page")]
    public async Task Bad_paging_is_a_400_naming_the_parameter(string url, string field)
    {
        await AssertProblemAsync(await _public.GetAsync($"{Feed}/{url}"), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_deleted_or_unknown_service_is_404()
    {
        await AssertProblemAsync(await _public.GetAsync($"{Feed}/services/{app.BetaOffering}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _public.GetAsync($"{Feed}/services/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var info = await GetAsync(Feed);
        Assert.Equal("3.1", info.GetProperty("version").GetString());
        Assert.EndsWith("/api/v1/openapi.json", info.GetProperty("openapi_url").GetString());
    }

    private static Dictionary<(string Code, string? Label), string?> Attributes(JsonElement service) =>
        service.GetProperty("attributes").EnumerateArray().ToDictionary(
            a => (a.GetProperty("taxonomy_term").GetProperty("code").GetString()!, a.TryGetProperty("label", out var l) ? l.GetString() : null),
            a => a.TryGetProperty("value", out var v) ? v.GetString() : null);
}

/// <summary>The whole demo data set through the feed: every page of every list validates.</summary>
public sealed class HsdsDemoFeedTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    [Theory]
    [InlineData("services", "service.json")]
    [InlineData("organizations", "organization.json")]
    [InlineData("locations", "location.json")]
    public async Task Every_page_of_the_demo_data_validates(string list, string schema)
    {
        var client = app.CreateClient();
        var seen = 0;
        for (var page = 1; ; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/exports/hsds/{list}?per_page=100&page={page}");
            var errors = HsdsSchemaValidator.Instance.ValidatePage(body, schema);
            Assert.True(errors.Count == 0, $"{list} page {page}:\n{string.Join("\n", errors.Take(20))}");
            seen += body.GetProperty("size").GetInt32();
            if (body.GetProperty("last_page").GetBoolean())
            {
                Assert.Equal(body.GetProperty("total_items").GetInt32(), seen);
                Assert.True(seen > 10, $"the demo data should have more than a handful of {list}");
                break;
            }
        }
    }
}
