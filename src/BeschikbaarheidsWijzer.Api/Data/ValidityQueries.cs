using System.Linq.Expressions;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Contracts;

namespace BeschikbaarheidsWijzer.Api.Data;

/// <summary>
/// The rule of <see cref="ContractValidity"/> as expressions the database runs, for contracts and municipalities alike.
/// Queries use these, never their own comparison of dates; a test holds each expression to the domain rule.
/// Use them as <c>o.Contracts.AsQueryable().Where(validToday)</c> with the expression in a local variable, so EF sees
/// it as part of the query.
/// </summary>
public static class ValidityQueries
{
    /// <summary>In force on <paramref name="day"/> (<see cref="ContractValidity.IsValidOn"/>).</summary>
    public static Expression<Func<T, bool>> ValidOn<T>(DateOnly day)
        where T : IValidityPeriod =>
        x => x.ValidFrom <= day && (x.ValidTo == null || x.ValidTo >= day);

    /// <summary>Not ended before <paramref name="day"/>: in force that day or starting later (<see cref="ContractValidity.IsOpenOn"/>).</summary>
    public static Expression<Func<T, bool>> OpenOn<T>(DateOnly day)
        where T : IValidityPeriod =>
        x => x.ValidTo == null || x.ValidTo >= day;

    /// <summary>In force on at least one day of [<paramref name="from"/>, <paramref name="to"/>] (<see cref="ContractValidity.IsValidDuring"/>).</summary>
    public static Expression<Func<T, bool>> ValidDuring<T>(DateOnly from, DateOnly to)
        where T : IValidityPeriod =>
        x => x.ValidFrom <= to && (x.ValidTo == null || x.ValidTo >= from);
}
