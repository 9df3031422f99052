using System.Linq.Expressions;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Geocoding;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>The public read path: search offerings, one offering in full, one provider; read from the read-only database.</summary>
public static class SearchEndpoints
{
    public const int HistoryWeeks = 26;
    public const int MaxAlternatives = 5;

    /// <summary>A location for display; without its own coordinates it stands at its municipality's centre.</summary>
    public static readonly Expression<Func<Location, LocationDto>> ToLocationDto = l => new LocationDto(
        l.Id, l.Name, l.Street, l.Postcode, l.City, l.MunicipalityCode, l.Latitude ?? l.Municipality!.Latitude, l.Longitude ?? l.Municipality!.Longitude);

    public static IServiceCollection AddSearch(this IServiceCollection services) =>
        services.AddSingleton<ReferenceLookup>().AddSingleton<SearchIndexStore>().AddSingleton<OfferingParticularsCache>()
            .AddHostedService<SearchIndexWarmUp>().AddScoped<OfferingSearch>();

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Search").CacheOutput(PublicCaching.PolicyName).WithPublicCors();
        api.MapGet("/offerings", SearchOfferings).WithName("SearchOfferings")
            .WithSummary("Search contracted offerings by place, care type, age and wait")
            .WithDescription("Filters combine. normStatus compares the latest figures with the norm of the municipality's region " +
                             "(national Treeknorm without a municipality). Facet counts apply every other active filter.");
        api.MapGet("/offerings/{id:guid}", GetOffering).WithName("GetOffering")
            .WithSummary("One offering with contact, locations, 26 weeks of history and alternatives")
            .WithDescription("Judged by the norm of the municipality's region (without one: where the offering itself is). Alternatives " +
                             "(at most 5): other offerings of the same care type contracted in that municipality, accepting referrals, " +
                             "figures not stale, fitting age when given, with a known effective wait shorter than this one's (or, when " +
                             "this one's is unknown, within the norm); within the norm first, then the shortest wait, then the nearest.");
        api.MapGet("/providers/{id:guid}", GetProvider).WithName("GetProvider")
            .WithSummary("A provider with its offerings")
            .WithDescription("Contact, locations and every current offering (crisis and closed care included), judged as a search without a municipality.");
        api.MapGet("/municipalities/{code}/capacity", GetMunicipalityCapacity).WithName("GetMunicipalityCapacity")
            .WithSummary("A municipality's capacity per care type today: offerings, room now, within the norm, stale, waits")
            .WithDescription("For the lokale toegang's morning question. Per care type contracted in the municipality today (fitting age " +
                             "when given), by name: offerings; availableNow and withinNorm, each the total of the same search with " +
                             "availableNow=true or withinNorm=true (the region's norm, v2 verdicts); stale (figures older than the stale " +
                             "limit) and withoutFigures; shortestWaitWeeks and medianWaitWeeks, the effective wait over the currentWaits " +
                             "offerings with current figures (null without any). Crisis and closed care are included. An unknown code is " +
                             "400 naming code.")
            .ProducesValidationProblem();
        api.MapGet("/regions/{region}/reporting", GetRegionReporting).WithName("GetRegionReporting")
            .WithSummary("Who reports: this week's and last week's share of the region's offerings with figures, per provider")
            .WithDescription("Over the offerings contracted today in a municipality of the region (ISO weeks, Europe/Amsterdam). Per provider: " +
                             "its offerings there, how many reported this week (so far) and last week, and the weeks reported of the last " +
                             "12 summed over its offerings (of ofWeeks). Providers that missed last week come first, most offerings " +
                             "missing first; shares are fractions (null without offerings).");
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchOfferings(
        [AsParameters] SearchQuery query,
        ReferenceLookup reference,
        PostcodeResolver postcodes,
        OfferingSearch search,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var warnings = new List<string>();
        var postcode = query.PostcodeToResolve is { } code ? await postcodes.ResolveAsync(code, cancellationToken) : null;
        var criteria = query.ToCriteria(await reference.GetAsync(cancellationToken), postcode, errors, warnings);
        if (criteria is null)
        {
            return ValidationProblems.Invalid(errors, "Invalid search");
        }

        if (postcode is PostcodeLookup.Unavailable && context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            // An answer made without the geocoder must not outlive its outage in the output cache.
            outputCache.Context.AllowCacheStorage = false;
        }

        var (items, total, facets) = await search.RunAsync(criteria, cancellationToken);
        return TypedResults.Ok(new SearchResponse(items, criteria.Page, criteria.PageSize, total, facets, warnings));
    }

