using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// Brotli or gzip for text: the web app's files, the public API's JSON and the open-data exports. Not for the provider and
/// administration API: their answers can hold secrets (an API key is shown once) beside text the caller sent, the
/// combination that compression side channels (BREACH) read.
/// </summary>
public static class PublicCompression
{
    public static IServiceCollection AddPublicCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Behind TLS (the deployment ends it at the proxy or here) the exclusion above is what keeps secrets safe.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes =
            [
                "text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/problem+json",
                "image/svg+xml", "text/csv", "application/manifest+json",
            ];
        });

        // Fastest: per request, on two cores shared with the database; Brotli's fastest level still beats gzip's best here.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UsePublicCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsKeyedApi(context.Request.Path), branch => branch.UseResponseCompression());

    private static bool IsKeyedApi(PathString path) =>
        path.StartsWithSegments("/api/v1/admin") || path.StartsWithSegments("/api/v1/provider") || path.StartsWithSegments("/api/v1/reports");
}
