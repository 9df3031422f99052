using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Security;
using BeschikbaarheidsWijzer.TestSupport.HostileInput;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// PostgreSQL killed under the app: requests get a quick 503 problem instead of a 500 or a hang, and once the server is
/// back the same app process is ready again. A cluster of its own, since the shared test server must not be killed.
/// </summary>
public sealed class DatabaseOutageTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    [Fact]
    public async Task While_postgres_is_killed_requests_are_quick_503_problems_and_the_app_recovers_without_a_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bw-test-outage-{Environment.ProcessId}-{Guid.NewGuid():N}");
        await using var cluster = await LocalPostgresCluster.StartAsync(directory, NullLogger.Instance);
        try
        {
            await cluster.EnsureDatabaseAsync("bw");
            var connectionString = cluster.ConnectionStringFor("bw");
            var offeringId = Guid.CreateVersion7();
            var key = await ArrangeAsync(connectionString, offeringId);

            await using var app = factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Default", connectionString));
            var client = app.CreateClient();
            var provider = app.CreateClient();
            provider.DefaultRequestHeaders.Authorization = new("Bearer", key);
            const string search = "/api/v1/offerings?municipality=GM0222";
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(search)).StatusCode);

            using (var postmaster = Process.GetProcessById(cluster.ServerProcessId!.Value))
            {
                postmaster.Kill(entireProcessTree: true);
                await postmaster.WaitForExitAsync();
            }

            var started = Stopwatch.GetTimestamp();
            var searchWhileDown = await client.GetAsync(search);
            var putWhileDown = await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{offeringId}/availability", new { acceptingReferrals = true });
            var readyWhileDown = await client.GetAsync("/health/ready");
            // A client that asks for CSV only: no problem writer answers it, and it still gets a 503, never a 500.
            using var csvOnly = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/stale?region=achterhoek");
            csvOnly.Headers.Accept.ParseAdd("text/csv");
            csvOnly.Headers.Authorization = new("Bearer", WijzerApiFactory.AdminKey);
            var csvWhileDown = await client.SendAsync(csvOnly);
            var elapsed = Stopwatch.GetElapsedTime(started);

            await AssertUnavailableProblemAsync(searchWhileDown);
            await AssertUnavailableProblemAsync(putWhileDown);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, csvWhileDown.StatusCode);
            Assert.True(csvWhileDown.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After on the CSV client's 503");
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Four requests took {elapsed.TotalSeconds:F1} s while the database was away.");

            await cluster.RestartAsync();
            var back = Stopwatch.GetTimestamp();
            while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(Stopwatch.GetElapsedTime(back) < TimeSpan.FromSeconds(10), "Not ready within 10 s of the database's return.");
                await Task.Delay(100);
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(search)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{offeringId}/availability", new { acceptingReferrals = true })).StatusCode);
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_that_refuses_connections_is_a_503_problem_with_retry_after_and_trace_id()
    {
        await using var unreachable = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none");
            b.UseSetting("Database:MigrateOnStartup", "false");
        });

        var response = await unreachable.CreateClient().GetAsync("/api/v1/regions");

        var problem = await AssertUnavailableProblemAsync(response);
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
    }

    /// <summary>The operations that answer without the database, from what the app holds in memory. Each is named, so
    /// one that starts to need the database, and then answers anything but a 503, is seen.</summary>
    private static readonly HashSet<string> AnsweredWithoutTheDatabase =
        ["GET /api/v1/openapi.json", "GET /api/v1/limits", "GET /api/v1/exports/hsds"];

    [Fact]
    public async Task Every_operation_of_the_api_document_answers_503_with_retry_after_while_the_database_refuses_connections()
    {
        await using var unreachable = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none");
            b.UseSetting("Database:MigrateOnStartup", "false");
            b.UseSetting("RateLimiting:RequestsPerMinutePerKey", "1000000");
        });
        unreachable.UseKestrel(0);
        unreachable.StartServer();
        var address = unreachable.CreateClient().BaseAddress!;
        var document = await OperationSweep.DocumentAsync();

        // A well-formed provider key the database would have to confirm, the configured admin key, existing-looking ids.
        var (_, providerKey, _) = ApiKeyFormat.Generate();
        var targets = HostileTargets.ForProvider(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), providerKey, WijzerApiFactory.AdminKey);
        var generator = new HostileRequestGenerator(document, targets, address.Authority);
        var valid = generator.Generate().Where(r => r.Attack == "valid").ToList();
        Assert.Equal(generator.Operations().Count, valid.Count);

        // And each operation that also answers in CSV, asked for CSV only: a stream must not start before the database answered.
        var server = (string)document["servers"]![0]!["url"]!;
        var csv = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Value?["responses"]?["200"]?["content"]?["text/csv"] is not null).Select(m => $"{m.Key.ToUpperInvariant()} {server}{p.Key}"))
            .ToHashSet();
        var requests = valid.Select(r => (r.Operation, r.Bytes))
            .Concat(valid.Where(r => csv.Contains(r.Operation)).Select(r => (r.Operation + " as CSV", AskForCsv(r.Bytes))))
            .ToList();
        Assert.True(csv.Count >= 5, $"Operations that answer in CSV: {csv.Count}");

        var answers = await OperationSweep.SendAsync(address, requests);

        var wrong = answers.Where(a => !OperationSweep.IsUnavailableProblem(a.Response) && !AnsweredWithoutTheDatabase.Contains(a.Operation))
            .Select(OperationSweep.Describe)
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {answers.Count} operations did not answer 503 problem+json with Retry-After: 5:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
        Assert.All(AnsweredWithoutTheDatabase, operation => Assert.True(answers.Single(a => a.Operation == operation).Response is { StatusCode: < 500 }, operation));
    }

    /// <summary>The same raw request with <c>Accept: text/csv</c> after its request line.</summary>
    private static byte[] AskForCsv(byte[] request)
    {
        var text = System.Text.Encoding.Latin1.GetString(request);
        var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        return System.Text.Encoding.Latin1.GetBytes(text[..lineEnd] + "Accept: text/csv\r\n" + text[lineEnd..]);
    }

    private static async Task<JsonElement> AssertUnavailableProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
        return problem;
    }

    private static async Task<string> ArrangeAsync(string connectionString, Guid offeringId)
    {
        await using var db = TestPostgres.ContextFor(connectionString);
        await TestPostgres.FillAsync(db, TestDatabase.Reference);
        var now = DateTimeOffset.UtcNow;
        var provider = new Provider { Name = "Storingstest", CreatedAt = now, UpdatedAt = now };
        provider.Offerings.Add(new Offering
        {
            Id = offeringId, Title = "Aanbod", CareTypeCode = "jeugd-ggz-basis", AgeMin = 0, AgeMax = 18, CreatedAt = now, UpdatedAt = now,
            Contracts = [new Contract { MunicipalityCode = "GM0222", ValidFrom = new DateOnly(2025, 1, 1) }],
        });
        var (keyId, key, hash) = ApiKeyFormat.Generate();
        db.Providers.Add(provider);
        db.ApiKeys.Add(new ApiKey { Id = keyId, Role = ApiKeyRole.Provider, Provider = provider, SecretHash = hash, CreatedAt = now });
        await db.SaveChangesAsync();
        return key;
    }
}
