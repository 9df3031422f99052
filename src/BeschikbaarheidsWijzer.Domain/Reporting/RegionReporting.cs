using BeschikbaarheidsWijzer.Domain.Search;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

/// <summary>
/// One provider's reporting in a region: of its <see cref="Offerings"/> contracted there, how many reported this week
/// and last week, and the weeks reported of the last 12 summed over those offerings (of <see cref="OfWeeks"/>).
/// </summary>
public sealed record ProviderReporting(Guid ProviderId, string ProviderName, int Offerings, int ReportedThisWeek, int ReportedLastWeek, int WeeksReported, int OfWeeks)
{
    public bool AllReportedLastWeek => ReportedLastWeek == Offerings;
}

/// <summary>A region's reporting: who reports, in public, as Ontario publishes "NC" (no contribution) per hospital.</summary>
public sealed record RegionReporting(DateOnly ThisWeek, DateOnly LastWeek, int Offerings, int ReportedThisWeek, int ReportedLastWeek, IReadOnlyList<ProviderReporting> Providers);

public static class RegionReportingRule
{
    /// <summary>
    /// Over the offerings contracted today in one of <paramref name="municipalities"/>: providers that missed last week
    /// first (most offerings missing first), then by name. Last week is the one a provider has had all its days for.
    /// </summary>
    public static RegionReporting Of(IEnumerable<IndexedOffering> offerings, IReadOnlySet<string> municipalities, DateOnly today)
    {
        var thisWeek = Weeks.IsoWeek.FromDate(today).Monday;
        var lastWeek = thisWeek.AddDays(-7);
        var inRegion = offerings
            .Where(o => o.Contracts.Any(c => municipalities.Contains(c.MunicipalityCode) && c.IsValidOn(today)))
            .ToList();
        var providers = inRegion
            .GroupBy(o => o.ProviderId)
            .Select(group =>
            {
                var list = group.ToList();
                var rates = list.Select(o => o.ReportedWeeks.RateAsOf(thisWeek)).ToList();
                return new ProviderReporting(
                    group.Key,
                    list[0].ProviderName,
                    list.Count,
                    list.Count(o => o.ReportedWeeks.ReportedIn(thisWeek)),
                    list.Count(o => o.ReportedWeeks.ReportedIn(lastWeek)),
                    rates.Sum(r => r.WeeksReported),
                    rates.Sum(r => r.OfWeeks));
            })
            .OrderBy(p => p.AllReportedLastWeek)
            .ThenByDescending(p => p.Offerings - p.ReportedLastWeek)
            .ThenBy(p => p.ProviderName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.ProviderId)
            .ToList();
        return new RegionReporting(
            thisWeek, lastWeek, inRegion.Count, providers.Sum(p => p.ReportedThisWeek), providers.Sum(p => p.ReportedLastWeek), providers);
    }
}
