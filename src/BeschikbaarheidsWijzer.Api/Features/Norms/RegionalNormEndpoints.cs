using System.Security.Claims;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;
using BeschikbaarheidsWijzer.Api.Shared.Audit;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Norms;

/// <summary>
/// A region's own maximum acceptable waits per care type. Every PUT adds a version (nothing is overwritten); the version
/// in force on a date is the one with the latest <c>validFrom</c> on or before it, and of versions with the same
/// <c>validFrom</c> the one recorded last. Search, detail history and the reports all judge by that rule.
/// </summary>
public static class RegionalNormEndpoints
{
    public static IEndpointRouteBuilder MapRegionalNorms(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup();
        admin.MapPut("/regions/{region}/norms/{careType}", PutRegionalNorm).WithName("AdminPutRegionalNorm").WithRequiredBody()
            .WithSummary("Set the region's norm for a care type from a date")
            .WithDescription("Admin, or region-manager of this region (403 otherwise). Adds a version: maxIntakeWeeks and maxTreatmentWeeks " +
                             "0–104, maxTotalWeeks 0–208 and not shorter than a phase, at least one of them; validFrom yyyy-MM-dd from 2015-01-01 " +
                             "to five years ahead (a past date re-judges the reports made since). A PUT with the validFrom of an existing " +
                             "version adds a new version that replaces it (the latest recorded wins; the old one stays in the history): 201. " +
                             "Repeating the version that already applies from that date stores nothing: 200. Evicts the public cache.")
            .ProducesValidationProblem();
        admin.MapGet("/regions/{region}/norms", ListRegionalNorms).WithName("AdminListRegionalNorms")
            .WithSummary("Every version of the region's norms, with the period each applies")
            .WithDescription("Admin, or region-manager of this region. Per care type (optionally only careType), newest validFrom first. " +
                             "status: inForce (today), scheduled, ended, or replaced (a later recording with the same validFrom applies instead); " +
                             "validTo is the day before the next version takes over.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Created<RegionalNormVersionDto>, Ok<RegionalNormVersionDto>, ValidationProblem, ProblemHttpResult>> PutRegionalNorm(
        string region, string careType, RegionalNormRequest? input, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var (regionCode, refusal) = await ReferenceParameters.ManagedRegionAsync(region, "region", scope, db, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var careTypeCode = await ReferenceParameters.CareTypeAsync(careType, "careType", db, errors, cancellationToken);
        if (input is null)
        {
            errors.Add("body", ErrorCodes.Required, "Send a JSON object: { \"maxIntakeWeeks\": 4, \"maxTreatmentWeeks\": 10, \"maxTotalWeeks\": 14, \"validFrom\": \"2027-01-01\" }.");
        }

        var valid = input is null ? null : RegionalNormRules.Validate(input.ToInput(), scope.Today, errors);
        if (!errors.IsEmpty || valid is not { } norm || regionCode is null || careTypeCode is null)
        {
            return ManagementInput.Invalid(errors);
        }

        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);

        // One writer per region at a time, so "does this version already apply" cannot be overtaken.
        await db.Database.ExecuteSqlAsync($"select code from regions where code = {regionCode} for update", cancellationToken);
        var versions = await LoadVersionsAsync(db, regionCode, careTypeCode, cancellationToken);
        var recorders = await RecordersAsync(db, versions.Select(v => v.RecordedByKeyId).Append(scope.Caller.KeyId), cancellationToken);
        var applying = RegionalNormHistory.Describe(versions.Select(v => v.Version), scope.Today)
            .FirstOrDefault(d => d.Version.ValidFrom == norm.ValidFrom && d.Status != NormVersionStatus.Replaced);
        if (applying is not null && applying.Version.Norm == norm.Norm)
        {
            return TypedResults.Ok(Describe(versions, scope.Today, recorders).Single(d => d.Id == applying.Version.Sequence));
        }

        var replaced = applying is null ? null : Describe(versions, scope.Today, recorders).Single(d => d.Id == applying.Version.Sequence);
        var stored = new RegionalNorm
        {
            RegionCode = regionCode,
            CareTypeCode = careTypeCode,
            MaxIntakeWeeks = norm.Norm.MaxIntakeWeeks,
            MaxTreatmentWeeks = norm.Norm.MaxTreatmentWeeks,
            MaxTotalWeeks = norm.Norm.MaxTotalWeeks,
            ValidFrom = norm.ValidFrom,
            RecordedAt = write.Now,
            RecordedByKeyId = scope.Caller.KeyId,
        };
        db.RegionalNorms.Add(stored);

        // Saved first: the audit entry shows the version as the API does, with its id.
        if (await ManagementInput.TrySaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        versions.Add(Row(stored));
        var dto = Describe(versions, scope.Today, recorders).Single(d => d.Id == stored.Id);
        write.Record(AuditEntities.RegionalNorm, $"{regionCode}/{careTypeCode}/{norm.ValidFrom:yyyy-MM-dd}",
            applying is null ? AuditActions.Create : AuditActions.Update, replaced, dto);
        if (await write.CommitAsync(cancellationToken) is { } notStored)
        {
            return notStored;
        }

        return TypedResults.Created($"{ManagementApi.Prefix}/regions/{regionCode}/norms?careType={careTypeCode}", dto);
    }

    public static async Task<Results<Ok<List<RegionalNormVersionDto>>, ValidationProblem, ProblemHttpResult>> ListRegionalNorms(
        string region, string? careType, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var (regionCode, refusal) = await ReferenceParameters.ManagedRegionAsync(region, "region", scope, db, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var careTypeCode = careType is null ? null : await ReferenceParameters.CareTypeAsync(careType, "careType", db, errors, cancellationToken);
        if (!errors.IsEmpty || regionCode is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var versions = await LoadVersionsAsync(db, regionCode, careTypeCode, cancellationToken);
        var order = await db.CareTypes.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.SortOrder, cancellationToken);
        var recorders = await RecordersAsync(db, versions.Select(v => v.RecordedByKeyId), cancellationToken);
        return TypedResults.Ok(Describe(versions, scope.Today, recorders)
            .OrderBy(v => order.GetValueOrDefault(v.CareType))
            .ThenByDescending(v => v.ValidFrom)
            .ThenByDescending(v => v.RecordedAt)
            .ThenByDescending(v => v.Id)
            .ToList());
    }

    private static async Task<List<VersionRow>> LoadVersionsAsync(WijzerDbContext db, string region, string? careType, CancellationToken cancellationToken)
    {
        var query = db.RegionalNorms.AsNoTracking().Where(n => n.RegionCode == region);
        if (careType is not null)
        {
            query = query.Where(n => n.CareTypeCode == careType);
        }

        return (await query.ToListAsync(cancellationToken)).Select(Row).ToList();
    }

    private static VersionRow Row(RegionalNorm n) => new(
        new RegionalNormVersion(n.RegionCode, n.CareTypeCode, new WaitNorm(n.MaxIntakeWeeks, n.MaxTreatmentWeeks, n.MaxTotalWeeks), n.ValidFrom, n.RecordedAt, n.Id),
        n.RecordedByKeyId);

    /// <summary>The label and role of the keys that recorded versions, in one query (the bootstrap admin key is configuration, not a stored key).</summary>
    private static async Task<Dictionary<string, (string? Label, string? Role)>> RecordersAsync(
        WijzerDbContext db, IEnumerable<string?> keyIds, CancellationToken cancellationToken)
    {
        var ids = keyIds.OfType<string>().Distinct().ToList();
        var recorders = await db.ApiKeys.AsNoTracking().Where(k => ids.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => (k.Label, (string?)Roles.Name(k.Role)), cancellationToken);
        recorders[ApiKeyAuthenticationHandler.BootstrapAdminKeyId] = (null, Roles.Name(ApiKeyRole.Admin));
        return recorders;
    }

    /// <summary>The versions as the API shows them, each with who recorded it: the key's id, label and role.</summary>
    private static List<RegionalNormVersionDto> Describe(List<VersionRow> rows, DateOnly today, IReadOnlyDictionary<string, (string? Label, string? Role)> recorders)
    {
        var recordedBy = rows.ToDictionary(r => r.Version.Sequence, r => r.RecordedByKeyId);
        return RegionalNormHistory.Describe(rows.Select(r => r.Version), today)
            .Select(d =>
            {
                var keyId = recordedBy[d.Version.Sequence];
                var by = keyId is not null && recorders.TryGetValue(keyId, out var recorder) ? recorder : (Label: null, Role: null);
                return new RegionalNormVersionDto(
                    d.Version.Sequence,
                    d.Version.RegionCode,
                    d.Version.CareTypeCode,
                    d.Version.Norm.MaxIntakeWeeks,
                    d.Version.Norm.MaxTreatmentWeeks,
                    d.Version.Norm.MaxTotalWeeks,
                    d.Version.ValidFrom,
                    d.ValidTo,
                    d.Status,
                    d.Version.RecordedAt,
                    keyId,
                    by.Label,
                    by.Role);
            })
            .ToList();
    }

    private sealed record VersionRow(RegionalNormVersion Version, string? RecordedByKeyId);
}

/// <summary>
/// The region's maximum acceptable waits in weeks for one care type (a phase left out has no bound) and the date they take
/// effect, <c>yyyy-MM-dd</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegionalNormRequest(int? MaxIntakeWeeks = null, int? MaxTreatmentWeeks = null, int? MaxTotalWeeks = null, string? ValidFrom = null)
{
    public RegionalNormInput ToInput() => new(MaxIntakeWeeks, MaxTreatmentWeeks, MaxTotalWeeks, ValidFrom);
}

/// <summary>
/// One stored version: <c>validTo</c> is the day before the next version takes over (null: open-ended or replaced).
/// <c>recordedBy</c> is the id of the key that recorded it, <c>recordedByLabel</c> and <c>recordedByRole</c> its label and
/// role (<c>admin</c> or <c>region-manager</c>; the bootstrap admin key has no label).
/// </summary>
public sealed record RegionalNormVersionDto(
    long Id,
    string Region,
    string CareType,
    int? MaxIntakeWeeks,
    int? MaxTreatmentWeeks,
    int? MaxTotalWeeks,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    NormVersionStatus Status,
    DateTimeOffset RecordedAt,
    string? RecordedBy,
    string? RecordedByLabel,
    string? RecordedByRole);
