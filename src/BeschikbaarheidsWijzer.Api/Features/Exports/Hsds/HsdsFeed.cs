using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Configuration;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Exports.Hsds;

/// <summary>
/// The current offerings as an Open Referral HSDS 3.1 feed: services (with capacity and the waits and norm status as
/// attributes, see <see cref="HsdsTaxonomy"/>), organizations (providers with a current offering), locations (used by a
/// current offering) and the feed's taxonomy terms, each paged in the HSDS list shape and ordered by id.
/// </summary>
public static class HsdsFeed
{
    public const string Version = "3.1";
    public const int MaxPerPage = 100;
    public const int DefaultPerPage = 20;
    private const string PagingNote = " Paged: page (from 1) and per_page (1–100, default 20), in the HSDS list shape, ordered by id.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static RouteGroupBuilder MapHsds(this RouteGroupBuilder exports)
    {
        var hsds = exports.MapGroup("/hsds");
        hsds.MapGet("", GetInfo).WithName("GetHsdsInfo").Produces<HsdsApiInfo>().WithSummary("Which HSDS version this feed follows")
            .WithDescription("The HSDS 3.1 API root: version, profile and the address of this OpenAPI document.");
        hsds.MapGet("/services", GetServices).WithName("GetHsdsServices").Produces<HsdsPage<HsdsService>>()
            .WithSummary("Current offerings as HSDS services")
            .WithDescription("Each service in full: service areas (contracted municipalities), service_at_locations, capacities (HSDS 3.1 " +
                             "service_capacity: free places of total places from the latest report) and attributes with the waits, the " +
                             "norm and the norm status per region (taxonomies bw-wachttijd, bw-zorgvorm, bw-gebied; see the README)." + PagingNote);
        hsds.MapGet("/services/{id:guid}", GetService).WithName("GetHsdsService").Produces<HsdsService>().WithSummary("One current offering as an HSDS service")
            .WithDescription("As in the services list, with its organization, locations and the latest figures as attributes; 404 when it is not current.");
        hsds.MapGet("/organizations", GetOrganizations).WithName("GetHsdsOrganizations").Produces<HsdsPage<HsdsOrganization>>()
            .WithSummary("Providers with a current offering as HSDS organizations").WithDescription("KvK number and AGB code as organization_identifiers." + PagingNote);
        hsds.MapGet("/locations", GetLocations).WithName("GetHsdsLocations").Produces<HsdsPage<HsdsLocation>>()
            .WithSummary("Locations of current offerings as HSDS locations").WithDescription("The CBS municipality code as an attribute." + PagingNote);
        hsds.MapGet("/taxonomy_terms", GetTaxonomyTerms).WithName("GetHsdsTaxonomyTerms").Produces<HsdsPage<HsdsTaxonomyTerm>>()
            .WithSummary("The terms of the feed's taxonomies").WithDescription(PagingNote.Trim());
        return hsds;
    }

    /// <summary>
    /// The document's address from <c>Site:PublicBaseUrl</c> when set (as in production), never from whatever
    /// <c>Host</c> a caller sends; without it the request's own address, which the host filter (<c>AllowedHosts</c>) and
    /// the forwarded-headers check have passed.
    /// </summary>
    public static JsonHttpResult<HsdsApiInfo> GetInfo(HttpRequest request, IConfiguration configuration) =>
        TypedResults.Json(new HsdsApiInfo(Version, $"{PublicBaseUrl(request, configuration)}{OpenApiSetup.DocumentPath}"), Json);

