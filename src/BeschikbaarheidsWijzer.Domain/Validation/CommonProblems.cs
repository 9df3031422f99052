using System.Globalization;
using BeschikbaarheidsWijzer.Domain.Contracts;

namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>Refusals several endpoints give in the same words and with the same code.</summary>
public static class CommonProblems
{
    public static FieldProblem PostcodeFormat { get; } =
        FieldProblem.Format("postcode", "Use a Dutch postcode: four digits and two letters, e.g. 7001 AB.");

    public static FieldProblem MunicipalityCodeFormat { get; } =
        FieldProblem.Format("municipality-code", "Use a CBS municipality code: GM and four digits, e.g. GM0222.");

    public static FieldProblem UnknownMunicipality(string? code = null) =>
        FieldProblem.Unknown("municipality", code is null
            ? "Unknown municipality: use a CBS code such as GM0222 (see /api/v1/regions)."
            : $"Unknown municipality {code}: see GET /api/v1/regions.");

    /// <summary>A municipality merged into another: it no longer exists since <paramref name="since"/>.</summary>
    public static FieldProblem MunicipalityEnded(string code, DateOnly since) =>
        FieldProblem.Of(ErrorCodes.Ended, $"Municipality {code} no longer exists (since {since:yyyy-MM-dd}).",
            ("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Why a municipality cannot be chosen on <paramref name="day"/>: not known, or merged away before that day
    /// (<paramref name="validTo"/>); null when it can.
    /// </summary>
    public static FieldProblem? MunicipalityNotInUse(string code, bool known, DateOnly? validTo, DateOnly day) =>
        !known ? UnknownMunicipality(code)
        : ContractValidity.IsOpenOn(validTo, day) ? null
        : MunicipalityEnded(code, validTo!.Value);

    public static FieldProblem UnknownCareType(string? code = null) =>
        FieldProblem.Unknown("care-type", code is null ? "Unknown care type: see GET /api/v1/care-types." : $"Unknown care type '{code}' (see /api/v1/care-types).");

    public static FieldProblem UnknownTag(string code) => FieldProblem.Unknown("tag", $"Unknown tag '{code}' (see /api/v1/tags).");

    public static FieldProblem UnknownRegion(IEnumerable<string> known) =>
        FieldProblem.Unknown("region", $"Unknown region. Known regions: {string.Join(", ", known)}.");

    /// <summary>Give these fields together, or none of them.</summary>
    public static FieldProblem Together(string message, params string[] fields) => FieldProblem.Of(ErrorCodes.Together, message, ("fields", fields));

    /// <summary>Listed more than once.</summary>
    public static FieldProblem Duplicate(string message = "Listed more than once.") => new(ErrorCodes.Duplicate, message);

    /// <summary>A number with a decimal point outside [<paramref name="min"/>, <paramref name="max"/>] (coordinates).</summary>
    public static FieldProblem NumberRange(double min, double max, string message) =>
        FieldProblem.Of(ErrorCodes.NumberRange, message, ("min", min), ("max", max));
}
