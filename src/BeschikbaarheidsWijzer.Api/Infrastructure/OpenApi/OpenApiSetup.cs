using System.Text.Json.Nodes;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/api/v1/openapi.json";

    /// <summary>Where every path of the document starts: the servers URL, with the major version.</summary>
    public const string ServerUrl = "/api/v1";

    public static IServiceCollection AddWijzerOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "BeschikbaarheidsWijzer API",
                    Version = ApiVersion.Current,
                    Description = "Capacity and waiting times of contracted Dutch youth care (jeugdhulp) providers, judged against the Treeknormen.",
                    Contact = new OpenApiContact
                    {
                        Name = "BeschikbaarheidsWijzer",
                        Email = "beheer@beschikbaarheidswijzer.example",
                        Url = new Uri("https://beschikbaarheidswijzer.example"),
                    },
                    License = new OpenApiLicense { Name = "EUPL-1.2" },
                };

                // The server is wherever the document is served from, with the major version in its URI (NL API Design
                // Rules /core/uri-version): a relative URL keeps the committed copy identical to the served one, whatever
                // host answers. Paths are relative to it.
                document.Servers = [new OpenApiServer { Url = ServerUrl, Description = "This site, version 1 of the API." }];
                var paths = new OpenApiPaths();
                foreach (var (path, item) in document.Paths)
                {
                    paths[path.StartsWith(ServerUrl + "/", StringComparison.Ordinal) ? path[ServerUrl.Length..] : path] = item;
                }

                // The document itself is a resource of the API (/core/doc-openapi), at /api/v1/openapi.json.
                paths[DocumentPath[ServerUrl.Length..]] = DocumentPathItem();
                document.Paths = paths;
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
                {
                    schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    schema.Properties[ValidationProblems.FieldErrors] = FieldErrorsSchema();
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer(StatusResponses.AddAsync);
            options.AddDocumentTransformer(NullBranches.FixAsync);
            options.AddOperationTransformer(OpenApiExamples.AddAsync);
            options.AddOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses is null)
                {
                    return Task.CompletedTask;
                }

                foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers[ApiVersion.HeaderName] = VersionHeader();
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The API-Version header every response carries (NL API Design Rules /core/version-header).</summary>
    private static OpenApiHeader VersionHeader() => new()
    {
        Description = "Full version of the API contract (openapi/CHANGELOG.md).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiPathItem DocumentPathItem() => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = "GetOpenApiDocument",
                Tags = new HashSet<OpenApiTagReference> { new("Reference data") },
                Summary = "This document: the API's contract in OpenAPI 3.0",
                Description = "The same document as openapi/beschikbaarheidswijzer-v1.json in the repository; Swagger UI shows it at /api/docs.",
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "The OpenAPI document.",
                        Headers = new Dictionary<string, IOpenApiHeader>
                        {
                            [ApiVersion.HeaderName] = VersionHeader(),
                            ["access-control-allow-origin"] = new OpenApiHeader
                            {
                                Description = "Always *: any site may read the document.",
                                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                            },
                        },
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                        },
                    },
                },
            },
        },
    };

    /// <summary>The programs' view of a refusal: per field a stable code (README, "Error codes") and the rule's parameters.</summary>
    private static OpenApiSchema FieldErrorsSchema() => new()
    {
        Type = JsonSchemaType.Array,
        Description = "Every refused field with a stable code and the rule's parameters (e.g. min and max for range); word the code, not the message.",
        Items = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "field", "code", "message" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The field path, e.g. reports[3].waitToIntakeWeeks." },
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ErrorCodes.All.Select(code => (JsonNode)JsonValue.Create(code)!).ToList(),
                },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The same in English, for people reading the API." },
            },
            AdditionalPropertiesAllowed = true,
        },
    };

    public static WebApplication MapWijzerOpenApi(this WebApplication app)
    {
        // Any site may read the contract (/core/doc-openapi): the header on every answer, not only to a request with an Origin.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals(DocumentPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.AccessControlAllowOrigin = "*";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        app.MapOpenApi(DocumentPath).WithPublicCors();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.SwaggerEndpoint(DocumentPath, "BeschikbaarheidsWijzer API v1");
            options.DocumentTitle = "BeschikbaarheidsWijzer API";
        });
        return app;
    }
}
