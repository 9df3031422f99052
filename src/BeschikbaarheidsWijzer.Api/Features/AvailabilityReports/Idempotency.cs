using System.Security.Cryptography;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;

/// <summary>
/// <c>Idempotency-Key</c> support: the first successful response to a key is stored in the same transaction as the
/// work itself, so a retry either finds the stored response or does the work, never both and never half.
/// </summary>
internal static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>Null when the header value is acceptable; otherwise why not.</summary>
    public static FieldProblem? FindProblem(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? FieldProblem.Format("idempotency-key", $"1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID.")
            : null;

    /// <summary>A hash of the request as understood (not as spelled): the same JSON with other spacing is the same request.</summary>
    public static byte[] HashOf<T>(T request, JsonSerializerOptions options) => SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, options));

    /// <summary>Claims the key inside the current transaction; false when a record for it exists (or was just committed by a
    /// concurrent request, which this call waits for).</summary>
    public static async Task<bool> TryClaimAsync(WijzerDbContext db, string apiKeyId, string key, byte[] requestHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"insert into idempotency_records (api_key_id, key, request_hash, status_code, response_body, created_at) values ({apiKeyId}, {key}, {requestHash}, 0, '', {now}) on conflict do nothing",
            cancellationToken) == 1;

    public static Task CompleteAsync(WijzerDbContext db, string apiKeyId, string key, int statusCode, string responseBody, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseBody, responseBody), cancellationToken);
}
