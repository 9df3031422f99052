using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Auth;

public static class AuthSetup
{
    public const string ProviderPolicy = "provider";
    public const string ManagementPolicy = "management";
    public const string AdminPolicy = "admin";
    public const string PerKeyRateLimit = "per-key";

    public static IServiceCollection AddWijzerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ProviderPolicy, p => p.RequireRole(Roles.Provider))
            .AddPolicy(ManagementPolicy, p => p.RequireRole(Roles.Admin, Roles.RegionManager))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));

        var permitsPerMinute = configuration.GetValue("RateLimiting:RequestsPerMinutePerKey", 600);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = ClientLimits.AnonymousLimiter(configuration);
            options.AddPolicy(PerKeyRateLimit, context =>
            {
                // Authenticated requests are limited per key; anything else per client address.
                var partition = context.User.Identity?.IsAuthenticated == true
                    ? "key:" + ApiCaller.From(context.User).KeyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = context.HttpContext.User.Identity?.IsAuthenticated == true
                            ? $"At most {permitsPerMinute} requests a minute per API key. Try again in {seconds} s."
                            : $"Too many requests from this address. Try again in {seconds} s.",
                    },
                });
            };
        });
        return services.AddClientLimits(configuration);
    }
}
