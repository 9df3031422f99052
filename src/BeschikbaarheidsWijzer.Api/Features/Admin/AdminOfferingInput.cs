using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>The checks of an offering as a manager sends it: its own fields, and the municipalities it is contracted for.</summary>
internal static class AdminOfferingInput
{
    /// <summary>Checks the offering's own fields; null (with errors) when any is wrong.</summary>
    public static async Task<OfferingFields?> ReadFieldsAsync(
        OfferingInput input, Guid? providerId, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var title = ManagementInput.RequiredText(errors, "title", input.Title, FieldLimits.TitleLength);
        var description = ManagementInput.OptionalText(errors, "description", input.Description, FieldLimits.DescriptionLength, allowLineBreaks: true);
        var referralInfo = ManagementInput.OptionalText(errors, "referralInfo", input.ReferralInfo, FieldLimits.ReferralInfoLength, allowLineBreaks: true);

        var careType = ManagementInput.RequiredText(errors, "careType", input.CareType, 64)?.ToLowerInvariant();
        if (careType is not null && !await db.CareTypes.AnyAsync(c => c.Code == careType, cancellationToken))
        {
            errors.Add("careType", CommonProblems.UnknownCareType());
        }

        if (input.AgeMin is null)
        {
            errors.Add("ageMin", FieldProblem.Required());
        }
        else if (input.AgeMin is < 0 or > FieldLimits.MaxAge)
        {
            errors.Add("ageMin", FieldProblem.Range(0, FieldLimits.MaxAge, $"An age from 0 to {FieldLimits.MaxAge}."));
        }

        if (input.AgeMax is null)
        {
            errors.Add("ageMax", FieldProblem.Required());
        }
        else if (input.AgeMax is < 0 or > FieldLimits.MaxAge)
        {
            errors.Add("ageMax", FieldProblem.Range(0, FieldLimits.MaxAge, $"An age from 0 to {FieldLimits.MaxAge}."));
        }
        else if (input.AgeMin is >= 0 and <= FieldLimits.MaxAge && input.AgeMin > input.AgeMax)
        {
            errors.Add("ageMax", ErrorCodes.LessThan, "Must be at least ageMin.", ("other", "ageMin"), ("min", input.AgeMin));
        }

        var tags = ManagementInput.ReadCodes(errors, "tags", input.Tags, FieldLimits.MaxTagsPerOffering, t => t.Trim().ToLowerInvariant(), FieldProblem.Unknown("tag", "Not a tag.")) ?? [];
        if (tags.Count > 0)
        {
            var names = tags.Select(t => t.Code).ToList();
            var known = await db.Tags.Where(t => names.Contains(t.Code)).Select(t => t.Code).ToListAsync(cancellationToken);
            foreach (var (index, tag) in tags.Where(t => !known.Contains(t.Code)))
            {
                errors.Add($"tags[{index}]", CommonProblems.UnknownTag(tag));
            }
        }

        var locations = new List<Location>();
        var locationIds = input.LocationIds ?? [];
        if (locationIds.Count > FieldLimits.MaxLocationsPerOffering)
        {
            errors.Add("locationIds", ErrorCodes.Count, $"At most {FieldLimits.MaxLocationsPerOffering} locations (this has {locationIds.Count}).", ("min", 0), ("max", FieldLimits.MaxLocationsPerOffering));
        }
        else if (locationIds.Count > 0 && providerId is { } owner)
        {
            locations = await db.Locations.Where(l => locationIds.Contains(l.Id) && l.ProviderId == owner).ToListAsync(cancellationToken);
            var seen = new HashSet<Guid>();
            for (var i = 0; i < locationIds.Count; i++)
            {
                if (!seen.Add(locationIds[i]))
                {
                    errors.Add($"locationIds[{i}]", CommonProblems.Duplicate());
                }
                else if (locations.All(l => l.Id != locationIds[i]))
                {
                    errors.Add($"locationIds[{i}]", FieldProblem.Unknown("location", "Not a location of this provider."));
                }
            }
        }

        return errors.IsEmpty
            ? new OfferingFields(title!, careType!, description, input.AgeMin!.Value, input.AgeMax!.Value, tags.Select(t => t.Code).ToList(), referralInfo, locations)
            : null;
    }

    /// <summary>The municipalities named (none when left out), each checked to exist today.</summary>
    public static async Task<List<(int Index, Municipality Municipality)>> ReadMunicipalitiesAsync(
        List<string?>? values, DateOnly today, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var codes = ManagementInput.ReadCodes(errors, "municipalities", values, FieldLimits.MaxMunicipalitiesPerOffering,
            v => DutchCodes.TryNormaliseMunicipalityCode(v, out var code) ? code : null,
            CommonProblems.MunicipalityCodeFormat) ?? [];
        if (codes.Count == 0)
        {
            return [];
        }

        var names = codes.Select(c => c.Code).ToList();
        var known = await db.Municipalities.AsNoTracking().Where(m => names.Contains(m.Code))
            .ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
        var result = new List<(int, Municipality)>();
        foreach (var (index, code) in codes)
        {
            var municipality = known.GetValueOrDefault(code);
            if (CommonProblems.MunicipalityNotInUse(code, municipality is not null, municipality?.ValidTo, today) is { } problem)
            {
                errors.Add($"municipalities[{index}]", problem);
            }
            else
            {
                result.Add((index, municipality!));
            }
        }

        return result;
    }

    public static FieldProblem OutsideRegions(ManagementScope scope, Municipality municipality) =>
        FieldProblem.Of(ErrorCodes.NotYours,
            $"{municipality.Code} lies in region {municipality.RegionCode}; you can only contract municipalities in your own regions ({string.Join(", ", scope.Regions)}).",
            ("regions", scope.Regions));
}

/// <summary>An offering's checked fields, ready to apply.</summary>
internal sealed record OfferingFields(
    string Title, string CareType, string? Description, int AgeMin, int AgeMax, List<string> Tags, string? ReferralInfo, List<Location> Locations)
{
    public void ApplyTo(Offering offering)
    {
        offering.Title = Title;
        offering.CareTypeCode = CareType;
        offering.Description = Description;
        offering.AgeMin = AgeMin;
        offering.AgeMax = AgeMax;
        offering.Tags = Tags;
        offering.ReferralInfo = ReferralInfo;
    }
}

/// <summary>
/// An offering. <c>careType</c>: a code from GET /api/v1/care-types; <c>tags</c>: from GET /api/v1/tags;
/// <c>locationIds</c>: locations of the same provider; <c>municipalities</c>: CBS codes it is contracted for.
/// <c>providerId</c> is required to create; on a replace it may be left out (an offering never changes provider).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OfferingInput(
    string? Title,
    string? CareType,
    int? AgeMin,
    int? AgeMax,
    Guid? ProviderId = null,
    string? Description = null,
    List<string?>? Tags = null,
    string? ReferralInfo = null,
    List<Guid>? LocationIds = null,
    List<string?>? Municipalities = null);

public sealed record OfferingListQuery(
    [FromQuery(Name = "providerId")] string? ProviderId,
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "pageSize")] string? PageSize);
