using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace BeschikbaarheidsWijzer.Domain.Geo;

/// <summary>
/// Reads the PDOK Locatieserver's answer to a postcode query
/// (<c>{"response":{"numFound":1,"docs":[{"centroide_ll":"POINT(6.29 51.96)","gemeentecode":"0222","postcode":"7001AB"}]}}</c>).
/// Defensive by design: whatever comes back, the result is a <see cref="PostcodeLookup"/>, never an exception; an answer
/// that cannot be trusted is <see cref="PostcodeLookup.Unavailable"/>.
/// </summary>
public static class PdokPostcodeResponse
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <param name="json">The response body.</param>
    /// <param name="postcode">The postcode asked for, compact (<c>7001AB</c>): a document for another postcode does not count.</param>
    public static PostcodeLookup Parse(string? json, string postcode)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Malformed("empty body");
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("response", out var response)
                || response.ValueKind != JsonValueKind.Object)
            {
                return Malformed("no response object");
            }

            if (!response.TryGetProperty("docs", out var docs) || docs.ValueKind != JsonValueKind.Array)
            {
                return Malformed("no docs array");
            }

            if (docs.GetArrayLength() == 0)
            {
                return new PostcodeLookup.NotFound();
            }

            var doc = docs[0];
            if (doc.ValueKind != JsonValueKind.Object)
            {
                return Malformed("doc is not an object");
            }

            if (doc.TryGetProperty("postcode", out var answered))
            {
                if (answered.ValueKind != JsonValueKind.String)
                {
                    return Malformed("postcode is not a string");
                }

                if (!string.Equals(Compact(answered.GetString()), postcode, StringComparison.OrdinalIgnoreCase))
                {
                    // The search matched something other than the postcode itself: as good as not found.
                    return new PostcodeLookup.NotFound();
                }
            }

            if (!doc.TryGetProperty("gemeentecode", out var gemeentecode) || !TryNormaliseGemeentecode(gemeentecode, out var municipality))
            {
                return Malformed("no usable gemeentecode");
            }

            if (!doc.TryGetProperty("centroide_ll", out var centroid) || centroid.ValueKind != JsonValueKind.String
                || !TryParsePoint(centroid.GetString(), out var lon, out var lat))
            {
                return Malformed("no usable centroide_ll");
            }

            return new PostcodeLookup.Found(municipality, lat, lon);
        }
        catch (JsonException)
        {
            return Malformed("not JSON");
        }
    }

    /// <summary>
    /// A WKT point <c>POINT(lon lat)</c> (x first, as WKT has it) in WGS84 degrees. Tolerates spaces and lower case;
    /// rejects anything else, non-finite numbers and out-of-range coordinates.
    /// </summary>
    public static bool TryParsePoint(string? wkt, out double lon, out double lat)
    {
        lon = lat = 0;
        if (wkt is null)
        {
            return false;
        }

        var text = wkt.Trim();
        if (!text.StartsWith("POINT", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        text = text[5..].Trim();
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')')
        {
            return false;
        }

        var parts = text[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (parts.Length != 2
            || !double.TryParse(parts[0], style, CultureInfo.InvariantCulture, out var x)
            || !double.TryParse(parts[1], style, CultureInfo.InvariantCulture, out var y)
            || !double.IsFinite(x) || !double.IsFinite(y) || x is < -180 or > 180 || y is < -90 or > 90)
        {
            return false;
        }

        (lon, lat) = (x, y);
        return true;
    }

    /// <summary>
    /// PDOK's <c>gemeentecode</c> (<c>"0222"</c>, also <c>"222"</c>, <c>"GM0222"</c> or the number <c>222</c>) as a CBS code
    /// <c>GM0222</c>.
    /// </summary>
    public static bool TryNormaliseGemeentecode(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (text is null)
        {
            return false;
        }

        var digits = text.Trim();
        if (digits.StartsWith("GM", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length is < 1 or > 4 || !digits.All(char.IsAsciiDigit) || digits.All(c => c == '0'))
        {
            return false;
        }

        code = "GM" + digits.PadLeft(4, '0');
        return true;
    }

    private static bool TryNormaliseGemeentecode(JsonElement element, [NotNullWhen(true)] out string? code)
    {
        code = null;
        return element.ValueKind switch
        {
            JsonValueKind.String => TryNormaliseGemeentecode(element.GetString(), out code),
            JsonValueKind.Number => element.TryGetInt32(out var number) && number is > 0 and <= 9999
                                    && TryNormaliseGemeentecode(number.ToString(CultureInfo.InvariantCulture), out code),
            _ => false,
        };
    }

    private static string? Compact(string? postcode) => postcode?.Replace(" ", "", StringComparison.Ordinal).Trim();

    private static PostcodeLookup.Unavailable Malformed(string reason) => new($"malformed geocoder answer: {reason}");
}
