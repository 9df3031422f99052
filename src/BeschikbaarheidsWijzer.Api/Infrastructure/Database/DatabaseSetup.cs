using System.Reflection;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Demo;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Database;

public static class DatabaseSetup
{
    public static IServiceCollection AddWijzerDatabase(this IServiceCollection services)
    {
        // Resolved on first use, not at registration: tests and tools configure the connection after Program runs.
        services.AddSingleton(sp => DatabaseEndpoint.Resolve(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("BeschikbaarheidsWijzer.LocalPostgres")));
        services.AddDbContext<WijzerDbContext>((sp, options) => ConfigureDbContext(options, sp.GetRequiredService<DatabaseEndpoint>().ConnectionString));
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

    /// <summary>Applies migrations, brings the reference data up to date and, when asked, loads the demo data.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var endpoint = app.Services.GetRequiredService<DatabaseEndpoint>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WijzerDbContext>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));

        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            // Another process migrates (a deployment job). Start anyway; /health/ready says not ready until the
            // database is reachable and migrated.
            try
            {
                if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    logger.LogWarning("The database has migrations that are not applied; waiting for them to be applied elsewhere.");
                    return;
                }
            }
            catch (Npgsql.NpgsqlException ex)
            {
                logger.LogWarning(ex, "The database is not reachable at start; serving not-ready until it is.");
                return;
            }
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
