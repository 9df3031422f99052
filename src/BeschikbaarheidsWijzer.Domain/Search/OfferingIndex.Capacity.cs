using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Search;

/// <summary>
/// A municipality's capacity for one care type today, as the lokale toegang asks it every morning. Each count equals the
/// total of the search with the same municipality, care type and age plus one filter: <see cref="AvailableNow"/> is
/// "nu plek", <see cref="WithinNorm"/> "binnen de norm" (the v2 verdict <c>within</c>, whatever the figures' age). The waits
/// are over current figures only (<see cref="CurrentWaits"/> of them): an old figure is no answer to "how long now".
/// </summary>
public sealed record CareTypeCapacity(
    string CareTypeCode,
    int Offerings,
    int AvailableNow,
    int WithinNorm,
    int Stale,
    int WithoutFigures,
    int CurrentWaits,
    int? ShortestWaitWeeks,
    double? MedianWaitWeeks);

public sealed partial class OfferingIndex
{
    /// <summary>
    /// Per care type contracted in <paramref name="municipalityCode"/> today (and fitting <paramref name="age"/> when given):
    /// how many offerings, how many with room now and within the norm, how many with stale or no figures, and the shortest
    /// and median effective wait of the current figures. Care types without an offering there are left out; by code.
    /// </summary>
    public IReadOnlyList<CareTypeCapacity> Capacity(string municipalityCode, int? age, SearchContext context)
    {
        var vocabulary = _vocabulary;
        if (_listings.GetValueOrDefault(municipalityCode) is not { } listing)
        {
            return [];
        }

        var norms = NormsByOrdinal(vocabulary, context);
        var tallies = new CapacityTally?[vocabulary.CareTypes.Length];
        var entries = listing.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            if (entry.CareType >= tallies.Length || !entry.IsValidOn(context.Today)
                || (age is { } a && (entry.AgeMin > a || entry.AgeMax < a)))
            {
                continue;
            }

            var tally = tallies[entry.CareType] ??= new CapacityTally();
            tally.Add(Judgement.Of(Volatile.Read(ref listing.Offerings[i]), norms[entry.CareType], context));
        }

        return tallies
            .Select((tally, ordinal) => tally?.ToCapacity(vocabulary.CareTypes[ordinal]))
            .OfType<CareTypeCapacity>()
            .OrderBy(c => c.CareTypeCode, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class CapacityTally
    {
        private readonly List<int> _currentWaits = [];
        private int _offerings;
        private int _availableNow;
        private int _withinNorm;
        private int _stale;
        private int _withoutFigures;

        public void Add(in Judgement judgement)
        {
            _offerings++;
            _availableNow += judgement.AvailableNow ? 1 : 0;
            _withinNorm += judgement.Status == NormStatus.Within ? 1 : 0;
            _stale += judgement.Stale ? 1 : 0;
            _withoutFigures += judgement.Offering.Current is null ? 1 : 0;
            if (!judgement.Stale && judgement.EffectiveWaitWeeks is { } wait)
            {
                _currentWaits.Add(wait);
            }
        }

        public CareTypeCapacity ToCapacity(string careTypeCode)
        {
            _currentWaits.Sort();
            var count = _currentWaits.Count;
            double? median = count == 0 ? null
                : count % 2 == 1 ? _currentWaits[count / 2]
                : (_currentWaits[(count / 2) - 1] + _currentWaits[count / 2]) / 2.0;
            return new CareTypeCapacity(careTypeCode, _offerings, _availableNow, _withinNorm, _stale, _withoutFigures, count,
                count == 0 ? null : _currentWaits[0], median);
        }
    }
}
