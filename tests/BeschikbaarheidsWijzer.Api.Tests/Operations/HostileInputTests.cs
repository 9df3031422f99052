using System.Text.Json.Nodes;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.TestSupport.HostileInput;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// A sample of the hostile-input proof (which sends thousands) against the real server (Kestrel), generated from the
/// app's own OpenAPI document so every endpoint is covered: no 5xx, every 4xx a problem+json, nothing stored lost.
/// </summary>
public sealed class HostileInputTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    private const int PerOperation = 12;

    [Fact]
    public async Task Hostile_requests_against_every_endpoint_get_no_5xx_and_only_problem_json_errors()
    {
        await using var kestrel = app.WithWebHostBuilder(b => b.UseSetting("RateLimiting:RequestsPerMinutePerKey", "1000000"));
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.CreateClient().BaseAddress!;
        var document = JsonNode.Parse(await kestrel.CreateClient().GetStringAsync("/api/v1/openapi.json"))!;
        var targets = HostileTargets.ForProvider(app.ProviderA, app.OfferingsA[0], app.OfferingsA[1], app.KeyA, WijzerApiFactory.AdminKey);
        var generator = new HostileRequestGenerator(document, targets, address.Authority);
        var all = generator.Generate().ToList();

        // Evenly spread over each operation's list, so every kind of attack on every endpoint is sampled.
        var sample = all.GroupBy(r => r.Operation)
            .SelectMany(g => g.Where((_, i) => i % Math.Max(1, g.Count() / PerOperation) == 0).Take(PerOperation + 1))
            .ToList();
        var reportsBefore = await app.ReportCountAsync();
        int providersBefore;
        await using (var db = app.CreateDbContext())
        {
            providersBefore = await db.Providers.CountAsync();
        }

        var result = await HostileRun.RunAsync(address.Host, address.Port, sample, parallelism: 4);

        Assert.True(result.Violations.Count == 0,
            result.Summary() + Environment.NewLine + string.Join(Environment.NewLine, result.Violations.Take(15).Select(v => $"{v.Request.Operation} [{v.Request.Attack}]: {v.What}")));
        Assert.Equal(generator.Operations().Count + 1, result.ByOperation.Count);
        Assert.True(result.Sent >= 300, result.Summary());
        Assert.True(await app.ReportCountAsync() >= reportsBefore);
        await using (var db = app.CreateDbContext())
        {
            Assert.True(await db.Providers.CountAsync() >= providersBefore);
        }
    }
}
