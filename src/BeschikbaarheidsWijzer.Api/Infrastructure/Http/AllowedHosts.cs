using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// <c>AllowedHosts</c> (<c>;</c>-separated, <c>*.example.nl</c> for subdomains, <c>*</c> for any) names the hosts the site
/// answers; any other <c>Host</c> gets a 400 problem naming the header. The framework's own filter covers every port, so a
/// host list would refuse Prometheus, which scrapes the metrics port by pod IP. This filter does the same check but lets
/// the port <c>Metrics:Port</c> names through (it serves <c>/metrics</c> only), so production can set a real host list.
/// </summary>
public static class AllowedHosts
{
    public static IServiceCollection AddAllowedHosts(this IServiceCollection services) =>
        // A value set here keeps the framework's filter (which reads AllowedHosts itself when empty) open: this one decides.
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);

    public static IApplicationBuilder UseAllowedHosts(this IApplicationBuilder app, IConfiguration configuration)
    {
        var hosts = (configuration["AllowedHosts"] ?? "*")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(host => new StringSegment(host))
            .ToList();
        if (hosts.Count == 0 || hosts.Any(host => host == "*"))
        {
            return app;
        }

        var metricsPort = configuration.GetValue<int?>("Metrics:Port");
        return app.Use((context, next) =>
        {
            var host = context.Request.Host;
            if ((metricsPort is { } port && context.Connection.LocalPort == port)
                || (host.HasValue && HostString.MatchesAny(host.Host, hosts)))
            {
                return next(context);
            }

            var errors = new ValidationErrors();
            errors.Add("Host", ErrorCodes.NotAllowed, "This site does not answer to this host name; see AllowedHosts.");
            return ValidationProblems.Invalid(errors, "Unknown host").ExecuteAsync(context);
        });
    }
}
