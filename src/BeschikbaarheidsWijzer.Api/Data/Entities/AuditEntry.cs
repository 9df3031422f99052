namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>
/// One administrative change: who (the API key id and its role), what (entity and action) and the entity as the
/// administration API shows it before and after (JSON; never an API key's secret or hash). Written in the same
/// transaction as the change, so a change without its entry, or an entry without its change, cannot be stored.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string KeyId { get; set; }
    public required string Role { get; set; }

    /// <summary><c>provider</c>, <c>location</c>, <c>offering</c>, <c>api-key</c> or <c>regional-norm</c>.</summary>
    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    /// <summary><c>create</c>, <c>update</c>, <c>delete</c> or <c>revoke</c>.</summary>
    public required string Action { get; set; }

    /// <summary>JSON (jsonb); null for a create.</summary>
    public string? Before { get; set; }

    /// <summary>JSON (jsonb); null for a delete.</summary>
    public string? After { get; set; }
}
