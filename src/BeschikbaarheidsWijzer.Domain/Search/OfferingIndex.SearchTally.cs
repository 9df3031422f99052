using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Search;

public sealed partial class OfferingIndex
{
    /// <summary>
    /// One search's scan of one list: the candidates for the page, and the counts behind the facets, each facet counted
    /// with every other active filter but its own.
    /// </summary>
    private sealed class SearchTally(
        Vocabulary vocabulary, bool[] selected, TopicFilter topics, EffectiveNorm?[] norms, SearchCriteria criteria, SearchContext context)
    {
        // Per care type and verdict: what passes every filter but the care type and the norm.
        private readonly int[] _counts = new int[vocabulary.CareTypes.Length * StatusCount];

        // Per care type: offerings of care types not asked for, counted from the struct alone (no filter needs figures).
        private readonly int[] _countedWithoutFigures = new int[vocabulary.CareTypes.Length];
        private readonly int[] _topicCounts = new int[vocabulary.Tags.Length];

        // Without a derived filter or within-norm, an offering of a care type not asked for needs no figures.
        private readonly bool _judgeEvery = criteria.AvailableNow || criteria.MaxWaitWeeks is not null || criteria.WithinNorm;

        public List<Judgement> Candidates { get; } = [];

        public void Scan(Listing listing, bool byContract)
        {
            var sortByDistance = criteria.Sort == SearchSort.Distance;
            var entries = listing.Entries;
            for (var i = 0; i < entries.Length; i++)
            {
                ref readonly var entry = ref entries[i];
                if (!PassesStructFilters(entry, byContract))
                {
                    continue;
                }

                if (!selected[entry.CareType] && CountedForItsCareTypeOnly(listing, i, entry))
                {
                    continue;
                }

                var offering = Volatile.Read(ref listing.Offerings[i]);
                var judgement = Judgement.Of(offering, norms[entry.CareType], context);
                if (!PassesDerivedFilters(judgement.AvailableNow, judgement.EffectiveWaitWeeks, criteria))
                {
                    continue;
                }

                var normPasses = NormPasses(judgement.Status, criteria);
                if (selected[entry.CareType] && normPasses)
                {
                    // The topic facet applies every filter but the topics.
                    topics.Count(entry.TagBits, offering, _topicCounts);
                }

                if (!topics.Matches(entry.TagBits, listing.Offerings, i))
                {
                    continue;
                }

                _counts[entry.CareType * StatusCount + (int)judgement.Status]++;
                if (selected[entry.CareType] && normPasses)
                {
                    Candidates.Add(sortByDistance ? judgement.Locate(criteria.ReferencePoint) : judgement);
                }
            }
        }

        /// <summary>
        /// The filters the struct answers without reading the offering: contract, age, provider, free text; and a care type
        /// learnt after this search took its vocabulary (the offering came after the search began) is left out.
        /// </summary>
        private bool PassesStructFilters(in Entry entry, bool byContract) =>
            entry.CareType < vocabulary.CareTypes.Length
            && (!byContract || entry.IsValidOn(context.Today))
            && (criteria.Age is not { } age || (entry.AgeMin <= age && entry.AgeMax >= age))
            && (criteria.ProviderId is not { } provider || entry.ProviderId == provider)
            && (context.TextMatch is not { } text || text(entry.Id, entry.ProviderId));

        /// <summary>
        /// An offering of a care type not asked for only counts for the care type facet (which applies the topics too):
        /// counted here, from the struct and the packed figures beside it where they suffice. False when it needs judging.
        /// </summary>
        private bool CountedForItsCareTypeOnly(Listing listing, int i, in Entry entry)
        {
            if (!topics.Matches(entry.TagBits, listing.Offerings, i))
            {
                return true;
            }

            if (!_judgeEvery)
            {
                _countedWithoutFigures[entry.CareType]++;
                return true;
            }

            // Judged from the word beside the struct, one read in a sequential array instead of two objects spread over the heap.
            if (PackedFigures.TryJudge(Volatile.Read(ref listing.Figures[i]), norms[entry.CareType], context.StaleBeforeSeconds, out var packed))
            {
                if (PassesDerivedFilters(packed.AvailableNow, packed.EffectiveWaitWeeks, criteria))
                {
                    _counts[entry.CareType * StatusCount + (int)packed.Status]++;
                }

                return true;
            }

            return false;
        }

        /// <summary>The care type facet (with the norm filter, not the care type), and the verdicts of the care types asked for.</summary>
        public (List<FacetCount> CareTypes, NormStatusCounts Statuses) CareTypesAndStatuses()
        {
            var careTypes = new List<FacetCount>();
            var statuses = new int[StatusCount];
            for (var ordinal = 0; ordinal < vocabulary.CareTypes.Length; ordinal++)
            {
                var count = _countedWithoutFigures[ordinal];
                for (var status = 0; status < StatusCount; status++)
                {
                    var cell = _counts[ordinal * StatusCount + status];
                    if (NormPasses((NormStatus)status, criteria))
                    {
                        count += cell;
                    }

                    if (selected[ordinal])
                    {
                        statuses[status] += cell;
                    }
                }

                if (count > 0)
                {
                    careTypes.Add(new FacetCount(vocabulary.CareTypes[ordinal], count));
                }
            }

            return (ByCountThenCode(careTypes), new NormStatusCounts(
                statuses[(int)NormStatus.Within], statuses[(int)NormStatus.Partial], statuses[(int)NormStatus.Exceeded], statuses[(int)NormStatus.Unknown]));
        }

        /// <summary>The topic facet.</summary>
        public List<FacetCount> Topics() =>
            ByCountThenCode(vocabulary.Tags.Select((code, bit) => new FacetCount(code, _topicCounts[bit])).Where(t => t.Count > 0).ToList());
    }
}
