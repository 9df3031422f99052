using System.Collections.Concurrent;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;

namespace BeschikbaarheidsWijzer.Domain.Search;

/// <summary>What a search judges with: the moment, when figures go stale, the norm per care type, and the free-text matches.</summary>
/// <param name="Norms">The effective norm per care type code for the search's region (null: no norm applies).</param>
/// <param name="TextMatch">Whether an offering (by its id and its provider's id) matches the search's free text; null when the search has none.</param>
public sealed record SearchContext(
    DateTimeOffset Now,
    int StaleAfterDays,
    IReadOnlyDictionary<string, EffectiveNorm?> Norms,
    Func<Guid, Guid, bool>? TextMatch = null)
{
    public DateOnly Today { get; } = IsoWeek.ToAmsterdamDate(Now);

    /// <summary>Figures reported before this are stale (<see cref="AvailabilityRules.IsStale"/>, worked out once per search).</summary>
    public DateTimeOffset StaleBefore { get; } = Now - TimeSpan.FromDays(StaleAfterDays);

    /// <summary><see cref="StaleBefore"/> in whole seconds since <see cref="PackedFigures.Epoch"/>, rounded down.</summary>
    internal long StaleBeforeSeconds { get; } = (long)Math.Floor((Now - TimeSpan.FromDays(StaleAfterDays) - PackedFigures.Epoch).TotalSeconds);
}

/// <summary>One offering as a search judged it: its norm and status, whether it can take a referral now, and where it is nearest.</summary>
public sealed record OfferingMatch(
    IndexedOffering Offering,
    EffectiveNorm? Norm,
    NormVerdict Verdict,
    bool Stale,
    bool AvailableNow,
    int? EffectiveWaitWeeks,
    IndexedLocation? Nearest,
    double? DistanceKm)
{
    public NormStatus NormStatus => Verdict.Status;
}

/// <summary>A facet value (a care type or topic code) and how many matches it has.</summary>
public sealed record FacetCount(string Code, int Count);

public sealed record NormStatusCounts(int Within, int Partial, int Exceeded, int Unknown);

/// <summary>A page of matches, how many match in all, and the facet counts (each with every other filter applied).</summary>
/// <param name="Tags">Per topic, the matches that have it with every filter but the topics applied.</param>
public sealed record SearchOutcome(
    IReadOnlyList<OfferingMatch> Page, int Total, IReadOnlyList<FacetCount> CareTypes, NormStatusCounts NormStatuses, IReadOnlyList<FacetCount> Tags);

/// <summary>
/// The searchable offerings, in memory, with the contracted ones per municipality at hand. Filters, facets, sorting and what
/// the items say all come from the same domain rules (<see cref="NormEvaluator"/>, <see cref="AvailabilityRules"/>), so
/// they cannot disagree.
/// <para>
/// Laid out for the scan every search makes: per municipality (and one national list) an array of small structs with what
/// filters and counts need that only an administrator changes (care type, ages, tags, contract period, ids), walked in
/// order, beside an array with each offering's current version, read only for the candidates that need their figures. A new
/// report replaces one element of the second array per list (one reference write: a reader sees the old or the new
/// version). Lists are rebuilt, and published whole, only when offerings come or go or what the structs hold changes.
/// Many readers, one writer at a time.
/// </para>
/// </summary>
public sealed partial class OfferingIndex
{
    private const string National = "";

    /// <summary>How many <see cref="NormStatus"/> values there are: the facet counts keep one cell per care type and status.</summary>
    private const int StatusCount = 4;

    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<Guid, IndexedOffering> _byId = new();
    private readonly ConcurrentDictionary<string, Listing> _listings = new(StringComparer.Ordinal);

    // The writer's own account: who is listed where, at which position, and the small vocabularies behind the structs.
    private readonly Dictionary<string, HashSet<Guid>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<Guid, int>> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _careTypeOrdinals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tagBits = new(StringComparer.Ordinal);
    private volatile Vocabulary _vocabulary = new([], new Dictionary<string, int>(), [], new Dictionary<string, int>());

    public int Count => _byId.Count;

    public IndexedOffering? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>Every offering in the index (safe to enumerate while the writer works: each is one version or the next).</summary>
    public IEnumerable<IndexedOffering> All => _byId.Values;

