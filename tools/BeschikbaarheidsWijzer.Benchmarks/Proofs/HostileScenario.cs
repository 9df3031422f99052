using System.Net.Http.Json;
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

        // A report for every offering first, so that losing stored reports would show.
        foreach (var provider in providers)
        {
            using var reporter = app.CreateClient(provider.Key);
            foreach (var offering in provider.OfferingIds)
            {
                using var put = await reporter.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability",
                    new { acceptingReferrals = true, waitToIntakeWeeks = 2, freePlaces = 1, totalPlaces = 4 }, cancellationToken);
                put.EnsureSuccessStatusCode();
            }
        }

        var operations = new HostileRequestGenerator(document, passes[0], host).Operations();
        var before = await CountsAsync(app, cancellationToken);

        // Valid requests may delete what the targets name (provider 0, two of its offerings, one of provider 1's).
        // Everything else must come through whole: provider 1, its other offerings and their contracts, every report.
        var untouchedProvider = providers[1].ProviderId;
        var untouchedOfferings = providers[1].OfferingIds.Where(id => id != providers[1].OfferingIds[1]).ToList();
        var kept = await KeptAsync(app, untouchedProvider, untouchedOfferings, cancellationToken);
        Console.WriteLine($"Sending {requests.Count} hostile requests over {operations.Count} operations of /api/v1/openapi.json (8 at a time)…");
        var result = await HostileRun.RunAsync(app.BaseAddress.Host, app.BaseAddress.Port, requests, parallelism: 8, cancellationToken);
        Console.WriteLine($"  {result.Summary()}");
        foreach (var violation in result.Violations.Take(25))
        {
            Console.WriteLine($"  VIOLATION {violation.Request.Operation} [{violation.Request.Attack}]: {violation.What}");
        }

        var after = await CountsAsync(app, cancellationToken);
        var keptAfter = await KeptAsync(app, untouchedProvider, untouchedOfferings, cancellationToken);
        using var health = await client.GetAsync("/health/ready", cancellationToken);

        checks.Check($"at least {minimum} requests sent ({result.Sent})", result.Sent >= minimum);
        checks.Check($"every operation of the document covered ({result.ByOperation.Count - 1} of {operations.Count}, plus HTTP-level garbage)",
            operations.All(result.ByOperation.ContainsKey));
        checks.Check($"zero 5xx from the app ({result.ServerErrors}; {result.Expected5xx}× 505 from Kestrel to HTTP/9.9, as the standard says)", result.ServerErrors == 0);
        checks.Check($"every error is problem+json with its status, every request answered ({result.Violations.Count} violations)", result.Violations.Count == 0);
        checks.Check($"nothing stored before is lost: all {kept.ReportIds.Count} reports still there; the untargeted provider and its {untouchedOfferings.Count} " +
                     $"offerings still live with the same {kept.Contracts.Count} contracts (rows: providers {before.Providers}→{after.Providers}, " +
                     $"offerings {before.Offerings}→{after.Offerings}, reports {before.Reports}→{after.Reports})",
            kept.ReportIds.All(keptAfter.ReportIds.Contains) && keptAfter.ProviderLive && keptAfter.LiveOfferings == untouchedOfferings.Count
            && kept.Contracts.SequenceEqual(keptAfter.Contracts));
        checks.Check("the app is still ready", health.IsSuccessStatusCode);
        Console.WriteLine($"  status counts: {string.Join(", ", result.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; slowest answer {result.Slowest.TotalMilliseconds:F0} ms");
        return checks.Finish();
    }

    private sealed record Kept(HashSet<long> ReportIds, bool ProviderLive, int LiveOfferings, List<string> Contracts);

    private static async Task<Kept> KeptAsync(AppUnderTest app, Guid provider, List<Guid> offerings, CancellationToken cancellationToken)
    {
        await using var db = app.CreateDbContext();
        var contracts = await db.Contracts.Where(c => offerings.Contains(c.OfferingId))
            .OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.OfferingId}:{c.MunicipalityCode}:{c.ValidFrom}:{c.ValidTo}").ToListAsync(cancellationToken);
        return new Kept(
            (await db.AvailabilityReports.Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet(),
            await db.Providers.AnyAsync(p => p.Id == provider && p.DeletedAt == null, cancellationToken),
            await db.Offerings.CountAsync(o => offerings.Contains(o.Id) && o.DeletedAt == null, cancellationToken),
            contracts);
    }

    private static async Task<(int Providers, int Offerings, int Reports)> CountsAsync(AppUnderTest app, CancellationToken cancellationToken)
    {
        await using var db = app.CreateDbContext();
        return (await db.Providers.CountAsync(cancellationToken), await db.Offerings.CountAsync(cancellationToken), await db.AvailabilityReports.CountAsync(cancellationToken));
    }
}
