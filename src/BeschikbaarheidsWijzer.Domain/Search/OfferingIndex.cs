using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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
/// they cannot disagree.
/// <para>
/// Many readers, one writer at a time. Each offering lives in a cell of its own; a new report replaces the cell's content,
/// one reference write that every municipality's list sees at once. The lists (arrays, cheap to walk) are rebuilt only
/// when offerings come or go or their contracts change, and published whole, so a reader walks one consistent list.
/// </para>
/// </summary>
public sealed class OfferingIndex
{
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<Guid, Cell> _cells = new();

    // The writer's own account of who is contracted where, from which the published lists are made.
    private readonly Dictionary<string, HashSet<Cell>> _members = new(StringComparer.Ordinal);

    private volatile Cell[] _all = [];
    private readonly ConcurrentDictionary<string, Contracted> _byMunicipality = new(StringComparer.Ordinal);

    public int Count => _cells.Count;

    public IndexedOffering? Find(Guid id) => _cells.TryGetValue(id, out var cell) ? cell.Offering : null;

    /// <summary>Adds the offering or replaces the one with its id (also where it is contracted).</summary>
    public void Upsert(IndexedOffering offering) => Apply([offering], []);

    /// <summary>Takes the offering out (deleted, or its provider deleted); nothing happens when it is not there.</summary>
    public void Remove(Guid id) => Apply([], [id]);

    /// <summary>Adds or replaces <paramref name="upserts"/> and takes out <paramref name="removals"/>, rebuilding each changed list once.</summary>
    public void Apply(IEnumerable<IndexedOffering> upserts, IEnumerable<Guid> removals)
    {
        lock (_writeLock)
        {
            var changedMunicipalities = new HashSet<string>(StringComparer.Ordinal);
            var offeringsCameOrWent = false;
            foreach (var offering in upserts)
            {
                if (_cells.TryGetValue(offering.Id, out var cell))
                {
                    var previous = cell.Offering!;
                    if (!previous.Contracts.SequenceEqual(offering.Contracts))
                    {
                        Leave(cell, previous, changedMunicipalities);
                        Join(cell, offering, changedMunicipalities);
                    }

                    cell.Offering = offering;
                }
                else
                {
                    cell = new Cell { Offering = offering };
                    _cells[offering.Id] = cell;
                    Join(cell, offering, changedMunicipalities);
                    offeringsCameOrWent = true;
                }
            }

            foreach (var id in removals)
            {
                if (_cells.TryRemove(id, out var cell))
                {
                    Leave(cell, cell.Offering!, changedMunicipalities);
                    cell.Offering = null;
                    offeringsCameOrWent = true;
                }
            }

            foreach (var code in changedMunicipalities)
            {
                var members = _members.GetValueOrDefault(code) ?? [];
                var cells = members.ToArray();
                _byMunicipality[code] = new Contracted(
                    cells,
                    cells.Select(c => c.Offering!.Contracts.Where(p => p.MunicipalityCode == code).ToArray()).ToArray());
            }

            if (offeringsCameOrWent)
            {
                _all = [.. _cells.Values];
            }
        }
    }

    /// <summary>Judges one offering as a search from <paramref name="referencePoint"/> would show it.</summary>
    public static OfferingMatch Judge(IndexedOffering offering, SearchContext context, (double Lat, double Lon)? referencePoint) =>
        Judgement.Of(offering, context).Locate(referencePoint).ToMatch();

