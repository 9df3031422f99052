using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Mvc;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>
/// The search's query string as sent. Values are taken as text and parsed here, so that a wrong value is answered with a
/// 400 naming the parameter instead of a generic binding error.
/// </summary>
public sealed record SearchQuery(
    [FromQuery(Name = "municipality")] string? Municipality,
    [FromQuery(Name = "postcode")] string? Postcode,
    [FromQuery(Name = "lat")] string? Lat,
    [FromQuery(Name = "lon")] string? Lon,
    [FromQuery(Name = "careType")] string[]? CareType,
    [FromQuery(Name = "age")] string? Age,
    [FromQuery(Name = "tag")] string[]? Tag,
    [FromQuery(Name = "availableNow")] string? AvailableNow,
    [FromQuery(Name = "withinNorm")] string? WithinNorm,
    [FromQuery(Name = "maxWaitWeeks")] string? MaxWaitWeeks,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "pageSize")] string? PageSize)
{
    public const int MaxPageSize = 100;
    private const int MaxPage = 10_000;

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
        var place = ReadPlace(reference, postcode, errors, warnings);
        var careTypes = ReadCodes(CareType, "careType", reference.CareTypes, CommonProblems.UnknownCareType, errors);
        var tags = ReadCodes(Tag, "tag", reference.Tags, CommonProblems.UnknownTag, errors);
        var age = QueryValues.Integer(Age, "age", 0, FieldLimits.MaxAge, errors);
        var maxWait = QueryValues.Integer(MaxWaitWeeks, "maxWaitWeeks", 0, FieldLimits.MaxTotalWaitWeeks, errors);
        var page = QueryValues.Integer(Page, "page", 1, MaxPage, errors) ?? 1;
        var pageSize = QueryValues.Integer(PageSize, "pageSize", 1, MaxPageSize, errors) ?? 20;
        var availableNow = QueryValues.Boolean(AvailableNow, "availableNow", errors);
        var withinNorm = QueryValues.Boolean(WithinNorm, "withinNorm", errors);
        var text = QueryValues.Text(Q, "q", FieldLimits.SearchTextLength, errors);
        var sort = ReadSort(place, errors, warnings);
        if (!errors.IsEmpty || sort is null)
        {
            return null;
        }

        return new SearchCriteria
        {
            MunicipalityCode = place.Searched?.Code,
            RegionCode = place.Searched?.RegionCode,
            ReferencePoint = place.ReferencePoint,
            CareTypes = careTypes,
            Age = age,
            Tags = tags,
            AvailableNow = availableNow,
            WithinNorm = withinNorm,
            MaxWaitWeeks = maxWait,
            Text = text,
            Sort = sort.Value,
            Page = page,
            PageSize = pageSize,
        };
    }

    /// <summary>
    /// Where the search is: the municipality searched (given, else the postcode's) and where distances are measured from
    /// (lat and lon, else the postcode, else the municipality's centre).
    /// </summary>
    private sealed record Place(ReferenceLookup.MunicipalityInfo? Searched, (double Lat, double Lon)? ReferencePoint, bool PostcodeGiven);

    private Place ReadPlace(ReferenceLookup.Snapshot reference, PostcodeLookup? postcode, ValidationErrors errors, ICollection<string> warnings)
    {
        ReferenceLookup.MunicipalityInfo? municipality = null;
        if (!string.IsNullOrWhiteSpace(Municipality) && !reference.Municipalities.TryGetValue(Municipality.Trim().ToUpperInvariant(), out municipality))
        {
            errors.Add("municipality", CommonProblems.UnknownMunicipality());
        }

        var point = ReadPoint(errors);
        var postcodeGiven = !string.IsNullOrWhiteSpace(Postcode);
        var (postcodeMunicipality, postcodePoint) = postcodeGiven
            ? ReadPostcode(reference, postcode, municipality is not null, point is not null, errors, warnings)
            : (null, null);
        var searched = municipality ?? postcodeMunicipality;
        return new Place(searched, point ?? postcodePoint ?? (searched is null ? null : (searched.Lat, searched.Lon)), postcodeGiven);
    }

    /// <summary>lat and lon, given together or not at all.</summary>
    private (double Lat, double Lon)? ReadPoint(ValidationErrors errors)
    {
        var lat = QueryValues.Number(Lat, "lat", -90, 90, errors);
        var lon = QueryValues.Number(Lon, "lon", -180, 180, errors);
        if (Lat is not null ^ Lon is not null)
        {
            errors.Add(Lat is null ? "lat" : "lon", CommonProblems.Together("Give lat and lon together.", "lat", "lon"));
            return null;
        }

        return lat is not null && lon is not null ? (lat.Value, lon.Value) : null;
    }

    /// <summary>
    /// The postcode's municipality and coordinates. A postcode outside our regions, or one the geocoder cannot resolve
    /// right now, still gets an answer: not limited to a municipality, with a warning that says so.
    /// </summary>
    private (ReferenceLookup.MunicipalityInfo? Municipality, (double Lat, double Lon)? Point) ReadPostcode(
        ReferenceLookup.Snapshot reference, PostcodeLookup? postcode, bool municipalityGiven, bool pointGiven, ValidationErrors errors, ICollection<string> warnings)
    {
        if (PostcodeToResolve is null)
        {
            errors.Add("postcode", CommonProblems.PostcodeFormat);
            return (null, null);
        }

        switch (postcode)
        {
            case PostcodeLookup.Found found:
                if (!reference.Municipalities.TryGetValue(found.MunicipalityCode, out var inRegions) && !municipalityGiven)
                {
                    warnings.Add($"{PostcodeOutsideRegionsWarning}: the postcode lies in municipality {found.MunicipalityCode}, outside the regions served; " +
                                 "results are not limited to a municipality and are judged by the national norms");
                }

                return (inRegions, (found.Lat, found.Lon));
            case PostcodeLookup.NotFound:
                errors.Add("postcode", FieldProblem.Unknown("postcode", "Unknown postcode: no such postcode is known."));
                return (null, null);
            default:
                if (!municipalityGiven)
                {
                    warnings.Add($"{PostcodeUnresolvedWarning}: the postcode could not be resolved right now; results are not limited to its municipality");
                }
                else if (!pointGiven)
                {
                    warnings.Add($"{PostcodeUnresolvedWarning}: the postcode could not be resolved right now; distances are measured from the municipality's centre");
                }

                return (null, null);
        }
    }

    /// <summary>The codes given (repeated or comma-separated), each one known.</summary>
    private static List<string> ReadCodes(string[]? values, string field, IReadOnlySet<string> known, Func<string, FieldProblem> unknown, ValidationErrors errors)
    {
        var codes = (values ?? []).SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct().ToList();
        foreach (var code in codes.Where(c => !known.Contains(c)))
        {
            errors.Add(field, unknown(code.Length <= 40 ? code : code[..40] + "…"));
        }

        return codes;
    }

    /// <summary>The order asked for; by distance needs a place, and falls back to wait (with a warning) when the postcode's is unknown now.</summary>
    private SearchSort? ReadSort(Place place, ValidationErrors errors, ICollection<string> warnings)
    {
        SearchSort? sort = Sort?.Trim().ToLowerInvariant() switch
        {
            null or "wait" => SearchSort.Wait,
            "distance" => SearchSort.Distance,
            "name" => SearchSort.Name,
            "updated" => SearchSort.Updated,
            "freeplaces" => SearchSort.FreePlaces,
            _ => null,
        };
        if (sort is null)
        {
            errors.Add("sort", FieldProblem.OneOf(["wait", "distance", "name", "updated", "freePlaces"]));
        }
        else if (sort == SearchSort.Distance && place.ReferencePoint is null)
        {
            if (!place.PostcodeGiven)
            {
                errors.Add("sort", ErrorCodes.Needs, "Sorting by distance needs a place: give postcode, municipality, or lat and lon.",
                    ("needs", new[] { "postcode", "municipality", "lat+lon" }));
            }
            else if (!errors.Contains("postcode"))
            {
                warnings.Add($"{SortFallbackWarning}: sorting by distance needs the postcode's location, which is unknown right now; sorted by wait instead");
                return SearchSort.Wait;
            }
        }

        return sort;
    }
}
