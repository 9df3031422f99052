using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// Public answers come from a real streaming replica (a hot standby made with pg_basebackup, as production has one): after
/// a write, the cache is evicted again as soon as the replica has replayed it, not only at the backstop
/// (<c>Database:ReplicaLagSeconds</c>, here 60 s). The replica's replay is paused over the write so the stale moment is
/// certain, not a race.
/// </summary>
public sealed class StreamingReplicaCacheTests(StreamingReplicaCacheTests.ReplicaFactory app) : IClassFixture<StreamingReplicaCacheTests.ReplicaFactory>
{
    private const string Municipality = "GM0222";

    [Fact]
    public async Task A_write_is_served_as_soon_as_the_replica_has_replayed_it()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings
            .Where(o => o.CurrentReportId != null && o.Contracts.Any(c => c.MunicipalityCode == Municipality && c.ValidTo == null))
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.ProviderId }).FirstAsync();
        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);
        var page = $"/api/v1/offerings/{offering.Id}?municipality={Municipality}";
        var client = app.CreateClient();
        var before = Wait(await client.GetFromJsonAsync<JsonElement>(page));
        var sent = before == 41 ? 42 : 41;

        await app.ReplicaAsync("select pg_wal_replay_pause()");
        try
        {
            var put = await app.CreateClient(key).PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability",
                new { acceptingReferrals = true, waitToIntakeWeeks = sent, freePlaces = 1, totalPlaces = 4 });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

            // The replica has not replayed the write: the page shows, and caches, the old figure.
            Assert.Equal(before, Wait(await client.GetFromJsonAsync<JsonElement>(page)));
        }
        finally
        {
            await app.ReplicaAsync("select pg_wal_replay_resume()");
        }

        // Replay resumed: the eviction that waits for the replica's position must let the new figure through long before
        // the backstop. Without it the cached old figure would stay for the cache's 30 s.
        var resumed = Stopwatch.StartNew();
        var shown = before;
        while (shown != sent && resumed.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            shown = Wait(await client.GetFromJsonAsync<JsonElement>(page));
        }

        Assert.True(shown == sent, $"The page still showed {shown} weeks {resumed.Elapsed.TotalSeconds:F1} s after the replica resumed (sent: {sent}).");
    }

    private static int? Wait(JsonElement offering) =>
        offering.GetProperty("availability") is { ValueKind: JsonValueKind.Object } availability
        && availability.GetProperty("waitToIntakeWeeks") is { ValueKind: JsonValueKind.Number } weeks ? weeks.GetInt32() : null;

    /// <summary>The app on a private primary with the demo data and a streaming replica of it, the output cache on.</summary>
    public sealed class ReplicaFactory : WijzerApiFactory
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), $"bw-replica-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        private LocalPostgresCluster? _primary;
        private LocalPostgresCluster? _replica;

        public override string ConnectionString => _primary!.ConnectionStringFor("bw");

        public override async Task InitializeAsync()
        {
            _primary = await LocalPostgresCluster.StartAsync(Path.Combine(_directory, "primary"), NullLogger.Instance);
            await _primary.EnsureDatabaseAsync("bw");
            await using (var db = CreateDbContext())
            {
                await TestPostgres.FillAsync(db, TestDatabase.Demo);
            }

            _replica = await _primary.CreateStreamingReplicaAsync(Path.Combine(_directory, "replica"));
        }

        /// <summary>Runs <paramref name="sql"/> on the replica (unpooled, as a superuser may: replay control).</summary>
        public async Task ReplicaAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_replica!.ConnectionStringFor("bw")) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:ReadOnly", _replica!.ConnectionStringFor("bw"));
            builder.UseSetting("Search:OutputCache:Enabled", "true");
            builder.UseSetting("Database:ReplicaLagSeconds", "60");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            foreach (var cluster in new[] { _replica, _primary })
            {
                if (cluster is not null)
                {
                    await cluster.StopAsync();
                }
            }

            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp directory is the machine's to clear.
            }
        }
    }
}
