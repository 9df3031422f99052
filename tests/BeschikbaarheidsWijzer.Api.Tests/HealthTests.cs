using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests;

public sealed class HealthTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    [Fact]
    public async Task Live_and_ready_are_200_on_a_migrated_database()
    {
        var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_503_while_migrations_are_missing_and_live_stays_200()
    {
        var postgres = await TestPostgres.GetAsync();
        var empty = $"bw_test_empty_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {empty}", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using var unmigrated = factory.WithWebHostBuilder(b =>
            {
                b.UseSetting("ConnectionStrings:Default", postgres.ConnectionStringFor(empty));
                b.UseSetting("Database:MigrateOnStartup", "false");
            });
            var client = unmigrated.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("migration", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            await postgres.DropDatabaseAsync(empty);
        }
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_cannot_be_reached()
    {
        await using var unreachable = factory.WithWebHostBuilder(b =>
        {
            // Nothing listens on port 1; the app must still start (no migration on start) and report not ready.
            b.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
            b.UseSetting("Database:MigrateOnStartup", "false");
        });

        var client = unreachable.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
