using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Reference;

/// <summary>Public reference data: regions with their municipalities, the care type taxonomy, tags and effective norms.</summary>
public static class ReferenceEndpoints
{
    public static IEndpointRouteBuilder MapReference(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reference data").WithPublicCors();
        api.MapGet("/regions", GetRegions).WithName("GetRegions").WithSummary("Regions with their municipalities")
            .WithDescription("Every region with the municipalities in it today (CBS code, name and centre).");
        api.MapGet("/care-types", GetCareTypes).WithName("GetCareTypes").WithSummary("The care type taxonomy")
            .WithDescription("Code, Dutch name, iJw product category, sector and setting (which choose the national Treeknorm) and whether matching decides the wait.");
        api.MapGet("/tags", GetTags).WithName("GetTags").WithSummary("The words offerings can be tagged with")
            .WithDescription("The topic codes a search filters on (tag, any of them) and an offering may carry.");
        api.MapGet("/limits", GetLimits).WithName("GetLimits")
            .WithSummary("The limits of the fields people fill in")
            .WithDescription("Per request body or query, by field name: whole-number ranges and the most characters of texts. " +
                             "The same limits the API refuses with, so a client can say them before it sends.");
        api.MapGet("/norms", GetNorms).WithName("GetNorms")
            .WithSummary("Effective maximum acceptable waits per care type")
            .WithDescription("The region's own norm in force on the date (default today; any past or future date yyyy-MM-dd) where it has " +
                             "set one, else the national Treeknorm; jeugdhulp without a branch norm falls under the gehandicaptenzorg norm " +
                             "for its setting. Without region: the national Treeknormen.");
        return app;
    }

    public static async Task<Ok<List<RegionDto>>> GetRegions(WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existsToday = ValidityQueries.ValidOn<Municipality>(IsoWeek.ToAmsterdamDate(clock.GetUtcNow()));
        var regions = await db.Regions.AsNoTracking()
            .OrderBy(r => r.Name)
            .Select(r => new RegionDto(
                r.Code,
                r.Name,
                r.Municipalities.AsQueryable()
                    .Where(existsToday)
                    .OrderBy(m => m.Name)
                    .Select(m => new MunicipalityDto(m.Code, m.Name, m.Latitude, m.Longitude))
                    .ToList()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(regions);
    }

    public static Ok<LimitsDto> GetLimits() => TypedResults.Ok(LimitsDto.Current);

    public static async Task<Ok<List<CareTypeDto>>> GetCareTypes(WijzerDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.CareTypes.AsNoTracking()
            .OrderBy(c => c.SortOrder)
            .Select(c => new CareTypeDto(c.Code, c.Name, c.IjwCategory, c.Sector, c.Setting, c.MatchingDependent))
            .ToListAsync(cancellationToken));

    public static async Task<Ok<List<string>>> GetTags(WijzerDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Tags.AsNoTracking().OrderBy(t => t.SortOrder).Select(t => t.Code).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<List<EffectiveNormDto>>, ValidationProblem>> GetNorms(
        [AsParameters] NormsQuery query, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var date = QueryValues.Date(query.Date, "date", errors) ?? IsoWeek.ToAmsterdamDate(clock.GetUtcNow());
        var region = query.Region is null ? null : await ReferenceParameters.RegionAsync(query.Region, "region", db, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return ValidationProblems.Invalid(errors, "Invalid query");
        }

        var resolver = await NormCatalog.LoadResolverAsync(db, cancellationToken);
        var careTypes = await db.CareTypes.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var norms = careTypes
            .Select(c => (CareType: c, Norm: resolver.Resolve(new CareTypeProfile(c.Code, c.Sector, c.Setting), region, date)))
            .Select(x => new EffectiveNormDto(
                x.CareType.Code,
                x.CareType.Name,
                x.Norm?.Source,
                x.Norm?.Norm.MaxIntakeWeeks,
                x.Norm?.Norm.MaxTreatmentWeeks,
                x.Norm?.Norm.MaxTotalWeeks,
                x.Norm?.Label,
                x.Norm?.ValidFrom))
            .ToList();
        return TypedResults.Ok(norms);
    }
}

public sealed record NormsQuery([FromQuery(Name = "region")] string? Region, [FromQuery(Name = "date")] string? Date);

public sealed record RegionDto(string Code, string Name, List<MunicipalityDto> Municipalities);

public sealed record MunicipalityDto(string Code, string Name, double Lat, double Lon);

public sealed record CareTypeDto(string Code, string Name, string IjwCategory, string Sector, string Setting, bool MatchingDependent);

/// <summary>The norm in force for a care type; <c>source</c> is null when no norm applies at all.</summary>
public sealed record EffectiveNormDto(
    string CareType,
    string CareTypeName,
    NormSource? Source,
    int? MaxIntakeWeeks,
    int? MaxTreatmentWeeks,
    int? MaxTotalWeeks,
    string? Label,
    DateOnly? ValidFrom);
