using System.Globalization;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Norms;

/// <summary>A region's norm for one care type as sent: weeks per phase and the date it takes effect (<c>yyyy-MM-dd</c>).</summary>
public sealed record RegionalNormInput(int? MaxIntakeWeeks, int? MaxTreatmentWeeks, int? MaxTotalWeeks, string? ValidFrom);

public static class RegionalNormRules
{
    public const int MaxPhaseWeeks = 104;
    public const int MaxTotalWeeks = 208;

    /// <summary>No region sets a youth-care norm before the Jeugdwet took effect.</summary>
    public static readonly DateOnly EarliestValidFrom = new(2015, 1, 1);

    /// <summary>How far ahead a norm may be scheduled.</summary>
    public const int MaxYearsAhead = 5;

    /// <summary>Adds an error per broken rule, keyed by the wire field name; returns the norm and its date when all pass.</summary>
    public static (WaitNorm Norm, DateOnly ValidFrom)? Validate(RegionalNormInput input, DateOnly today, ValidationErrors errors)
    {
        Range(input.MaxIntakeWeeks, "maxIntakeWeeks", MaxPhaseWeeks);
        Range(input.MaxTreatmentWeeks, "maxTreatmentWeeks", MaxPhaseWeeks);
        Range(input.MaxTotalWeeks, "maxTotalWeeks", MaxTotalWeeks);
        if (input.MaxIntakeWeeks is null && input.MaxTreatmentWeeks is null && input.MaxTotalWeeks is null)
        {
            errors.Add("maxTotalWeeks", ErrorCodes.AtLeastOne, "Give at least one bound: maxIntakeWeeks, maxTreatmentWeeks or maxTotalWeeks.",
                ("fields", new[] { "maxIntakeWeeks", "maxTreatmentWeeks", "maxTotalWeeks" }));
        }
        else if (input.MaxTotalWeeks is { } total && !errors.Contains("maxTotalWeeks")
                 && Math.Max(input.MaxIntakeWeeks ?? 0, input.MaxTreatmentWeeks ?? 0) is var phase && total < phase)
        {
            errors.Add("maxTotalWeeks", ErrorCodes.LessThan, $"The total cannot be shorter than one of its phases ({phase} weeks).",
                ("other", input.MaxIntakeWeeks == phase ? "maxIntakeWeeks" : "maxTreatmentWeeks"), ("min", phase));
        }

        DateOnly validFrom = default;
        var latest = today.AddYears(MaxYearsAhead);
        if (string.IsNullOrWhiteSpace(input.ValidFrom))
        {
            errors.Add("validFrom", FieldProblem.Required("Required: the date the norm takes effect, e.g. 2027-01-01."));
        }
        else if (!DateOnly.TryParseExact(input.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out validFrom))
        {
            errors.Add("validFrom", ErrorCodes.Date, "Use a date in the form yyyy-MM-dd, e.g. 2027-01-01.", ("format", "yyyy-MM-dd"));
        }
        else if (validFrom < EarliestValidFrom || validFrom > latest)
        {
            errors.Add("validFrom", ErrorCodes.DateRange, $"A date from {EarliestValidFrom:yyyy-MM-dd} to {latest:yyyy-MM-dd}.",
                ("min", EarliestValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("max", latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return errors.IsEmpty ? (new WaitNorm(input.MaxIntakeWeeks, input.MaxTreatmentWeeks, input.MaxTotalWeeks), validFrom) : null;

        void Range(int? value, string field, int max)
        {
            if (value is { } v && (v < 0 || v > max))
            {
                errors.Add(field, FieldProblem.Range(0, max, $"Must be between 0 and {max} weeks."));
            }
        }
    }
}
