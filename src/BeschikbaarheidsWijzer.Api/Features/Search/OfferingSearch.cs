using System.Data.Common;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Features.Norms;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>
/// Runs a search in two steps: one SQL statement filters, counts (facets) and orders the offerings and returns the ids of
/// the page; an EF projection then loads those few offerings for display. Which norm applies is decided by the domain's
/// <see cref="NormResolver"/> (per care type, for the region and date) and handed to SQL as arrays; SQL only compares,
/// with the same rules as <see cref="NormEvaluator"/>, so filter, facets and sorting agree with what the items say.
/// Reads go to the read-only database (a replica when configured).
/// </summary>
public sealed class OfferingSearch(ReadOnlyWijzerDbContext db, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>How alike a typed name must be to a provider's name or an offering's title (pg_trgm word similarity).</summary>
    public const double TypoTolerance = 0.45;

    // This service lives for one request: the norm tables are read once however many searches the request runs.
    private NormResolver? _resolver;
    private List<CareType>? _careTypes;

    /// <summary>The norm rules, read once per request.</summary>
    public async Task<NormResolver> GetResolverAsync(CancellationToken cancellationToken) =>
        _resolver ??= await NormCatalog.LoadResolverAsync(db, cancellationToken);

    private int StaleAfterDays => configuration.GetValue("Availability:StaleAfterDays", AvailabilityRules.DefaultStaleAfterDays);

    public async Task<(List<OfferingSummaryDto> Items, int Total, SearchFacets Facets)> RunAsync(SearchCriteria criteria, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = IsoWeek.ToAmsterdamDate(now);
        var resolver = await GetResolverAsync(cancellationToken);
        var careTypes = _careTypes ??= await db.CareTypes.AsNoTracking().ToListAsync(cancellationToken);
        var norms = careTypes.ToDictionary(
            c => c.Code,
            c => resolver.Resolve(new CareTypeProfile(c.Code, c.Sector, c.Setting), criteria.RegionCode, today));

        var sql = new SearchSql(criteria, norms, today, now.AddDays(-StaleAfterDays));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var cells = await ReadFacetCellsAsync(connection, sql, cancellationToken);
            var pageIds = await ReadPageIdsAsync(connection, sql, cancellationToken);
            var facets = BuildFacets(cells, criteria);
            var total = cells.Where(c => CareTypePasses(c.CareType, criteria) && NormPasses(c.Status, criteria)).Sum(c => c.Count);
            var items = await LoadSummariesAsync(pageIds, criteria, norms, now, cancellationToken);
            return (items, total, facets);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Loads offerings for display, in the given order, judged with the given norms.</summary>
    public async Task<List<OfferingSummaryDto>> LoadSummariesAsync(
        IReadOnlyList<Guid> ids, SearchCriteria criteria, IReadOnlyDictionary<string, EffectiveNorm?> norms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Offerings.AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Select(o => new
            {
                o.Id,
                o.Title,
                o.ProviderId,
                ProviderName = o.Provider!.Name,
                o.CareTypeCode,
                CareTypeName = o.CareType!.Name,
                o.AgeMin,
                o.AgeMax,
                o.Tags,
                Report = o.CurrentReport,
                Locations = o.Locations.Select(l => new
                {
                    l.Name,
                    l.City,
                    l.MunicipalityCode,
                    Lat = l.Latitude ?? l.Municipality!.Latitude,
                    Lon = l.Longitude ?? l.Municipality!.Longitude,
                }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        var staleAfterDays = StaleAfterDays;

        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var o = byId[id];
            var nearest = o.Locations
                .Select(l => new { l.City, l.MunicipalityCode, l.Name, Distance = criteria.ReferencePoint is { } p ? GeoDistance.Kilometers(p.Lat, p.Lon, l.Lat, l.Lon) : (double?)null })
                .OrderBy(l => l.Distance ?? 0).ThenBy(l => l.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            var norm = norms.GetValueOrDefault(o.CareTypeCode);
            var availability = o.Report is null ? null : ToAvailability(o.Report, now, staleAfterDays);
            var status = NormEvaluator.Evaluate(o.Report is null ? null : new WaitFigures(o.Report.WaitToIntakeWeeks, o.Report.WaitToTreatmentWeeks), norm?.Norm);
            return new OfferingSummaryDto(
                o.Id,
                o.Title,
                new ProviderRef(o.ProviderId, o.ProviderName),
                new CareTypeRef(o.CareTypeCode, o.CareTypeName),
                o.AgeMin,
                o.AgeMax,
                o.Tags,
                new OfferingLocationDto(nearest?.City, nearest?.MunicipalityCode, nearest?.Distance is { } d ? Math.Round(d, 1) : null),
                availability,
                norm is null ? null : ToNormDto(norm),
                status);
        }).ToList();
    }

    public static AvailabilityDto ToAvailability(AvailabilityReport r, DateTimeOffset now, int staleAfterDays)
    {
        var stale = AvailabilityRules.IsStale(r.ReportedAt, now, staleAfterDays);
        return new AvailabilityDto(
            r.AcceptingReferrals,
            r.FreePlaces,
            r.TotalPlaces,
            r.WaitlistCount,
            r.WaitToIntakeWeeks,
            r.WaitToTreatmentWeeks,
            new WaitFigures(r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks).TotalWaitWeeks,
            r.Method == MeasurementMethod.Retrospectief ? AvailabilityReportRules.MethodRetrospectief : AvailabilityReportRules.MethodActueel,
            r.MatchingDependent,
            r.BridgingCareAvailable,
            IsoWeek.FromDate(r.WeekStart).ToString(),
            r.ReportedAt,
            stale,
            AvailabilityRules.IsAvailableNow(r.AcceptingReferrals, stale, r.FreePlaces, r.WaitToIntakeWeeks));
    }

    public static NormDto ToNormDto(EffectiveNorm norm) =>
        new(norm.Source, norm.Norm.MaxIntakeWeeks, norm.Norm.MaxTreatmentWeeks, norm.Norm.MaxTotalWeeks, norm.Label);

    private static async Task<List<FacetCell>> ReadFacetCellsAsync(NpgsqlConnection connection, SearchSql sql, CancellationToken cancellationToken)
    {
        await using var command = sql.FacetCommand(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cells = new List<FacetCell>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cells.Add(new FacetCell(reader.GetString(0), Enum.Parse<NormStatus>(reader.GetString(1), ignoreCase: true), (int)reader.GetInt64(2)));
        }

        return cells;
    }

    private static async Task<List<Guid>> ReadPageIdsAsync(NpgsqlConnection connection, SearchSql sql, CancellationToken cancellationToken)
    {
        await using var command = sql.PageCommand(connection);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Each facet counts with every other active filter applied, but not its own.</summary>
    private static SearchFacets BuildFacets(List<FacetCell> cells, SearchCriteria criteria)
    {
        var careTypes = cells.Where(c => NormPasses(c.Status, criteria))
            .GroupBy(c => c.CareType)
            .Select(g => new CareTypeFacet(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        var statuses = cells.Where(c => CareTypePasses(c.CareType, criteria)).GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return new SearchFacets(careTypes, new NormStatusFacet(
            statuses.GetValueOrDefault(NormStatus.Within), statuses.GetValueOrDefault(NormStatus.Exceeded), statuses.GetValueOrDefault(NormStatus.Unknown)));
    }

    private static bool CareTypePasses(string careType, SearchCriteria criteria) => criteria.CareTypes.Count == 0 || criteria.CareTypes.Contains(careType);

    private static bool NormPasses(NormStatus status, SearchCriteria criteria) => !criteria.WithinNorm || status == NormStatus.Within;

    private sealed record FacetCell(string CareType, NormStatus Status, int Count);
}
