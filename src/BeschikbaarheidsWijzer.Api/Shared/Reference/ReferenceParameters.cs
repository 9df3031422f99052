using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Shared.Reference;

/// <summary>A region or care type named in a path or query, checked against the reference data.</summary>
public static class ReferenceParameters
{
    /// <summary>The region code (lower case), or null with an error naming <paramref name="field"/>.</summary>
    public static async Task<string?> RegionAsync(string? value, string field, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var code = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(field, FieldProblem.Required("Required: a region code (see GET /api/v1/regions)."));
            return null;
        }

        if (IsCode(code) && await db.Regions.AnyAsync(r => r.Code == code, cancellationToken))
        {
            return code;
        }

        var known = await db.Regions.OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken);
        errors.Add(field, CommonProblems.UnknownRegion(known));
        return null;
    }

    /// <summary>The care type code (lower case), or null with an error naming <paramref name="field"/>.</summary>
    public static async Task<string?> CareTypeAsync(string? value, string field, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var code = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(field, FieldProblem.Required("Required: a care type code (see GET /api/v1/care-types)."));
            return null;
        }

        if (IsCode(code) && await db.CareTypes.AnyAsync(c => c.Code == code, cancellationToken))
        {
            return code;
        }

        errors.Add(field, CommonProblems.UnknownCareType());
        return null;
    }

    /// <summary>
    /// A region the caller must manage: unknown is an error naming <paramref name="field"/> (400), one a region manager does
    /// not manage is a 403 refusal.
    /// </summary>
    public static async Task<(string? Region, ProblemHttpResult? Refusal)> ManagedRegionAsync(
        string? value, string field, ManagementScope scope, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var region = await RegionAsync(value, field, db, errors, cancellationToken);
        return region is not null && !scope.ManagesRegion(region) ? (null, NotYourRegion(scope, region)) : (region, null);
    }

    /// <summary>403 for a region manager asking about a region it does not manage (regions are public, so this reveals nothing).</summary>
    public static ProblemHttpResult NotYourRegion(ManagementScope scope, string region) =>
        TypedResults.Problem(
            $"Your API key manages {string.Join(", ", scope.Regions)}; it has no access to region {region}.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed");

    /// <summary>
    /// Region and care type codes are short lower-case slugs: anything else is unknown without asking the database, which
    /// refuses some characters (NUL) outright.
    /// </summary>
    private static bool IsCode(string code) =>
        code.Length <= 64 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
