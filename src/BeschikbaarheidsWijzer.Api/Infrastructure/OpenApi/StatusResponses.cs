using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;

/// <summary>
/// The refusals every operation can answer, documented where the middleware (not the handler) gives them, so a generated
/// client knows them all: 400 (an invalid parameter, body or <c>Host</c>), 401 and 403 (where a key is required), 404
/// (where the path names something), 415 (where a body is read), 429 and 503 (each with <c>Retry-After</c>). A status the
/// endpoint documents itself is left as it is.
/// </summary>
public static class StatusResponses
{
    private const string Problem = "ProblemDetails";
    private const string ValidationProblem = "HttpValidationProblemDetails";

    public static Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        operation.Responses ??= [];
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var keyed = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.FormFile)
            || operation.RequestBody is not null;
        var hasPath = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);
        var hasInput = hasBody || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query || p.Source == BindingSource.Path);

        Add(operation, context, "400", ValidationProblem, hasInput
            ? "Invalid input: fieldErrors names each refused parameter or body field with a stable code (see the README's error codes)."
            : "Invalid request, e.g. a Host header the site does not answer to (fieldErrors names Host).");
        if (keyed)
        {
            Add(operation, context, "401", Problem, "No API key, or one that is unknown or revoked (Authorization: Bearer bwk_…).");
            Add(operation, context, "403", Problem, "The key's role or regions do not allow this.");
        }

        if (hasPath)
        {
            Add(operation, context, "404", Problem, "Nothing with this id or code (or not for this key).");
        }

        if (hasBody)
        {
            Add(operation, context, "415", Problem, "The body is not in a media type this operation reads (application/json, or text/csv where said).");
        }

        Add(operation, context, "429", Problem, "Too many requests from this client address or key; retry after Retry-After seconds.", retryAfter: true);
        Add(operation, context, "503", Problem, "The database is unavailable for a moment (down, failing over or read-only); retry after Retry-After seconds. " +
                                                 "A write with an Idempotency-Key is safe to retry.", retryAfter: true);
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string schema, string text, bool retryAfter = false)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        var response = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, context.Document) },
            },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            };
        }

        operation.Responses.Add(status, response);
    }
}
