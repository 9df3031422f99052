using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.TestSupport.HostileInput;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// After a failover, a connection may still reach the former primary, now a standby that refuses every write (SQLSTATE
/// 25006). Here the app's own database is made read-only the same way, and every operation of the API document is sent
/// once, valid and aimed at things that exist: every write answers 503 problem+json with Retry-After (never a 500, and
/// nothing half-written), and every read answers as usual.
/// </summary>
public sealed class FormerPrimaryTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task On_a_database_that_refuses_writes_every_write_is_a_503_and_every_read_answers()
    {
        var reportsBefore = await app.ReportCountAsync();
        await using (var db = app.CreateDbContext())
        {
            // So the region's upload of measured lead times names a provider it knows.
            await db.Providers.Where(p => p.Id == app.ProviderA).ExecuteUpdateAsync(s => s.SetProperty(p => p.KvkNumber, "11111111"));
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"alter database \"{app.DatabaseName}\" set default_transaction_read_only = on", connection);
            await command.ExecuteNonQueryAsync();
        }

        // Sessions opened before stay writable: only new ones get the setting, as after a failover only new connections
        // reach the demoted server.
        NpgsqlConnection.ClearAllPools();

        await using var kestrel = app.WithWebHostBuilder(b => b.UseSetting("RateLimiting:RequestsPerMinutePerKey", "1000000"));
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.CreateClient().BaseAddress!;
        var document = await OperationSweep.DocumentAsync();
        var targets = HostileTargets.ForProvider(app.ProviderA, app.OfferingsA[0], app.OfferingsA[1], app.KeyA, WijzerApiFactory.AdminKey);
        var generator = new HostileRequestGenerator(document, targets, address.Authority);

        // The generator aims its DELETEs at nothing and sends JSON only: those three are sent here at things that exist.
        var ownRequests = new Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>>
        {
            ["DELETE /api/v1/admin/offerings/{id}"] = c => c.DeleteAsync($"/api/v1/admin/offerings/{app.OfferingsA[3]}"),
            ["DELETE /api/v1/admin/api-keys/{id}"] = c => c.DeleteAsync($"/api/v1/admin/api-keys/{app.KeyIdA}"),
            ["POST /api/v1/reports/realised-lead-times"] = c => c.PostAsync("/api/v1/reports/realised-lead-times?region=achterhoek",
                new StringContent("kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start\n11111111;45;2026-10;12;42\n", System.Text.Encoding.UTF8, "text/csv")),
        };
        var answers = await OperationSweep.SendAsync(address,
            generator.Generate().Where(r => r.Attack == "valid" && !ownRequests.ContainsKey(r.Operation)).Select(r => (r.Operation, r.Bytes)));

        var admin = kestrel.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", WijzerApiFactory.AdminKey);
        foreach (var (operation, send) in ownRequests)
        {
            using var response = await send(admin);
            answers.Add((operation, new RawResponse((int)response.StatusCode,
                response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value)),
                await response.Content.ReadAsByteArrayAsync(), TimeSpan.Zero)));
        }

        Assert.Equal(generator.Operations().Count, answers.Count);

        static bool IsRead(string operation) => operation.StartsWith("GET ", StringComparison.Ordinal) || operation.StartsWith("HEAD ", StringComparison.Ordinal);
        var readsNotAnswered = answers.Where(a => IsRead(a.Operation) && a.Response is not { StatusCode: < 500 }).Select(OperationSweep.Describe).ToList();
        var writesNot503 = answers.Where(a => !IsRead(a.Operation) && !OperationSweep.IsUnavailableProblem(a.Response)).Select(OperationSweep.Describe).ToList();
        Assert.True(readsNotAnswered.Count == 0, "Reads that failed:" + Environment.NewLine + string.Join(Environment.NewLine, readsNotAnswered));
        Assert.True(writesNot503.Count == 0, "Writes that were not a 503 problem with Retry-After:" + Environment.NewLine + string.Join(Environment.NewLine, writesNot503));
        Assert.True(answers.Count(a => !IsRead(a.Operation)) >= 15, $"{answers.Count(a => !IsRead(a.Operation))} write operations");
        Assert.Equal(reportsBefore, await app.ReportCountAsync());
    }
}
