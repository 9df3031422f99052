using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>One week's current report, as the history shows it.</summary>
public sealed record HistoryReport(
    DateOnly WeekStart, DateTimeOffset ReportedAt, bool AcceptingReferrals, int? WaitToIntakeWeeks, int? WaitToTreatmentWeeks,
    int? FreePlaces, int? TotalPlaces, int? WaitlistCount);

/// <summary>
/// What an offering's own page shows that the search index does not hold: texts, the provider's contact, the locations'
/// addresses and the weekly reports of the last half year (per week the one current at its end, newest first).
/// </summary>
/// <param name="Version">The index's version of the offering these were read for.</param>
public sealed record OfferingParticulars(
    IndexedOffering Version,
    string? Description,
    string? ReferralInfo,
    ProviderContactDto Provider,
    List<LocationDto> Locations,
    IReadOnlyList<HistoryReport> Weeks);

/// <summary>
/// Keeps <see cref="OfferingParticulars"/> exact the way the search index is kept exact. Every change that could alter them
/// (the offering, its provider, its locations, its contracts, any of its reports) stamps the offering for the index (the
/// change-tracking triggers), so the index then holds a new version of it. Particulars are kept with the version they were
/// read for and used only while the index still holds that very version: read after the request's index refresh, they are
/// at least as new as it, and a newer change gives the index a new version, which sends the next request to the database.
/// Bounded: the least used are dropped first.
/// </summary>
public sealed class OfferingParticularsCache : IDisposable
{
    /// <summary>How many offerings' particulars are kept at most.</summary>
    public const int Capacity = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.1 });

    /// <summary>Reads of the database this cache answered for, and those it could not (for tests and metrics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    private long _hits;
    private long _misses;

    /// <summary>
    /// The particulars of <paramref name="version"/> (the version the index holds now), read once per version. The kept
    /// weeks start at the first history week of the day they were read; the window only moves forward, so they cover it.
    /// </summary>
    public async Task<OfferingParticulars?> GetAsync(IndexedOffering version, WijzerDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(version.Id, out OfferingParticulars? kept) && ReferenceEquals(kept!.Version, version))
        {
            Interlocked.Increment(ref _hits);
            return kept;
        }

        Interlocked.Increment(ref _misses);
        var read = await ReadAsync(version, db, today, cancellationToken);
        if (read is not null)
        {
            _cache.Set(version.Id, read, new MemoryCacheEntryOptions { Size = 1 });
        }

        return read;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>The first week of the history that a page shown on <paramref name="today"/> needs.</summary>
    public static DateOnly FirstHistoryWeek(DateOnly today) => IsoWeek.FromDate(today).AddWeeks(-(SearchEndpoints.HistoryWeeks - 1)).Monday;

    private static async Task<OfferingParticulars?> ReadAsync(IndexedOffering version, WijzerDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var id = version.Id;
        var offering = await db.Offerings.AsNoTracking()
            .Where(o => o.Id == id && o.DeletedAt == null && o.Provider!.DeletedAt == null)
            .Select(o => new
            {
                o.Description,
                o.ReferralInfo,
                Provider = new ProviderContactDto(o.ProviderId, o.Provider!.Name, o.Provider.Website, o.Provider.Phone, o.Provider.Email),
                Locations = o.Locations.OrderBy(l => l.Name).AsQueryable().Select(SearchEndpoints.ToLocationDto).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (offering is null)
        {
            // Deleted since the index was refreshed: the next refresh takes it out.
            return null;
        }

        var firstWeek = FirstHistoryWeek(today);
        var reports = await db.AvailabilityReports.AsNoTracking()
            .Where(r => r.OfferingId == id && r.WeekStart >= firstWeek)
            .Select(r => new
            {
                r.Id,
                Report = new HistoryReport(
                    r.WeekStart, r.ReportedAt, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks, r.FreePlaces, r.TotalPlaces, r.WaitlistCount),
            })
            .ToListAsync(cancellationToken);

        // Per week, latest first, the report current at its end.
        var weeks = reports.GroupBy(r => r.Report.WeekStart)
            .OrderByDescending(g => g.Key)
            .Select(g => CurrentReportRule.Current(g, r => r.Report.WeekStart, r => r.Report.ReportedAt, r => r.Id)!.Report)
            .ToList();
        return new OfferingParticulars(version, offering.Description, offering.ReferralInfo, offering.Provider, offering.Locations, weeks);
    }
}
