using System.Net;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Api.Tests.ManagementReports;
using Microsoft.EntityFrameworkCore;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Exports;

/// <summary>The open-data CSV on the fixed data set of <see cref="ReportsFixture"/>, read back and checked cell by cell.</summary>
public sealed class AvailabilityCsvTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    private const string Url = "/api/v1/exports/availability.csv";

    [Fact]
    public async Task One_row_per_current_offering_and_contracted_municipality_public_and_in_the_documented_format()
    {
        var response = await app.CreateClient().GetAsync(Url, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("beschikbaarheid-2026-11-18.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Null(response.Content.Headers.ContentLength); // the app writes rows as it reads them: no length is known up front
        Assert.True(response.Headers.ETag?.IsWeak);
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        var table = CsvParser.ParseTable(await response.Content.ReadAsByteArrayAsync());

        // Alfa, Gamma, Delta's two (the first in two municipalities) and Epsilon; Beta is deleted.
        Assert.Equal(
            new[] { (app.AlfaOffering, "GM0222"), (app.GammaOffering, "GM0153"), (app.DeltaBoth, "GM0153"), (app.DeltaBoth, "GM0222"), (app.DeltaNew, "GM0222"), (app.EpsilonOffering, "GM0222") }
                .Select(r => $"{r.Item1}/{r.Item2}").Order(),
            table.Select(r => $"{r["aanbod-id"]}/{r["gemeentecode"]}").Order());
        var codes = table.Select(r => r["gemeentecode"]).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.All(table, r => Assert.Equal("2026-11-18", r["peildatum"]));

        var alfa = table.Single(r => r["aanbod-id"] == app.AlfaOffering.ToString());
        Assert.Equal(
            ["GM0222", "Doetinchem", "Achterhoek", ReportsFixture.AlfaName, "11111111", "ambulante-begeleiding", "45", "2", "2", "4", "actueel", "", "3", "nee",
                "", "", "5", "regio", "ja", "ja", "nee", "2026-W47", "2026-11-16 09:00"],
            new[] { "gemeentecode", "gemeente", "regio", "aanbieder", "kvk", "zorgvormcode", "ijw productcategorie", "aanmeldwachttijd", "behandelwachttijd", "totaal",
                "methode", "aantal wachtenden", "vrije plekken", "aanmeldstop", "norm aanmeldwachttijd", "norm behandelwachttijd", "norm totaal", "normbron",
                "binnen norm", "plek beschikbaar", "verouderd", "week", "bijgewerkt op" }.Select(c => alfa[c]));
        Assert.Equal("Ambulante begeleiding en praktische ondersteuning", alfa["zorgvorm"]);
        Assert.Equal(("3", "2", "2026-11-16 09:00", "nee"),
            (alfa["gerealiseerde aanmeldwachttijd"], alfa["gerealiseerde behandelwachttijd"], alfa["cijfers veranderd op"], alfa["bevestigd ongewijzigd"]));

        // Gamma is judged by Twente's (national) norm; its figures are 23 days old.
        var gamma = table.Single(r => r["aanbod-id"] == app.GammaOffering.ToString());
        Assert.Equal(("Twente", "4", "10", "14", "treeknorm", "nee", "nee", "ja"),
            (gamma["regio"], gamma["norm aanmeldwachttijd"], gamma["norm behandelwachttijd"], gamma["norm totaal"], gamma["normbron"], gamma["binnen norm"], gamma["plek beschikbaar"], gamma["verouderd"]));

        // Per municipality, the offering's location there.
        var delta = table.Where(r => r["aanbod-id"] == app.DeltaBoth.ToString()).ToDictionary(r => r["gemeentecode"]);
        Assert.Equal(("Vestiging Doetinchem", "7001 AB"), (delta["GM0222"]["vestiging"], delta["GM0222"]["postcode"]));
        Assert.Equal(("Vestiging Enschede", "7511 GA"), (delta["GM0153"]["vestiging"], delta["GM0153"]["postcode"]));
        Assert.Equal(("ja", "nee"), (delta["GM0222"]["aanmeldstop"], delta["GM0222"]["binnen norm"]));

        // Never reported: no figures, the norm still given, and typed text guarded.
        var epsilon = table.Single(r => r["aanbod-id"] == app.EpsilonOffering.ToString());
        Assert.Equal(("'" + ReportsFixture.EpsilonName, "", "", "5", "onbekend", "", ""),
            (epsilon["aanbieder"], epsilon["aanmeldwachttijd"], epsilon["aanmeldstop"], epsilon["norm totaal"], epsilon["binnen norm"], epsilon["plek beschikbaar"], epsilon["bijgewerkt op"]));
    }
}

/// <summary>The exports from the public output cache: served until a write evicts them, with ETags that give 304.</summary>
public sealed class ExportCacheTests(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    [Fact]
    public async Task The_csv_is_cached_until_a_write_and_its_etag_gives_304_while_the_copy_lives()
    {
        await using var cached = app.WithWebHostBuilder(b => b.UseSetting("Search:OutputCache:Enabled", "true"));
        var client = cached.CreateClient();
        var first = await client.GetAsync("/api/v1/exports/availability.csv");
        var etag = first.Headers.ETag!;
        var body = await first.Content.ReadAsByteArrayAsync();

        // A change behind the API's back is not seen while the entry lives: the cache answers.
        await using (var db = app.CreateDbContext())
        {
            await db.Offerings.Where(o => o.Id == app.GammaOffering).ExecuteUpdateAsync(s => s.SetProperty(o => o.Title, "Gewijzigde titel"));
        }

        var second = await client.GetAsync("/api/v1/exports/availability.csv");
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(body, await second.Content.ReadAsByteArrayAsync());
        var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/availability.csv");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var admin = cached.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", WijzerApiFactory.AdminKey);
        await ReadJsonAsync(await admin.PutAsync("/api/v1/admin/regions/twente/norms/jeugd-ggz-basis", Json("""{"maxIntakeWeeks":6,"validFrom":"2026-11-01"}""")), HttpStatusCode.Created);

        var afterWrite = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/availability.csv") { Headers = { IfNoneMatch = { etag } } });
        Assert.Equal(HttpStatusCode.OK, afterWrite.StatusCode);
        Assert.NotEqual(etag, afterWrite.Headers.ETag);
        var gamma = CsvParser.ParseTable(await afterWrite.Content.ReadAsByteArrayAsync()).Single(r => r["aanbod-id"] == app.GammaOffering.ToString());
        Assert.Equal(("Gewijzigde titel", "6", "regio", "ja"), (gamma["aanbod"], gamma["norm aanmeldwachttijd"], gamma["normbron"], gamma["binnen norm"]));
    }

    [Fact]
    public async Task The_hsds_feed_has_content_etags()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/api/v1/exports/hsds/services?per_page=3");
        Assert.True(first.Headers.ETag?.IsWeak);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/hsds/services?per_page=3");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(request)).StatusCode);
        Assert.NotEqual(first.Headers.ETag, (await client.GetAsync("/api/v1/exports/hsds/services?per_page=2")).Headers.ETag);
    }
}

