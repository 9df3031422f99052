using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Csv;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Exports;

/// <summary>
/// Writes <c>availability.csv</c>: the contracts valid today are read as a stream (one database cursor) and each becomes a
/// row as it arrives. Only the small lookups (norms per region and care type, the offerings' locations) are held in memory.
/// </summary>
public static class AvailabilityExport
{
    public static readonly string[] Header =
    [
        "peildatum", "gemeentecode", "gemeente", "regio", "aanbieder", "kvk", "aanbod-id", "aanbod", "vestiging", "postcode",
        "zorgvormcode", "zorgvorm", "ijw productcategorie", "aanmeldwachttijd", "behandelwachttijd", "totaal", "methode",
        "aantal wachtenden", "vrije plekken", "aanmeldstop", "norm aanmeldwachttijd", "norm behandelwachttijd", "norm totaal",
        "normbron", "binnen norm", "plek beschikbaar", "verouderd", "week", "bijgewerkt op",
        "gerealiseerde aanmeldwachttijd", "gerealiseerde behandelwachttijd", "cijfers veranderd op", "bevestigd ongewijzigd",
    ];

    public static async Task WriteAsync(
        CsvWriter csv, WijzerDbContext db, ReferenceLookup reference, int staleAfterDays, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = IsoWeek.ToAmsterdamDate(now);
        var places = await reference.GetAsync(cancellationToken);
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        var resolver = await NormCatalog.LoadResolverAsync(db, cancellationToken);
        var norms = new Dictionary<(string Region, string CareType), EffectiveNorm?>();
        var current = ExportEndpoints.CurrentOfferings(db, today);
        var locations = (await current
                .SelectMany(o => o.Locations.Select(l => new
                {
                    OfferingId = o.Id,
                    l.Name,
                    l.Postcode,
                    l.MunicipalityCode,
                    Lat = l.Latitude ?? l.Municipality!.Latitude,
                    Lon = l.Longitude ?? l.Municipality!.Longitude,
                }))
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.OfferingId);

        var rows = db.Contracts.AsNoTracking()
            .Where(ValidityQueries.ValidOn<Contract>(today))
            .Where(c => current.Any(o => o.Id == c.OfferingId))
            .OrderBy(c => c.MunicipalityCode).ThenBy(c => c.Offering!.Provider!.Name).ThenBy(c => c.Offering!.Title).ThenBy(c => c.OfferingId)
            .Select(c => new
            {
                c.MunicipalityCode,
                c.OfferingId,
                c.Offering!.Title,
                ProviderName = c.Offering.Provider!.Name,
                c.Offering.Provider.KvkNumber,
                c.Offering.CareTypeCode,
                CareTypeName = c.Offering.CareType!.Name,
                c.Offering.CareType.IjwCategory,
                c.Offering.CareType.Sector,
                c.Offering.CareType.Setting,
                Report = c.Offering.CurrentReport,
            })
            .AsAsyncEnumerable();

        await csv.HeaderAsync(Header, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var place = places.Municipalities.GetValueOrDefault(row.MunicipalityCode);
            var regionCode = place?.RegionCode;
            if (!norms.TryGetValue((regionCode ?? "", row.CareTypeCode), out var norm))
            {
                norm = resolver.Resolve(new CareTypeProfile(row.CareTypeCode, row.Sector, row.Setting), regionCode, today);
                norms[(regionCode ?? "", row.CareTypeCode)] = norm;
            }

            // The offering's location in the municipality, else the one nearest to the municipality's centre.
            var location = locations[row.OfferingId]
                .OrderBy(l => l.MunicipalityCode == row.MunicipalityCode ? 0 : 1)
                .ThenBy(l => place is null ? 0 : GeoDistance.Kilometers(place.Lat, place.Lon, l.Lat, l.Lon))
                .ThenBy(l => l.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            var availability = row.Report is null ? null : AvailabilityContracts.ToAvailability(row.Report, now, staleAfterDays);
            var status = NormEvaluator.Evaluate(row.Report is null ? null : new WaitFigures(row.Report.WaitToIntakeWeeks, row.Report.WaitToTreatmentWeeks), norm?.Norm);

            csv.Date(today).Code(row.MunicipalityCode).Text(place?.Name).Text(regionCode is null ? null : regionNames.GetValueOrDefault(regionCode))
                .Text(row.ProviderName).Code(row.KvkNumber).Code(row.OfferingId.ToString()).Text(row.Title).Text(location?.Name).Code(location?.Postcode)
                .Code(row.CareTypeCode).Text(row.CareTypeName).Code(row.IjwCategory)
                .Integer(availability?.WaitToIntakeWeeks).Integer(availability?.WaitToTreatmentWeeks).Integer(availability?.TotalWaitWeeks)
                .Code(availability?.Method).Integer(availability?.WaitlistCount).Integer(availability?.FreePlaces).YesNo(availability is null ? null : !availability.AcceptingReferrals)
                .Integer(norm?.Norm.MaxIntakeWeeks).Integer(norm?.Norm.MaxTreatmentWeeks).Integer(norm?.Norm.MaxTotalWeeks)
                .Code(norm is null ? null : norm.Source == NormSource.Regio ? "regio" : "treeknorm")
                .Code(status switch { NormStatus.Within => "ja", NormStatus.Partial => "deels", NormStatus.Exceeded => "nee", _ => "onbekend" })
                .YesNo(availability?.AvailableNow).YesNo(availability?.Stale).Code(availability?.Week).DateTime(availability?.ReportedAt)
                .Integer(availability?.RealisedWaitToIntakeWeeks).Integer(availability?.RealisedWaitToTreatmentWeeks)
                .DateTime(availability?.FiguresChangedAt).YesNo(availability?.ConfirmedUnchanged);
            await csv.EndRowAsync(cancellationToken);
        }
    }
}
