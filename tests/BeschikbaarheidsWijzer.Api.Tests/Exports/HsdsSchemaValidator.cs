extern alias JsonEverything;

using System.Text.Json;
using System.Text.Json.Nodes;
using JsonEverything::Json.Schema;

namespace BeschikbaarheidsWijzer.Api.Tests.Exports;

/// <summary>
/// Validates against the official HSDS 3.1 JSON schemas in <c>Exports/HsdsSchemas/3.1-dev</c> (draft 2020-12, formats
/// checked). The files refer to each other by bare file name, so all are registered under one base URI. The list shape
/// is the <c>Page</c> schema of the HSDS OpenAPI file with <c>contents</c> of the given object schema; every page field is
/// required (as HSDS 3.1.1 does for <c>empty</c>).
/// </summary>
public sealed class HsdsSchemaValidator
{
    private const string Base = "https://hsds.schemas.test/3.1-dev/";
    private static readonly Lazy<HsdsSchemaValidator> Shared = new(() => new HsdsSchemaValidator());
    // HSDS is draft 2020-12 (its files do not say so), whose unknown keywords such as "name" or "example" are annotations.
    private readonly BuildOptions _options = new() { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
    private readonly Dictionary<string, JsonSchema> _schemas = [];
    private readonly Dictionary<string, JsonSchema> _pages = [];
    private readonly JsonNode _page;

    private HsdsSchemaValidator()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Exports", "HsdsSchemas", "3.1-dev");
        foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != "openapi.json"))
        {
            var name = Path.GetFileName(file);
            _schemas[name] = JsonSchema.FromText(File.ReadAllText(file), _options, new Uri(Base + name));
        }

        var openApi = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "openapi.json")))!;
        _page = openApi["components"]!["schemas"]!["Page"]!.DeepClone();
    }

    public static HsdsSchemaValidator Instance => Shared.Value;

    /// <summary>The errors of <paramref name="instance"/> against the object schema file (e.g. <c>service.json</c>); empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance, string schemaFile) => Errors(_schemas[schemaFile], instance);

    /// <summary>The errors of a page in the HSDS list shape whose contents are objects of <paramref name="schemaFile"/>.</summary>
    public IReadOnlyList<string> ValidatePage(JsonElement instance, string schemaFile)
    {
        JsonSchema schema;
        lock (_pages)
        {
            if (!_pages.TryGetValue(schemaFile, out schema!))
            {
                schema = BuildPage(schemaFile);
                _pages[schemaFile] = schema;
            }
        }

        return Errors(schema, instance);
    }

    private JsonSchema BuildPage(string schemaFile)
    {
        var wrapper = new JsonObject
        {
            ["allOf"] = new JsonArray(_page.DeepClone()),
            ["type"] = "object",
            ["required"] = new JsonArray("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"),
            ["properties"] = new JsonObject
            {
                ["contents"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = Base + schemaFile } },
            },
        };
        return JsonSchema.FromText(wrapper.ToJsonString(), _options, new Uri($"{Base}page-of-{schemaFile}"));
    }

    private static List<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, without details")
            .ToList();
    }
}
