using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Web;

/// <summary>
/// The public web app: hand-written static files in <c>wwwroot/</c>, and the app shell (<c>index.html</c>) for every page
/// the app's router knows, so deep links work. API and health paths keep their own 404 (problem+json).
/// </summary>
public static class WebApp
{
    public const string ShellFile = "index.html";

    /// <summary>The pages the app's router shows; keep in step with <c>wwwroot/js/app.js</c>.</summary>
    public static readonly string[] Pages =
    [
        "/", "/aanbod/{id:guid}", "/verwijzers", "/keuzelijst", "/aanbieders", "/uitleg", "/meldingen",
        "/beheer", "/beheer/verouderd", "/beheer/opvallend", "/beheer/aanbieders", "/beheer/aanbieders/nieuw", "/beheer/aanbieders/{id:guid}", "/beheer/normen", "/beheer/toegang",
    ];

    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    private const string ImmutableItem = "bw-immutable";

    public static IServiceCollection AddWebApp(this IServiceCollection services) => services.AddSingleton<WebAssets>();

    public static WebApplication MapWebApp(this WebApplication app)
    {
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".webmanifest"] = "application/manifest+json";

        // /v/{release}/js/app.js is /js/app.js: kept for a year when it is this release's, else revalidated like the rest.
        app.Use((context, next) =>
        {
            if (WebAssets.TryUnversion(context.Request.Path, out var plain, out var release))
            {
                context.Request.Path = plain;
                if (release == context.RequestServices.GetRequiredService<WebAssets>().Release)
                {
                    context.Items[ImmutableItem] = true;
                }
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = contentTypes,
            // Unversioned files revalidate every time (a cheap 304): a new release is seen at once, and the service
            // worker keeps the shell for offline use.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Items.ContainsKey(ImmutableItem) ? WebAssets.ImmutableCacheControl : "no-cache",
        });

        // An address no endpoint and no file answers is a page the router does not know: the shell (which says "page
        // not found") with a 404. A middleware, not a catch-all route: such a route takes part in routing every API
        // path and changes its answers (an unknown API path sent with POST became a 405).
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && IsUnknownPage(context.Request))
            {
                await NotFoundShell(context.RequestServices.GetRequiredService<WebAssets>(), context).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

        foreach (var page in Pages)
        {
            app.MapMethods(page, ReadMethods, Shell).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>A page address: read, not under the API or health paths, and not a file name.</summary>
    private static bool IsUnknownPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/health")
        && !Path.HasExtension(request.Path.Value);

    /// <summary>The shell with this release's versioned links and the modules this page needs preloaded.</summary>
    public static ContentHttpResult Shell(WebAssets assets, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(assets.ShellFor(context.Request.Path), "text/html; charset=utf-8");
    }

    /// <summary>The shell shows "page not found" for a path its router does not know; the status says so too.</summary>
    private static IResult NotFoundShell(WebAssets assets, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(assets.ShellFor("/"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
