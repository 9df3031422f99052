using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Search;

/// <summary>
/// What judging an offering needs of its current figures, in one 64-bit word (read and written atomically), so that a
/// search counting thousands of offerings for its facets reads one array instead of two objects per offering. A word that
/// cannot say (0: never packed; weeks beyond 12 bits; a report before 2000 or after 2068; a report within the very second
/// figures turn stale) sends the caller to the offering itself, so the outcome is always that of <see cref="AvailabilityRules"/>
/// and <see cref="NormEvaluator"/> on the real figures.
/// </summary>
internal static class PackedFigures
{
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int WeekBits = 12;
    private const int MaxWeeks = (1 << WeekBits) - 1;
    private const int SecondBits = 31;

    // Bit 0 says the word is usable; then: has figures, accepting, a free place, intake (null bit + 12), treatment (null bit + 12),
    // seconds (31 bits), and whether free places were left out of the report.
    private const int Usable = 0, HasFigures = 1, Accepting = 2, FreePlace = 3, IntakeNull = 4, Intake = 5, TreatmentNull = 17, Treatment = 18, Seconds = 30,
        FreePlacesNull = 61;

    private const ulong SecondsMask = (1UL << SecondBits) - 1;

    public readonly record struct Judged(NormStatus Status, bool AvailableNow, int? EffectiveWaitWeeks);

    public static ulong Pack(CurrentFigures? current)
    {
        if (current is null)
        {
            return 1UL << Usable;
        }

        var seconds = (long)Math.Floor((current.ReportedAt - Epoch).TotalSeconds);
        if (current.WaitToIntakeWeeks is < 0 or > MaxWeeks || current.WaitToTreatmentWeeks is < 0 or > MaxWeeks || seconds is < 0 or >= 1L << SecondBits)
        {
            return 0;
        }

        return 1UL << Usable | 1UL << HasFigures
               | (current.AcceptingReferrals ? 1UL << Accepting : 0)
               | (current.FreePlaces > 0 ? 1UL << FreePlace : 0)
               | (current.FreePlaces is null ? 1UL << FreePlacesNull : 0)
               | Weeks(current.WaitToIntakeWeeks, IntakeNull, Intake)
               | Weeks(current.WaitToTreatmentWeeks, TreatmentNull, Treatment)
               | (ulong)seconds << Seconds;
    }

    public static bool TryJudge(ulong word, EffectiveNorm? norm, long staleBeforeSeconds, out Judged judged)
    {
        judged = default;
        if ((word & 1UL << Usable) == 0)
        {
            return false;
        }

        if ((word & 1UL << HasFigures) == 0)
        {
            judged = new Judged(NormStatus.Unknown, false, null);
            return true;
        }

        // Reported in the second the stale moment falls in: whole seconds cannot tell which side; the offering can.
        var seconds = (long)(word >> Seconds & SecondsMask);
        if (seconds == staleBeforeSeconds)
        {
            return false;
        }

        var stale = seconds < staleBeforeSeconds;
        var intake = Weeks(word, IntakeNull, Intake);
        var treatment = Weeks(word, TreatmentNull, Treatment);
        var accepting = (word & 1UL << Accepting) != 0;
        int? freePlaces = (word & 1UL << FreePlacesNull) != 0 ? null : (word & 1UL << FreePlace) != 0 ? 1 : 0;
        judged = new Judged(
            NormEvaluator.Evaluate(intake, treatment, norm?.Norm),
            AvailabilityRules.IsAvailableNow(accepting, stale, freePlaces, intake),
            WaitFigures.EffectiveWait(intake, treatment));
        return true;
    }

    private static ulong Weeks(int? weeks, int nullBit, int shift) => weeks is { } w ? (ulong)w << shift : 1UL << nullBit;

    private static int? Weeks(ulong word, int nullBit, int shift) => (word & 1UL << nullBit) != 0 ? null : (int)(word >> shift & MaxWeeks);
}
