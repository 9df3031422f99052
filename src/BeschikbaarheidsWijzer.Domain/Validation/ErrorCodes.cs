namespace BeschikbaarheidsWijzer.Domain.Validation;

/// <summary>
/// The stable codes of refused fields, with the parameters each carries beside the English message. A client words a
/// code in its own language from the code and its parameters; the message may change, a code does not. The README lists
/// them too (keep both in step: a test compares them).
/// </summary>
public static class ErrorCodes
{
    /// <summary>Missing or empty.</summary>
    public const string Required = "required";

    /// <summary>Not a whole number, or outside <c>min</c>..<c>max</c> (inclusive).</summary>
    public const string Range = "range";

    /// <summary>Not a number (with a decimal point), or outside <c>min</c>..<c>max</c>.</summary>
    public const string NumberRange = "number-range";

    /// <summary>Not <c>true</c> or <c>false</c>.</summary>
    public const string Boolean = "boolean";

    /// <summary>Not a date in the form <c>format</c> (<c>yyyy-MM-dd</c>).</summary>
    public const string Date = "date";

    /// <summary>A date outside <c>min</c>..<c>max</c> (<c>yyyy-MM-dd</c>).</summary>
    public const string DateRange = "date-range";

    /// <summary>Longer than <c>max</c> characters (it has <c>length</c>).</summary>
    public const string TooLong = "too-long";

    /// <summary>Text with a character that is not allowed: <c>reason</c> is <c>line-break</c>, <c>control</c>, <c>direction</c> or <c>surrogate</c>.</summary>
    public const string Text = "text";

    /// <summary>Not in the form <c>format</c> asks: <c>postcode</c>, <c>municipality-code</c>, <c>kvk</c>, <c>agb</c>, <c>email</c>, <c>phone</c>, <c>website</c>, <c>uuid</c>, <c>idempotency-key</c>, <c>csv-header</c>, <c>csv-row</c>.</summary>
    public const string Format = "format";

    /// <summary>A code or id that does not exist (or not for you): <c>kind</c> is <c>municipality</c>, <c>care-type</c>, <c>tag</c>, <c>region</c>, <c>provider</c>, <c>location</c>, <c>offering</c>, <c>postcode</c> or <c>ijw-category</c>.</summary>
    public const string Unknown = "unknown";

    /// <summary>A municipality that no longer exists (merged) since <c>since</c>.</summary>
    public const string Ended = "ended";

    /// <summary>Not one of <c>allowed</c>.</summary>
    public const string OneOf = "one-of";

    /// <summary>Listed more than once.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A list with fewer than <c>min</c> or more than <c>max</c> entries.</summary>
    public const string Count = "count";

    /// <summary>Outside the caller's regions: <c>regions</c> are the ones it manages.</summary>
    public const string NotYours = "not-yours";

    /// <summary>More than the field <c>other</c> allows (free places more than total places: <c>max</c> is that value).</summary>
    public const string MoreThan = "more-than";

    /// <summary>Less than the field <c>other</c> (e.g. <c>ageMax</c> below <c>ageMin</c>, <c>to</c> before <c>from</c>; <c>min</c> is that value).</summary>
    public const string LessThan = "less-than";

    /// <summary>Give the <c>fields</c> together (lat and lon), or none of them.</summary>
    public const string Together = "together";

    /// <summary>Give at least one of <c>fields</c>.</summary>
    public const string AtLeastOne = "at-least-one";

    /// <summary>Needs another field first: <c>needs</c> lists what would do (sorting by distance needs a place).</summary>
    public const string Needs = "needs";

    /// <summary>Must come on its own: <c>fields</c> are the ones given beside it (<c>unchanged: true</c> with figures).</summary>
    public const string Alone = "alone";

    /// <summary>Nothing to confirm: the offering has no earlier report whose figures could still hold.</summary>
    public const string NoEarlierReport = "no-earlier-report";

    /// <summary>Fewer than <c>min</c>: a group this small could identify a person (a count of young people in a region's upload).</summary>
    public const string TooFew = "too-few";

    /// <summary>Not allowed here (e.g. regions on an admin key, another provider for an existing offering, a <c>Host</c> outside <c>AllowedHosts</c>).</summary>
    public const string NotAllowed = "not-allowed";

    /// <summary>The request body is not valid JSON.</summary>
    public const string JsonSyntax = "json-syntax";

    /// <summary>The value has the wrong JSON type (a string where a number belongs), or a number out of its type's range.</summary>
    public const string JsonType = "json-type";

    /// <summary>A field the request does not have.</summary>
    public const string UnknownField = "unknown-field";

    /// <summary>A field given twice in one JSON object.</summary>
    public const string DuplicateField = "duplicate-field";

    /// <summary>Every code, for documentation and its test.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Required, Range, NumberRange, Boolean, Date, DateRange, TooLong, Text, Format, Unknown, Ended, OneOf, Duplicate, Count, NotYours,
        MoreThan, LessThan, Together, AtLeastOne, Needs, Alone, NoEarlierReport, TooFew, NotAllowed, JsonSyntax, JsonType, UnknownField, DuplicateField,
    ];
}
