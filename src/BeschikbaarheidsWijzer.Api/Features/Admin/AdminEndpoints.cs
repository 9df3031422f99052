using BeschikbaarheidsWijzer.Api.Features.Audit;
using BeschikbaarheidsWijzer.Api.Features.Norms;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>
/// Onboarding and upkeep of providers, locations, offerings (with their contracts), API keys and the region's norms, for
/// an admin or a region manager within its regions (see <see cref="ManagementScope"/>); every change is in the audit log.
/// </summary>
public static class AdminEndpoints
{
    public const string Prefix = "/api/v1/admin";

    /// <summary>
    /// The administration API's group: a management key (admin or region manager), rate-limited per key, and every
    /// successful write evicts the public cache. Other features that are managed by a region map their endpoints in one.
    /// </summary>
    public static RouteGroupBuilder MapManagementGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix)
            .WithTags("Administration")
            .RequireAuthorization(AuthSetup.ManagementPolicy)
            .EvictsPublicCache()
            .RequireRateLimiting(AuthSetup.PerKeyRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapAdminCaller();
        admin.MapAdminProviders();
        admin.MapAdminLocations();
        admin.MapAdminOfferings();
        admin.MapAdminApiKeys();
        admin.MapRegionalNorms();
        admin.MapAuditLog();
        return app;
    }
}
