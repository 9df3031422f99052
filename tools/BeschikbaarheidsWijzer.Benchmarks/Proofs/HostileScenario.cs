using System.Text.Json.Nodes;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Security;
using BeschikbaarheidsWijzer.TestSupport.HostileInput;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>
/// Every operation of the app's own OpenAPI document (so endpoints added later are covered too) gets every hostile
/// request of <see cref="HostileRequestGenerator"/>, once with the right callers' keys and once with others' (another
/// provider, a region manager), until at least <c>--min</c> requests have been sent. Zero 5xx, every 4xx problem+json,
/// and nothing that was stored before is gone after.
/// </summary>
public sealed class HostileScenario(int minimum) : IScenario
{
    public const string OptionsHelp = """
          --min N         send at least N requests, 1000 to 100000 (default 5000)
        """;

    private readonly string _adminKey = ProofKit.NewAdminKey();

    public IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string> { ["Auth__AdminApiKey"] = _adminKey };

    public static IScenario Create(ArgumentReader arguments) => new HostileScenario(arguments.TakeInt("--min", 5000, 1000, 100_000));

    public async Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        var checks = new ProofChecks("hostile");
        var providers = await ProofKit.ArrangeProvidersAsync(app, providers: 2, offeringsEach: 6, cancellationToken);
        var (managerKeyId, managerKey, managerHash) = ApiKeyFormat.Generate();
        await using (var db = app.CreateDbContext())
        {
            db.ApiKeys.Add(new ApiKey { Id = managerKeyId, Role = ApiKeyRole.RegionManager, RegionCodes = ["achterhoek"], SecretHash = managerHash, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(cancellationToken);
        }

        using var client = app.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/api/v1/openapi.json", cancellationToken))!;
        var host = app.BaseAddress.Authority;

        // Pass 1 aims with the right keys at provider 0's things; pass 2 with provider 1's and a region manager's keys at them.
        var passes = new[]
        {
            HostileTargets.ForProvider(providers[0].ProviderId, providers[0].OfferingIds[0], providers[0].OfferingIds[1], providers[0].Key, _adminKey),
            HostileTargets.ForProvider(providers[0].ProviderId, providers[0].OfferingIds[0], providers[1].OfferingIds[1], providers[1].Key, managerKey),
        };
        var requests = new List<HostileRequest>();
        for (var round = 0; requests.Count < minimum; round++)
        {
            requests.AddRange(new HostileRequestGenerator(document, passes[round % passes.Length], host).Generate());
        }

        var operations = new HostileRequestGenerator(document, passes[0], host).Operations();
        var before = await CountsAsync(app, cancellationToken);
        Console.WriteLine($"Sending {requests.Count} hostile requests over {operations.Count} operations of /api/v1/openapi.json (8 at a time)…");
        var result = await HostileRun.RunAsync(app.BaseAddress.Host, app.BaseAddress.Port, requests, parallelism: 8, cancellationToken);
        Console.WriteLine($"  {result.Summary()}");
        foreach (var violation in result.Violations.Take(25))
        {
            Console.WriteLine($"  VIOLATION {violation.Request.Operation} [{violation.Request.Attack}]: {violation.What}");
        }

        var after = await CountsAsync(app, cancellationToken);
        using var health = await client.GetAsync("/health/ready", cancellationToken);

        checks.Check($"at least {minimum} requests sent ({result.Sent})", result.Sent >= minimum);
        checks.Check($"every operation of the document covered ({result.ByOperation.Count - 1} of {operations.Count}, plus HTTP-level garbage)",
            operations.All(result.ByOperation.ContainsKey));
        checks.Check($"zero 5xx from the app ({result.ServerErrors}; {result.Expected5xx}× 505 from Kestrel to HTTP/9.9, as the standard says)", result.ServerErrors == 0);
        checks.Check($"every error is problem+json with its status, every request answered ({result.Violations.Count} violations)", result.Violations.Count == 0);
        checks.Check($"nothing stored before is gone (providers {before.Providers}→{after.Providers}, offerings {before.Offerings}→{after.Offerings}, reports {before.Reports}→{after.Reports})",
            after.Providers >= before.Providers && after.Offerings >= before.Offerings && after.Reports >= before.Reports);
        checks.Check("the app is still ready", health.IsSuccessStatusCode);
        Console.WriteLine($"  status counts: {string.Join(", ", result.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; slowest answer {result.Slowest.TotalMilliseconds:F0} ms");
        return checks.Finish();
    }

    private static async Task<(int Providers, int Offerings, int Reports)> CountsAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        await using var db = app.CreateDbContext();
        return (await db.Providers.CountAsync(cancellationToken), await db.Offerings.CountAsync(cancellationToken), await db.AvailabilityReports.CountAsync(cancellationToken));
    }
}
