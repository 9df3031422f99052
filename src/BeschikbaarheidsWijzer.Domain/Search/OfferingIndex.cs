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

    // Per municipality the offerings with a contract there, each with just its periods there: the check a search makes
    // for every candidate is then one or two date comparisons.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Contracted>> _byMunicipality = new(StringComparer.Ordinal);

    public int Count => _offerings.Count;

    public IndexedOffering? Find(Guid id) => _offerings.GetValueOrDefault(id);

    /// <summary>Adds the offering or replaces the one with its id (also where it is contracted).</summary>
    public void Upsert(IndexedOffering offering)
    {
        var previous = _offerings.GetValueOrDefault(offering.Id);
        var periods = offering.Contracts.GroupBy(c => c.MunicipalityCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (code, contracts) in periods)
        {
            _byMunicipality.GetOrAdd(code, _ => new ConcurrentDictionary<Guid, Contracted>())[offering.Id] = new Contracted(offering, contracts);
        }

        _offerings[offering.Id] = offering;
        if (previous is not null)
        {
            foreach (var code in previous.Contracts.Select(c => c.MunicipalityCode).Where(c => !periods.ContainsKey(c)))
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
    public static OfferingMatch Judge(IndexedOffering offering, SearchContext context, (double Lat, double Lon)? referencePoint) =>
        Judgement.Of(offering, context).ToMatch(referencePoint);

    /// <summary>The match with its nearest location to <paramref name="referencePoint"/>; without one, the first by name.</summary>
    private static OfferingMatch Locate(OfferingMatch match, (double Lat, double Lon)? referencePoint)
    {
        var (nearest, distance) = Nearest(match.Offering.Locations, referencePoint);
        return match with { Nearest = nearest, DistanceKm = distance };
    }

    private static (IndexedLocation? Nearest, double? DistanceKm) Nearest(IReadOnlyList<IndexedLocation> locations, (double Lat, double Lon)? referencePoint)
    {
        IndexedLocation? nearest = null;
        double? distance = null;
        foreach (var location in locations)
        {
            double? d = referencePoint is { } p ? GeoDistance.Kilometers(p.Lat, p.Lon, location.Lat, location.Lon) : null;
            if (nearest is null || (d ?? 0) < (distance ?? 0) || ((d ?? 0) == (distance ?? 0) && string.CompareOrdinal(location.Name, nearest.Name) < 0))
            {
                nearest = location;
                distance = d;
            }
        }

        return (nearest, distance);
    }

    public SearchOutcome Search(SearchCriteria criteria, SearchContext context)
    {
        var cells = new Dictionary<(string CareType, NormStatus Status), int>();
        var candidates = new List<OfferingMatch>();
        if (criteria.MunicipalityCode is { } code && criteria.RequireContract)
        {
            if (_byMunicipality.TryGetValue(code, out var contracted))
            {
                foreach (var (_, entry) in contracted)
                {
                    if (entry.IsValidOn(context.Today))
                    {
                        Consider(entry.Offering);
                    }
                }
            }
        }
        else
        {
            foreach (var (_, offering) in _offerings)
            {
                Consider(offering);
            }
        }

        // Distances only where they are needed: for every match to sort by them, else for the page shown.
        var sortByDistance = criteria.Sort == SearchSort.Distance;
        var page = Top(candidates, criteria.Page * criteria.PageSize, Comparer(criteria))
            .Skip((criteria.Page - 1) * criteria.PageSize)
            .Take(criteria.PageSize)
            .Select(m => sortByDistance ? m : Locate(m, criteria.ReferencePoint))
            .ToList();

        // Each facet counts with every other active filter, but not its own.
        var careTypes = cells.Where(c => NormPasses(c.Key.Status, criteria))
            .GroupBy(c => c.Key.CareType)
            .Select(g => new CareTypeCount(g.Key, g.Sum(c => c.Value)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        var statuses = cells.Where(c => CareTypePasses(c.Key.CareType, criteria))
            .GroupBy(c => c.Key.Status)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        return new SearchOutcome(page, candidates.Count, careTypes, new NormStatusCounts(
            statuses.GetValueOrDefault(NormStatus.Within), statuses.GetValueOrDefault(NormStatus.Exceeded), statuses.GetValueOrDefault(NormStatus.Unknown)));

        void Consider(IndexedOffering offering)
        {
            if (!PassesOfferingFilters(offering, criteria, context))
            {
                return;
            }

            var judgement = Judgement.Of(offering, context);
            if (!PassesDerivedFilters(judgement, criteria))
            {
                return;
            }

            var cell = (offering.CareTypeCode, judgement.Status);
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
            if (CareTypePasses(offering.CareTypeCode, criteria) && NormPasses(judgement.Status, criteria))
            {
                candidates.Add(judgement.ToMatch(criteria.Sort == SearchSort.Distance ? criteria.ReferencePoint : null));
            }
        }
    }

    /// <summary>The first <paramref name="count"/> in order: a full sort when that is most of them, else a bounded heap.</summary>
    private static List<OfferingMatch> Top(List<OfferingMatch> matches, int count, Comparison<OfferingMatch> comparison)
    {
        if (count * 4 >= matches.Count)
        {
            matches.Sort(comparison);
            return matches;
        }

        // A max-heap of the best so far: its root is the worst of them, the one a better match pushes out.
        var heap = new PriorityQueue<OfferingMatch, OfferingMatch>(count + 1, Comparer<OfferingMatch>.Create((a, b) => comparison(b, a)));
        foreach (var match in matches)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(match, match);
            }
            else if (comparison(match, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(match, match);
            }
        }

        var top = heap.UnorderedItems.Select(i => i.Element).ToList();
        top.Sort(comparison);
        return top;
    }

    /// <summary>The filters on the offering itself; the contract was checked where the candidates were taken.</summary>
    private static bool PassesOfferingFilters(IndexedOffering offering, SearchCriteria criteria, SearchContext context)
    {
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

    private static bool PassesDerivedFilters(in Judgement judgement, SearchCriteria criteria) =>
        (!criteria.AvailableNow || judgement.AvailableNow)
        && (criteria.MaxWaitWeeks is not { } maxWait || judgement.EffectiveWaitWeeks <= maxWait)
        && (!criteria.AcceptingReferralsOnly || judgement.Offering.Current?.AcceptingReferrals == true)
        && (criteria.EffectiveWaitBelow is not { } below || judgement.EffectiveWaitWeeks < below);

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

    /// <summary>An offering contracted in one municipality, with its contract periods there.</summary>
    private sealed record Contracted(IndexedOffering Offering, IndexedContract[] Periods)
    {
        public bool IsValidOn(DateOnly date)
        {
            foreach (var period in Periods)
            {
                if (period.IsValidOn(date))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>What the rules say of an offering at a moment; the distance waits until it is needed.</summary>
    private readonly record struct Judgement(IndexedOffering Offering, EffectiveNorm? Norm, NormStatus Status, bool Stale, bool AvailableNow, int? EffectiveWaitWeeks)
    {
        public static Judgement Of(IndexedOffering offering, SearchContext context)
        {
            var current = offering.Current;
            var norm = context.Norms.GetValueOrDefault(offering.CareTypeCode);
            var stale = current is not null && AvailabilityRules.IsStale(current.ReportedAt, context.Now, context.StaleAfterDays);
            var availableNow = current is not null
                               && AvailabilityRules.IsAvailableNow(current.AcceptingReferrals, stale, current.FreePlaces, current.WaitToIntakeWeeks);
            return new Judgement(offering, norm, NormEvaluator.Evaluate(current?.Waits, norm?.Norm), stale, availableNow, current?.Waits.EffectiveWaitWeeks);
        }

        public OfferingMatch ToMatch((double Lat, double Lon)? referencePoint)
        {
            var (nearest, distance) = Nearest(Offering.Locations, referencePoint);
            return new OfferingMatch(Offering, Norm, Status, Stale, AvailableNow, EffectiveWaitWeeks, nearest, distance);
        }
    }
}
