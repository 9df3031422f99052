namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>
/// The limits of the fields people fill in that have no rule class of their own (a provider's weekly figures, a norm and
/// a municipality's toegang keep theirs beside their rules). Validation, the database's column lengths and check
/// constraints, and the web app (through <c>GET /api/v1/limits</c>) all read them from here.
/// </summary>
public static class FieldLimits
{
    /// <summary>Jeugdhulp can go on to 27 (jeugdhulp na 18 / verlengde jeugdhulp); ages are whole years.</summary>
    public const int MaxAge = 27;

    public const int NameLength = 200;
    public const int StreetLength = 200;
    public const int CityLength = 100;
    public const int TitleLength = 200;
    public const int DescriptionLength = 4000;
    public const int ReferralInfoLength = 2000;
    public const int LabelLength = 200;

    public const int MaxTagsPerOffering = 10;
    public const int MaxLocationsPerOffering = 100;
    public const int MaxMunicipalitiesPerOffering = 400;

    /// <summary>The longest wait a search can ask for (maxWaitWeeks): both phases at their longest.</summary>
    public const int MaxTotalWaitWeeks = 2 * Availability.AvailabilityReportRules.MaxWaitWeeks;

    /// <summary>The words typed into the search box.</summary>
    public const int SearchTextLength = 200;

    /// <summary>A KPI table's period: two years, a leap day included.</summary>
    public const int MaxReportPeriodDays = 731;

    /// <summary>
    /// The dates a query may name: far wider than any figure (the first is from 2015), and far enough inside
    /// <see cref="DateOnly"/>'s range that a period, a week or a time zone around them cannot overflow.
    /// </summary>
    public static readonly DateOnly FirstQueryDate = new(1900, 1, 1);

    public static readonly DateOnly LastQueryDate = new(2999, 12, 31);

    /// <summary>"No figures for this many days" in the list of who is late.</summary>
    public const int MaxStaleDays = 365;
}
