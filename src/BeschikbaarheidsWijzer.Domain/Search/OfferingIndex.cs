using System.Collections.Concurrent;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Search;

/// <summary>What a search judges with: the moment, when figures go stale, the norm per care type, and the free-text matches.</summary>
/// <param name="Norms">The effective norm per care type code for the search's region (null: no norm applies).</param>
/// <param name="TextMatch">Whether an offering matches the search's free text; null when the search has none.</param>
public sealed record SearchContext(
    DateTimeOffset Now,
    int StaleAfterDays,
    IReadOnlyDictionary<string, EffectiveNorm?> Norms,
    Func<IndexedOffering, bool>? TextMatch = null)
{
    public DateOnly Today { get; } = IsoWeek.ToAmsterdamDate(Now);
}

/// <summary>One offering as a search judged it: its norm and status, whether it can take a referral now, and where it is nearest.</summary>
public sealed record OfferingMatch(
    IndexedOffering Offering,
    EffectiveNorm? Norm,
    NormStatus NormStatus,
    bool Stale,
    bool AvailableNow,
    int? EffectiveWaitWeeks,
    IndexedLocation? Nearest,
    double? DistanceKm);

public sealed record CareTypeCount(string Code, int Count);

public sealed record NormStatusCounts(int Within, int Exceeded, int Unknown);

/// <summary>A page of matches, how many match in all, and the facet counts (each with every other filter applied).</summary>
public sealed record SearchOutcome(IReadOnlyList<OfferingMatch> Page, int Total, IReadOnlyList<CareTypeCount> CareTypes, NormStatusCounts NormStatuses);

/// <summary>
/// The searchable offerings, in memory, with the contracted ones per municipality at hand. Filters, facets, sorting and what
/// the items say all come from the same domain rules (<see cref="NormEvaluator"/>, <see cref="AvailabilityRules"/>), so
/// they cannot disagree. Safe for many readers and one writer at a time: a reader sees each offering either before or
/// after an update, never half of one.
/// </summary>
public sealed class OfferingIndex
{
    private readonly ConcurrentDictionary<Guid, IndexedOffering> _offerings = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, IndexedOffering>> _byMunicipality = new(StringComparer.Ordinal);

    public int Count => _offerings.Count;

    public IndexedOffering? Find(Guid id) => _offerings.GetValueOrDefault(id);

    /// <summary>Adds the offering or replaces the one with its id (also where it is contracted).</summary>
    public void Upsert(IndexedOffering offering)
    {
        var previous = _offerings.GetValueOrDefault(offering.Id);
        var municipalities = offering.Contracts.Select(c => c.MunicipalityCode).ToHashSet(StringComparer.Ordinal);
        foreach (var code in municipalities)
        {
            _byMunicipality.GetOrAdd(code, _ => new ConcurrentDictionary<Guid, IndexedOffering>())[offering.Id] = offering;
        }

        _offerings[offering.Id] = offering;
        if (previous is not null)
        {
            foreach (var code in previous.Contracts.Select(c => c.MunicipalityCode).Where(c => !municipalities.Contains(c)))
            {
                RemoveFromMunicipality(code, offering.Id);
            }
        }
    }

    /// <summary>Takes the offering out (deleted, or its provider deleted); nothing happens when it is not there.</summary>
    public void Remove(Guid id)
    {
        if (!_offerings.TryRemove(id, out var previous))
        {
            return;
        }

        foreach (var code in previous.Contracts.Select(c => c.MunicipalityCode).Distinct(StringComparer.Ordinal))
        {
            RemoveFromMunicipality(code, id);
        }
    }

    /// <summary>Judges one offering as a search from <paramref name="referencePoint"/> would show it.</summary>
    public static OfferingMatch Judge(IndexedOffering offering, SearchContext context, (double Lat, double Lon)? referencePoint)
    {
        var current = offering.Current;
        var norm = context.Norms.GetValueOrDefault(offering.CareTypeCode);
        var stale = current is not null && AvailabilityRules.IsStale(current.ReportedAt, context.Now, context.StaleAfterDays);
        var availableNow = current is not null
                           && AvailabilityRules.IsAvailableNow(current.AcceptingReferrals, stale, current.FreePlaces, current.WaitToIntakeWeeks);
        var status = NormEvaluator.Evaluate(current?.Waits, norm?.Norm);

        // The nearest location; without a reference point the first by name, as the display wants one place.
        IndexedLocation? nearest = null;
        double? distance = null;
        foreach (var location in offering.Locations)
        {
            double? d = referencePoint is { } p ? GeoDistance.Kilometers(p.Lat, p.Lon, location.Lat, location.Lon) : null;
            if (nearest is null || (d ?? 0) < (distance ?? 0) || ((d ?? 0) == (distance ?? 0) && string.CompareOrdinal(location.Name, nearest.Name) < 0))
            {
                nearest = location;
                distance = d;
            }
        }

        return new OfferingMatch(offering, norm, status, stale, availableNow, current?.Waits.EffectiveWaitWeeks, nearest, distance);
    }

