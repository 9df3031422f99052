namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// Security headers on every response, errors included: a strict Content-Security-Policy (no inline script or style, no
/// other host), nosniff, a referrer policy, a permissions policy that allows geolocation for this site only, and HSTS
/// outside Development.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// For the web app and every API answer. Trusted Types make the browser refuse any HTML string put into the page;
    /// the one policy allowed (<c>bw-sw</c>) only lets the app register its own service worker.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'; trusted-types bw-sw";

    /// <summary>
    /// Swagger UI (a third-party page at <c>/api/docs</c>) sets inline styles and data: images, and its bundle cannot live
    /// with Trusted Types; it still loads script from this site only.
    /// </summary>
    public const string ApiDocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "geolocation=(self), camera=(), microphone=(), payment=(), usb=()";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public const string ApiDocsPath = "/api/docs";

    /// <summary>Adds the headers just before the response starts, so error responses written later carry them too.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS requests only (a browser ignores it over HTTP), and not for localhost.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiDocsPath) ? ApiDocsContentSecurityPolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// For an answer that holds a secret (a new API key, shown once): no cache, shared or private, may keep it.
    /// </summary>
    public static RouteHandlerBuilder CarriesSecret(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers.Pragma = "no-cache";
            return await next(context);
        });
}
