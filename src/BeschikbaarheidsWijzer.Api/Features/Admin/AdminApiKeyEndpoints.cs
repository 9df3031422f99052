using System.Security.Claims;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Audit;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Domain.Security;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>
/// API keys: issued once (the full key is in the 201 response and nowhere else: only a SHA-256 hash is stored, and a key
/// is never logged), listed without secrets, revoked. A provider may have two active keys at a time, to rotate.
/// </summary>
public static class AdminApiKeyEndpoints
{
    public const int MaxActiveProviderKeys = 2;

    internal static RouteGroupBuilder MapAdminApiKeys(this RouteGroupBuilder admin)
    {
        admin.MapPost("/providers/{id:guid}/api-keys", IssueProviderKey).WithName("AdminIssueProviderApiKey")
            .WithSummary("Issue an API key for a provider")
            .WithDescription("The key is shown in this response only. At most two active keys per provider (to rotate): revoke one first.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .CarriesSecret();
        admin.MapGet("/providers/{id:guid}/api-keys", ListProviderKeys).WithName("AdminListProviderApiKeys")
            .WithSummary("A provider's API keys, without secrets")
            .WithDescription("Id, label, when made, last used and revoked, newest first. A secret is shown only once, when the key is issued.");
        admin.MapPost("/api-keys", IssueManagementKey).WithName("AdminIssueManagementApiKey")
            .WithSummary("Issue a region-manager or admin key (admin only)")
            .WithDescription("role is region-manager (with the regions it manages) or admin (no regions); label optional. The answer holds the " +
                             "key once (bwk_<id>_<secret>, Cache-Control: no-store); only a hash is stored.")
            .RequireAuthorization(AuthSetup.AdminPolicy)
            .CarriesSecret();
        admin.MapDelete("/api-keys/{id}", RevokeKey).WithName("AdminRevokeApiKey").WithSummary("Revoke an API key")
            .WithDescription("Takes effect on the next request. Revoking a revoked key again is fine (204).");
        return admin;
    }

    public static async Task<Results<Created<IssuedApiKeyDto>, ValidationProblem, ProblemHttpResult>> IssueProviderKey(
        Guid id, ApiKeyInput? input, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);

        // Locked, so two requests at once cannot both see one active key and make it three.
        await ManagementInput.LockProviderAsync(db, id, cancellationToken);
        if (!await scope.IncludesProviderAsync(db, id, cancellationToken))
        {
            return ManagementInput.NotFound("provider");
        }

        // A key posts figures for every offering of the provider: only who decides over all of them may issue one.
        if (await scope.OtherRegionsDecidingOverProviderAsync(id, db, cancellationToken) is { Count: > 0 } deciding)
        {
            return ManagementScope.OtherRegionDecides("provider", deciding);
        }

        var errors = new ValidationErrors();
        var label = ManagementInput.OptionalText(errors, "label", input?.Label, FieldLimits.LabelLength);
        if (!errors.IsEmpty)
        {
            return ManagementInput.Invalid(errors);
        }

        var active = await db.ApiKeys.CountAsync(k => k.ProviderId == id && k.Role == ApiKeyRole.Provider && k.RevokedAt == null, cancellationToken);
        if (active >= MaxActiveProviderKeys)
        {
            return ManagementInput.Conflict($"This provider already has {active} active API keys (at most {MaxActiveProviderKeys}, to rotate): revoke one first.");
        }

        var (key, issued) = Issue(db, write, ApiKeyRole.Provider, id, [], label);
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created($"{ManagementApi.Prefix}/providers/{id}/api-keys", ToIssuedDto(key, issued));
    }

