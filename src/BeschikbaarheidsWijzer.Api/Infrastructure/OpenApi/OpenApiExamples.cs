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
