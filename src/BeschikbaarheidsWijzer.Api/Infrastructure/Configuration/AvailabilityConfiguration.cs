using BeschikbaarheidsWijzer.Domain.Availability;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Configuration;

public static class AvailabilityConfiguration
{
    /// <summary>After how many days figures count as stale (<c>Availability:StaleAfterDays</c>): the same everywhere they are judged.</summary>
    public static int StaleAfterDays(this IConfiguration configuration) =>
        configuration.GetValue("Availability:StaleAfterDays", AvailabilityRules.DefaultStaleAfterDays);
}