    /// <summary>Adds the offering or replaces the one with its id (also where it is contracted).</summary>
    public void Upsert(IndexedOffering offering) => Apply([offering], []);

    /// <summary>Takes the offering out (deleted, or its provider deleted); nothing happens when it is not there.</summary>
    public void Remove(Guid id) => Apply([], [id]);

    /// <summary>Adds or replaces <paramref name="upserts"/> and takes out <paramref name="removals"/>, rebuilding each changed list once.</summary>
    public void Apply(IEnumerable<IndexedOffering> upserts, IEnumerable<Guid> removals)
    {
        lock (_writeLock)
        {
            var rebuild = new HashSet<string>(StringComparer.Ordinal);
            var swaps = new List<IndexedOffering>();
            foreach (var offering in upserts)
            {
                Learn(offering);
                if (_byId.TryGetValue(offering.Id, out var previous) && !ListedDifferently(previous, offering))
                {
                    swaps.Add(offering);
                }
                else
                {
                    if (previous is not null)
                    {
                        Unlist(previous, rebuild);
                    }

                    List(offering, rebuild);
                }

                _byId[offering.Id] = offering;
            }

            foreach (var id in removals)
            {
                if (_byId.TryRemove(id, out var previous))
                {
                    Unlist(previous, rebuild);
                }
            }

            foreach (var code in rebuild)
            {
                Rebuild(code);
            }

            // What only changed its figures (or names) keeps its place: one reference write per list it is in.
            foreach (var offering in swaps)
            {
                var figures = PackedFigures.Pack(offering.Current);
                foreach (var code in ListsOf(offering).Where(c => !rebuild.Contains(c)))
                {
                    if (_listings.TryGetValue(code, out var listing) && _positions[code].TryGetValue(offering.Id, out var position))
                    {
                        Volatile.Write(ref listing.Figures[position], figures);
                        Volatile.Write(ref listing.Offerings[position], offering);
                    }
                }
            }
        }
    }

    /// <summary>Judges one offering as a search from <paramref name="referencePoint"/> would show it.</summary>
    public static OfferingMatch Judge(IndexedOffering offering, SearchContext context, (double Lat, double Lon)? referencePoint) =>
        Judgement.Of(offering, context.Norms.GetValueOrDefault(offering.CareTypeCode), context).Locate(referencePoint).ToMatch();

    public SearchOutcome Search(SearchCriteria criteria, SearchContext context)
    {
        var vocabulary = _vocabulary;
        var byContract = criteria.MunicipalityCode is not null && criteria.RequireContract;
        var tally = new SearchTally(vocabulary, SelectedCareTypes(criteria, vocabulary), TopicFilter.Of(criteria.Tags, vocabulary),
            NormsByOrdinal(vocabulary, context), criteria, context);
        if (_listings.GetValueOrDefault(byContract ? criteria.MunicipalityCode! : National) is { } listing)
        {
            tally.Scan(listing, byContract);
        }

        var (careTypes, statuses) = tally.CareTypesAndStatuses();
        return new SearchOutcome(PageOf(tally.Candidates, criteria), tally.Candidates.Count, careTypes, statuses, tally.Topics());
    }

    /// <summary>The care types asked for: those named, or (naming none) every care type but those nobody chooses from a list.</summary>
    private static bool[] SelectedCareTypes(SearchCriteria criteria, Vocabulary vocabulary)
    {
        var selected = new bool[vocabulary.CareTypes.Length];
        if (criteria.CareTypes.Count == 0)
        {
            for (var ordinal = 0; ordinal < selected.Length; ordinal++)
            {
                selected[ordinal] = !CareTypeRules.IsLeftOutUnlessNamed(vocabulary.CareTypes[ordinal]);
            }
        }
        else
        {
            foreach (var code in criteria.CareTypes)
            {
                if (vocabulary.CareTypeOrdinals.TryGetValue(code, out var ordinal))
                {
                    selected[ordinal] = true;
                }
            }
        }

        return selected;
    }

    /// <summary>The page asked for, in the order asked for; distances only where needed (all of them to sort by them).</summary>
    private static List<OfferingMatch> PageOf(List<Judgement> candidates, SearchCriteria criteria)
    {
        var sortByDistance = criteria.Sort == SearchSort.Distance;
        return Top(candidates, criteria.Page * criteria.PageSize, Comparer(criteria))
            .Skip((criteria.Page - 1) * criteria.PageSize)
            .Take(criteria.PageSize)
            .Select(j => (sortByDistance ? j : j.Locate(criteria.ReferencePoint)).ToMatch())
            .ToList();
    }

