using BeschikbaarheidsWijzer.Api.Features.Search;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>
/// The two statements a search sends must be able to use their indexes: at national scale a sequential scan costs tens of
/// milliseconds a request. With sequential scans switched off, PostgreSQL still plans one only where no index fits (a
/// parameter of the wrong type, an expression the index does not cover), so the plan shows whether the indexes can work,
/// whatever the tiny test data would make the planner prefer.
/// </summary>
public sealed class SearchQueryPlanTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    [Fact]
    public async Task The_free_text_match_uses_the_full_text_and_trigram_indexes()
    {
        var plan = await ExplainAsync(OfferingSearch.TextMatchSql, "Kompas");

        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("ix_offerings_search_vector", plan);
        Assert.Contains("ix_offerings_title_trgm", plan);
        Assert.Contains("ix_providers_name_trgm", plan);
    }

    [Fact]
    public async Task The_index_refresh_finds_changed_offerings_through_the_transaction_id_index()
    {
        var plan = await ExplainAsync(SearchIndexStore.ChangesSql, 1L);

        Assert.DoesNotContain("Seq Scan on offerings", plan);
        Assert.Contains("ix_offerings_search_xid", plan);
        Assert.Contains("ix_search_removals_xid", plan);
    }

    private async Task<string> ExplainAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var settings = new NpgsqlCommand(
                         $"set enable_seqscan = off; set pg_trgm.word_similarity_threshold = {OfferingSearch.TypoTolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                         connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"explain {sql}", connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
