namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>Errors keyed by field path (e.g. <c>reports[3].waitToIntakeWeeks</c>), in the order they were found.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    public bool Contains(string field) => _errors.ContainsKey(field);

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>A field path below <paramref name="prefix"/>; an empty prefix gives the bare field name.</summary>
    public static string Path(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
}
