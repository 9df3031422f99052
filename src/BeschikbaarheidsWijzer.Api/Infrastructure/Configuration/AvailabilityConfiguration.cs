using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Reporting;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Configuration;

public static class AvailabilityConfiguration
{
    /// <summary>After how many days figures count as stale (<c>Availability:StaleAfterDays</c>): the same everywhere they are judged.</summary>
    public static int StaleAfterDays(this IConfiguration configuration) =>
        configuration.GetValue("Availability:StaleAfterDays", AvailabilityRules.DefaultStaleAfterDays);

    /// <summary>
    /// The smallest group of young people a region's iJw upload may name (<c>RealisedLeadTimes:MinimumGroup</c>, default 5;
    /// a region may set its own, higher or lower, with <c>RealisedLeadTimes:Regions:{code}:MinimumGroup</c>).
    /// </summary>
    public static int MinimumGroup(this IConfiguration configuration, string region) =>
        configuration.GetValue<int?>($"RealisedLeadTimes:Regions:{region}:MinimumGroup")
        ?? configuration.GetValue("RealisedLeadTimes:MinimumGroup", RealisedLeadTimeCsv.DefaultMinimumGroup);
}
