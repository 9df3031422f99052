using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Data.Sql;
using BeschikbaarheidsWijzer.Api.Features.Search;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Availability;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>
/// The search read model is SQL of its own (Data/Sql): the index reads its views by column name, every column of the tables
/// behind them is read or deliberately left out, and the database's rule for the current report is the domain's.
/// </summary>
public sealed class SearchReadModelTests(WijzerApiFactory app) : IClassFixture<WijzerApiFactory>
{
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Per table behind the views, its columns that no view reads and that are not listed as not for search.</summary>
    private static async Task<List<string>> UnaccountedColumnsAsync(NpgsqlConnection connection)
    {
        var views = SearchIndexStore.ReadColumns.Keys.ToArray();
        var unaccounted = new List<string>();
        foreach (var (table, leftOut) in SearchIndexStore.NotForSearch)
        {
            var columns = await ListAsync(connection, "select column_name::text from information_schema.columns where table_name = $1", table);
            var used = await ListAsync(connection,
                "select distinct column_name::text from information_schema.view_column_usage where table_name = $1 and view_name = any($2)", table, views);
            unaccounted.AddRange(columns.Except(used).Except(leftOut).Select(c => $"{table}.{c}"));
        }

        return unaccounted;
    }

    [Fact]
    public async Task Every_column_behind_the_views_is_read_by_search_or_listed_as_not_for_search()
    {
        await using var connection = await OpenAsync();

        Assert.Empty(await UnaccountedColumnsAsync(connection));

        // And the list says no more than the truth: nothing on it is read by a view after all.
        foreach (var (table, leftOut) in SearchIndexStore.NotForSearch)
        {
            var used = await ListAsync(connection,
                "select distinct column_name::text from information_schema.view_column_usage where table_name = $1 and view_name = any($2)",
                table, SearchIndexStore.ReadColumns.Keys.ToArray());
            Assert.True(!leftOut.Intersect(used).Any(), $"{table}: listed as not for search but read by a view: {string.Join(", ", leftOut.Intersect(used))}");
        }
    }

    [Fact]
    public async Task A_new_offering_column_that_search_ignores_without_saying_so_fails_the_check()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var alter = new NpgsqlCommand("alter table offerings add column wheelchair_accessible boolean", connection, transaction))
        {
            await alter.ExecuteNonQueryAsync();
        }

        Assert.Equal(["offerings.wheelchair_accessible"], await UnaccountedColumnsAsync(connection));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task The_index_reads_exactly_the_columns_each_view_has()
    {
        await using var connection = await OpenAsync();
        foreach (var (view, read) in SearchIndexStore.ReadColumns)
        {
            var columns = await ListAsync(connection, "select column_name::text from information_schema.columns where table_name = $1", view);
            Assert.True(columns.Count > 0, $"view {view} does not exist");
            Assert.Equal(columns.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_migrations_create_the_read_model_from_its_current_sql_file()
    {
        var sql = SqlFiles.Read(SqlFiles.SearchReadModel);
        foreach (var view in SearchIndexStore.ReadColumns.Keys)
        {
            Assert.Contains($"create or replace view {view} as", sql, StringComparison.Ordinal);
        }

        var migrations = Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot(), "src", "BeschikbaarheidsWijzer.Api", "Data", "Migrations"), "*.cs")
            .Where(path => !path.EndsWith(".Designer.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        Assert.Contains(migrations, text => text.Contains($"SqlFiles.Read(\"{SqlFiles.SearchReadModel}\")", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_databases_current_report_is_the_domains_also_for_ties_and_past_moments()
    {
        var offering = Guid.CreateVersion7();
        await using (var db = app.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            var provider = new Provider { Id = Guid.CreateVersion7(), Name = "Ordening (test)", CreatedAt = now, UpdatedAt = now };
            db.Providers.Add(provider);
            db.Offerings.Add(new Offering
            {
                Id = offering, ProviderId = provider.Id, Title = "Welke is actueel", CareTypeCode = "jeugd-ggz-basis", AgeMin = 0, AgeMax = 18, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        var monday = new DateOnly(2026, 11, 9);
        var at = new DateTimeOffset(2026, 11, 12, 10, 0, 0, TimeSpan.Zero);

        // Inserted out of order: a later week reported earlier, two reports at the same moment, a correction for a past week.
        (DateOnly Week, DateTimeOffset At)[] reports =
        [
            (monday.AddDays(7), at.AddDays(3)),
            (monday, at),
            (monday, at.AddHours(5)),
            (monday, at.AddHours(5)),
            (monday.AddDays(7), at.AddDays(3)),
            (monday, at.AddDays(6)),
        ];
        var stored = new List<(long Id, DateOnly Week, DateTimeOffset At)>();
        await using var connection = await OpenAsync();
        foreach (var (week, reportedAt) in reports)
        {
            await using var insert = new NpgsqlCommand("""
                insert into availability_reports (offering_id, week_start, reported_at, accepting_referrals, method, matching_dependent, bridging_care_available, api_key_id)
                values ($1, $2, $3, true, 'Actueel', false, false, 'test') returning id
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = offering });
            insert.Parameters.Add(new NpgsqlParameter { Value = week });
            insert.Parameters.Add(new NpgsqlParameter { Value = reportedAt });
            stored.Add(((long)(await insert.ExecuteScalarAsync())!, week, reportedAt));
        }

        foreach (var asOf in new[] { at.AddHours(-1), at, at.AddHours(5), at.AddDays(3), at.AddDays(6), DateTimeOffset.MaxValue })
        {
            var expected = CurrentReportRule.Current(stored.Where(r => r.At <= asOf), r => r.Week, r => r.At, r => r.Id);
            await using var query = new NpgsqlCommand("select bw_current_report_id($1, $2)", connection);
            query.Parameters.Add(new NpgsqlParameter { Value = offering });
            query.Parameters.Add(new NpgsqlParameter { Value = asOf });
            var actual = await query.ExecuteScalarAsync();
            Assert.Equal(expected == default ? null : expected.Id, actual is DBNull ? null : (long?)actual);
        }

        // The pointer the triggers keep is the current one now.
        await using var pointer = new NpgsqlCommand("select current_report_id from offerings where id = $1", connection);
        pointer.Parameters.Add(new NpgsqlParameter { Value = offering });
        Assert.Equal(CurrentReportRule.Current(stored, r => r.Week, r => r.At, r => r.Id).Id, (long)(await pointer.ExecuteScalarAsync())!);
    }
}
