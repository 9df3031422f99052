using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;

/// <summary>
/// Examples for request and response bodies, from files beside this class (<c>Examples/{operationId}.request.json</c>,
/// <c>Examples/{operationId}.{status}.json</c>, <c>.csv</c> for a CSV body). The responses were taken from the app on the
/// demo data and shortened; Spectral (<c>oas3-valid-media-example</c>, run by <c>./test.sh</c>) checks each against its
/// schema, and a test that every file belongs to an operation and status the document has.
/// </summary>
public static class OpenApiExamples
{
    private const string Prefix = "BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi.Examples.";

    /// <summary>The example files by name: "PutAvailability.request.json" → its text.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = Load();

    public static Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id)
        {
            return Task.CompletedTask;
        }

        foreach (var (mediaType, content) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
        {
            if (Example($"{id}.request", mediaType) is { } example)
            {
                content.Example = example;
            }
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            foreach (var (mediaType, content) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (Example($"{id}.{status}", mediaType) is { } example)
                {
                    content.Example = example;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The example of a response's body, for a transformer that adds a media type after this one ran (the CSV reports).</summary>
    public static JsonNode? ForResponse(string? operationId, string status, string mediaType) =>
        operationId is null ? null : Example($"{operationId}.{status}", mediaType);

    private static JsonNode? Example(string name, string mediaType) => mediaType switch
    {
        "application/json" or "application/problem+json" when Files.TryGetValue($"{name}.json", out var json) => JsonNode.Parse(json),
        "text/csv" when Files.TryGetValue($"{name}.csv", out var csv) => JsonValue.Create(csv),
        _ => null,
    };

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(OpenApiExamples).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            files[resource[Prefix.Length..]] = reader.ReadToEnd();
        }

        return files;
    }
}


/// <summary>
/// The generator writes "this may be null" beside a reference as a oneOf branch <c>{ "enum": [null], "nullable": true }</c>,
/// which OpenAPI 3.0 does not allow without a type, so no example could be checked against it. The branch gets the type
/// <c>object</c>; it still admits only null.
/// </summary>
public static class NullBranches
{
    public static Task FixAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? Enumerable.Empty<IOpenApiSchema>())
        {
            Fix(schema, seen);
        }

        foreach (var operation in (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            var contents = (operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
                .Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()));
            foreach (var content in contents)
            {
                Fix(content.Schema, seen);
            }
        }

        // Its only uses were the nullable ones made plain above.
        if (document.Components?.Schemas is { } schemas && !Serialized(document).Contains("#/components/schemas/JsonElement", StringComparison.Ordinal))
        {
            schemas.Remove("JsonElement");
        }

        return Task.CompletedTask;
    }

    private static string Serialized(OpenApiDocument document)
    {
        using var text = new StringWriter();
        document.SerializeAsV3(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static void Fix(IOpenApiSchema? candidate, HashSet<IOpenApiSchema> seen)
    {
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        if (schema.Type == JsonSchemaType.Null)
        {
            schema.Type = JsonSchemaType.Null | JsonSchemaType.Object;
            schema.Enum = [JsonNullSentinel.JsonNull];
        }

        foreach (var child in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []).Concat(schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>()))
        {
            Fix(child, seen);
        }

        Fix(schema.Items, seen);
        Fix(schema.AdditionalProperties, seen);

        // "null, or any JSON" (a nullable JsonElement, such as an audit entry's before): any JSON already admits null, and
        // a null would match both branches of the oneOf.
        if (schema.OneOf is { Count: 2 } branches && branches.Any(IsNullBranch) && branches.Any(b => b is OpenApiSchemaReference { Reference.Id: "JsonElement" }))
        {
            schema.OneOf = null;
        }
    }

    private static bool IsNullBranch(IOpenApiSchema schema) =>
        schema is OpenApiSchema { Type: JsonSchemaType.Null | JsonSchemaType.Object, Enum: { Count: 1 } };
}
