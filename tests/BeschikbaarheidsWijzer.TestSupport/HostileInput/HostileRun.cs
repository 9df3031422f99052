using System.Collections.Concurrent;
using System.Text.Json;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.TestSupport.HostileInput;

/// <summary>A response that breaks the rule: a 5xx, no answer, or an error that is not a problem+json naming its status.</summary>
public sealed record HostileViolation(HostileRequest Request, string What);

public sealed record HostileRunResult(
    int Sent,
    IReadOnlyDictionary<int, int> ByStatus,
    int ProtocolLevel,
    IReadOnlyList<HostileViolation> Violations,
    IReadOnlyDictionary<string, int> ByOperation,
    TimeSpan Slowest)
{
    /// <summary>5xx answers, less the one a request expects (505 to HTTP/9.9, from Kestrel, before the app runs).</summary>
    public int ServerErrors => ByStatus.Where(s => s.Key >= 500).Sum(s => s.Value) - Expected5xx;

    public int Expected5xx { get; init; }

    public string Summary() =>
        $"{Sent} requests over {ByOperation.Count} operations: " + string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Value}× {s.Key}")) +
        $"; {ProtocolLevel} refused by the HTTP server itself; {ServerErrors} unexpected 5xx; {Violations.Count} violations; slowest {Slowest.TotalMilliseconds:F0} ms";
}

/// <summary>Sends hostile requests (a few at a time) and checks every answer: below 500, and every 4xx a problem+json whose status matches.</summary>
public static class HostileRun
{
    public static async Task<HostileRunResult> RunAsync(
        string host, int port, IReadOnlyList<HostileRequest> requests, int parallelism, CancellationToken cancellationToken = default)
    {
        var byStatus = new ConcurrentDictionary<int, int>();
        var byOperation = new ConcurrentDictionary<string, int>();
        var violations = new ConcurrentBag<HostileViolation>();
        var protocolLevel = 0;
        var expected5xx = 0;
        var slowest = TimeSpan.Zero;
        var slowestLock = new object();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (request, ct) =>
        {
            RawResponse? response;
            try
            {
                response = await RawHttp.SendAsync(host, port, request.Bytes, TimeSpan.FromSeconds(60), ct);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                violations.Add(new HostileViolation(request, $"no response: {ex.GetType().Name} {ex.Message}"));
                return;
            }

            if (response is null)
            {
                violations.Add(new HostileViolation(request, "no HTTP response before the connection closed"));
                return;
            }

            // An operation counts as covered once the app has answered it, not when a request was only written for it.
            byOperation.AddOrUpdate(request.Operation, 1, (_, n) => n + 1);
            byStatus.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            lock (slowestLock)
            {
                slowest = response.Duration > slowest ? response.Duration : slowest;
            }

            if (response.StatusCode >= 500 && response.StatusCode == request.ExpectedStatus)
            {
                Interlocked.Increment(ref expected5xx);
            }

            if (Check(request, response) is { } problem)
            {
                violations.Add(new HostileViolation(request, problem));
            }
            else if (request.ProtocolLevel && !IsProblem(response))
            {
                Interlocked.Increment(ref protocolLevel);
            }
        });

        return new HostileRunResult(requests.Count, byStatus.ToDictionary(), protocolLevel, [.. violations], byOperation.ToDictionary(), slowest)
        {
            Expected5xx = expected5xx,
        };
    }

    private static string? Check(HostileRequest request, RawResponse response)
    {
        if (response.StatusCode == request.ExpectedStatus)
        {
            return null;
        }

        if (response.StatusCode >= 500)
        {
            return $"{response.StatusCode}: {Cut(response.BodyText)}";
        }

        if (response.StatusCode < 400 || request.ProtocolLevel || IsHead(request))
        {
            return null;
        }

        if (!IsProblem(response))
        {
            return $"{response.StatusCode} with Content-Type '{response.ContentType}', not application/problem+json: {Cut(response.BodyText)}";
        }

        try
        {
            using var body = JsonDocument.Parse(response.Body);
            if (!(body.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) && value == response.StatusCode))
            {
                return $"{response.StatusCode} problem without a matching 'status': {Cut(response.BodyText)}";
            }

            return FieldErrorsProblem(body.RootElement) is { } wrong ? $"{response.StatusCode} {wrong}: {Cut(response.BodyText)}" : null;
        }
        catch (JsonException)
        {
            return $"{response.StatusCode} problem+json that is not JSON: {Cut(response.BodyText)}";
        }
    }

    /// <summary>
    /// A problem that names fields in <c>errors</c> must say the same in <c>fieldErrors</c>: every field there, each entry
    /// with a documented code, so a client never has to read the English message.
    /// </summary>
    private static string? FieldErrorsProblem(JsonElement problem)
    {
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!problem.TryGetProperty("fieldErrors", out var fieldErrors) || fieldErrors.ValueKind != JsonValueKind.Array)
        {
            return "problem with 'errors' but no 'fieldErrors'";
        }

        var coded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in fieldErrors.EnumerateArray())
        {
            var code = entry.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (code is null || !ErrorCodes.All.Contains(code))
            {
                return $"field error with an undocumented code '{code}'";
            }

            coded.Add(entry.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "");
        }

        var missing = errors.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !coded.Contains(name));
        return missing is null ? null : $"field '{missing}' in 'errors' without an entry in 'fieldErrors'";
    }

    private static bool IsProblem(RawResponse response) =>
        response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsHead(HostileRequest request) => request.Bytes.AsSpan().StartsWith("HEAD "u8);

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
