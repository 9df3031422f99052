using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests;

/// <summary>Every migration must apply to a database that already holds data, as on every upgrade of a running site.</summary>
public sealed class MigrationTests
{
    [Fact]
    public Task Each_migration_applies_on_top_of_data_written_with_the_one_before() => InEmptyDatabaseAsync(async (postgres, database) =>
    {
        await using var db = postgres.CreateDbContext(database);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.True(migrations.Count >= 2);

        // The first schema with the demo data in it, then every later migration one by one.
        await migrator.MigrateAsync(migrations[0]);
        await SeedWithFirstSchemaAsync(postgres, database);
        foreach (var migration in migrations.Skip(1))
        {
            await migrator.MigrateAsync(migration);
        }

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Providers.CountAsync() >= 40);
        Assert.Equal(await db.Offerings.CountAsync(o => o.Reports.Any()), await db.Offerings.CountAsync(o => o.CurrentReportId != null));
    });

    [Fact]
    public Task Reports_that_repeat_the_figures_before_them_keep_when_those_were_first_reported() => InEmptyDatabaseAsync(async (postgres, database) =>
    {
        await using var db = postgres.CreateDbContext(database);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var backfill = migrations.FindIndex(m => m.EndsWith("_ReportsConfirmWarnAndRealise", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[backfill - 1]);

        // Weeks 1-2 the same figures (a note changed), week 3 other figures, week 4 the first figures again.
        var offering = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(postgres.ConnectionStringFor(database)))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                    insert into regions (code, name) values ('twente', 'Twente');
                    insert into care_types (code, name, ijw_category, sector, setting, matching_dependent, sort_order) values ('jeugd-ggz-basis', 'Jeugd-GGZ basis', '54', 'ggz', 'ambulant', false, 0);
                    insert into providers (id, name, created_at, updated_at) values (@p, 'Aanbieder (test)', now(), now());
                    insert into offerings (id, provider_id, title, care_type_code, age_min, age_max, tags, created_at, updated_at)
                        values (@o, @p, 'Aanbod', 'jeugd-ggz-basis', 0, 18, '{}', now(), now());
                    insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, wait_to_intake_weeks, method, matching_dependent, bridging_care_available, note) values
                        (@o, '2026-11-02', '2026-11-02T09:00Z', true, 3, 'Actueel', false, false, null),
                        (@o, '2026-11-09', '2026-11-09T09:00Z', true, 3, 'Actueel', false, false, 'anders'),
                        (@o, '2026-11-16', '2026-11-16T09:00Z', true, 5, 'Actueel', false, false, null),
                        (@o, '2026-11-23', '2026-11-23T09:00Z', true, 3, 'Actueel', false, false, null);
                    """, connection);
            insert.Parameters.AddWithValue("p", Guid.NewGuid());
            insert.Parameters.AddWithValue("o", offering);
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync(migrations[backfill]);
        var changed = await db.AvailabilityReports.Where(r => r.OfferingId == offering).OrderBy(r => r.WeekStart)
            .Select(r => r.FiguresChangedAt).ToListAsync();
        var first = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([null, first, null, null], changed);
    });

    /// <summary>Runs <paramref name="test"/> against a new, empty database of its own, dropped afterwards.</summary>
    private static async Task InEmptyDatabaseAsync(Func<TestPostgres, string, Task> test)
    {
        var postgres = await TestPostgres.GetAsync();
        var database = $"bw_test_migrations_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await test(postgres, database);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>Writes rows with plain SQL of the first schema, since today's model has columns the first schema lacks.</summary>
    private static async Task SeedWithFirstSchemaAsync(TestPostgres postgres, string database)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionStringFor(database));
        await connection.OpenAsync();
        const string sql = """
            insert into regions (code, name) values ('twente', 'Twente');
            insert into municipalities (code, name, region_code, latitude, longitude, valid_from) values ('GM0153', 'Enschede', 'twente', 52.2, 6.9, '2024-01-01');
            insert into care_types (code, name, ijw_category, sector, setting, matching_dependent, sort_order) values ('jeugd-ggz-basis', 'Jeugd-GGZ basis', '54', 'ggz', 'ambulant', false, 0);
            """;
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < 40; i++)
        {
            var provider = Guid.NewGuid();
            var offering = Guid.NewGuid();
            await using var insert = new NpgsqlCommand("""
                insert into providers (id, name, created_at, updated_at) values (@p, @name, now(), now());
                insert into offerings (id, provider_id, title, care_type_code, age_min, age_max, tags, created_at, updated_at)
                    values (@o, @p, 'Aanbod', 'jeugd-ggz-basis', 0, 18, '{angst}', now(), now());
                insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, method, matching_dependent, bridging_care_available)
                    values (@o, '2026-11-16', now(), true, 'Actueel', false, false);
                """, connection);
            insert.Parameters.AddWithValue("p", provider);
            insert.Parameters.AddWithValue("o", offering);
            insert.Parameters.AddWithValue("name", $"Aanbieder {i} (test)");
            await insert.ExecuteNonQueryAsync();
        }
    }
}
