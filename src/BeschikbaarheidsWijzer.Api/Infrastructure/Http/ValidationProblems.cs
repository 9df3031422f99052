using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// A refused request as <c>application/problem+json</c>: <c>errors</c> keeps the messages per field (as validation
/// problems carry them), and <c>fieldErrors</c> says the same for programs, one entry per refusal with its field, its
/// stable code (<see cref="ErrorCodes"/>), the English message and the rule's parameters, e.g.
/// <c>{ "field": "reports[3].waitToIntakeWeeks", "code": "range", "message": "…", "min": 0, "max": 104 }</c>.
/// </summary>
public static class ValidationProblems
{
    public const string FieldErrors = "fieldErrors";

    public static ValidationProblem Invalid(ValidationErrors errors, string title) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: title, extensions: Extensions(errors));

    /// <summary>The extensions a problem about <paramref name="errors"/> carries (also for one that is not a 400).</summary>
    public static Dictionary<string, object?> Extensions(ValidationErrors errors) =>
        new(StringComparer.Ordinal) { [FieldErrors] = errors.All.Select(ToWire).ToList() };

    private static Dictionary<string, object?> ToWire(ValidationError error)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal) { ["field"] = error.Field, ["code"] = error.Code, ["message"] = error.Message };
        foreach (var (name, value) in error.Parameters)
        {
            entry[name] = value;
        }

        return entry;
    }
}
