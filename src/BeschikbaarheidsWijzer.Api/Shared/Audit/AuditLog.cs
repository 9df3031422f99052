using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Shared.Management;

namespace BeschikbaarheidsWijzer.Api.Shared.Audit;

/// <summary>The kinds of entity the audit log records changes of.</summary>
public static class AuditEntities
{
    public const string Provider = "provider";
    public const string Location = "location";
    public const string Offering = "offering";
    public const string ApiKey = "api-key";
    public const string RegionalNorm = "regional-norm";
    public const string MunicipalityAccess = "municipality-access";

    public static readonly IReadOnlyList<string> All = [Provider, Location, Offering, ApiKey, RegionalNorm, MunicipalityAccess];
}

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Revoke = "revoke";
}

/// <summary>
/// Adds an entry to the context; the caller's save (and its transaction) stores it together with the change, so a
/// refused or failed write leaves no entry. Before and after are the administration API's own DTOs, which never hold an
/// API key's secret or hash.
/// </summary>
internal static class AuditLog
{
    // The administration API's representation without its eTag: a tag is derived, not a change.
    private static readonly JsonSerializerOptions Json = ManagementETag.Representation;

    public static void Record(WijzerDbContext db, ApiCaller caller, DateTimeOffset at, string entityType, object entityId, string action, object? before, object? after) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = at,
            KeyId = caller.KeyId,
            Role = Roles.Name(caller.Role),
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Action = action,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}
