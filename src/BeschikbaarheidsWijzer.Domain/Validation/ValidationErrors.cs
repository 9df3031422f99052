namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>
/// Why a value is refused: a stable <see cref="Code"/> (see <see cref="ErrorCodes"/>) with the rule's parameters (e.g.
/// <c>min</c> and <c>max</c>) for programs, and the same in English words for people. Clients word the code in their own
/// language; they never read the message.
/// </summary>
public sealed record FieldProblem(string Code, string Message, IReadOnlyDictionary<string, object?> Parameters)
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public FieldProblem(string code, string message)
        : this(code, message, None)
    {
    }

    public static FieldProblem Of(string code, string message, params (string Name, object? Value)[] parameters) =>
        new(code, message, parameters.Length == 0 ? None : parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    public static FieldProblem Required(string message = "Required.") => new(ErrorCodes.Required, message);

    /// <summary>A whole number outside [<paramref name="min"/>, <paramref name="max"/>], or not a whole number at all.</summary>
    public static FieldProblem Range(long min, long max, string? message = null) =>
        Of(ErrorCodes.Range, message ?? $"A whole number from {min} to {max}.", ("min", min), ("max", max));

    /// <summary>Text longer than <paramref name="max"/> characters.</summary>
    public static FieldProblem TooLong(int max, int length) =>
        Of(ErrorCodes.TooLong, $"At most {max} characters (this has {length}).", ("max", max), ("length", length));

    /// <summary>Not in the form <paramref name="format"/> asks (a postcode, an e-mail address, …).</summary>
    public static FieldProblem Format(string format, string message) => Of(ErrorCodes.Format, message, ("format", format));

    /// <summary>A code or id the reference data does not know (<paramref name="kind"/>: municipality, care-type, …).</summary>
    public static FieldProblem Unknown(string kind, string message) => Of(ErrorCodes.Unknown, message, ("kind", kind));

    /// <summary>One of a fixed set of words, and this is none of them.</summary>
    public static FieldProblem OneOf(IReadOnlyList<string> allowed, string? message = null) =>
        Of(ErrorCodes.OneOf, message ?? $"Use one of: {string.Join(", ", allowed)}.", ("allowed", allowed));
}

/// <summary>One refused field of a request: where (a field path like <c>reports[3].waitToIntakeWeeks</c>) and why.</summary>
public sealed record ValidationError(string Field, string Code, string Message, IReadOnlyDictionary<string, object?> Parameters);

/// <summary>Errors keyed by field path (e.g. <c>reports[3].waitToIntakeWeeks</c>), in the order they were found.</summary>
public sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>How many fields have an error.</summary>
    public int Count => _errors.Select(e => e.Field).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Every error, in the order they were found.</summary>
    public IReadOnlyList<ValidationError> All => _errors;

    public void Add(string field, FieldProblem problem) => _errors.Add(new ValidationError(field, problem.Code, problem.Message, problem.Parameters));

    public void Add(string field, string code, string message, params (string Name, object? Value)[] parameters) =>
        Add(field, FieldProblem.Of(code, message, parameters));

    public bool Contains(string field) => _errors.Any(e => e.Field == field);

    /// <summary>The messages per field, as RFC 9457 validation problems carry them in <c>errors</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>A field path below <paramref name="prefix"/>; an empty prefix gives the bare field name.</summary>
    public static string Path(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
}