    public static async Task<Results<Ok<List<ApiKeyDto>>, ProblemHttpResult>> ListProviderKeys(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await ManagementScope.For(user, clock).IncludesProviderAsync(db, id, cancellationToken))
        {
            return ManagementInput.NotFound("provider");
        }

        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.ProviderId == id)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
            .Select(k => new { k.Id, k.Label, k.Role, k.CreatedAt, k.LastUsedAt, k.RevokedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(k => new ApiKeyDto(k.Id, k.Label, Roles.Name(k.Role), k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList());
    }

    public static async Task<Results<Created<IssuedApiKeyDto>, ValidationProblem, ProblemHttpResult>> IssueManagementKey(
        ManagementApiKeyInput input, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var label = ManagementInput.OptionalText(errors, "label", input.Label, FieldLimits.LabelLength);
        ApiKeyRole? role = input.Role?.Trim() switch
        {
            Roles.RegionManager => ApiKeyRole.RegionManager,
            Roles.Admin => ApiKeyRole.Admin,
            _ => null,
        };
        if (role is null)
        {
            errors.Add("role", input.Role?.Trim() == Roles.Provider
                ? FieldProblem.Of(ErrorCodes.NotAllowed, $"Issue provider keys with POST {ManagementApi.Prefix}/providers/{{id}}/api-keys.")
                : FieldProblem.OneOf([Roles.RegionManager, Roles.Admin], $"Required: '{Roles.RegionManager}' or '{Roles.Admin}'."));
        }

        var regions = ManagementInput.ReadCodes(errors, "regions", input.Regions, 20, v => v.Trim().ToLowerInvariant(), FieldProblem.Unknown("region", "Not a region code.")) ?? [];
        if (role == ApiKeyRole.Admin && regions.Count > 0)
        {
            errors.Add("regions", ErrorCodes.NotAllowed, "An admin key manages every region: leave regions out.");
        }
        else if (role == ApiKeyRole.RegionManager)
        {
            if (regions.Count == 0 && !errors.Contains("regions"))
            {
                errors.Add("regions", FieldProblem.Required("Required for a region-manager key: at least one region code."));
            }

            var names = regions.Select(r => r.Code).ToList();
            var known = await db.Regions.Where(r => names.Contains(r.Code)).Select(r => r.Code).ToListAsync(cancellationToken);
            foreach (var (index, code) in regions.Where(r => !known.Contains(r.Code)))
            {
                errors.Add($"regions[{index}]", FieldProblem.Unknown("region", $"Unknown region '{code}': see GET /api/v1/regions."));
            }
        }

        if (!errors.IsEmpty)
        {
            return ManagementInput.Invalid(errors);
        }

        await using var write = await AuditedWrite.BeginAsync(db, ApiCaller.From(user), clock, cancellationToken);
        var (key, issued) = Issue(db, write, role!.Value, null, regions.Select(r => r.Code).Order(StringComparer.Ordinal).ToList(), label);
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created((string?)null, ToIssuedDto(key, issued));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return ManagementInput.NotFound("API key");
        }

        // A region manager revokes only keys of providers it manages; other keys do not exist for it.
        if (!scope.IsAdmin
            && (key.Role != ApiKeyRole.Provider || key.ProviderId is not { } providerId || !await scope.IncludesProviderAsync(db, providerId, cancellationToken)))
        {
            return ManagementInput.NotFound("API key");
        }

        if (key.ProviderId is { } owner && await scope.OtherRegionsDecidingOverProviderAsync(owner, db, cancellationToken) is { Count: > 0 } deciding)
        {
            return ManagementScope.OtherRegionDecides("provider", deciding);
        }

        if (key.RevokedAt is null)
        {
            await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
            Revoke(write, key);
            if (await write.CommitAsync(cancellationToken) is { } conflict)
            {
                return conflict;
            }
        }

        return TypedResults.NoContent();
    }

    /// <summary>Revokes a key as part of <paramref name="write"/> (tracked, saved by its commit), with its audit entry.</summary>
    internal static void Revoke(AuditedWrite write, ApiKey key)
    {
        var before = AuditView(key);
        key.RevokedAt = write.Now;
        write.Record(AuditEntities.ApiKey, key.Id, AuditActions.Revoke, before, AuditView(key));
    }

    /// <summary>A key as the audit log shows it: what it may do, never its secret or hash.</summary>
    private static ApiKeyAuditView AuditView(ApiKey key) =>
        new(key.Id, Roles.Name(key.Role), key.ProviderId, [.. key.RegionCodes], key.Label, key.CreatedAt, key.RevokedAt);

    private static (ApiKey Key, string FullKey) Issue(
        WijzerDbContext db, AuditedWrite write, ApiKeyRole role, Guid? providerId, List<string> regions, string? label)
    {
        var (keyId, fullKey, hash) = ApiKeyFormat.Generate();
        var key = new ApiKey
        {
            Id = keyId,
            Role = role,
            ProviderId = providerId,
            RegionCodes = regions,
            Label = label,
            SecretHash = hash,
            CreatedAt = write.Now,
        };
        db.ApiKeys.Add(key);
        write.Record(AuditEntities.ApiKey, keyId, AuditActions.Create, null, AuditView(key));
        return (key, fullKey);
    }

    private static IssuedApiKeyDto ToIssuedDto(ApiKey key, string fullKey) =>
        new(key.Id, fullKey, Roles.Name(key.Role), key.ProviderId, key.RegionCodes, key.Label, key.CreatedAt);
}

/// <summary>Optional: a label to tell keys apart (e.g. "planning system 2026").</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApiKeyInput(string? Label = null);

/// <summary><c>role</c>: <c>region-manager</c> (with <c>regions</c>) or <c>admin</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ManagementApiKeyInput(string? Role, List<string?>? Regions = null, string? Label = null);

/// <summary>A newly issued key. <c>key</c> is shown only here: store it safely, it cannot be retrieved again.</summary>
public sealed record IssuedApiKeyDto(string Id, string Key, string Role, Guid? ProviderId, List<string> Regions, string? Label, DateTimeOffset CreatedAt);

internal sealed record ApiKeyAuditView(string Id, string Role, Guid? ProviderId, List<string> Regions, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key as listed: never its secret.</summary>
public sealed record ApiKeyDto(string Id, string? Label, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