    /// <summary>
    /// Answered from the search index (what the search shows of the offering, its contracts and the alternatives) and the
    /// offering's particulars, kept exact beside it (<see cref="OfferingParticularsCache"/>): no database read once they are kept.
    /// </summary>
    public static async Task<Results<Ok<OfferingDetailDto>, ValidationProblem, ProblemHttpResult>> GetOffering(
        Guid id,
        [AsParameters] DetailQuery query,
        ReadOnlyWijzerDbContext db,
        ReferenceLookup reference,
        OfferingSearch search,
        OfferingParticularsCache particularsCache,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var lookup = await reference.GetAsync(cancellationToken);
        var errors = new ValidationErrors();
        var (place, age) = query.Validate(lookup, errors);
        if (!errors.IsEmpty)
        {
            return ValidationProblems.Invalid(errors, "Invalid query");
        }

        var snapshot = await search.GetIndexAsync(cancellationToken);
        var today = IsoWeek.ToAmsterdamDate(clock.GetUtcNow());
        if (snapshot.Index.Find(id) is not { } offering
            || await particularsCache.GetAsync(offering, db, today, cancellationToken) is not { } particulars)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Offering not found");
        }

        var contracted = offering.Contracts.Where(c => c.IsValidOn(today)).Select(c => c.MunicipalityCode).Distinct()
            .Select(code => new MunicipalityRef(code, lookup.Municipalities.GetValueOrDefault(code)?.Name ?? code))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

        // Without a municipality asked for, judge and compare where the offering itself is, if it is contracted there.
        place ??= particulars.Locations.Select(l => lookup.Municipalities.GetValueOrDefault(l.Municipality))
            .FirstOrDefault(m => m is not null && contracted.Any(c => c.Code == m.Code));
        var referencePoint = place is null ? ((double, double)?)null : (place.Lat, place.Lon);
        var context = search.Context(snapshot, place?.RegionCode);
        var summary = OfferingSearch.ToSummary(OfferingIndex.Judge(offering, context, referencePoint), snapshot, context.Now);
        var careType = snapshot.CareTypes.TryGetValue(offering.CareTypeCode, out var indexed) ? indexed.Profile : null;
        var firstWeek = OfferingParticularsCache.FirstHistoryWeek(today);
        var history = particulars.Weeks
            .Where(w => w.WeekStart >= firstWeek)
            .Select(w =>
            {
                // A report is judged by the norm in force on the day it was made.
                var norm = careType is null ? null : snapshot.Resolver.Resolve(careType, place?.RegionCode, IsoWeek.ToAmsterdamDate(w.ReportedAt));
                var verdict = NormEvaluator.Judge(w.WaitToIntakeWeeks, w.WaitToTreatmentWeeks, norm?.Norm);
                return new HistoryWeekDto(
                    IsoWeek.FromDate(w.WeekStart).ToString(), w.ReportedAt, w.AcceptingReferrals, w.WaitToIntakeWeeks, w.WaitToTreatmentWeeks,
                    verdict.Total.Weeks, w.FreePlaces, w.TotalPlaces, w.WaitlistCount,
                    norm is null ? null : AvailabilityContracts.ToNormDto(norm), verdict.Status, PhaseDto.Of(verdict));
            })
            .ToList();
        var alternatives = place is null
            ? []
            : snapshot.Index.Alternatives(id, place.Code, age, referencePoint, context, MaxAlternatives)
                .Select(m => OfferingSearch.ToSummary(m, snapshot, context.Now)).ToList();

