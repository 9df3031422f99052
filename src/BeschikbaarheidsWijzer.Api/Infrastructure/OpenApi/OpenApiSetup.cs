using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/api/v1/openapi.json";

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

                // The server is wherever the document is served from: a relative URL keeps the committed copy
                // identical to the served one, whatever host answers.
                document.Servers = [new OpenApiServer { Url = "/" }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses is null)
                {
                    return Task.CompletedTask;
                }

                foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers[ApiVersion.HeaderName] = new OpenApiHeader
                    {
                        Description = "Full version of the API contract.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapWijzerOpenApi(this WebApplication app)
    {
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
