using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Shared.Management;

/// <summary>Shared reading and checking of administration input: free text, paging, and the answers for refusals.</summary>
internal static class ManagementInput
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    private const int MaxPage = 100_000;

    /// <summary>Trimmed text that must be there and pass <see cref="TextRules"/>; null (with an error) otherwise.</summary>
    public static string? RequiredText(ValidationErrors errors, string field, string? value, int maxLength, bool allowLineBreaks = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(field, FieldProblem.Required());
            return null;
        }

        return CheckText(errors, field, text, maxLength, allowLineBreaks);
    }

    /// <summary>Trimmed text that may be left out (null, empty or only spaces all mean "none").</summary>
    public static string? OptionalText(ValidationErrors errors, string field, string? value, int maxLength, bool allowLineBreaks = false)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : CheckText(errors, field, text, maxLength, allowLineBreaks);
    }

    private static string? CheckText(ValidationErrors errors, string field, string text, int maxLength, bool allowLineBreaks)
    {
        var problem = TextRules.FindProblem(text, maxLength, allowLineBreaks);
        if (problem is not null)
        {
            errors.Add(field, problem);
            return null;
        }

        return text;
    }

    /// <summary>Optional text that must also pass a format rule (null = fine, else the reason).</summary>
    public static string? OptionalFormatted(ValidationErrors errors, string field, string? value, int maxLength, Func<string, FieldProblem?> rule)
    {
        var text = OptionalText(errors, field, value, maxLength);
        if (text is null)
        {
            return null;
        }

        var problem = rule(text);
        if (problem is not null)
        {
            errors.Add(field, problem);
            return null;
        }

        return text;
    }

    /// <summary>
    /// The entries of an optional list of codes, trimmed and normalised; an empty, null, repeated or badly formed entry
    /// is an error on <c>field[i]</c>. Returns null when the list was left out.
    /// </summary>
    public static List<(int Index, string Code)>? ReadCodes(
        ValidationErrors errors, string field, List<string?>? values, int maxCount, Func<string, string?> normalise, FieldProblem formatProblem)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count > maxCount)
        {
            errors.Add(field, ErrorCodes.Count, $"At most {maxCount} entries (this has {values.Count}).", ("min", 0), ("max", maxCount));
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new List<(int, string)>();
        for (var i = 0; i < values.Count; i++)
        {
            var path = $"{field}[{i}]";
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(path, FieldProblem.Required("Required: an empty entry is not allowed."));
                continue;
            }

            var problem = TextRules.FindProblem(value, 64, allowLineBreaks: false);
            if (problem is not null)
            {
                errors.Add(path, problem);
                continue;
            }

            var code = normalise(value);
            if (code is null)
            {
                errors.Add(path, formatProblem);
                continue;
            }

            if (!seen.Add(code))
            {
                errors.Add(path, ErrorCodes.Duplicate, $"'{code}' is listed more than once.");
                continue;
            }

            codes.Add((i, code));
        }

        return codes;
    }

    public static bool TryReadPaging(PageQuery query, ValidationErrors errors, out int page, out int pageSize)
    {
        page = 1;
        pageSize = DefaultPageSize;
        if (query.Page is not null && (!int.TryParse(query.Page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page) || page is < 1 or > MaxPage))
        {
            errors.Add("page", FieldProblem.Range(1, MaxPage));
        }

        if (query.PageSize is not null && (!int.TryParse(query.PageSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add("pageSize", FieldProblem.Range(1, MaxPageSize));
        }

        return errors.IsEmpty;
    }

    public static ValidationProblem Invalid(ValidationErrors errors) =>
        ValidationProblems.Invalid(errors, "Invalid request body");

    public static ValidationProblem InvalidQuery(ValidationErrors errors) =>
        ValidationProblems.Invalid(errors, "Invalid query");

    /// <summary>404 for what does not exist and for what exists outside the caller's scope alike: existence is not revealed.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"No {what} with this id that you manage.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>
    /// Saves; a constraint the checks before could not foresee (a concurrent change, e.g. a location deleted meanwhile)
    /// becomes a 409 instead of a 500. Nothing is stored then: the surrounding transaction is rolled back.
    /// </summary>
    public static async Task<ProblemHttpResult?> TrySaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation
                or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        })
        {
            return Conflict("The data changed while this request was handled; nothing was stored. Read it again and retry.");
        }
    }

    /// <summary>Locks a provider's row until the transaction ends, so changes that depend on its state do not interleave.</summary>
    public static Task LockProviderAsync(DbContext db, Guid providerId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"select id from providers where id = {providerId} for update", cancellationToken);

    public static Task LockOfferingAsync(DbContext db, Guid offeringId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"select id from offerings where id = {offeringId} for update", cancellationToken);
}

/// <summary>Paging as query text, so a bad value is a 400 naming the parameter rather than a bare binding failure.</summary>
public sealed record PageQuery(string? Page, string? PageSize);

/// <summary>One page of a list.</summary>
public sealed record AdminPage<T>(List<T> Items, int Page, int PageSize, int Total);
