using System.Security.Claims;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>The calling key itself: what it is and which regions it manages, so a client offers only what the key may see.</summary>
public static class AdminCallerEndpoints
{
    internal static RouteGroupBuilder MapAdminCaller(this RouteGroupBuilder admin)
    {
        admin.MapGet("/me", GetCaller).WithName("AdminGetCaller")
            .WithSummary("The calling key: its id, label, role and the regions it manages")
            .WithDescription("For an admin, regions lists every region (allRegions is true); for a region manager, its own regions. " +
                             "today is the date the app judges by (Europe/Amsterdam): a client uses it as today in its forms. Provider keys get 403.");
        return admin;
    }

    public static async Task<Ok<AdminCallerDto>> GetCaller(ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var label = await db.ApiKeys.AsNoTracking().Where(k => k.Id == caller.KeyId).Select(k => k.Label).FirstOrDefaultAsync(cancellationToken);
        var regions = caller.IsAdmin
            ? await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken)
            : caller.RegionCodes.Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new AdminCallerDto(caller.KeyId, label, Roles.Name(caller.Role), caller.IsAdmin, regions, IsoWeek.ToAmsterdamDate(clock.GetUtcNow())));
    }
}

/// <summary>
/// The calling key. <c>label</c> is null for a key without one (and for the bootstrap admin key, which is configuration,
/// not a stored key); <c>regions</c> are the region codes it manages; <c>today</c> the app's date in Europe/Amsterdam.
/// </summary>
public sealed record AdminCallerDto(string KeyId, string? Label, string Role, bool AllRegions, List<string> Regions, DateOnly Today);