    private static string PublicBaseUrl(HttpRequest request, IConfiguration configuration) =>
        configuration["Site:PublicBaseUrl"] is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            ? uri.ToString().TrimEnd('/')
            : $"{request.Scheme}://{request.Host}";

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsService>>, ValidationProblem>> GetServices(
        [AsParameters] HsdsPageQuery query, ReadOnlyWijzerDbContext db, TimeProvider clock, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!TryReadPaging(query, out var page, out var perPage, out var problem))
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var current = ExportEndpoints.CurrentOfferings(db, IsoWeek.ToAmsterdamDate(now));
        var total = await current.CountAsync(cancellationToken);
        var ids = await current.OrderBy(o => o.Id).Skip((page - 1) * perPage).Take(perPage).Select(o => o.Id).ToListAsync(cancellationToken);
        var services = await LoadServicesAsync(db, ids, now, configuration.StaleAfterDays(), cancellationToken);
        return TypedResults.Json(HsdsPage<HsdsService>.Of(services, page, perPage, total), Json);
    }

    public static async Task<Results<JsonHttpResult<HsdsService>, ProblemHttpResult>> GetService(
        Guid id, ReadOnlyWijzerDbContext db, TimeProvider clock, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var isCurrent = await ExportEndpoints.CurrentOfferings(db, IsoWeek.ToAmsterdamDate(now)).AnyAsync(o => o.Id == id, cancellationToken);
        var service = isCurrent ? (await LoadServicesAsync(db, [id], now, configuration.StaleAfterDays(), cancellationToken)).SingleOrDefault() : null;
        return service is null
            ? TypedResults.Problem("No current offering has this id.", statusCode: StatusCodes.Status404NotFound, title: "Service not found")
            : TypedResults.Json(service, Json);
    }

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsOrganization>>, ValidationProblem>> GetOrganizations(
        [AsParameters] HsdsPageQuery query, ReadOnlyWijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryReadPaging(query, out var page, out var perPage, out var problem))
        {
            return problem;
        }

        var current = ExportEndpoints.CurrentOfferings(db, IsoWeek.ToAmsterdamDate(clock.GetUtcNow()));
        var providers = db.Providers.AsNoTracking().Where(p => current.Any(o => o.ProviderId == p.Id));
        var total = await providers.CountAsync(cancellationToken);
        var rows = await providers.OrderBy(p => p.Id).Skip((page - 1) * perPage).Take(perPage)
            .Select(p => new { p.Id, p.Name, p.Description, p.Email, p.Website, p.Phone, p.KvkNumber, p.AgbCode })
            .ToListAsync(cancellationToken);
        var organizations = rows.Select(p =>
        {
            var identifiers = new List<HsdsOrganizationIdentifier>();
            if (p.KvkNumber is not null)
            {
                identifiers.Add(new HsdsOrganizationIdentifier(StableUuid.For($"kvk:{p.Id}"), p.Id, "KvK-nummer", p.KvkNumber, IdentifierScheme: "NL-KVK"));
            }

            if (p.AgbCode is not null)
            {
                identifiers.Add(new HsdsOrganizationIdentifier(StableUuid.For($"agb:{p.Id}"), p.Id, "AGB-code", p.AgbCode));
            }

            return new HsdsOrganization(
                p.Id, p.Name, p.Description ?? "Zorgaanbieder in de jeugdhulp.",
                p.Phone is null ? [] : [new HsdsPhone(StableUuid.For($"phone:{p.Id}"), p.Id, p.Phone)],
                identifiers, p.Email, p.Website);
        }).ToList();
        return TypedResults.Json(HsdsPage<HsdsOrganization>.Of(organizations, page, perPage, total), Json);
    }

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsLocation>>, ValidationProblem>> GetLocations(
        [AsParameters] HsdsPageQuery query, ReadOnlyWijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryReadPaging(query, out var page, out var perPage, out var problem))
        {
            return problem;
        }

        var current = ExportEndpoints.CurrentOfferings(db, IsoWeek.ToAmsterdamDate(clock.GetUtcNow()));
        var locations = db.Locations.AsNoTracking().Where(l => current.Any(o => o.Locations.Any(x => x.Id == l.Id)));
        var total = await locations.CountAsync(cancellationToken);
        var rows = await locations.OrderBy(l => l.Id).Skip((page - 1) * perPage).Take(perPage)
            .Select(l => new
            {
                l.Id, l.ProviderId, l.Name, l.Street, l.Postcode, l.City, l.MunicipalityCode, MunicipalityName = l.Municipality!.Name,
                Lat = l.Latitude ?? l.Municipality.Latitude,
                Lon = l.Longitude ?? l.Municipality.Longitude,
            })
            .ToListAsync(cancellationToken);
        var contents = rows.Select(l => new HsdsLocation(
            l.Id, "physical", l.ProviderId, l.Name, l.Lat, l.Lon,
            l.Street is null || l.Postcode is null
                ? []
                : [new HsdsAddress(StableUuid.For($"address:{l.Id}"), l.Id, l.Street, l.City, "", l.Postcode, "NL", "physical", l.MunicipalityName)],
            [HsdsTaxonomy.Attribute(l.Id, "location", HsdsTaxonomy.MunicipalityCode, l.MunicipalityCode)])).ToList();
        return TypedResults.Json(HsdsPage<HsdsLocation>.Of(contents, page, perPage, total), Json);
    }

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsTaxonomyTerm>>, ValidationProblem>> GetTaxonomyTerms(
        [AsParameters] HsdsPageQuery query, ReadOnlyWijzerDbContext db, CancellationToken cancellationToken)
    {
        if (!TryReadPaging(query, out var page, out var perPage, out var problem))
        {
            return problem;
        }

        var careTypes = await db.CareTypes.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var terms = HsdsTaxonomy.FixedTerms.Concat(careTypes.Select(c => HsdsTaxonomy.CareType(c.Code, c.Name, c.IjwCategory))).OrderBy(t => t.Id).ToList();
        return TypedResults.Json(HsdsPage<HsdsTaxonomyTerm>.Of(terms.Skip((page - 1) * perPage).Take(perPage).ToList(), page, perPage, terms.Count), Json);
    }

    private static async Task<List<HsdsService>> LoadServicesAsync(
        WijzerDbContext db, IReadOnlyCollection<Guid> ids, DateTimeOffset now, int staleAfterDays, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var today = IsoWeek.ToAmsterdamDate(now);
        var validToday = ValidityQueries.ValidOn<Contract>(today);
        var rows = await db.Offerings.AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Select(o => new
            {
                o.Id, o.ProviderId, o.Title, o.Description, o.ReferralInfo, o.AgeMin, o.AgeMax, o.UpdatedAt,
                o.CareTypeCode, CareTypeName = o.CareType!.Name, o.CareType.IjwCategory, o.CareType.Sector, o.CareType.Setting,
                Report = o.CurrentReport,
                LocationIds = o.Locations.OrderBy(l => l.Id).Select(l => l.Id).ToList(),
                Municipalities = o.Contracts.AsQueryable().Where(validToday)
                    .OrderBy(c => c.MunicipalityCode)
                    .Select(c => new { c.MunicipalityCode, c.Municipality!.Name, c.Municipality.RegionCode, RegionName = c.Municipality.Region!.Name })
                    .ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var resolver = await NormCatalog.LoadResolverAsync(db, cancellationToken);

        return rows.OrderBy(o => o.Id).Select(o =>
        {
            var availability = o.Report is null ? null : AvailabilityContracts.ToAvailability(o.Report, now, staleAfterDays);
            var attributes = new List<HsdsAttribute>
            {
                HsdsTaxonomy.Attribute(o.Id, "service", HsdsTaxonomy.CareType(o.CareTypeCode, o.CareTypeName, o.IjwCategory), o.IjwCategory),
            };
            void Add(HsdsTaxonomyTerm term, object? value, string? label = null)
            {
                if (value is not null)
                {
                    attributes.Add(HsdsTaxonomy.Attribute(o.Id, "service", term, Text(value), label));
                }
            }

            if (availability is not null)
            {
                Add(HsdsTaxonomy.IntakeWait, availability.WaitToIntakeWeeks);
                Add(HsdsTaxonomy.TreatmentWait, availability.WaitToTreatmentWeeks);
                Add(HsdsTaxonomy.RealisedIntakeWait, availability.RealisedWaitToIntakeWeeks);
                Add(HsdsTaxonomy.RealisedTreatmentWait, availability.RealisedWaitToTreatmentWeeks);
                Add(HsdsTaxonomy.FiguresChangedAt, availability.FiguresChangedAt);
                Add(HsdsTaxonomy.TotalWait, availability.TotalWaitWeeks);
                Add(HsdsTaxonomy.Waitlist, availability.WaitlistCount);
                Add(HsdsTaxonomy.AcceptingReferrals, availability.AcceptingReferrals);
                Add(HsdsTaxonomy.AvailableNow, availability.AvailableNow);
                Add(HsdsTaxonomy.Method, availability.Method);
                Add(HsdsTaxonomy.Week, availability.Week);
                Add(HsdsTaxonomy.Stale, availability.Stale);
                Add(HsdsTaxonomy.BridgingCare, availability.BridgingCareAvailable);
                Add(HsdsTaxonomy.MatchingDependent, availability.MatchingDependent);
            }

            // The norm differs per region; a service contracted in two regions gets a set per region, the region in label.
            var profile = new CareTypeProfile(o.CareTypeCode, o.Sector, o.Setting);
            foreach (var region in o.Municipalities.Select(m => m.RegionCode).Distinct().Order(StringComparer.Ordinal))
            {
                var norm = resolver.Resolve(profile, region, today);
                Add(HsdsTaxonomy.NormIntake, norm?.Norm.MaxIntakeWeeks, region);
                Add(HsdsTaxonomy.NormTreatment, norm?.Norm.MaxTreatmentWeeks, region);
                Add(HsdsTaxonomy.NormTotal, norm?.Norm.MaxTotalWeeks, region);
                Add(HsdsTaxonomy.NormSource, norm is null ? null : norm.Source == NormSource.Regio ? "regio" : "treeknorm", region);
                var figures = availability is null ? null : new WaitFigures(availability.WaitToIntakeWeeks, availability.WaitToTreatmentWeeks);
                Add(HsdsTaxonomy.NormStatus, JsonNamingPolicy.CamelCase.ConvertName(NormEvaluator.Evaluate(figures, norm?.Norm).ToString()), region);
            }

            var areas = o.Municipalities.Select(m =>
            {
                var areaId = StableUuid.For($"service-area:{o.Id}:{m.MunicipalityCode}");
                return new HsdsServiceArea(areaId, o.Id, m.Name, $"Gemeente {m.Name} ({m.MunicipalityCode}), jeugdregio {m.RegionName}",
                [
                    HsdsTaxonomy.Attribute(areaId, "service_area", HsdsTaxonomy.MunicipalityCode, m.MunicipalityCode),
                    HsdsTaxonomy.Attribute(areaId, "service_area", HsdsTaxonomy.Region, m.RegionCode),
                ]);
            }).ToList();
            var capacities = availability?.FreePlaces is { } free
                ? [new HsdsServiceCapacity(StableUuid.For($"capacity:{o.Id}"), o.Id, HsdsTaxonomy.Place, free,
                    "Vrije plekken volgens de laatste melding", availability.ReportedAt, availability.TotalPlaces)]
                : new List<HsdsServiceCapacity>();
            return new HsdsService(
                o.Id, o.ProviderId, o.Title, "active", WaitTime(availability),
                $"Voor jeugdigen van {o.AgeMin} tot en met {o.AgeMax} jaar.", o.AgeMin, o.AgeMax,
                availability is not null && availability.ReportedAt > o.UpdatedAt ? availability.ReportedAt : o.UpdatedAt,
                areas,
                o.LocationIds.Select(l => new HsdsServiceAtLocation(StableUuid.For($"service-at-location:{o.Id}:{l}"), o.Id, l)).ToList(),
                capacities,
                attributes,
                o.Description,
                o.ReferralInfo,
                Alert(availability));
        }).ToList();
    }

    /// <summary>The waits in plain Dutch, with the week they were reported for.</summary>
    private static string WaitTime(AvailabilityDto? availability)
    {
        if (availability is null)
        {
            return "Nog geen wachttijd gemeld.";
        }

        var parts = new List<string>();
        if (availability.WaitToIntakeWeeks is { } intake)
        {
            parts.Add($"{Weeks(intake)} wachten tot de intake");
        }

        if (availability.WaitToTreatmentWeeks is { } treatment)
        {
            parts.Add($"{Weeks(treatment)} wachten van intake tot de start van de hulp");
        }

        var waits = parts.Count == 0 ? "Geen wachttijd gemeld" : string.Join(", dan ", parts);
        return $"{char.ToUpperInvariant(waits[0])}{waits[1..]} (melding van week {availability.Week}).";

        static string Weeks(int n) => n == 1 ? "1 week" : $"{n} weken";
    }

    private static string? Alert(AvailabilityDto? availability)
    {
        if (availability is null)
        {
            return null;
        }

        var alerts = new List<string>();
        if (!availability.AcceptingReferrals)
        {
            alerts.Add("Aanmeldstop: er worden nu geen nieuwe aanmeldingen aangenomen.");
        }

        if (availability.Stale)
        {
            alerts.Add($"Let op: deze cijfers zijn van {IsoWeek.ToAmsterdamDate(availability.ReportedAt):d-M-yyyy} en misschien niet meer actueel.");
        }

        return alerts.Count == 0 ? null : string.Join(" ", alerts);
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool TryReadPaging(HsdsPageQuery query, out int page, out int perPage, out ValidationProblem problem)
    {
        var errors = new ValidationErrors();
        page = QueryValues.Integer(query.Page, "page", 1, 100_000, errors) ?? 1;
        perPage = QueryValues.Integer(query.PerPage, "per_page", 1, MaxPerPage, errors) ?? DefaultPerPage;
        problem = ValidationProblems.Invalid(errors, "Invalid query");
        return errors.IsEmpty;
    }
}

/// <summary>HSDS paging parameters: <c>page</c> (from 1) and <c>per_page</c>.</summary>
public sealed record HsdsPageQuery([FromQuery(Name = "page")] string? Page, [FromQuery(Name = "per_page")] string? PerPage);
