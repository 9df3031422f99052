namespace BeschikbaarheidsWijzer.Domain.Contracts;

/// <summary>
/// When a contract (an offering's, for one municipality) or a municipality's existence is in force: from
/// <c>validFrom</c> up to and including <c>validTo</c>, which is null while it has no end. The one statement of the rule;
/// the database queries state it once more as an expression (<c>ValidityQueries</c> in the API), tested against this.
/// </summary>
public static class ContractValidity
{
    /// <summary>In force on <paramref name="day"/>.</summary>
    public static bool IsValidOn(DateOnly validFrom, DateOnly? validTo, DateOnly day) => validFrom <= day && (validTo is null || validTo >= day);

    /// <summary>Not ended before <paramref name="day"/>: in force that day, or starting later.</summary>
    public static bool IsOpenOn(DateOnly? validTo, DateOnly day) => validTo is null || validTo >= day;

    /// <summary>In force on at least one day of [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static bool IsValidDuring(DateOnly validFrom, DateOnly? validTo, DateOnly from, DateOnly to) =>
        validFrom <= to && (validTo is null || validTo >= from);
}