    /// <summary>
    /// Other offerings a family could turn to instead of <paramref name="offeringId"/> in <paramref name="municipalityCode"/>
    /// (the v2 rule): the same care type, contracted there today, accepting referrals, figures not stale, fitting
    /// <paramref name="age"/> when given, and with a known effective wait shorter than this offering's, or, when this
    /// offering's wait is unknown, within the norm. Within the norm first, then the shortest wait, then the nearest.
    /// </summary>
    public IReadOnlyList<OfferingMatch> Alternatives(
        Guid offeringId, string municipalityCode, int? age, (double Lat, double Lon)? referencePoint, SearchContext context, int max)
    {
        var vocabulary = _vocabulary;
        if (_byId.GetValueOrDefault(offeringId) is not { } offering
            || !vocabulary.CareTypeOrdinals.TryGetValue(offering.CareTypeCode, out var careType)
            || _listings.GetValueOrDefault(municipalityCode) is not { } listing)
        {
            return [];
        }

        var norm = context.Norms.GetValueOrDefault(offering.CareTypeCode);
        var waitToBeat = Judgement.Of(offering, norm, context).EffectiveWaitWeeks;
        var found = new List<Judgement>();
        var entries = listing.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            if (entry.CareType != careType || entry.Id == offeringId || !entry.IsValidOn(context.Today)
                || (age is { } a && (entry.AgeMin > a || entry.AgeMax < a)))
            {
                continue;
            }

            var judgement = Judgement.Of(Volatile.Read(ref listing.Offerings[i]), norm, context);
            var improves = waitToBeat is { } wait
                ? judgement.EffectiveWaitWeeks < wait
                : judgement.Status == NormStatus.Within;
            if (judgement.Offering.Current?.AcceptingReferrals == true && !judgement.Stale && improves)
            {
                found.Add(judgement.Locate(referencePoint));
            }
        }

