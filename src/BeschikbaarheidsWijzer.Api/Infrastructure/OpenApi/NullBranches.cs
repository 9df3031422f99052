using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;

/// <summary>
/// The generator writes "this may be null" beside a reference as a oneOf branch <c>{ "enum": [null], "nullable": true }</c>,
/// which OpenAPI 3.0 does not allow without a type, so no example could be checked against it. The branch gets the type
/// <c>object</c>; it still admits only null. In a request body the branch goes: null is no body anyone should send.
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
            // A handler takes its body as nullable to answer a JSON null with its own 400; the document must not invite
            // one, so a request body is the object alone (an absent body is what `required: false` says).
            foreach (var body in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            {
                if (body.Schema is OpenApiSchema { OneOf: { Count: 2 } branches } && branches.OfType<OpenApiSchemaReference>().SingleOrDefault() is { } reference
                    && branches.Any(b => b is OpenApiSchema { Type: { } type } && type.HasFlag(JsonSchemaType.Null)))
                {
                    body.Schema = reference;
                }
            }

            var contents = (operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
                .Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()));
            foreach (var content in contents)
            {
                Fix(content.Schema, seen);
            }
        }

        return Task.CompletedTask;
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

        // "null, or any JSON" (a nullable JsonElement, such as an audit entry's before) is just any JSON, which admits null
        // already; as a oneOf, a null would match both branches.
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is OpenApiSchema { OneOf: { Count: 2 } branches } && branches.OfType<OpenApiSchemaReference>().FirstOrDefault(b => b.Reference.Id == "JsonElement") is { } anyJson
                && branches.Any(b => b is OpenApiSchema { Type: { } type } && type.HasFlag(JsonSchemaType.Null)))
            {
                schema.Properties![name] = anyJson;
            }
        }

        foreach (var child in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []).Concat(schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>()))
        {
            Fix(child, seen);
        }

        Fix(schema.Items, seen);
        Fix(schema.AdditionalProperties, seen);
    }
}
