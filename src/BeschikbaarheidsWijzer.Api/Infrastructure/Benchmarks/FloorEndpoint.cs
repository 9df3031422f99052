using BeschikbaarheidsWijzer.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Benchmarks;

/// <summary>
/// The benchmark's floor: one primary-key read through the same pipeline (middleware, EF, JSON) as every public
/// endpoint, so the search's cost can be stated as a ratio to the cheapest useful request on the same machine in the
/// same run. Off unless <c>Benchmarks:FloorEndpoint</c> is true; not part of the API contract or its document.
/// </summary>
public static class FloorEndpoint
{
    public const string Path = "/api/v1/benchmark-floor/{id:guid}";

    public static IEndpointRouteBuilder MapBenchmarkFloor(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (configuration.GetValue("Benchmarks:FloorEndpoint", false))
        {
            app.MapGet(Path, GetOffering).ExcludeFromDescription();
        }

        return app;
    }

    public static async Task<Results<Ok<FloorOffering>, NotFound>> GetOffering(Guid id, WijzerDbContext db, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new FloorOffering(o.Id, o.Title, o.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        return offering is null ? TypedResults.NotFound() : TypedResults.Ok(offering);
    }
}

public sealed record FloorOffering(Guid Id, string Title, DateTimeOffset UpdatedAt);
