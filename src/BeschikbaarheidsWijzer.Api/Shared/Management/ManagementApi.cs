using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;

namespace BeschikbaarheidsWijzer.Api.Shared.Management;

/// <summary>
/// The management API's address and group: a management key (admin, or region manager within its regions), rate-limited
/// per key, and every successful write evicts the public cache. Each feature a region manages maps its endpoints in one.
/// </summary>
public static class ManagementApi
{
    public const string Prefix = "/api/v1/admin";

    public static RouteGroupBuilder MapManagementGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix)
            .WithTags("Administration")
            .RequireAuthorization(AuthSetup.ManagementPolicy)
            .EvictsPublicCache()
            .RequireRateLimiting(AuthSetup.PerKeyRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
