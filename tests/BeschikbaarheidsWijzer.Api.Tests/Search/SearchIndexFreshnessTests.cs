using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>
/// The search answers from an in-memory index. Whatever changes the data (the API, another app instance, plain SQL), the
/// next request must show it, also when transactions commit in another order than they began.
/// </summary>
public sealed class SearchIndexFreshnessTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>A search without a care type leaves these out: the offerings these tests follow must be of other care types.</summary>
    private static readonly string[] LeftOutUnlessNamed = [.. CareTypeRules.LeftOutUnlessNamed];

    [Fact]
    public async Task A_contract_added_with_plain_sql_shows_on_the_next_request()
    {
        var offering = await AnyOfferingNotContractedInAsync("GM0294");
        Assert.DoesNotContain(offering, await IdsAsync("municipality=GM0294"));

        await SqlAsync("insert into contracts (offering_id, municipality_code, valid_from) values ($1, 'GM0294', '2025-01-01')", offering);

        Assert.Contains(offering, await IdsAsync("municipality=GM0294"));
    }

    [Fact]
    public async Task A_renamed_provider_with_a_new_phone_and_a_moved_location_show_on_the_next_request()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && o.Locations.Count == 1 && o.Contracts.Any(c => c.MunicipalityCode == "GM0222" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId, LocationId = o.Locations.Single().Id })
            .FirstAsync();
        await ItemAsync("municipality=GM0222", offering.Id);

        await SqlAsync("update providers set name = 'Hernoemd via SQL', phone = '0314 123 456', email = null where id = $1", offering.ProviderId);
        // Winterswijk's town hall, about 39 km from Doetinchem's centre.
        await SqlAsync("update locations set latitude = 51.9722, longitude = 6.7196, city = 'Winterswijk' where id = $1", offering.LocationId);

        var item = await ItemAsync("municipality=GM0222&lat=51.9722&lon=6.7196", offering.Id);
        Assert.Equal("Hernoemd via SQL", item.GetProperty("provider").GetProperty("name").GetString());
        Assert.Equal("0314 123 456", item.GetProperty("provider").GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("provider").GetProperty("email").ValueKind);
        Assert.Equal("Winterswijk", item.GetProperty("location").GetProperty("city").GetString());
        Assert.Equal(0, item.GetProperty("location").GetProperty("distanceKm").GetDouble());
    }

    [Fact]
    public async Task A_hard_deleted_offering_and_a_deleted_provider_disappear_on_the_next_request()
    {
        await using var db = app.CreateDbContext();
        var offerings = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && o.Reports.Any() && o.Contracts.Any(c => c.MunicipalityCode == "GM0153" && c.ValidTo == null)
                        && !LeftOutUnlessNamed.Contains(o.CareTypeCode))
            .Select(o => new { o.Id, o.ProviderId })
            .ToListAsync();
        var deleted = offerings[0];
        var ofDeletedProvider = offerings.First(o => o.ProviderId != deleted.ProviderId);
        var before = await IdsAsync("municipality=GM0153");
        Assert.Contains(deleted.Id, before);
        Assert.Contains(ofDeletedProvider.Id, before);

        // A removal older than a day, which no instance still needs: the next hard delete prunes it.
        var longGone = Guid.NewGuid();
        await SqlAsync("insert into search_removals (offering_id, removed_at) values ($1, now() - interval '2 days')", longGone);

        // Reports keep an offering from being deleted (their history stays): a hard delete removes them first.
        await SqlAsync("update offerings set current_report_id = null where id = $1", deleted.Id);
        await SqlAsync("delete from availability_reports where offering_id = $1", deleted.Id);
        await SqlAsync("delete from offerings where id = $1", deleted.Id);
        await SqlAsync("update providers set deleted_at = now() where id = $1", ofDeletedProvider.ProviderId);

        var after = await IdsAsync("municipality=GM0153");
        Assert.DoesNotContain(deleted.Id, after);
        Assert.DoesNotContain(ofDeletedProvider.Id, after);
        Assert.Equal((0L, 1L), (await CountRemovalsAsync(longGone), await CountRemovalsAsync(deleted.Id)));
    }

    private async Task<long> CountRemovalsAsync(Guid offering)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from search_removals where offering_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = offering });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_transaction_that_began_first_but_commits_last_is_still_seen()
    {
        await using var db = app.CreateDbContext();
        var ids = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && o.Contracts.Any(c => c.MunicipalityCode == "GM0200" && c.ValidTo == null))
            .Select(o => o.Id).Take(2).ToListAsync();
        await IdsAsync("municipality=GM0200");

        // The first transaction writes (so it holds the older transaction id) and stays open ...
        await using var first = new NpgsqlConnection(app.ConnectionString);
        await first.OpenAsync();
        await using var slow = await first.BeginTransactionAsync();
        await ExecuteAsync(first, "update offerings set title = 'Langzaam vastgelegd' where id = $1", ids[0]);

        // ... while a younger one commits, and a search runs in between.
        await SqlAsync("update offerings set title = 'Snel vastgelegd' where id = $1", ids[1]);
        Assert.Equal("Snel vastgelegd", (await ItemAsync("municipality=GM0200", ids[1])).GetProperty("title").GetString());

        await slow.CommitAsync();
        Assert.Equal("Langzaam vastgelegd", (await ItemAsync("municipality=GM0200", ids[0])).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_report_posted_through_one_app_instance_shows_in_the_next_search_of_another()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && o.Contracts.Any(c => c.MunicipalityCode == "GM0281" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId }).FirstAsync();
        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);

        // A second instance: its own service provider, so its own index, on the same database.
        await using var other = app.WithWebHostBuilder(_ => { });
        var otherClient = other.CreateClient();
        await ItemAsync("municipality=GM0281", offering.Id, otherClient);

        var put = await app.CreateClient(key).PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability",
            new { acceptingReferrals = true, waitToIntakeWeeks = 0, waitToTreatmentWeeks = 1, freePlaces = 29, totalPlaces = 31 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var seen = (await ItemAsync("municipality=GM0281", offering.Id, otherClient)).GetProperty("availability");
        Assert.Equal(29, seen.GetProperty("freePlaces").GetInt32());
        Assert.Equal(31, seen.GetProperty("totalPlaces").GetInt32());
    }

    [Fact]
    public async Task A_regional_norm_version_added_with_plain_sql_judges_the_next_search()
    {
        var item = await ItemWithFiguresAsync("municipality=GM0200");
        var careType = item.GetProperty("careType").GetProperty("code").GetString()!;
        var intake = item.GetProperty("availability").GetProperty("waitToIntakeWeeks").GetInt32();

        // A regional norm one week shorter than the reported intake wait (Apeldoorn is in Midden-IJssel/Oost-Veluwe).
        await SqlAsync($"""
            insert into regional_norms (region_code, care_type_code, max_intake_weeks, valid_from, recorded_at)
            values ('midden-ijssel-oost-veluwe', '{careType}', {Math.Max(intake - 1, 0)}, '2020-01-01', now())
            """, null);

        var judged = await ItemAsync($"municipality=GM0200&careType={careType}", item.GetProperty("id").GetGuid());
        Assert.Equal("regio", judged.GetProperty("norm").GetProperty("source").GetString());
        Assert.Equal(Math.Max(intake - 1, 0), judged.GetProperty("norm").GetProperty("maxIntakeWeeks").GetInt32());
        Assert.Equal(intake == 0 ? "within" : "exceeded", judged.GetProperty("normStatus").GetString());
    }

    [Fact]
    public async Task Free_text_answers_follow_a_changed_description_and_provider_name_but_a_new_report_keeps_them()
    {
        await using var db = app.CreateDbContext();
        var offering = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && o.Contracts.Any(c => c.MunicipalityCode == "GM0222" && c.ValidTo == null))
            .Select(o => new { o.Id, o.ProviderId }).FirstAsync();
        Assert.DoesNotContain(offering.Id, await IdsAsync("municipality=GM0222&q=paardrijden"));
        Assert.DoesNotContain(offering.Id, await IdsAsync("municipality=GM0222&q=Zwaluwstaart"));

        await SqlAsync("update offerings set description = 'Wij bieden therapeutisch paardrijden.' where id = $1", offering.Id);
        await SqlAsync("update providers set name = 'Zorgboerderij Zwaluwstaart' where id = $1", offering.ProviderId);

        Assert.Contains(offering.Id, await IdsAsync("municipality=GM0222&q=paardrijden"));
        Assert.Contains(offering.Id, await IdsAsync("municipality=GM0222&q=Zwaluwstart")); // a typo still matches

        var (_, key) = await app.CreateApiKeyAsync(ApiKeyRole.Provider, offering.ProviderId);
        var put = await app.CreateClient(key).PutAsJsonAsync($"/api/v1/provider/offerings/{offering.Id}/availability",
            new { acceptingReferrals = true, waitToIntakeWeeks = 1, waitToTreatmentWeeks = 1, freePlaces = 17, totalPlaces = 20 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var item = await ItemAsync("municipality=GM0222&q=paardrijden", offering.Id);
        Assert.Equal(17, item.GetProperty("availability").GetProperty("freePlaces").GetInt32());
    }

    private async Task<Guid> AnyOfferingNotContractedInAsync(string municipality)
    {
        await using var db = app.CreateDbContext();
        return await db.Offerings
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null && !o.Contracts.Any(c => c.MunicipalityCode == municipality)
                        && !LeftOutUnlessNamed.Contains(o.CareTypeCode))
            .Select(o => o.Id).FirstAsync();
    }

    private async Task<JsonElement> ItemWithFiguresAsync(string query)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?{query}&pageSize=100");
        return body.GetProperty("items").EnumerateArray().First(i =>
            i.GetProperty("availability").ValueKind == JsonValueKind.Object
            && i.GetProperty("availability").GetProperty("waitToIntakeWeeks").ValueKind == JsonValueKind.Number);
    }

    private async Task<JsonElement> ItemAsync(string query, Guid id, HttpClient? client = null)
    {
        var body = await (client ?? _client).GetFromJsonAsync<JsonElement>($"/api/v1/offerings?{query}&pageSize=100");
        return body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
    }

    private async Task<List<Guid>> IdsAsync(string query)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?{query}&pageSize=100");
        Assert.True(body.GetProperty("total").GetInt32() <= 100, "the test expects every match on one page");
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    private async Task SqlAsync(string sql, Guid? parameter)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, sql, parameter);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, Guid? parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"'{sql}' changed nothing");
    }
}