    public SearchOutcome Search(SearchCriteria criteria, SearchContext context)
    {
        var cells = new Dictionary<(string CareType, NormStatus Status), int>();
        var candidates = new List<Judgement>();
        var sortByDistance = criteria.Sort == SearchSort.Distance;
        if (criteria.MunicipalityCode is { } code && criteria.RequireContract)
        {
            if (_byMunicipality.TryGetValue(code, out var contracted))
            {
                for (var i = 0; i < contracted.Cells.Length; i++)
                {
                    if (contracted.Cells[i].Offering is { } offering && IsValidOn(contracted.Periods[i], context.Today))
                    {
                        Consider(offering);
                    }
                }
            }
        }
        else
        {
            foreach (var cell in _all)
            {
                if (cell.Offering is { } offering)
                {
                    Consider(offering);
                }
            }
        }

        // Distances where they are needed: for every candidate to sort by them, else only for the page shown.
        var page = Top(candidates, criteria.Page * criteria.PageSize, Comparer(criteria))
            .Skip((criteria.Page - 1) * criteria.PageSize)
            .Take(criteria.PageSize)
            .Select(j => (sortByDistance ? j : j.Locate(criteria.ReferencePoint)).ToMatch())
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

            CollectionsMarshal.GetValueRefOrAddDefault(cells, (offering.CareTypeCode, judgement.Status), out _)++;
            if (CareTypePasses(offering.CareTypeCode, criteria) && NormPasses(judgement.Status, criteria))
            {
                candidates.Add(sortByDistance ? judgement.Locate(criteria.ReferencePoint) : judgement);
            }
        }
    }

    private void Join(Cell cell, IndexedOffering offering, HashSet<string> changed)
    {
        foreach (var contract in offering.Contracts)
        {
            if (!_members.TryGetValue(contract.MunicipalityCode, out var members))
            {
                _members[contract.MunicipalityCode] = members = [];
            }

            members.Add(cell);
            changed.Add(contract.MunicipalityCode);
        }
    }

    private void Leave(Cell cell, IndexedOffering offering, HashSet<string> changed)
    {
        foreach (var contract in offering.Contracts)
        {
            if (_members.TryGetValue(contract.MunicipalityCode, out var members))
            {
                members.Remove(cell);
            }

            changed.Add(contract.MunicipalityCode);
        }
    }

    private static bool IsValidOn(IndexedContract[] periods, DateOnly date)
    {
        foreach (var period in periods)
        {
            if (period.IsValidOn(date))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first <paramref name="count"/> in order: a full sort when that is most of them, else a bounded heap.</summary>
    private static List<Judgement> Top(List<Judgement> candidates, int count, Comparison<Judgement> comparison)
    {
        if (count * 4 >= candidates.Count)
        {
            candidates.Sort(comparison);
            return candidates;
        }

        // A max-heap of the best so far: its root is the worst of them, the one a better candidate pushes out.
        var heap = new PriorityQueue<Judgement, Judgement>(count + 1, Comparer<Judgement>.Create((a, b) => comparison(b, a)));
        foreach (var candidate in candidates)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(candidate, candidate);
            }
            else if (comparison(candidate, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(candidate, candidate);
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

    private static Comparison<Judgement> Comparer(SearchCriteria criteria) => criteria.Sort switch
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
            (b.Status == NormStatus.Within).CompareTo(a.Status == NormStatus.Within) is var c and not 0 ? c : ByWait(a, b),
        _ => ByWait,
    };

    /// <summary>Shortest effective wait first, unknown last; then provider, title and id, so the order is stable.</summary>
    private static int ByWait(Judgement a, Judgement b) =>
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

    /// <summary>Where an offering's current version is kept; emptied when it leaves the index.</summary>
    private sealed class Cell
    {
        private volatile IndexedOffering? _offering;

        public IndexedOffering? Offering
        {
            get => _offering;
            set => _offering = value;
        }
    }

    /// <summary>The offerings with a contract in one municipality, each with its contract periods there.</summary>
    private sealed record Contracted(Cell[] Cells, IndexedContract[][] Periods);

    /// <summary>What the rules say of an offering at a moment, and (when asked) where it is nearest.</summary>
    private readonly record struct Judgement(
        IndexedOffering Offering, EffectiveNorm? Norm, NormStatus Status, bool Stale, bool AvailableNow, int? EffectiveWaitWeeks,
        IndexedLocation? Nearest = null, double? DistanceKm = null)
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

        /// <summary>With the location nearest to <paramref name="referencePoint"/>; without one, the first by name.</summary>
        public Judgement Locate((double Lat, double Lon)? referencePoint)
        {
            IndexedLocation? nearest = null;
            double? distance = null;
            foreach (var location in Offering.Locations)
            {
                double? d = referencePoint is { } p ? GeoDistance.Kilometers(p.Lat, p.Lon, location.Lat, location.Lon) : null;
                if (nearest is null || (d ?? 0) < (distance ?? 0) || ((d ?? 0) == (distance ?? 0) && string.CompareOrdinal(location.Name, nearest.Name) < 0))
                {
                    nearest = location;
                    distance = d;
                }
            }

            return this with { Nearest = nearest, DistanceKm = distance };
        }

        public OfferingMatch ToMatch() => new(Offering, Norm, Status, Stale, AvailableNow, EffectiveWaitWeeks, Nearest, DistanceKm);
    }
}
