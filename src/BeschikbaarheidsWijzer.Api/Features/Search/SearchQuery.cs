using System.Globalization;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>
/// The search's query string as sent. Values are taken as text and parsed here, so that a wrong value is answered with a
/// 400 naming the parameter instead of a generic binding error.
/// </summary>
public sealed record SearchQuery(
    string? Municipality,
    string? Postcode,
    string? Lat,
    string? Lon,
    string[]? CareType,
    string? Age,
    string[]? Tag,
    string? AvailableNow,
    string? WithinNorm,
    string? MaxWaitWeeks,
    string? Q,
    string? Sort,
    string? Page,
    string? PageSize)
{
    public const int MaxPageSize = 100;

    // Machine-readable prefixes of the response's warnings; a sentence for people follows after ": ".
    public const string PostcodeUnresolvedWarning = "postcode-unresolved";
    public const string PostcodeOutsideRegionsWarning = "postcode-outside-regions";
    public const string SortFallbackWarning = "sort-fallback";

    /// <summary>The postcode as the geocoder takes it (<c>7001AB</c>); null when none was given or it is not a Dutch postcode.</summary>
    public string? PostcodeToResolve =>
        DutchCodes.TryNormalisePostcode(Postcode, out var postcode) ? postcode.Replace(" ", "", StringComparison.Ordinal) : null;

    /// <param name="reference">The municipalities, care types and tags to validate against.</param>
    /// <param name="postcode">What the geocoder said about <see cref="PostcodeToResolve"/>; null when there was nothing to resolve.</param>
    /// <param name="errors">Receives a message per invalid parameter; the result is null when there is any.</param>
    /// <param name="warnings">Receives what the response should say about a search answered less precisely than asked.</param>
    public SearchCriteria? ToCriteria(ReferenceLookup.Snapshot reference, PostcodeLookup? postcode, ValidationErrors errors, ICollection<string> warnings)
    {
        ReferenceLookup.MunicipalityInfo? municipality = null;
        if (!string.IsNullOrWhiteSpace(Municipality))
        {
            var code = Municipality.Trim().ToUpperInvariant();
            if (!reference.Municipalities.TryGetValue(code, out municipality))
            {
                errors.Add("municipality", CommonProblems.UnknownMunicipality());
            }
        }

        (double, double)? point = null;
        var lat = ParseDouble(Lat, "lat", -90, 90, errors);
        var lon = ParseDouble(Lon, "lon", -180, 180, errors);
        if (Lat is not null ^ Lon is not null)
        {
            errors.Add(Lat is null ? "lat" : "lon", CommonProblems.Together("Give lat and lon together.", "lat", "lon"));
        }
        else if (lat is not null && lon is not null)
        {
            point = (lat.Value, lon.Value);
        }

        // A postcode's municipality is the place searched unless municipality is given too; its coordinates are where
        // distances are measured from unless lat and lon are given. A postcode outside our regions, or one the geocoder
        // cannot resolve right now, still gets an answer: not limited to a municipality, with a warning that says so.
        ReferenceLookup.MunicipalityInfo? postcodeMunicipality = null;
        (double, double)? postcodePoint = null;
        var postcodeGiven = !string.IsNullOrWhiteSpace(Postcode);
        if (postcodeGiven && PostcodeToResolve is null)
        {
            errors.Add("postcode", CommonProblems.PostcodeFormat);
        }
        else if (postcodeGiven)
        {
            switch (postcode)
            {
                case PostcodeLookup.Found found:
                    postcodePoint = (found.Lat, found.Lon);
                    if (!reference.Municipalities.TryGetValue(found.MunicipalityCode, out postcodeMunicipality) && municipality is null)
                    {
                        warnings.Add($"{PostcodeOutsideRegionsWarning}: the postcode lies in municipality {found.MunicipalityCode}, outside the regions served; " +
                                     "results are not limited to a municipality and are judged by the national norms");
                    }

                    break;
                case PostcodeLookup.NotFound:
                    errors.Add("postcode", FieldProblem.Unknown("postcode", "Unknown postcode: no such postcode is known."));
                    break;
                default:
                    if (municipality is null)
                    {
                        warnings.Add($"{PostcodeUnresolvedWarning}: the postcode could not be resolved right now; results are not limited to its municipality");
                    }
                    else if (point is null)
                    {
                        warnings.Add($"{PostcodeUnresolvedWarning}: the postcode could not be resolved right now; distances are measured from the municipality's centre");
                    }

                    break;
            }
        }

        var careTypes = Distinct(CareType);
        foreach (var careType in careTypes.Where(c => !reference.CareTypes.Contains(c)))
        {
            errors.Add("careType", CommonProblems.UnknownCareType(Shorten(careType)));
        }

        var tags = Distinct(Tag);
        foreach (var tag in tags.Where(t => !reference.Tags.Contains(t)))
        {
            errors.Add("tag", CommonProblems.UnknownTag(Shorten(tag)));
        }

        var age = ParseInt(Age, "age", 0, FieldLimits.MaxAge, errors);
        var maxWait = ParseInt(MaxWaitWeeks, "maxWaitWeeks", 0, 208, errors);
        var page = ParseInt(Page, "page", 1, 10_000, errors) ?? 1;
        var pageSize = ParseInt(PageSize, "pageSize", 1, MaxPageSize, errors) ?? 20;
        var availableNow = ParseBool(AvailableNow, "availableNow", errors);
        var withinNorm = ParseBool(WithinNorm, "withinNorm", errors);

        string? text = null;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            text = Q.Trim();
            if (TextRules.FindProblem(text, FieldLimits.SearchTextLength, allowLineBreaks: false) is { } problem)
            {
                errors.Add("q", problem);
            }
        }

        SearchSort? sort = Sort?.Trim().ToLowerInvariant() switch
        {
            null or "wait" => SearchSort.Wait,
            "distance" => SearchSort.Distance,
            "name" => SearchSort.Name,
            "updated" => SearchSort.Updated,
            _ => null,
        };
        if (sort is null)
        {
            errors.Add("sort", FieldProblem.OneOf(["wait", "distance", "name", "updated"]));
        }

        // Without lat and lon, distances are measured from the postcode, else from the municipality's centre.
        var place = municipality ?? postcodeMunicipality;
        var referencePoint = point ?? postcodePoint ?? (place is null ? null : (place.Lat, place.Lon));
        if (sort == SearchSort.Distance && referencePoint is null)
        {
            if (!postcodeGiven)
            {
                errors.Add("sort", ErrorCodes.Needs, "Sorting by distance needs a place: give postcode, municipality, or lat and lon.",
                    ("needs", new[] { "postcode", "municipality", "lat+lon" }));
            }
            else if (!errors.Contains("postcode"))
            {
                sort = SearchSort.Wait;
                warnings.Add($"{SortFallbackWarning}: sorting by distance needs the postcode's location, which is unknown right now; sorted by wait instead");
            }
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        return new SearchCriteria
        {
            MunicipalityCode = place?.Code,
            RegionCode = place?.RegionCode,
            ReferencePoint = referencePoint,
            CareTypes = careTypes,
            Age = age,
            Tags = tags,
            AvailableNow = availableNow,
            WithinNorm = withinNorm,
            MaxWaitWeeks = maxWait,
            Text = text,
            Sort = sort!.Value,
            Page = page,
            PageSize = pageSize,
        };
    }

    private static List<string> Distinct(string[]? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct().ToList();

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static int? ParseInt(string? text, string name, int min, int max, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, FieldProblem.Range(min, max, $"Use a whole number from {min} to {max}."));
            return null;
        }

        return value;
    }

    private static double? ParseDouble(string? text, string name, double min, double max, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            errors.Add(name, CommonProblems.NumberRange(min, max, $"Use a number from {min} to {max} (decimal point, e.g. 51.96)."));
            return null;
        }

        return value;
    }

    private static bool ParseBool(string? text, string name, ValidationErrors errors)
    {
        if (text is null)
        {
            return false;
        }

        if (!bool.TryParse(text, out var value))
        {
            errors.Add(name, ErrorCodes.Boolean, "Use true or false.");
        }

        return value;
    }
}
