using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Access;

/// <summary>What a region says of a municipality's toegang (wijkteam, CJG or lokale toegang), as sent.</summary>
public sealed record MunicipalityAccessInput(string? Name, string? Phone, string? Email, string? Website, int? WaitWeeks);

/// <summary>The same, checked: trimmed, with empty optional fields as null.</summary>
public sealed record MunicipalityAccessFields(string Name, string? Phone, string? Email, string? Website, int? WaitWeeks);

/// <summary>
/// The toegang of a municipality: where a family goes for a referral, and how long that first step takes when the
/// municipality reports it. A family must be able to call or find it, so a name and at least a phone number or website.
/// </summary>
public static class MunicipalityAccessRules
{
    public const int MaxNameLength = 200;

    /// <summary>The longest wait for the first step that can be given, in weeks (as for a provider's phases).</summary>
    public const int MaxWaitWeeks = Availability.AvailabilityReportRules.MaxWaitWeeks;

    /// <summary>The checked access, or null with an error per field in <paramref name="errors"/>.</summary>
    public static MunicipalityAccessFields? Validate(MunicipalityAccessInput input, ValidationErrors errors)
    {
        var valid = true;
        void Refuse(string field, FieldProblem problem)
        {
            errors.Add(field, problem);
            valid = false;
        }

        string? Optional(string? value, string field, int maxLength, Func<string, FieldProblem?> rule)
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if ((TextRules.FindProblem(text, maxLength, allowLineBreaks: false) ?? rule(text)) is { } problem)
            {
                Refuse(field, problem);
            }

            return text;
        }

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Refuse("name", FieldProblem.Required("Required: the name families know the toegang by, e.g. \"Sociaal Team Winterswijk\"."));
        }
        else if (TextRules.FindProblem(name, MaxNameLength, allowLineBreaks: false) is { } problem)
        {
            Refuse("name", problem);
        }

        var phone = Optional(input.Phone, "phone", ContactRules.MaxPhoneLength, ContactRules.FindPhoneProblem);
        var email = Optional(input.Email, "email", ContactRules.MaxEmailLength, ContactRules.FindEmailProblem);
        var website = Optional(input.Website, "website", ContactRules.MaxWebsiteLength, ContactRules.FindWebsiteProblem);
        if (phone is null && website is null)
        {
            Refuse("phone", FieldProblem.Of(ErrorCodes.AtLeastOne, "Give a phone number or a website (or both): a family must be able to reach the toegang.",
                ("fields", new[] { "phone", "website" })));
        }

        if (input.WaitWeeks is < 0 or > MaxWaitWeeks)
        {
            Refuse("waitWeeks", FieldProblem.Range(0, MaxWaitWeeks, $"Weeks from 0 to {MaxWaitWeeks}, or leave it out when the wait is not known."));
        }

        return valid ? new MunicipalityAccessFields(name!, phone, email, website, input.WaitWeeks) : null;
    }
}
