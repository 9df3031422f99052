using System.Globalization;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// Query-string values taken as text and parsed here, so a wrong value is a 400 naming the parameter rather than a
/// bare binding failure. Each returns null (and adds an error when the value was there but wrong).
/// </summary>
public static class QueryValues
{
    public const string DateFormat = "yyyy-MM-dd";

    public static DateOnly? Date(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, ErrorCodes.Date, "Use a date in the form yyyy-MM-dd, e.g. 2026-11-23.", ("format", DateFormat));
            return null;
        }

        if (date < FieldLimits.FirstQueryDate || date > FieldLimits.LastQueryDate)
        {
            var (min, max) = (FieldLimits.FirstQueryDate.ToString(DateFormat, CultureInfo.InvariantCulture), FieldLimits.LastQueryDate.ToString(DateFormat, CultureInfo.InvariantCulture));
            errors.Add(field, ErrorCodes.DateRange, $"A date from {min} to {max}.", ("min", min), ("max", max));
            return null;
        }

        return date;
    }

    public static int? Integer(string? value, string field, int min, int max, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add(field, FieldProblem.Range(min, max, $"Use a whole number from {min} to {max}."));
            return null;
        }

        return number;
    }

    /// <summary>A number with a decimal point (coordinates) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static double? Number(string? value, string field, double min, double max, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < min || number > max)
        {
            errors.Add(field, CommonProblems.NumberRange(min, max, $"Use a number from {min} to {max} (decimal point, e.g. 51.96)."));
            return null;
        }

        return number;
    }

    /// <summary>true or false; not given is false.</summary>
    public static bool Boolean(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return false;
        }

        if (!bool.TryParse(value, out var flag))
        {
            errors.Add(field, ErrorCodes.Boolean, "Use true or false.");
        }

        return flag;
    }

    /// <summary>Trimmed one-line text; empty means "not given".</summary>
    public static string? Text(string? value, string field, int maxLength, ValidationErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (TextRules.FindProblem(text, maxLength, allowLineBreaks: false) is { } problem)
        {
            errors.Add(field, problem);
            return null;
        }

        return text;
    }
}
