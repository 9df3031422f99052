using System.Linq.Expressions;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Features.Geocoding;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>The public read path: search offerings, one offering in full, one provider; read from the read-only database.</summary>
public static class SearchEndpoints
{
    public const int HistoryWeeks = 26;
    public const int MaxAlternatives = 5;

    /// <summary>A location for display; without its own coordinates it stands at its municipality's centre.</summary>
    private static readonly Expression<Func<Location, LocationDto>> ToLocationDto = l => new LocationDto(
        l.Id, l.Name, l.Street, l.Postcode, l.City, l.MunicipalityCode, l.Latitude ?? l.Municipality!.Latitude, l.Longitude ?? l.Municipality!.Longitude);

    public static IServiceCollection AddSearch(this IServiceCollection services) =>
        services.AddSingleton<ReferenceLookup>().AddSingleton<SearchIndexStore>().AddHostedService<SearchIndexWarmUp>().AddScoped<OfferingSearch>();

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Search").CacheOutput(PublicCaching.PolicyName).WithPublicCors();
        api.MapGet("/offerings", SearchOfferings).WithName("SearchOfferings")
            .WithSummary("Search contracted offerings by place, care type, age and wait")
            .WithDescription("Filters combine. normStatus compares the latest figures with the norm of the municipality's region " +
                             "(national Treeknorm without a municipality). Facet counts apply every other active filter.");
        api.MapGet("/offerings/{id:guid}", GetOffering).WithName("GetOffering")
            .WithSummary("One offering with contact, locations, 26 weeks of history and alternatives");
        api.MapGet("/providers/{id:guid}", GetProvider).WithName("GetProvider")
            .WithSummary("A provider with its offerings");
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
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "Invalid search");
        }

        if (postcode is PostcodeLookup.Unavailable && context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            // An answer made without the geocoder must not outlive its outage in the output cache.
            outputCache.Context.AllowCacheStorage = false;
        }

        var (items, total, facets) = await search.RunAsync(criteria, cancellationToken);
        return TypedResults.Ok(new SearchResponse(items, criteria.Page, criteria.PageSize, total, facets, warnings));
    }

    public static async Task<Results<Ok<OfferingDetailDto>, ValidationProblem, ProblemHttpResult>> GetOffering(
        Guid id,
        string? municipality,
        ReadOnlyWijzerDbContext db,
        ReferenceLookup reference,
        OfferingSearch search,
        TimeProvider clock,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var lookup = await reference.GetAsync(cancellationToken);
        ReferenceLookup.MunicipalityInfo? place = null;
        if (municipality is not null && !lookup.Municipalities.TryGetValue(municipality.Trim().ToUpperInvariant(), out place))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["municipality"] = ["Unknown municipality: use a CBS code such as GM0222."] });
        }

        var offering = await db.Offerings.AsNoTracking()
            .Where(o => o.Id == id && o.DeletedAt == null && o.Provider!.DeletedAt == null)
            .Select(o => new
            {
                o.Description,
                o.ReferralInfo,
                o.CareTypeCode,
                o.CareType!.Sector,
                o.CareType.Setting,
                Provider = new ProviderContactDto(o.ProviderId, o.Provider!.Name, o.Provider.Website, o.Provider.Phone, o.Provider.Email),
                Locations = o.Locations.OrderBy(l => l.Name).AsQueryable().Select(ToLocationDto).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (offering is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Offering not found");
        }

        var now = clock.GetUtcNow();
        var today = IsoWeek.ToAmsterdamDate(now);
        var contracted = (await db.Contracts.AsNoTracking()
            .Where(c => c.OfferingId == id && c.ValidFrom <= today && (c.ValidTo == null || c.ValidTo >= today))
            .Select(c => new { c.MunicipalityCode, c.Municipality!.Name })
            .Distinct()
            .OrderBy(m => m.Name)
            .ToListAsync(cancellationToken))
            .Select(m => new MunicipalityRef(m.MunicipalityCode, m.Name))
            .ToList();

        // Without a municipality asked for, judge and compare where the offering itself is, if it is contracted there.
        place ??= offering.Locations.Select(l => lookup.Municipalities.GetValueOrDefault(l.Municipality))
            .FirstOrDefault(m => m is not null && contracted.Any(c => c.Code == m.Code));
        var summary = await search.SummarizeAsync(id, place?.RegionCode, place is null ? null : (place.Lat, place.Lon), cancellationToken);
        if (summary is null)
        {
            // Deleted between the two reads.
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Offering not found");
        }

        var careType = new CareTypeProfile(offering.CareTypeCode, offering.Sector, offering.Setting);
        var resolver = (await search.GetIndexAsync(cancellationToken)).Resolver;
        var history = await LoadHistoryAsync(db, id, careType, place?.RegionCode, resolver, today, cancellationToken);
        var alternatives = place is null
            ? []
            : (await search.RunAsync(new SearchCriteria
            {
                MunicipalityCode = place.Code,
                RegionCode = place.RegionCode,
                ReferencePoint = (place.Lat, place.Lon),
                CareTypes = [offering.CareTypeCode],
                ExcludeOfferingId = id,
                AcceptingReferralsOnly = true,
                // Unknown wait: any alternative with a known wait is better than not knowing.
                EffectiveWaitBelow = summary.Availability is { } a ? new WaitFigures(a.WaitToIntakeWeeks, a.WaitToTreatmentWeeks).EffectiveWaitWeeks ?? 1000 : 1000,
                WithinNormFirst = true,
                PageSize = MaxAlternatives,
            }, cancellationToken)).Items;

        return TypedResults.Ok(new OfferingDetailDto(
            summary.Id, summary.Title, offering.Provider, summary.CareType, summary.AgeMin, summary.AgeMax, summary.Tags, summary.Location,
            summary.Availability, summary.Norm, summary.NormStatus, offering.Description, offering.ReferralInfo,
            offering.Locations, contracted, history, alternatives));
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

        var (offerings, _, _) = await search.RunAsync(new SearchCriteria { ProviderId = id, RequireContract = false, Sort = SearchSort.Name, PageSize = 1000 }, cancellationToken);
        return TypedResults.Ok(new ProviderDto(provider.Id, provider.Name, provider.Website, provider.Phone, provider.Email, provider.Description, provider.Locations, offerings));
    }

    /// <summary>Up to 26 weeks, newest first: per week the report that was current at the end of it.</summary>
    private static async Task<List<HistoryWeekDto>> LoadHistoryAsync(
        WijzerDbContext db, Guid offeringId, CareTypeProfile careType, string? regionCode, NormResolver resolver, DateOnly today, CancellationToken cancellationToken)
    {
        var firstWeek = IsoWeek.FromDate(today).AddWeeks(-(HistoryWeeks - 1)).Monday;
        var reports = await db.AvailabilityReports.AsNoTracking()
            .Where(r => r.OfferingId == offeringId && r.WeekStart >= firstWeek)
            .OrderByDescending(r => r.WeekStart).ThenByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        return reports
            .GroupBy(r => r.WeekStart)
            .Select(g => g.First())
            .Select(r =>
            {
                // A report is judged by the norm in force on the day it was made.
                var norm = resolver.Resolve(careType, regionCode, IsoWeek.ToAmsterdamDate(r.ReportedAt));
                var figures = new WaitFigures(r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks);
                return new HistoryWeekDto(
                    IsoWeek.FromDate(r.WeekStart).ToString(), r.ReportedAt, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks,
                    figures.TotalWaitWeeks, r.FreePlaces, r.TotalPlaces, r.WaitlistCount,
                    norm is null ? null : OfferingSearch.ToNormDto(norm), NormEvaluator.Evaluate(figures, norm?.Norm));
            })
            .ToList();
    }
}
