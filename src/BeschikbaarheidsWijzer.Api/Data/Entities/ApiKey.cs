namespace BeschikbaarheidsWijzer.Api.Data.Entities;

public enum ApiKeyRole
{
    Provider,
    RegionManager,
    Admin,
}

/// <summary>An API key; only a SHA-256 hash of its secret is stored.</summary>
public sealed class ApiKey
{
    /// <summary>The public key id, the middle part of <c>bwk_&lt;keyId&gt;_&lt;secret&gt;</c>.</summary>
    public required string Id { get; set; }

    public ApiKeyRole Role { get; set; }

    /// <summary>Set for role provider: the one provider the key may act for.</summary>
    public Guid? ProviderId { get; set; }

    public Provider? Provider { get; set; }

    /// <summary>Set for role region-manager: the regions the key may manage.</summary>
    public List<string> RegionCodes { get; set; } = [];

    public string? Label { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
