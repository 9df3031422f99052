namespace BeschikbaarheidsWijzer.Domain.Availability;

public static class AvailabilityRules
{
    public const int DefaultStaleAfterDays = 14;

    /// <summary>A report is stale when it is older than <paramref name="staleAfterDays"/> days.</summary>
    public static bool IsStale(DateTimeOffset reportedAt, DateTimeOffset now, int staleAfterDays = DefaultStaleAfterDays) =>
        now - reportedAt > TimeSpan.FromDays(staleAfterDays);

    /// <summary>
    /// "Nu plek": accepting referrals, figures not stale, and either a free place, or free places not reported and no wait
    /// to intake. A report of 0 free places is never available now: the page may not say "nu plek" beside "geen plek vrij".
    /// </summary>
    public static bool IsAvailableNow(bool acceptingReferrals, bool stale, int? freePlaces, int? waitToIntakeWeeks) =>
        acceptingReferrals && !stale && (freePlaces > 0 || (freePlaces is null && waitToIntakeWeeks == 0));
}
