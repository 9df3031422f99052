using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Auth;

/// <summary>
/// Limits for callers without a working key, per client address: anonymous requests
/// (<c>RateLimiting:AnonymousRequestsPerMinute</c>, default 600) and failed authentications
/// (<c>RateLimiting:FailedAuthenticationsPerMinute</c>, default 30). An address over its failures is answered 429 before
/// its key is looked up, so guessing keys costs the database nothing. The client address is the connection's, or
/// <c>X-Forwarded-For</c> only when the connection comes from a proxy listed in <c>ForwardedHeaders:KnownProxies</c> or
/// <c>ForwardedHeaders:KnownNetworks</c> (none by default: no caller can choose its own address).
/// </summary>
public static class ClientLimits
{
    public const int DefaultAnonymousPerMinute = 600;
    public const int DefaultFailedAuthenticationsPerMinute = 30;

    public static IServiceCollection AddClientLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        var failures = configuration.GetValue("RateLimiting:FailedAuthenticationsPerMinute", DefaultFailedAuthenticationsPerMinute);
        services.AddSingleton(new FailedAuthentications(failures));
        return services;
    }

    /// <summary>
    /// Reads <c>X-Forwarded-For</c> only when proxies are listed. With empty lists the framework would take the header from
    /// any caller, so without a list the middleware is not used at all.
    /// </summary>
    public static IApplicationBuilder UseForwardedHeadersOfKnownProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() is { Length: > 0 }
        || configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() is { Length: > 0 }
            ? app.UseForwardedHeaders()
            : app;

    /// <summary>The anonymous limit, as the rate limiter's global limiter: keyed callers have their per-key limit instead.</summary>
    public static PartitionedRateLimiter<HttpContext> AnonymousLimiter(IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimiting:AnonymousRequestsPerMinute", DefaultAnonymousPerMinute);
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.User.Identity?.IsAuthenticated == true || IsOperational(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter("anonymous:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
    }

    /// <summary>Before authentication: an address over its failed authentications gets 429; after it, a 401 to a request with a key counts.</summary>
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var failures = context.RequestServices.GetRequiredService<FailedAuthentications>();
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
            var withKey = context.Request.Headers.Authorization.Count > 0;
            if (withKey && failures.IsBlocked(address, out var retryAfter))
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many failed authentications",
                    Detail = $"Too many requests with a wrong or revoked API key from this address. Try again in {retryAfter} s.",
                }).ExecuteAsync(context);
                return;
            }

            await next(context);
            if (withKey && context.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                failures.Count(address);
            }
        });

    private static bool IsOperational(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}

/// <summary>Failed authentications per client address in fixed one-minute windows.</summary>
public sealed class FailedAuthentications(int perMinute)
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public int PerMinute => perMinute;

    public void Count(string address)
    {
        using var _ = _limiter.AttemptAcquire(address);
    }

    /// <summary>Whether the address has used up its failures in this window (and how long until the window ends, at most).</summary>
    public bool IsBlocked(string address, out int retryAfterSeconds)
    {
        retryAfterSeconds = 60;
        return _limiter.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };
    }
}
