using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Features.Exports.Hsds;
using BeschikbaarheidsWijzer.Api.Infrastructure.Configuration;
using BeschikbaarheidsWijzer.Api.Infrastructure.Csv;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BeschikbaarheidsWijzer.Api.Features.Exports;

/// <summary>
/// Open data, public and cacheable: the current offerings with their latest figures as CSV (one row per offering ×
/// contracted municipality) and as an HSDS 3.1 feed. Served from the public output cache, evicted by every write.
/// </summary>
public static class ExportEndpoints
{
    public const string Prefix = "/api/v1/exports";

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup(Prefix).WithTags("Open data").CacheOutput(PublicCaching.PolicyName).WithPublicCors();
        exports.MapGet("/availability.csv", GetAvailabilityCsv).WithName("GetAvailabilityCsv")
            .WithSummary("Every current offering × contracted municipality with its latest figures, as CSV")
            .WithDescription(
                "Open data. Current offering: not deleted, of a provider that is not deleted, with a contract valid today; one row per " +
                "municipality it is contracted for today. UTF-8 with BOM, ';' separated, Dutch lower-case headers, waits in weeks, " +
                "dates yyyy-MM-dd and times in Europe/Amsterdam. The norm is the one of the municipality's region in force on the " +
                "peildatum (today), as the search shows it; 'binnen norm' is ja, nee or onbekend. Streamed row by row. The ETag " +
                "names this generated copy: while the cached copy lives (until the next write), If-None-Match gets a 304.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        exports.MapHsds();
        return app;
    }

    public static PushStreamHttpResult GetAvailabilityCsv(
        HttpContext http, ReadOnlyWijzerDbContext db, ReferenceLookup reference, TimeProvider clock, IConfiguration configuration)
    {
        var staleAfterDays = configuration.StaleAfterDays();
        var now = clock.GetUtcNow();
        var today = IsoWeek.ToAmsterdamDate(now);
        http.Response.Headers.CacheControl = $"public, max-age={PublicCaching.CacheSeconds(configuration)}";

        // The body is written as it is read, so no hash of it exists before it starts: the tag names this generation.
        var etag = new EntityTagHeaderValue($"\"{now.UtcTicks:x}-{Guid.NewGuid():N}\"", isWeak: true);
        return CsvResponse.File($"beschikbaarheid-{today:yyyy-MM-dd}.csv", (csv, ct) => AvailabilityExport.WriteAsync(csv, db, reference, staleAfterDays, now, ct), http, etag);
    }

    /// <summary>
    /// The offerings the exports publish: not deleted, of a provider that is not deleted, with a contract valid on <paramref name="today"/>.
    /// </summary>
    public static IQueryable<Offering> CurrentOfferings(WijzerDbContext db, DateOnly today)
    {
        var validToday = ValidityQueries.ValidOn<Contract>(today);
        return db.Offerings.AsNoTracking().Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null
            && o.Contracts.AsQueryable().Any(validToday));
    }
}
