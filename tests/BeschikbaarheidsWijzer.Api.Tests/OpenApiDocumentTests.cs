using System.Net;
using System.Text.Json.Nodes;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests;

public sealed class OpenApiDocumentTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_served_document_is_openapi_3_0_and_lists_the_public_reference_endpoints()
    {
        var response = await _client.GetAsync("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.0.", document["openapi"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/regions", paths);
        Assert.Contains("/api/v1/care-types", paths);
        Assert.Contains("/api/v1/norms", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/health", StringComparison.Ordinal));
        var contact = document["info"]!["contact"]!;
        Assert.NotNull(contact["name"]);
        Assert.NotNull(contact["email"]);
        Assert.NotNull(contact["url"]);
    }

    [Fact]
    public async Task The_committed_copy_in_openapi_equals_what_the_code_generates()
    {
        var committedPath = Path.Combine(TestPaths.RepositoryRoot(), "openapi", "beschikbaarheidswijzer-v1.json");
        Assert.True(File.Exists(committedPath), $"{committedPath} is missing: build the Api project in Debug to generate it.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath));

        var served = JsonNode.Parse(await _client.GetStringAsync("/api/v1/openapi.json"));

        Assert.True(JsonNode.DeepEquals(committed, served),
            "openapi/beschikbaarheidswijzer-v1.json differs from the document the code generates. " +
            "Run 'dotnet build src/BeschikbaarheidsWijzer.Api' (Debug, outside CI) and commit the updated file.");
    }

    [Fact]
    public async Task Swagger_ui_is_served_over_the_document()
    {
        var response = await _client.GetAsync("/api/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
        var config = await _client.GetStringAsync("/api/docs/index.js");
        Assert.Contains("/api/v1/openapi.json", config);
    }
}
