using System.Diagnostics;
using System.Net;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// <c>dotnet BeschikbaarheidsWijzer.Api.dll migrate</c> is the deployment's migration step: it prepares the database and
/// exits with a code; the app itself, outside Development and the private cluster, no longer migrates on start.
/// </summary>
public sealed class MigrateCommandTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    [Fact]
    public async Task Migrate_applies_every_migration_and_the_reference_data_then_exits_0()
    {
        var postgres = await TestPostgres.GetAsync();
        var database = await CreateEmptyDatabaseAsync(postgres);
        try
        {
            var (exitCode, output) = await RunAppAsync(["migrate"], postgres.ConnectionStringFor(database));

            Assert.True(exitCode == 0, output);
            await using var db = postgres.CreateDbContext(database);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(4, await db.Regions.CountAsync());
            Assert.True(await db.CareTypes.AnyAsync());
            Assert.False(await db.Providers.AnyAsync(), "No demo data unless Demo:Seed asks for it.");

            // A second run on a migrated database changes nothing and succeeds too (a re-run deployment job).
            var (again, againOutput) = await RunAppAsync(["migrate"], postgres.ConnectionStringFor(database));
            Assert.True(again == 0, againOutput);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_database_exits_1_with_one_clear_line()
    {
        var (exitCode, output) = await RunAppAsync(["migrate"], "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");

        Assert.Equal(1, exitCode);
        Assert.Contains("migrate failed", output);
    }

    [Fact]
    public async Task Outside_development_the_app_does_not_migrate_on_start_unless_configured()
    {
        var postgres = await TestPostgres.GetAsync();
        var database = await CreateEmptyDatabaseAsync(postgres);
        try
        {
            // No Database:MigrateOnStartup: the default outside Development with a configured database is not to migrate.
            await using (var app = factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Default", postgres.ConnectionStringFor(database))))
            {
                var ready = await app.CreateClient().GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            await using (var db = postgres.CreateDbContext(database))
            {
                Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            }

            await using (var app = factory.WithWebHostBuilder(b =>
            {
                b.UseSetting("ConnectionStrings:Default", postgres.ConnectionStringFor(database));
                b.UseSetting("Database:MigrateOnStartup", "true");
            }))
            {
                Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    private static async Task<string> CreateEmptyDatabaseAsync(TestPostgres postgres)
    {
        var name = $"bw_test_migrate_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(postgres.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Runs the built app (the same dll the container runs) as a process of its own.</summary>
    private static async Task<(int ExitCode, string Output)> RunAppAsync(string[] args, string connectionString)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BeschikbaarheidsWijzer.Api.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["ConnectionStrings__Default"] = connectionString;
        startInfo.Environment["Urls"] = "http://127.0.0.1:0";
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
