using BeschikbaarheidsWijzer.Api.Shared.Management;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>
/// Onboarding and upkeep of providers, locations, offerings (with their contracts) and API keys, for an admin or a region
/// manager within its regions (see <see cref="ManagementScope"/>); every change is in the audit log.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapAdminCaller();
        admin.MapAdminProviders();
        admin.MapAdminLocations();
        admin.MapAdminOfferings();
        admin.MapAdminApiKeys();
        return app;
    }
}
