namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

public static class ApiVersion
{
    /// <summary>
    /// The full version of the wire contract, sent on every response (NL API Design Rules /core/version-header); what each
    /// version changed is in openapi/CHANGELOG.md (a test holds the two together).
    /// </summary>
    public const string Current = "1.2.0";

    public const string HeaderName = "API-Version";

    /// <summary>Adds the header just before the response starts, so error responses written later carry it too.</summary>
    public static IApplicationBuilder UseApiVersionHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = Current;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
