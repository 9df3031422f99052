using System.Globalization;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>A wrong command line; the message says what, and the usage is printed after it.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Takes options out of the arguments one by one (<c>--flag</c>, <c>--name value</c>), so the common ones and each
/// scenario's own can be read by whoever knows them; <see cref="EnsureAllTaken"/> then refuses whatever is left.
/// </summary>
public sealed class ArgumentReader(IEnumerable<string> arguments)
{
    private readonly List<string> _remaining = [.. arguments];

    public bool TakeFlag(params string[] names)
    {
        var index = _remaining.FindIndex(a => names.Contains(a, StringComparer.Ordinal));
        if (index < 0)
        {
            return false;
        }

        _remaining.RemoveAt(index);
        return true;
    }

    public int TakeInt(string name, int defaultValue, int min, int max)
    {
        if (TakeValue(name, "a number") is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    /// <summary>A comma-separated list of whole numbers (<c>--sizes 1000,10000</c>), each from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int[] TakeIntList(string name, int[] defaultValue, int min, int max)
    {
        if (TakeValue(name, "a comma-separated list of numbers") is not { } text)
        {
            return defaultValue;
        }

        var values = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw new UsageException($"{name} takes whole numbers from {min} to {max}, separated by commas, not '{text}'.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    public void EnsureAllTaken()
    {
        if (_remaining.Count > 0)
        {
            throw new UsageException($"Unknown argument(s): {string.Join(' ', _remaining)}");
        }
    }

    /// <summary>The value after <paramref name="name"/>, both taken out; null when the option is not there.</summary>
    private string? TakeValue(string name, string what)
    {
        var index = _remaining.IndexOf(name);
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= _remaining.Count)
        {
            throw new UsageException($"{name} needs {what}.");
        }

        var text = _remaining[index + 1];
        _remaining.RemoveRange(index, 2);
        return text;
    }
}
