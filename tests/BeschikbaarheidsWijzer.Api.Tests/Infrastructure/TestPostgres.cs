using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Demo;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using DotNet.Testcontainers.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

/// <summary>Which database a test class starts from.</summary>
public enum TestDatabase
{
    /// <summary>Migrated, with reference data (regions, municipalities, care types, norms) and nothing else.</summary>
    Reference,

    /// <summary>Reference data plus the demo providers, offerings and report history.</summary>
    Demo,
}

/// <summary>
/// One PostgreSQL server for the whole test run, resolved as: env <c>BW_TEST_PG</c> (a connection string with the right to
/// create databases) → Testcontainers when a Docker engine answers → a private local cluster started here → a clear failure.
/// Each test class gets a fresh database copied from a migrated template, so classes cannot see each other's data.
/// </summary>
public sealed class TestPostgres
{
    public const string EnvironmentVariable = "BW_TEST_PG";
    private const string LocalClusterPrefix = "bw-test-pg-";

    /// <summary>Demo data is generated relative to this moment, so tests on it are repeatable.</summary>
    public static readonly DateTimeOffset DemoClock = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Task<TestPostgres>> Shared = new(StartAsync);
    private readonly string _serverConnectionString;
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private readonly Dictionary<TestDatabase, string> _templates = [];

    private TestPostgres(string serverConnectionString, string source)
    {
        _serverConnectionString = serverConnectionString;
        Source = source;
    }

    /// <summary>Where the server came from: <c>BW_TEST_PG</c>, <c>testcontainers</c> or <c>local cluster</c>.</summary>
    public string Source { get; }

    public static Task<TestPostgres> GetAsync() => Shared.Value;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>A DbContext on one of this server's databases, for arranging data and checking what was stored.</summary>
    public WijzerDbContext CreateDbContext(string database) => ContextFor(ConnectionStringFor(database));

    /// <summary>A DbContext configured as the app configures its own, on any connection string.</summary>
    public static WijzerDbContext ContextFor(string connectionString)
    {
        var options = new DbContextOptionsBuilder<WijzerDbContext>();
        DatabaseSetup.ConfigureDbContext(options, connectionString);
        return new WijzerDbContext(options.Options);
    }

    /// <summary>Creates a fresh database for one test class from the template of the given kind.</summary>
    public async Task<string> CreateDatabaseAsync(TestDatabase kind)
    {
        var template = await EnsureTemplateAsync(kind);
        var name = $"bw_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"create database {LocalPostgresCluster.QuoteIdentifier(name)} template {LocalPostgresCluster.QuoteIdentifier(template)}");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"drop database if exists {LocalPostgresCluster.QuoteIdentifier(name)} with (force)");
    }

    private async Task<string> EnsureTemplateAsync(TestDatabase kind)
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templates.TryGetValue(kind, out var existing))
            {
                return existing;
            }

            var name = $"bw_template_{kind.ToString().ToLowerInvariant()}_{Environment.ProcessId}";
            await ExecuteOnServerAsync($"drop database if exists {LocalPostgresCluster.QuoteIdentifier(name)} with (force)");
            await ExecuteOnServerAsync($"create database {LocalPostgresCluster.QuoteIdentifier(name)}");
            await using (var db = CreateDbContext(name))
            {
                await FillAsync(db, kind);
            }

            // A template may have no open connections while it is copied.
            NpgsqlConnection.ClearAllPools();
            _templates[kind] = name;
            return name;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    /// <summary>Migrates an empty database and loads what <paramref name="kind"/> holds: the reference data, and the demo data too.</summary>
    public static async Task FillAsync(WijzerDbContext db, TestDatabase kind)
    {
        await db.Database.MigrateAsync();
        await ReferenceDataSeeder.SeedAsync(db, ReferenceData.Load());
        if (kind == TestDatabase.Demo)
        {
            await DemoDataSeeder.SeedAsync(db, new FixedClock(DemoClock));
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The test host may be ended before its exit handler has removed its cluster; the next run cleans up after it.
    /// </summary>
    private static async Task RemoveClustersOfEndedRunsAsync()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), LocalClusterPrefix + "*"))
        {
            var pidText = Path.GetFileName(directory)[LocalClusterPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out var pid) || IsRunning(pid))
            {
                continue;
            }

            try
            {
                var leftover = await LocalPostgresCluster.StartAsync(directory, NullLogger.Instance);
                await leftover.StopAsync();
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LocalPostgresException)
            {
                // Not ours to fight over: leave it.
            }
        }

        static bool IsRunning(int pid)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    private static async Task<TestPostgres> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new TestPostgres(configured, EnvironmentVariable);
        }

        PostgreSqlContainer? container = null;
        try
        {
            container = new PostgreSqlBuilder("postgres:16-alpine").Build();
        }
        catch (DockerUnavailableException)
        {
            // No Docker engine here: fall through to a private cluster.
        }

        if (container is not null)
        {
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new TestPostgres(container.GetConnectionString(), "testcontainers");
        }

        await RemoveClustersOfEndedRunsAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"{LocalClusterPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        LocalPostgresCluster cluster;
        try
        {
            cluster = await LocalPostgresCluster.StartAsync(dataDirectory, NullLogger.Instance);
        }
        catch (PostgresNotFoundException ex)
        {
            throw new InvalidOperationException(
                $"The tests need a real PostgreSQL and found none. Set {EnvironmentVariable} to a connection string, run a Docker engine " +
                $"for Testcontainers, or install PostgreSQL locally (Debian: apt-get install -y postgresql). {ex.Message}", ex);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return new TestPostgres(cluster.ConnectionStringFor("postgres"), "local cluster");
    }
}

/// <summary>A clock that stands still, for repeatable dates.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
