using System.Security.Claims;
using BeschikbaarheidsWijzer.Api.Data.Entities;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Auth;

/// <summary>Who is calling, from the API key they presented: the key id, its role and what it is scoped to.</summary>
public sealed record ApiCaller(string KeyId, ApiKeyRole Role, Guid? ProviderId, IReadOnlySet<string> RegionCodes)
{
    public const string ProviderIdClaim = "bw:provider_id";
    public const string RegionClaim = "bw:region";

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>An admin manages everything; a region manager only what lies in its regions.</summary>
    public bool ManagesRegion(string regionCode) => IsAdmin || (Role == ApiKeyRole.RegionManager && RegionCodes.Contains(regionCode));

    public static ApiCaller From(ClaimsPrincipal user)
    {
        var keyId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not authenticated with an API key.");
        var role = Roles.Parse(user.FindFirstValue(ClaimTypes.Role));
        var providerId = Guid.TryParse(user.FindFirstValue(ProviderIdClaim), out var id) ? id : (Guid?)null;
        var regions = user.FindAll(RegionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new ApiCaller(keyId, role, providerId, regions);
    }

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(ClaimTypes.NameIdentifier, KeyId);
        yield return new Claim(ClaimTypes.Role, Roles.Name(Role));
        if (ProviderId is { } providerId)
        {
            yield return new Claim(ProviderIdClaim, providerId.ToString());
        }

        foreach (var region in RegionCodes)
        {
            yield return new Claim(RegionClaim, region);
        }
    }
}

/// <summary>Role names on the wire and in policies.</summary>
public static class Roles
{
    public const string Provider = "provider";
    public const string RegionManager = "region-manager";
    public const string Admin = "admin";

    public static string Name(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Provider => Provider,
        ApiKeyRole.RegionManager => RegionManager,
        ApiKeyRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static ApiKeyRole Parse(string? name) => name switch
    {
        Provider => ApiKeyRole.Provider,
        RegionManager => ApiKeyRole.RegionManager,
        Admin => ApiKeyRole.Admin,
        _ => throw new InvalidOperationException($"Unknown role '{name}'."),
    };
}
