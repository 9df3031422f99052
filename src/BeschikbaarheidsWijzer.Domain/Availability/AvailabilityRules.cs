namespace BeschikbaarheidsWijzer.Domain.Availability;

public static class AvailabilityRules
{
    public const int DefaultStaleAfterDays = 14;

    /// <summary>A report is stale when it is older than <paramref name="staleAfterDays"/> days.</summary>
    public static bool IsStale(DateTimeOffset reportedAt, DateTimeOffset now, int staleAfterDays = DefaultStaleAfterDays) =>
        now - reportedAt > TimeSpan.FromDays(staleAfterDays);

    /// <summary>Accepting referrals, figures not stale, and a free place or no wait to intake.</summary>
    public static bool IsAvailableNow(bool acceptingReferrals, bool stale, int? freePlaces, int? waitToIntakeWeeks) =>
        acceptingReferrals && !stale && (freePlaces > 0 || waitToIntakeWeeks == 0);
}
