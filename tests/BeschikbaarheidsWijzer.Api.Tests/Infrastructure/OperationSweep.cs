using System.Text.Json.Nodes;
using BeschikbaarheidsWijzer.TestSupport.HostileInput;

namespace BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

/// <summary>What the tests that send every operation of the API document once share: the committed document, sending the
/// raw requests one by one, and what "the database is away, try again" looks like on the wire.</summary>
public static class OperationSweep
{
    public static async Task<JsonNode> DocumentAsync() =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "openapi", "beschikbaarheidswijzer-v1.json")))!;

    public static async Task<List<(string Operation, RawResponse? Response)>> SendAsync(Uri address, IEnumerable<(string Operation, byte[] Bytes)> requests)
    {
        var answers = new List<(string Operation, RawResponse? Response)>();
        foreach (var (operation, bytes) in requests)
        {
            answers.Add((operation, await RawHttp.SendAsync(address.Host, address.Port, bytes, TimeSpan.FromSeconds(30))));
        }

        return answers;
    }

    /// <summary>503 problem+json with <c>Retry-After: 5</c>.</summary>
    public static bool IsUnavailableProblem(RawResponse? response) => response is { StatusCode: 503 }
        && response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true
        && response.Headers.GetValueOrDefault("retry-after") == "5";

    /// <summary>One line for a failure message: the operation, its status, content type and the start of the body.</summary>
    public static string Describe((string Operation, RawResponse? Response) answer) =>
        $"{answer.Operation}: {answer.Response?.StatusCode} {answer.Response?.ContentType} {answer.Response?.BodyText[..Math.Min(answer.Response.BodyText.Length, 200)]}";
}
