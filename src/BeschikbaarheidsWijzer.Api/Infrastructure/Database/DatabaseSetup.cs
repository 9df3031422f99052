using System.Reflection;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Demo;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Database;

public static class DatabaseSetup
{
    /// <summary><c>dotnet BeschikbaarheidsWijzer.Api.dll migrate</c>: prepare the database, then exit (0 done, 1 failed).</summary>
    public const string MigrateCommand = "migrate";

    public static bool IsMigrateCommand(string[] args) => args is [MigrateCommand, ..];

    public static IServiceCollection AddWijzerDatabase(this IServiceCollection services)
    {
        // Resolved on first use, not at registration: tests and tools configure the connection after Program runs.
        services.AddSingleton(sp => DatabaseEndpoint.Resolve(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("BeschikbaarheidsWijzer.LocalPostgres")));
        services.AddDbContext<WijzerDbContext>((sp, options) => ConfigureDbContext(options, sp.GetRequiredService<DatabaseEndpoint>().ConnectionString));
        services.AddDbContextPool<ReadOnlyWijzerDbContext>((sp, options) =>
            ConfigureDbContext(options, sp.GetRequiredService<DatabaseEndpoint>().ReadOnlyConnectionString)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddSingleton(_ => ReferenceData.Load());
        return services;
    }

    public static DbContextOptionsBuilder ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// True while <c>dotnet build</c> runs the app to write the OpenAPI document: then there is no database to start.
    /// </summary>
    public static bool IsBuildTimeDocumentGeneration =>
        Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>
    /// At start-up: migrate when <c>Database:MigrateOnStartup</c> says so, by default only on the private local cluster
    /// and in Development. Elsewhere several replicas start at once, and migrating is the <c>migrate</c> command's job
    /// (a deployment job); the app starts anyway and <c>/health/ready</c> says not ready until the database is migrated.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var endpoint = app.Services.GetRequiredService<DatabaseEndpoint>();
        var migrate = app.Configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? (endpoint.IsPrivateLocalCluster || app.Environment.IsDevelopment());
        if (!migrate)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WijzerDbContext>();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
            try
            {
                if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    logger.LogWarning("The database has migrations that are not applied; waiting for the migrate command to apply them.");
                    return;
                }
            }
            catch (Npgsql.NpgsqlException ex)
            {
                logger.LogWarning(ex, "The database is not reachable at start; serving not-ready until it is.");
                return;
            }
        }

        await PrepareAsync(app, migrate, cancellationToken);
    }

    /// <summary>The <c>migrate</c> command: migrations, reference data and (when <c>Demo:Seed</c>) demo data; returns the exit code.</summary>
    public static async Task<int> RunMigrateCommandAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        try
        {
            await PrepareAsync(app, migrate: true, CancellationToken.None);
            logger.LogInformation("The database is migrated and its reference data is up to date.");
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or DbUpdateException or InvalidOperationException or LocalPostgresException or TimeoutException)
        {
            // One line an operator can act on; the job's exit code tells the orchestrator.
            Console.Error.WriteLine($"migrate failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Applies migrations (when asked), brings the reference data up to date and, when asked, loads the demo data.</summary>
    private static async Task PrepareAsync(WebApplication app, bool migrate, CancellationToken cancellationToken)
    {
        var endpoint = app.Services.GetRequiredService<DatabaseEndpoint>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WijzerDbContext>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await ReferenceDataSeeder.SeedAsync(db, app.Services.GetRequiredService<ReferenceData>(), cancellationToken);

        var seedDemo = app.Configuration.GetValue("Demo:Seed", endpoint.IsPrivateLocalCluster);
        if (seedDemo && !await db.Providers.AnyAsync(cancellationToken))
        {
            var summary = await DemoDataSeeder.SeedAsync(db, app.Services.GetRequiredService<TimeProvider>(), cancellationToken);
            logger.LogInformation("Loaded demo data: {Summary}", summary);
        }
    }
}
