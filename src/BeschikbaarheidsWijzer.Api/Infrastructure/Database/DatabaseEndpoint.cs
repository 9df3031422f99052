namespace BeschikbaarheidsWijzer.Api.Infrastructure.Database;

/// <summary>
/// The PostgreSQL the app talks to: the configured <c>ConnectionStrings:Default</c>, or else a private local cluster
/// that this object starts and, when disposed with the app, stops.
/// </summary>
public sealed class DatabaseEndpoint : IAsyncDisposable
{
    public const string LocalDatabaseName = "beschikbaarheidswijzer";

    private DatabaseEndpoint(string connectionString, LocalPostgresCluster? localCluster)
    {
        ConnectionString = connectionString;
        LocalCluster = localCluster;
    }

    public string ConnectionString { get; }

    public LocalPostgresCluster? LocalCluster { get; }

    public bool IsPrivateLocalCluster => LocalCluster is not null;

    public static DatabaseEndpoint Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var configured = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DatabaseEndpoint(configured, null);
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

        return new DatabaseEndpoint(cluster.ConnectionStringFor(LocalDatabaseName), cluster);
    }

    public async ValueTask DisposeAsync()
    {
        if (LocalCluster is not null)
        {
            await LocalCluster.DisposeAsync();
        }
    }
}
