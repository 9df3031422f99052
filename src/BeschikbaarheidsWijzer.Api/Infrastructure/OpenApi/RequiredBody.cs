using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;

public static class RequiredBody
{
    /// <summary>
    /// The document says the request body is required. The handler takes it as nullable only to answer a missing body with
    /// its own 400 naming what to send, which the generator reads as "optional".
    /// </summary>
    public static RouteHandlerBuilder WithRequiredBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Required = true;
            }

            return Task.CompletedTask;
        });
}