    public SearchOutcome Search(SearchCriteria criteria, SearchContext context)
    {
        IEnumerable<IndexedOffering> candidates = criteria.MunicipalityCode is { } code && criteria.RequireContract
            ? (IEnumerable<IndexedOffering>?)_byMunicipality.GetValueOrDefault(code)?.Values ?? []
            : _offerings.Values;

        var cells = new Dictionary<(string CareType, NormStatus Status), int>();
        var matches = new List<OfferingMatch>();
        foreach (var offering in candidates)
        {
            if (!PassesOfferingFilters(offering, criteria, context))
            {
                continue;
            }

            var match = Judge(offering, context, criteria.ReferencePoint);
            if (!PassesDerivedFilters(match, criteria))
            {
                continue;
            }

            var cell = (offering.CareTypeCode, match.NormStatus);
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
            if (CareTypePasses(offering.CareTypeCode, criteria) && NormPasses(match.NormStatus, criteria))
            {
                matches.Add(match);
            }
        }

        matches.Sort(Comparer(criteria));
        var page = matches.Skip((criteria.Page - 1) * criteria.PageSize).Take(criteria.PageSize).ToList();

        // Each facet counts with every other active filter, but not its own.
        var careTypes = cells.Where(c => NormPasses(c.Key.Status, criteria))
            .GroupBy(c => c.Key.CareType)
            .Select(g => new CareTypeCount(g.Key, g.Sum(c => c.Value)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        var statuses = cells.Where(c => CareTypePasses(c.Key.CareType, criteria))
            .GroupBy(c => c.Key.Status)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        return new SearchOutcome(page, matches.Count, careTypes, new NormStatusCounts(
            statuses.GetValueOrDefault(NormStatus.Within), statuses.GetValueOrDefault(NormStatus.Exceeded), statuses.GetValueOrDefault(NormStatus.Unknown)));
    }

    private static bool PassesOfferingFilters(IndexedOffering offering, SearchCriteria criteria, SearchContext context)
    {
        if (criteria.MunicipalityCode is { } municipality && criteria.RequireContract && !offering.IsContractedOn(municipality, context.Today))
        {
            return false;
        }

        if (criteria.Age is { } age && (offering.AgeMin > age || offering.AgeMax < age))
        {
            return false;
        }

        foreach (var tag in criteria.Tags)
        {
            if (!offering.Tags.Contains(tag))
            {
                return false;
            }
        }

        return (criteria.ProviderId is not { } provider || offering.ProviderId == provider)
               && (criteria.OfferingId is not { } only || offering.Id == only)
               && (criteria.ExcludeOfferingId is not { } excluded || offering.Id != excluded)
               && (context.TextMatch is null || context.TextMatch(offering));
    }

    private static bool PassesDerivedFilters(OfferingMatch match, SearchCriteria criteria) =>
        (!criteria.AvailableNow || match.AvailableNow)
        && (criteria.MaxWaitWeeks is not { } maxWait || match.EffectiveWaitWeeks <= maxWait)
        && (!criteria.AcceptingReferralsOnly || match.Offering.Current?.AcceptingReferrals == true)
        && (criteria.EffectiveWaitBelow is not { } below || match.EffectiveWaitWeeks < below);

    private static bool CareTypePasses(string careType, SearchCriteria criteria) => criteria.CareTypes.Count == 0 || criteria.CareTypes.Contains(careType);

    private static bool NormPasses(NormStatus status, SearchCriteria criteria) => !criteria.WithinNorm || status == NormStatus.Within;

    private static Comparison<OfferingMatch> Comparer(SearchCriteria criteria) => criteria.Sort switch
    {
        SearchSort.Distance => (a, b) => NullsLast(a.DistanceKm, b.DistanceKm) is var c and not 0 ? c : ByWait(a, b),
        SearchSort.Name => (a, b) =>
            string.CompareOrdinal(a.Offering.ProviderNameLower, b.Offering.ProviderNameLower) is var c and not 0 ? c
            : string.CompareOrdinal(a.Offering.TitleLower, b.Offering.TitleLower) is var t and not 0 ? t
            : CompareIds(a.Offering.Id, b.Offering.Id),
        SearchSort.Updated => (a, b) =>
            NullsLast(b.Offering.Current?.ReportedAt, a.Offering.Current?.ReportedAt, nullsLastWhenDescending: true) is var c and not 0 ? c
            : CompareIds(a.Offering.Id, b.Offering.Id),
        _ when criteria.WithinNormFirst => (a, b) =>
            (b.NormStatus == NormStatus.Within).CompareTo(a.NormStatus == NormStatus.Within) is var c and not 0 ? c : ByWait(a, b),
        _ => ByWait,
    };

    /// <summary>Shortest effective wait first, unknown last; then provider, title and id, so the order is stable.</summary>
    private static int ByWait(OfferingMatch a, OfferingMatch b) =>
        NullsLast(a.EffectiveWaitWeeks, b.EffectiveWaitWeeks) is var c and not 0 ? c
        : string.CompareOrdinal(a.Offering.ProviderName, b.Offering.ProviderName) is var p and not 0 ? p
        : string.CompareOrdinal(a.Offering.Title, b.Offering.Title) is var t and not 0 ? t
        : CompareIds(a.Offering.Id, b.Offering.Id);

    /// <summary>Ascending with nulls after every value; with the arguments swapped (descending), nulls still last.</summary>
    private static int NullsLast<T>(T? a, T? b, bool nullsLastWhenDescending = false) where T : struct, IComparable<T>
    {
        if (a is null || b is null)
        {
            var order = (a is null).CompareTo(b is null);
            return nullsLastWhenDescending ? -order : order;
        }

        return a.Value.CompareTo(b.Value);
    }

    /// <summary>In the order PostgreSQL sorts uuids (byte by byte, as written), which <see cref="Guid.CompareTo(Guid)"/> is not.</summary>
    public static int CompareIds(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }

    private void RemoveFromMunicipality(string code, Guid id)
    {
        if (_byMunicipality.TryGetValue(code, out var offerings))
        {
            offerings.TryRemove(id, out _);
        }
    }
}
