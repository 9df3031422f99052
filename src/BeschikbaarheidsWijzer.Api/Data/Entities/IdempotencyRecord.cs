namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>
/// The response given to a request sent with an <c>Idempotency-Key</c>, so a retry of the same request gets the same
/// answer without storing twice. Scoped per API key: two keys never share records.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string ApiKeyId { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request body: the same key with another body is refused.</summary>
    public required byte[] RequestHash { get; set; }

    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