        return TypedResults.Ok(new OfferingDetailDto(
            summary.Id, summary.Title, particulars.Provider, summary.CareType, summary.AgeMin, summary.AgeMax, summary.Tags, summary.Location,
            summary.Availability, summary.Norm, summary.NormStatus, summary.Phases, particulars.Description, particulars.ReferralInfo,
            particulars.Locations, contracted, history, alternatives, summary.Reporting));
    }

    /// <summary>Answered from the search index alone, as a search is.</summary>
    public static async Task<Results<Ok<MunicipalityCapacityDto>, ValidationProblem>> GetMunicipalityCapacity(
        string code, [AsParameters] CapacityQuery query, ReferenceLookup reference, OfferingSearch search, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var lookup = await reference.GetAsync(cancellationToken);
        ReferenceLookup.MunicipalityInfo? municipality = null;
        if (!DutchCodes.TryNormaliseMunicipalityCode(code, out var normalised) || !lookup.Municipalities.TryGetValue(normalised, out municipality))
        {
            errors.Add("code", CommonProblems.UnknownMunicipality());
        }

        var age = query.Validate(errors);
        if (municipality is null || !errors.IsEmpty)
        {
            return ValidationProblems.Invalid(errors, "Invalid query");
        }

        var snapshot = await search.GetIndexAsync(cancellationToken);
        var context = search.Context(snapshot, municipality.RegionCode);
        var picture = snapshot.Index.Capacity(municipality.Code, age, context);
        return TypedResults.Ok(MunicipalityCapacityDto.From(
            new MunicipalityRef(municipality.Code, municipality.Name), age, context.Today, picture, snapshot, context));
    }

    public static async Task<Results<Ok<RegionReportingDto>, ProblemHttpResult>> GetRegionReporting(
        string region, ReadOnlyWijzerDbContext db, ReferenceLookup reference, OfferingSearch search, TimeProvider clock, CancellationToken cancellationToken)
    {
        var code = region.Trim().ToLowerInvariant();
        var found = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => new { r.Code, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Region not found",
                detail: "No region has this code; GET /api/v1/regions lists them.");
        }

        var municipalities = (await reference.GetAsync(cancellationToken)).Municipalities.Values
            .Where(m => m.RegionCode == found.Code).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var snapshot = await search.GetIndexAsync(cancellationToken);
        var reporting = RegionReportingRule.Of(snapshot.Index.All, municipalities, IsoWeek.ToAmsterdamDate(clock.GetUtcNow()));
        return TypedResults.Ok(RegionReportingDto.From(new RegionRef(found.Code, found.Name), reporting));
    }

    public static async Task<Results<Ok<ProviderDto>, ProblemHttpResult>> GetProvider(Guid id, ReadOnlyWijzerDbContext db, OfferingSearch search, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.AsNoTracking()
            .Where(p => p.Id == id && p.DeletedAt == null)
            .Select(p => new
            {
                p.Id, p.Name, p.Website, p.Phone, p.Email, p.Description,
                Locations = p.Locations.OrderBy(l => l.Name).AsQueryable().Select(ToLocationDto).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (provider is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Provider not found");
        }

        // A provider's page lists all its offerings, crisis care and closed care too (a search without a care type leaves those out).
        var careTypes = (await search.GetIndexAsync(cancellationToken)).CareTypes.Keys.ToList();
        var (offerings, _, _) = await search.RunAsync(
            new SearchCriteria { ProviderId = id, RequireContract = false, CareTypes = careTypes, Sort = SearchSort.Name, PageSize = 1000 }, cancellationToken);
        return TypedResults.Ok(new ProviderDto(provider.Id, provider.Name, provider.Website, provider.Phone, provider.Email, provider.Description, provider.Locations, offerings));
    }
}

/// <summary>The detail's query: the municipality whose norm judges and whose offerings are alternatives, and the child's age.</summary>
public sealed record DetailQuery([FromQuery(Name = "municipality")] string? Municipality, [FromQuery(Name = "age")] string? Age)
{
    public (ReferenceLookup.MunicipalityInfo? Place, int? Age) Validate(ReferenceLookup.Snapshot reference, ValidationErrors errors)
    {
        ReferenceLookup.MunicipalityInfo? place = null;
        if (!string.IsNullOrWhiteSpace(Municipality) && !reference.Municipalities.TryGetValue(Municipality.Trim().ToUpperInvariant(), out place))
        {
            errors.Add("municipality", CommonProblems.UnknownMunicipality());
        }

        return (place, QueryValues.Integer(Age, "age", 0, FieldLimits.MaxAge, errors));
    }
}