        found.Sort(static (a, b) =>
            (b.Status == NormStatus.Within).CompareTo(a.Status == NormStatus.Within) is var c and not 0 ? c
            : NullsLast(a.EffectiveWaitWeeks, b.EffectiveWaitWeeks) is var w and not 0 ? w
            : NullsLast(a.DistanceKm, b.DistanceKm) is var d and not 0 ? d
            : ByWait(a, b));
        return found.Take(max).Select(j => j.ToMatch()).ToList();
    }

    private static List<FacetCount> ByCountThenCode(List<FacetCount> counts)
    {
        counts.Sort((a, b) => b.Count.CompareTo(a.Count) is var c and not 0 ? c : string.CompareOrdinal(a.Code, b.Code));
        return counts;
    }

    /// <summary>Each care type's norm looked up once, not once for every offering judged.</summary>
    private static EffectiveNorm?[] NormsByOrdinal(Vocabulary vocabulary, SearchContext context)
    {
        var norms = new EffectiveNorm?[vocabulary.CareTypes.Length];
        for (var ordinal = 0; ordinal < norms.Length; ordinal++)
        {
            norms[ordinal] = context.Norms.GetValueOrDefault(vocabulary.CareTypes[ordinal]);
        }

        return norms;
    }

    /// <summary>Whether the lists must hold the offering otherwise: what the structs keep, or where it is contracted, changed.</summary>
    private static bool ListedDifferently(IndexedOffering a, IndexedOffering b) =>
        a.CareTypeCode != b.CareTypeCode || a.AgeMin != b.AgeMin || a.AgeMax != b.AgeMax || a.ProviderId != b.ProviderId
        || !a.Tags.SequenceEqual(b.Tags) || !a.Contracts.SequenceEqual(b.Contracts);

    private static IEnumerable<string> ListsOf(IndexedOffering offering) =>
        offering.Contracts.Select(c => c.MunicipalityCode).Distinct(StringComparer.Ordinal).Append(National);

    private void List(IndexedOffering offering, HashSet<string> rebuild)
    {
        foreach (var code in ListsOf(offering))
        {
            if (!_members.TryGetValue(code, out var members))
            {
                _members[code] = members = [];
            }

            members.Add(offering.Id);
            rebuild.Add(code);
        }
    }

    private void Unlist(IndexedOffering offering, HashSet<string> rebuild)
    {
        foreach (var code in ListsOf(offering))
        {
            _members.GetValueOrDefault(code)?.Remove(offering.Id);
            rebuild.Add(code);
        }
    }

    private void Rebuild(string code)
    {
        var members = _members.GetValueOrDefault(code) ?? [];
        var offerings = new IndexedOffering[members.Count];
        var figures = new ulong[members.Count];
        var entries = new Entry[members.Count];
        var positions = new Dictionary<Guid, int>(members.Count);
        var i = 0;
        foreach (var id in members)
        {
            var offering = _byId[id];
            offerings[i] = offering;
            figures[i] = PackedFigures.Pack(offering.Current);
            entries[i] = EntryFor(offering, code == National ? null : code);
            positions[id] = i++;
        }

        _positions[code] = positions;
        _listings[code] = new Listing(entries, offerings, figures);
    }

    private Entry EntryFor(IndexedOffering offering, string? municipality)
    {
        ulong tagBits = 0;
        foreach (var tag in offering.Tags)
        {
            if (_tagBits[tag] is var bit and < 64)
            {
                tagBits |= 1UL << bit;
            }
        }

        var periods = municipality is null ? [] : offering.Contracts.Where(c => c.MunicipalityCode == municipality).ToArray();
        return new Entry(
            offering.Id, offering.ProviderId, _careTypeOrdinals[offering.CareTypeCode], offering.AgeMin, offering.AgeMax, tagBits,
            periods.Length > 0 ? periods[0] : default, periods.Length > 1 ? periods[1..] : null);
    }

    /// <summary>Gives new care types and tags their ordinal and bit; readers get the grown vocabulary in one publication.</summary>
    private void Learn(IndexedOffering offering)
    {
        var grown = false;
        if (!_careTypeOrdinals.ContainsKey(offering.CareTypeCode))
        {
            _careTypeOrdinals[offering.CareTypeCode] = _careTypeOrdinals.Count;
            grown = true;
        }

        foreach (var tag in offering.Tags.Where(t => !_tagBits.ContainsKey(t)))
        {
            _tagBits[tag] = _tagBits.Count;
            grown = true;
        }

        if (grown)
        {
            _vocabulary = new Vocabulary(
                [.. _careTypeOrdinals.OrderBy(c => c.Value).Select(c => c.Key)],
                new Dictionary<string, int>(_careTypeOrdinals, StringComparer.Ordinal),
                [.. _tagBits.OrderBy(t => t.Value).Select(t => t.Key)],
                new Dictionary<string, int>(_tagBits, StringComparer.Ordinal));
        }
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

    private static bool PassesDerivedFilters(bool availableNow, int? effectiveWaitWeeks, SearchCriteria criteria) =>
        (!criteria.AvailableNow || availableNow)
        && (criteria.MaxWaitWeeks is not { } maxWait || effectiveWaitWeeks <= maxWait);

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
        // Only a place that can be taken counts: free places beside an aanmeldstop or old figures are not room now.
        SearchSort.FreePlaces => (a, b) =>
            NullsLast(RoomNow(b), RoomNow(a), nullsLastWhenDescending: true) is var c and not 0 ? c : ByWait(a, b),
        _ => ByWait,
    };

    private static int? RoomNow(Judgement judgement) => judgement.AvailableNow ? judgement.Offering.Current!.FreePlaces : null;

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

    /// <summary>Care type codes by ordinal and tags by bit, and the ordinals and tag bits by code, as the lists' structs use them.</summary>
    private sealed record Vocabulary(string[] CareTypes, IReadOnlyDictionary<string, int> CareTypeOrdinals, string[] Tags, IReadOnlyDictionary<string, int> TagBits);

    /// <summary>
    /// The topics asked for, any of which an offering must have (none asked: every offering passes). Topics past the 64th
    /// bit are looked up in the offering's own list; a topic no offering has matches nothing.
    /// </summary>
    private readonly struct TopicFilter
    {
        private readonly ulong _mask;
        private readonly string[] _beyondBits;
        private readonly bool _active;
        private readonly IReadOnlyDictionary<string, int> _bits;

        private TopicFilter(ulong mask, string[] beyondBits, bool active, IReadOnlyDictionary<string, int> bits) =>
            (_mask, _beyondBits, _active, _bits) = (mask, beyondBits, active, bits);

        public static TopicFilter Of(IReadOnlyList<string> tags, Vocabulary vocabulary)
        {
            ulong mask = 0;
            var beyond = new List<string>();
            foreach (var tag in tags)
            {
                if (vocabulary.TagBits.TryGetValue(tag, out var bit))
                {
                    if (bit < 64)
                    {
                        mask |= 1UL << bit;
                    }
                    else
                    {
                        beyond.Add(tag);
                    }
                }
            }

            return new TopicFilter(mask, [.. beyond], tags.Count > 0, vocabulary.TagBits);
        }

        /// <summary>Tags are the same in every version a list holds (a change of tags rebuilds the list).</summary>
        public bool Matches(ulong tagBits, IndexedOffering[] offerings, int position)
        {
            if (!_active || (tagBits & _mask) != 0)
            {
                return true;
            }

            if (_beyondBits.Length == 0)
            {
                return false;
            }

            var tags = Volatile.Read(ref offerings[position]).Tags;
            foreach (var tag in _beyondBits)
            {
                if (tags.Contains(tag))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds one to the count of each topic the offering has (by bit, as <see cref="Vocabulary.Tags"/> lists them).</summary>
        public void Count(ulong tagBits, IndexedOffering offering, int[] counts)
        {
            for (var bits = tagBits; bits != 0; bits &= bits - 1)
            {
                // A topic learnt after this search took its vocabulary has no count of its own here.
                if (System.Numerics.BitOperations.TrailingZeroCount(bits) is var bit && bit < counts.Length)
                {
                    counts[bit]++;
                }
            }

            if (counts.Length > 64)
            {
                foreach (var tag in offering.Tags)
                {
                    if (_bits.TryGetValue(tag, out var bit) && bit >= 64 && bit < counts.Length)
                    {
                        counts[bit]++;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One list: the structs, and beside them each offering's current version at the same position, and that version's
    /// figures packed into one word (<see cref="PackedFigures"/>) so a count need not read the offering.
    /// </summary>
    private sealed record Listing(Entry[] Entries, IndexedOffering[] Offerings, ulong[] Figures);

    /// <summary>What a scan needs of an offering in one list, none of which a new report changes.</summary>
    private readonly record struct Entry(
        Guid Id, Guid ProviderId, int CareType, int AgeMin, int AgeMax, ulong TagBits,
        IndexedContract Period, IndexedContract[]? MorePeriods)
    {
        /// <summary>Whether a contract for this list's municipality is valid on <paramref name="date"/>.</summary>
        public bool IsValidOn(DateOnly date)
        {
            if (Period.IsValidOn(date))
            {
                return true;
            }

            foreach (var period in MorePeriods ?? [])
            {
                if (period.IsValidOn(date))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>What the rules say of an offering at a moment, and (when asked) where it is nearest.</summary>
    private readonly record struct Judgement(
        IndexedOffering Offering, EffectiveNorm? Norm, NormStatus Status, bool Stale, bool AvailableNow, int? EffectiveWaitWeeks,
        IndexedLocation? Nearest = null, double? DistanceKm = null)
    {
        public static Judgement Of(IndexedOffering offering, EffectiveNorm? norm, SearchContext context)
        {
            if (offering.Current is not { } current)
            {
                return new Judgement(offering, norm, NormStatus.Unknown, false, false, null);
            }

            var stale = current.ReportedAt < context.StaleBefore;
            var intake = current.WaitToIntakeWeeks;
            var treatment = current.WaitToTreatmentWeeks;
            return new Judgement(
                offering,
                norm,
                NormEvaluator.Evaluate(intake, treatment, norm?.Norm),
                stale,
                AvailabilityRules.IsAvailableNow(current.AcceptingReferrals, stale, current.FreePlaces, intake),
                WaitFigures.EffectiveWait(intake, treatment));
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

        /// <summary>As shown: with the verdict per phase, worked out only for the offerings a page shows.</summary>
        public OfferingMatch ToMatch() => new(
            Offering, Norm, NormEvaluator.Judge(Offering.Current?.WaitToIntakeWeeks, Offering.Current?.WaitToTreatmentWeeks, Norm?.Norm),
            Stale, AvailableNow, EffectiveWaitWeeks, Nearest, DistanceKm);
    }
}
