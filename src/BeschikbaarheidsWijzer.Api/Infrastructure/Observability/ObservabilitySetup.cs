using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry metrics (ASP.NET Core, HttpClient, .NET runtime, Npgsql) scraped by Prometheus at <c>/metrics</c>, and
/// metrics plus traces pushed over OTLP when an endpoint is configured (off by default). Logs are the console's JSON
/// (appsettings.json), each line with the request's RequestId and TraceId, the trace id problem responses carry.
/// </summary>
public static class ObservabilitySetup
{
    public const string ServiceName = "beschikbaarheidswijzer";
    public const string MetricsPath = "/metrics";

    /// <summary><c>OpenTelemetry:Otlp:Endpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public static string? OtlpEndpoint(IConfiguration configuration) =>
        configuration["OpenTelemetry:Otlp:Endpoint"] is { Length: > 0 } endpoint ? endpoint
        : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } standard ? standard
        : null;

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Prometheus:Enabled", true);

    public static IServiceCollection AddWijzerObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = OtlpEndpoint(configuration);
        var prometheus = PrometheusEnabled(configuration);
        if (otlp is null && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: ApiVersion.Current))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation();

                // Npgsql names each pool by its connection string (host, port, user, database): keep only the state.
                metrics.AddView("db.client.*", new MetricStreamConfiguration
                {
                    TagKeys = ["state", "db.client.connections.state", "db.client.connection.state"],
                });
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(options => options.Endpoint = new Uri(otlp));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperationalPath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(options => options.Endpoint = new Uri(otlp)));
        }

        return services;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus text format, private: with <c>Metrics:Port</c> set it answers only on that port (list
    /// it in <c>Urls</c> too), so the public port and the ingress never show it; without a port only to an admin key (401
    /// without a key, 403 with another). Middleware, not an endpoint: no CORS, no output cache.
    /// </summary>
    public static IApplicationBuilder UseWijzerMetricsEndpoint(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!PrometheusEnabled(configuration))
        {
            return app;
        }

        var port = configuration.GetValue<int?>("Metrics:Port");
        if (port is null)
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == MetricsPath)
                {
                    var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
                    if (result.Principal?.IsInRole(Roles.Admin) != true)
                    {
                        context.Response.Headers.CacheControl = "no-store";
                        await TypedResults.Problem(
                            statusCode: result.Succeeded ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                            title: "Metrics are private",
                            detail: "Send an admin key, or scrape the port Metrics:Port names.").ExecuteAsync(context);
                        return;
                    }
                }

                await next(context);
            });
        }

        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (port is null || context.Connection.LocalPort == port));
    }

    private static bool IsOperationalPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
