using System.Data.Common;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Database;

/// <summary>
/// The PostgreSQL the app talks to: the configured <c>ConnectionStrings:Default</c>, or else a private local cluster
/// that this object starts and, when disposed with the app, stops. Public reads may go to a replica
/// (<c>ConnectionStrings:ReadOnly</c>); without one they go to the same database as the writes.
/// </summary>
public sealed class DatabaseEndpoint : IAsyncDisposable
{
    public const string LocalDatabaseName = "beschikbaarheidswijzer";

    /// <summary>A database that is away must fail a request within seconds, not hold it for Npgsql's default 15 s.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    public const int DefaultCommandTimeoutSeconds = 30;

    private DatabaseEndpoint(string connectionString, string? readOnlyConnectionString, LocalPostgresCluster? localCluster)
    {
        ConnectionString = WithDefaultTimeouts(connectionString);
        ReadOnlyConnectionString = readOnlyConnectionString is null ? ConnectionString : WithDefaultTimeouts(readOnlyConnectionString);
        HasSeparateReadOnlyDatabase = readOnlyConnectionString is not null;
        LocalCluster = localCluster;
    }

    /// <summary>The primary: every write, and every read of a signed-in caller.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the public search, detail and provider pages read: the replica when configured, else the primary.</summary>
    public string ReadOnlyConnectionString { get; }

    public bool HasSeparateReadOnlyDatabase { get; }

    public LocalPostgresCluster? LocalCluster { get; }

    public bool IsPrivateLocalCluster => LocalCluster is not null;

    public static DatabaseEndpoint Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var configured = configuration.GetConnectionString("Default");
        var readOnly = configuration.GetConnectionString("ReadOnly");
        readOnly = string.IsNullOrWhiteSpace(readOnly) ? null : readOnly;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DatabaseEndpoint(configured, readOnly, null);
        }

        var dataDirectory = configuration["Database:LocalDataDirectory"] ?? Path.Combine(".data", "postgres");
        if (!Path.IsPathRooted(dataDirectory))
        {
            dataDirectory = Path.Combine(environment.ContentRootPath, dataDirectory);
        }

        // Startup has nothing to do until the database is there, so blocking here is fine.
        var cluster = LocalPostgresCluster.StartAsync(dataDirectory, logger).GetAwaiter().GetResult();
        try
        {
            cluster.EnsureDatabaseAsync(LocalDatabaseName).GetAwaiter().GetResult();
        }
        catch
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            throw;
        }

        return new DatabaseEndpoint(cluster.ConnectionStringFor(LocalDatabaseName), readOnly, cluster);
    }

    /// <summary>Adds a connect timeout and a command timeout where the connection string sets none.</summary>
    public static string WithDefaultTimeouts(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout"))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (LocalCluster is not null)
        {
            await LocalCluster.DisposeAsync();
        }
    }
}
