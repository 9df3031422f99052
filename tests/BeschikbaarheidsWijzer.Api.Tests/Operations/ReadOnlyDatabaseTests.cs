using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// With <c>ConnectionStrings:ReadOnly</c> the public search, detail and provider pages read from it, while writes and the
/// provider's own views use the primary. Here the "replica" is a different database (the demo data) so every answer
/// shows which one it came from.
/// </summary>
public sealed class ReadOnlyDatabaseTests(ProviderFixture app) : IClassFixture<ProviderFixture>, IAsyncLifetime
{
    private string _replica = "";

    public async Task InitializeAsync()
    {
        var postgres = await TestPostgres.GetAsync();
        _replica = await postgres.CreateDatabaseAsync(TestDatabase.Demo);

        // Like a hot standby, the "replica" refuses every write: a read path that writes fails here as it would there.
        // Not pooled: a session opened before the setting would stay writable, and be handed out again.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(_replica)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"alter database \"{_replica}\" set default_transaction_read_only = on", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await (await TestPostgres.GetAsync()).DropDatabaseAsync(_replica);

    [Fact]
    public async Task Public_reads_come_from_the_read_only_database_and_writes_go_to_the_primary()
    {
        var postgres = await TestPostgres.GetAsync();
        await using var split = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:ReadOnly", postgres.ConnectionStringFor(_replica)));
        var client = split.CreateClient();
        const string search = "/api/v1/offerings?municipality=GM0222&pageSize=100";

        // The primary alone: the fixture's own offerings are found.
        var fromPrimary = await app.CreateClient().GetFromJsonAsync<JsonElement>(search);
        Assert.Contains(Ids(fromPrimary), id => app.OfferingsA.Contains(id));

        // Split: the search shows the replica's (demo) offerings and none of the primary's.
        var fromReplica = await client.GetFromJsonAsync<JsonElement>(search);
        Assert.NotEmpty(Ids(fromReplica));
        Assert.DoesNotContain(Ids(fromReplica), id => app.OfferingsA.Contains(id));
        var demoOffering = Ids(fromReplica)[0];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/offerings/{demoOffering}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/offerings/{app.OfferingsA[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/providers/{app.ProviderA}")).StatusCode);

        // A provider's write and its own view use the primary.
        int replicaReports;
        await using (var replica = postgres.CreateDbContext(_replica))
        {
            replicaReports = await replica.AvailabilityReports.CountAsync();
        }

        var before = await app.ReportCountAsync();
        var provider = split.CreateClient();
        provider.DefaultRequestHeaders.Authorization = new("Bearer", app.KeyA);
        var put = await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{app.OfferingsA[0]}/availability", new { acceptingReferrals = true, freePlaces = 3, totalPlaces = 5 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(before + 1, await app.ReportCountAsync());
        await using (var replica = postgres.CreateDbContext(_replica))
        {
            Assert.Equal(replicaReports, await replica.AvailabilityReports.CountAsync());
        }

        var own = await provider.GetFromJsonAsync<JsonElement>("/api/v1/provider/offerings");
        Assert.Equal(app.OfferingsA.Order(), own.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());

        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Contains(ready.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "read-only-database");
    }

    [Fact]
    public async Task A_write_evicts_the_cache_again_once_the_replica_has_caught_up()
    {
        var postgres = await TestPostgres.GetAsync();
        await using var split = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:ReadOnly", postgres.ConnectionStringFor(_replica));
            b.UseSetting("Search:OutputCache:Enabled", "true");
            b.UseSetting("Database:ReplicaLagSeconds", "4");
        });
        var client = split.CreateClient();
        var provider = split.CreateClient();
        provider.DefaultRequestHeaders.Authorization = new("Bearer", app.KeyA);
        const string search = "/api/v1/offerings?municipality=GM0222&pageSize=100&sort=name";

        var put = await provider.PutAsJsonAsync($"/api/v1/provider/offerings/{app.OfferingsA[1]}/availability", new { acceptingReferrals = true });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var written = System.Diagnostics.Stopwatch.StartNew();

        // Right after the write the replica has not applied it yet: the search reads, and caches, the old state…
        var stale = await client.GetStringAsync(search);
        var shown = Ids(JsonDocument.Parse(stale).RootElement)[0];
        // …then the replica catches up (here: the change lands in the replica database directly, in a session that may
        // write there, as replication's own replay does).
        await using (var replica = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor(_replica))
        { Options = "-c default_transaction_read_only=off" }.ConnectionString))
        {
            await replica.OpenAsync();
            await using var update = new NpgsqlCommand("update offerings set title = title || ' (bijgewerkt)' where id = $1", replica)
            {
                Parameters = { new NpgsqlParameter { Value = shown } },
            };
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // The second eviction is due 4 s after the write; without it the stale answer would be served for the cache's 30 s.
        Assert.True(written.Elapsed < TimeSpan.FromSeconds(4), $"Arranging took {written.Elapsed.TotalSeconds:F1} s, past the second eviction: the test cannot tell.");
        await Task.Delay(TimeSpan.FromSeconds(6) - written.Elapsed);
        var fresh = await client.GetFromJsonAsync<JsonElement>(search);
        Assert.Contains(fresh.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString()!.EndsWith("(bijgewerkt)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Not_ready_when_the_read_only_database_cannot_be_reached()
    {
        await using var split = app.WithWebHostBuilder(b =>
            b.UseSetting("ConnectionStrings:ReadOnly", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none"));

        var ready = await split.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Read-only database not reachable", await ready.Content.ReadAsStringAsync());
    }

    private static List<Guid> Ids(JsonElement response) =>
        response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
}