/// <summary>The open-data CSV over the whole demo data set.</summary>
public sealed class AvailabilityCsvDemoTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    [Fact]
    public async Task Every_contract_valid_today_of_a_live_offering_is_one_row()
    {
        var table = CsvParser.ParseTable(await app.CreateClient().GetByteArrayAsync("/api/v1/exports/availability.csv"));

        await using var db = app.CreateDbContext();
        var today = new DateOnly(2026, 11, 18);
        var expected = await db.Contracts
            .Where(c => c.ValidFrom <= today && (c.ValidTo == null || c.ValidTo >= today) && c.Offering!.DeletedAt == null && c.Offering.Provider!.DeletedAt == null)
            .Select(c => c.OfferingId + "/" + c.MunicipalityCode)
            .ToListAsync();
        Assert.True(expected.Count > 100, "the demo data should have many contracts");
        Assert.Equal(expected.Order(StringComparer.Ordinal), table.Select(r => $"{r["aanbod-id"]}/{r["gemeentecode"]}").Order(StringComparer.Ordinal));
        Assert.All(table, r => Assert.Contains(r["binnen norm"], new[] { "ja", "deels", "nee", "onbekend" }));
        Assert.Contains(table, r => r["binnen norm"] == "deels");

        // "ja" only when every phase the norm bounds is known: never beside an unknown phase that has a bound.
        Assert.All(table.Where(r => r["binnen norm"] == "ja"), r =>
        {
            foreach (var (figure, bound) in new[] { ("aanmeldwachttijd", "norm aanmeldwachttijd"), ("behandelwachttijd", "norm behandelwachttijd"), ("totaal", "norm totaal") })
            {
                Assert.False(r[bound] != "" && r[figure] == "", $"{r["aanbod-id"]}: 'ja' while {figure} is unknown and bounded by {r[bound]}");
            }
        });

        // "plek beschikbaar" never beside 0 free places.
        Assert.DoesNotContain(table, r => r["plek beschikbaar"] == "ja" && r["vrije plekken"] == "0");
        Assert.All(table.Where(r => r["aanmeldwachttijd"] != "" && r["behandelwachttijd"] != ""),
            r => Assert.Equal(int.Parse(r["aanmeldwachttijd"]) + int.Parse(r["behandelwachttijd"]), int.Parse(r["totaal"])));
    }
}
