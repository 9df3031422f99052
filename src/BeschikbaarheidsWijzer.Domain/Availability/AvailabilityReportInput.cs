using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Availability;

/// <summary>
/// A provider's weekly figures for one offering, as sent; validated by <see cref="AvailabilityReportRules"/>. With
/// <see cref="Unchanged"/> true it carries nothing else: "the figures of my latest report still hold this week".
/// </summary>
public sealed record AvailabilityReportInput(
    bool? AcceptingReferrals,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    string? Method,
    bool? MatchingDependent,
    bool? BridgingCareAvailable,
    string? Note,
    int? RealisedWaitToIntakeWeeks = null,
    int? RealisedWaitToTreatmentWeeks = null,
    bool? Unchanged = null)
{
    /// <summary>Whether this is a confirmation that nothing changed, rather than figures.</summary>
    public bool ConfirmsUnchanged => Unchanged == true;

    /// <summary>The wire names of the fields given besides <c>unchanged</c> (a confirmation may carry none of them).</summary>
    public IReadOnlyList<string> FiguresGiven()
    {
        var given = new List<string>();
        Add(AcceptingReferrals, "acceptingReferrals");
        Add(WaitToIntakeWeeks, "waitToIntakeWeeks");
        Add(WaitToTreatmentWeeks, "waitToTreatmentWeeks");
        Add(FreePlaces, "freePlaces");
        Add(TotalPlaces, "totalPlaces");
        Add(WaitlistCount, "waitlistCount");
        Add(Method, "method");
        Add(MatchingDependent, "matchingDependent");
        Add(BridgingCareAvailable, "bridgingCareAvailable");
        Add(Note, "note");
        Add(RealisedWaitToIntakeWeeks, "realisedWaitToIntakeWeeks");
        Add(RealisedWaitToTreatmentWeeks, "realisedWaitToTreatmentWeeks");
        return given;

        void Add(object? value, string name)
        {
            if (value is not null)
            {
                given.Add(name);
            }
        }
    }
}

public static class AvailabilityReportRules
{
    public const int MaxWaitWeeks = 104;
    public const int MaxPlaces = 10_000;
    public const int MaxWaitlist = 100_000;
    public const int MaxNoteLength = 500;
    public const string MethodActueel = "actueel";
    public const string MethodRetrospectief = "retrospectief";

    /// <summary>Adds an error per broken rule, keyed <c>prefix.field</c> with the field names of the wire contract.</summary>
    public static void Validate(AvailabilityReportInput input, string prefix, ValidationErrors errors)
    {
        if (input.ConfirmsUnchanged)
        {
            // A confirmation repeats the latest figures; figures beside it would leave unclear which ones hold.
            if (input.FiguresGiven() is { Count: > 0 } given)
            {
                errors.Add(ValidationErrors.Path(prefix, "unchanged"), ErrorCodes.Alone,
                    $"Send unchanged: true on its own, or figures without it; this report also has {string.Join(", ", given)}.", ("fields", given));
            }

            return;
        }

        if (input.AcceptingReferrals is null)
        {
            errors.Add(ValidationErrors.Path(prefix, "acceptingReferrals"), FieldProblem.Required("Required: true when you take new referrals, false during an aanmeldstop."));
        }

        Range(input.WaitToIntakeWeeks, "waitToIntakeWeeks", 0, MaxWaitWeeks);
        Range(input.WaitToTreatmentWeeks, "waitToTreatmentWeeks", 0, MaxWaitWeeks);
        Range(input.FreePlaces, "freePlaces", 0, MaxPlaces);
        Range(input.TotalPlaces, "totalPlaces", 0, MaxPlaces);
        Range(input.WaitlistCount, "waitlistCount", 0, MaxWaitlist);
        Range(input.RealisedWaitToIntakeWeeks, "realisedWaitToIntakeWeeks", 0, MaxWaitWeeks);
        Range(input.RealisedWaitToTreatmentWeeks, "realisedWaitToTreatmentWeeks", 0, MaxWaitWeeks);
        if (input.FreePlaces is { } free && input.TotalPlaces is { } total && free > total
            && !errors.Contains(ValidationErrors.Path(prefix, "freePlaces")) && !errors.Contains(ValidationErrors.Path(prefix, "totalPlaces")))
        {
            errors.Add(ValidationErrors.Path(prefix, "freePlaces"), ErrorCodes.MoreThan, $"Cannot be more than totalPlaces ({total}).", ("other", "totalPlaces"), ("max", total));
        }

        if (input.Method is not null && input.Method is not (MethodActueel or MethodRetrospectief))
        {
            errors.Add(ValidationErrors.Path(prefix, "method"), FieldProblem.OneOf([MethodActueel, MethodRetrospectief], $"Must be '{MethodActueel}' or '{MethodRetrospectief}'."));
        }

        if (input.Note is not null && TextRules.FindProblem(input.Note, MaxNoteLength, allowLineBreaks: true) is { } problem)
        {
            errors.Add(ValidationErrors.Path(prefix, "note"), problem);
        }

        void Range(int? value, string field, int min, int max)
        {
            if (value is { } v && (v < min || v > max))
            {
                errors.Add(ValidationErrors.Path(prefix, field), FieldProblem.Range(min, max, $"Must be between {min} and {max}."));
            }
        }
    }
}
