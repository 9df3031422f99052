using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace BeschikbaarheidsWijzer.Domain.Security;

/// <summary>
/// API keys look like <c>bwk_&lt;keyId&gt;_&lt;secret&gt;</c>: a 16-hex-digit public id to look the key up by, and a
/// 256-bit random secret (64 hex digits). Only a SHA-256 hash of id and secret is stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "bwk_";
    private const int KeyIdBytes = 8;
    private const int SecretBytes = 32;

    public static (string KeyId, string Key, byte[] Hash) Generate()
    {
        var keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(KeyIdBytes)).ToLowerInvariant();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(SecretBytes)).ToLowerInvariant();
        return (keyId, $"{Prefix}{keyId}_{secret}", Hash(keyId, secret));
    }

    /// <summary>Splits a presented key into id and secret; false for anything not in the exact format.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        if (key is null || key.Length != Prefix.Length + (KeyIdBytes * 2) + 1 + (SecretBytes * 2) || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = key.Substring(Prefix.Length, KeyIdBytes * 2);
        var separator = key[Prefix.Length + (KeyIdBytes * 2)];
        var rest = key[(Prefix.Length + (KeyIdBytes * 2) + 1)..];
        if (separator != '_' || !IsLowerHex(id) || !IsLowerHex(rest))
        {
            return false;
        }

        keyId = id;
        secret = rest;
        return true;
    }

    public static byte[] Hash(string keyId, string secret) => SHA256.HashData(Encoding.UTF8.GetBytes($"{keyId}:{secret}"));

    /// <summary>Compares in constant time, so the time taken tells an attacker nothing about the stored hash.</summary>
    public static bool Matches(byte[] storedHash, string keyId, string secret) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(keyId, secret));

    private static bool IsLowerHex(string text) => text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
