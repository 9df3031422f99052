using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        // The major version is in the servers URL (NL API Design Rules /core/uri-version); paths are relative to it, and the
        // document names itself as /openapi.json (/core/doc-openapi), which is where it is served.
        Assert.Equal("/api/v1", document["servers"]![0]!["url"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/regions", paths);
        Assert.Contains("/care-types", paths);
        Assert.Contains("/norms", paths);
        Assert.Contains("/openapi.json", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/health", StringComparison.Ordinal) || p.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
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

    /// <summary>Per operation (by its name), the query and path parameters the endpoint binds, exactly as it reads them.</summary>
    private Dictionary<string, SortedSet<string>> BoundParameters() =>
        factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any())
            .ToDictionary(
                d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().First().EndpointName,
                d => new SortedSet<string>(
                    d.ParameterDescriptions.Where(p => p.Source == BindingSource.Query || p.Source == BindingSource.Path).Select(p => p.Name),
                    StringComparer.Ordinal));

    private static async Task<Dictionary<string, SortedSet<string>>> DocumentedParametersAsync()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "openapi", "beschikbaarheidswijzer-v1.json")))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Value?["operationId"] is not null).Select(o => o.Value!))
            .Where(operation => operation["operationId"]!.GetValue<string>() != "GetOpenApiDocument")
            .ToDictionary(
                operation => operation["operationId"]!.GetValue<string>(),
                operation => new SortedSet<string>(
                    (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() is "query" or "path").Select(p => p!["name"]!.GetValue<string>()),
                    StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_documents_exactly_the_parameter_names_its_endpoint_binds()
    {
        var bound = BoundParameters();
        var documented = await DocumentedParametersAsync();

        Assert.True(documented.Count >= 50, $"{documented.Count} operations documented");
        Assert.Equal(bound.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (operation, names) in bound)
        {
            Assert.True(names.SetEquals(documented[operation]),
                $"{operation}: binds [{string.Join(", ", names)}], documents [{string.Join(", ", documented[operation])}]");
        }
    }

    [Fact]
    public void Every_query_parameter_is_bound_by_its_lower_camel_case_name_but_hsdss_own()
    {
        var names = BoundParameters().SelectMany(o => o.Value.Select(name => (Operation: o.Key, Name: name))).ToList();
        Assert.Contains(names, n => n.Name == "pageSize");

        // HSDS 3.1 prescribes per_page for its feed (see tools/apilint/adr-*.yaml).
        var wrong = names.Where(n => !Regex.IsMatch(n.Name, "^[a-z][a-zA-Z0-9]*$") && !(n.Operation.StartsWith("GetHsds", StringComparison.Ordinal) && n.Name == "per_page"));
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task The_changelog_names_the_version_the_api_and_its_document_say()
    {
        var changelog = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "openapi", "CHANGELOG.md"));
        var versions = Regex.Matches(changelog, @"^## (\d+\.\d+\.\d+) — \d{4}-\d{2}-\d{2}$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var response = await _client.GetAsync("/api/v1/regions");
        var document = JsonNode.Parse(await _client.GetStringAsync("/api/v1/openapi.json"))!;

        // Newest first, each once, and the newest is the one every response and the document carry.
        Assert.True(versions.Count >= 2);
        Assert.Equal(versions.OrderByDescending(Version.Parse), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(versions[0], response.Headers.GetValues("API-Version").Single());
        Assert.Equal(versions[0], document["info"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_example_file_is_in_the_document_at_its_operation_and_status()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "openapi", "beschikbaarheidswijzer-v1.json")))!;
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!))
            .Where(o => o["operationId"] is not null)
            .ToDictionary(o => o["operationId"]!.GetValue<string>());
        var files = BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi.OpenApiExamples.Files;
        Assert.True(files.Count >= 15, $"{files.Count} example files");

        foreach (var (name, text) in files)
        {
            var parts = name.Split('.');
            Assert.True(operations.TryGetValue(parts[0], out var operation), $"{name}: no operation {parts[0]}");
            var contents = parts[1] == "request" ? operation!["requestBody"]!["content"]! : operation!["responses"]![parts[1]]!["content"]!;
            var example = contents.AsObject()
                .Where(c => parts[^1] == "csv" ? c.Key == "text/csv" : c.Key.EndsWith("json", StringComparison.Ordinal))
                .Select(c => c.Value!["example"]).SingleOrDefault(e => e is not null);
            Assert.True(example is not null, $"{name}: not in the document");
            Assert.True(parts[^1] == "csv" ? example!.GetValue<string>() == text : JsonNode.DeepEquals(example, JsonNode.Parse(text)), $"{name}: the document holds another example");
        }

        // The provider's weekly writes, the search and its refusal at least.
        Assert.Contains("PostAvailabilityBatch.request.json", files.Keys);
        Assert.Contains("PostAvailabilityBatch.200.json", files.Keys);
        Assert.Contains("SearchOfferings.400.json", files.Keys);
    }

    /// <summary>Whether an example holds a field the 2.2.0 ruleset's problem-invalid-input rule mistakes for a write operation.</summary>
    private static bool HasWriteLikeField(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => Regex.IsMatch(p.Key, "(put)|(post)|(patch)") || HasWriteLikeField(p.Value)),
        JsonArray a => a.Any(HasWriteLikeField),
        _ => false,
    };

    [Fact]
    public async Task The_ruleset_quirk_override_names_exactly_the_examples_with_a_postcode_like_field()
    {
        static string Encode(string text) => text.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            .Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "openapi", "beschikbaarheidswijzer-v1.json")))!;
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (type, content) in operation?["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    if (HasWriteLikeField(content?["example"]))
                    {
                        expected.Add($"#/paths/{Encode(path)}/{method}/requestBody/content/{Encode(type)}/example");
                    }
                }

                foreach (var (status, response) in operation?["responses"]?.AsObject() ?? [])
                {
                    foreach (var (type, content) in response?["content"]?.AsObject() ?? [])
                    {
                        if (HasWriteLikeField(content?["example"]))
                        {
                            expected.Add($"#/paths/{Encode(path)}/{method}/responses/{status}/content/{Encode(type)}/example");
                        }
                    }
                }
            }
        }

        var ruleset = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "tools", "apilint", "adr-2.2.0.yaml"));
        var listed = Regex.Matches(ruleset, @"beschikbaarheidswijzer-v1\.json(#[^""]+/example)""").Select(m => m.Groups[1].Value);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, new SortedSet<string>(listed, StringComparer.Ordinal));
    }
}
