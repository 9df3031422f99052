using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

public sealed class ProviderReportTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    private static readonly object ValidReport = new
    {
        acceptingReferrals = true, waitToIntakeWeeks = 3, waitToTreatmentWeeks = 5, freePlaces = 2, totalPlaces = 10,
        waitlistCount = 14, method = "actueel", matchingDependent = false, bridgingCareAvailable = true, note = "Plek vanaf december.",
    };

    [Fact]
    public async Task A_report_is_stored_for_the_current_week_with_the_key_that_sent_it()
    {
        var offering = app.OfferingsA[0];
        var client = app.CreateClient(app.KeyA);

        var response = await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability", ValidReport);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-W47", stored.GetProperty("week").GetString()); // the test clock stands on 2026-11-18
        Assert.Equal(8, stored.GetProperty("totalWaitWeeks").GetInt32());
        Assert.Equal("actueel", stored.GetProperty("method").GetString());
        Assert.Equal(response.Headers.ETag!.Tag, stored.GetProperty("eTag").GetString());

        await using var db = app.CreateDbContext();
        var row = await db.AvailabilityReports.SingleAsync(r => r.Id == stored.GetProperty("id").GetInt64());
        Assert.Equal(offering, row.OfferingId);
        Assert.Equal(app.KeyIdA, row.ApiKeyId);
        Assert.Equal(new DateOnly(2026, 11, 16), row.WeekStart);
        Assert.Equal(14, row.WaitlistCount);
        Assert.True(row.BridgingCareAvailable);
    }

    [Fact]
    public async Task A_second_report_in_the_same_week_becomes_current_and_both_stay_in_the_history()
    {
        var offering = app.OfferingsA[1];
        var client = app.CreateClient(app.KeyA);

        var first = await (await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability", new { acceptingReferrals = true, waitToIntakeWeeks = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await client.PutAsJsonAsync($"/api/v1/provider/offerings/{offering}/availability", new { acceptingReferrals = false, waitToIntakeWeeks = 7 }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var own = await client.GetFromJsonAsync<JsonElement>("/api/v1/provider/offerings");
        var current = own.EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == offering).GetProperty("currentReport");
        Assert.Equal(second.GetProperty("id").GetInt64(), current.GetProperty("id").GetInt64());
        Assert.False(current.GetProperty("acceptingReferrals").GetBoolean());
        await using var db = app.CreateDbContext();
        var history = await db.AvailabilityReports.Where(r => r.OfferingId == offering).Select(r => r.Id).ToListAsync();
        Assert.Equal([first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64()], history.Order());
    }

    [Fact]
    public async Task Own_offerings_lists_only_the_callers_live_offerings()
    {
        var own = await app.CreateClient(app.KeyB).GetFromJsonAsync<JsonElement>("/api/v1/provider/offerings");

        var ids = own.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(app.OfferingsB.Order(), ids.Order());
    }

    [Fact]
    public async Task Another_providers_offering_a_deleted_one_or_an_unknown_id_is_404_and_nothing_is_stored()
    {
        var before = await app.ReportCountAsync();
        var client = app.CreateClient(app.KeyA);

        foreach (var id in new[] { app.OfferingsB[0], app.DeletedOfferingA, Guid.NewGuid() })
        {
            var response = await client.PutAsJsonAsync($"/api/v1/provider/offerings/{id}/availability", ValidReport);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task If_match_with_the_current_etag_succeeds_and_a_stale_one_is_412()
    {
        var offering = app.OfferingsA[2];
        var client = app.CreateClient(app.KeyA);
        var url = $"/api/v1/provider/offerings/{offering}/availability";

        var noneYet = await SendAsync(client, HttpMethod.Put, url, ValidReport, ("If-Match", "*"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, noneYet.StatusCode);

        var first = await client.PutAsJsonAsync(url, ValidReport);
        var etag = first.Headers.ETag!.Tag;
        var second = await SendAsync(client, HttpMethod.Put, url, ValidReport, ("If-Match", etag));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var before = await app.ReportCountAsync();
        var stale = await SendAsync(client, HttpMethod.Put, url, ValidReport, ("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.ReportCountAsync());
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { """{"waitToIntakeWeeks": 3}""", "acceptingReferrals" },
        { """{"acceptingReferrals": true, "waitToIntakeWeeks": 105}""", "waitToIntakeWeeks" },
        { """{"acceptingReferrals": true, "waitToTreatmentWeeks": -1}""", "waitToTreatmentWeeks" },
        { """{"acceptingReferrals": true, "freePlaces": 11, "totalPlaces": 10}""", "freePlaces" },
        { """{"acceptingReferrals": true, "totalPlaces": 10001}""", "totalPlaces" },
        { """{"acceptingReferrals": true, "waitlistCount": -5}""", "waitlistCount" },
        { """{"acceptingReferrals": true, "method": "geschat"}""", "method" },
        { """{"acceptingReferrals": true, "note": "NUL\u0000byte"}""", "note" },
        { """{"acceptingReferrals": true, "note": "bel\u0007"}""", "note" },
        { """{"acceptingReferrals": true, "note": "omgekeerd \u202E tekst"}""", "note" },
        { """{"acceptingReferrals": true, "note": "half \uD800 teken"}""", "note" },
        { "{\"acceptingReferrals\": true, \"note\": \"" + new string('x', 501) + "\"}", "note" },
        { """{"acceptingReferrals": true, "unknownField": 1}""", "unknownField" },
        { """{"acceptingReferrals": "yes"}""", "acceptingReferrals" },
        { """{"acceptingReferrals": true, "waitToIntakeWeeks": "3"}""", "waitToIntakeWeeks" },
        { """{"acceptingReferrals": true, "waitToIntakeWeeks": 3.5}""", "waitToIntakeWeeks" },
        { """{"acceptingReferrals": true, "freePlaces": 99999999999999999999}""", "freePlaces" },
        { """{"acceptingReferrals": true, "totalPlaces": 1e400}""", "totalPlaces" },
        { """{"acceptingReferrals": true, "note": ["a"]}""", "note" },
        { """{"acceptingReferrals": true,""", "body" },
        { """[{"acceptingReferrals": true}]""", "body" },
        { "null", "body" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Bad_reports_are_400_problems_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var before = await app.ReportCountAsync();

        var response = await SendAsync(app.CreateClient(app.KeyA), HttpMethod.Put, $"/api/v1/provider/offerings/{app.OfferingsA[3]}/availability", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}': {problem}");
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_note_in_any_language_with_emoji_and_line_breaks_is_kept_as_written()
    {
        const string note = "Geen plek tot januari — excuses 🙏\nCafé-overleg: één keer per week. <script>alert(1)</script> ' or 1=1 --";

        var response = await app.CreateClient(app.KeyA).PutAsJsonAsync(
            $"/api/v1/provider/offerings/{app.OfferingsA[4]}/availability", new { acceptingReferrals = true, note });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await using var db = app.CreateDbContext();
        Assert.Equal(note, (await db.AvailabilityReports.SingleAsync(r => r.Id == id)).Note);
    }

    [Fact]
    public async Task A_10_mb_body_is_refused_by_the_real_server_with_413()
    {
        // The in-memory test server enforces no body size limit; Kestrel does.
        await using var kestrel = app.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        // HttpClient sends the body anyway after 1 s without "100 Continue"; on a busy machine the server may need longer.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
        {
            BaseAddress = kestrel.CreateClient().BaseAddress,
        };
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.KeyA);
        var before = await app.ReportCountAsync();

        // Valid in every way but its size, so only the size limit can refuse it.
        var huge = $$"""{"reports": [{"offeringId": "{{app.OfferingsA[5]}}", "acceptingReferrals": true, "note": "{{new string('x', 10 * 1024 * 1024)}}"}]}""";
        // Expect: 100-continue lets the server refuse before the client sends 10 MB (else Kestrel answers and closes mid-upload).
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/provider/availability-reports") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var tooLarge = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var plain = await app.CreateClient(app.KeyA).PutAsync(
            $"/api/v1/provider/offerings/{app.OfferingsA[5]}/availability", new StringContent("acceptingReferrals=true", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_batch_stores_all_reports_in_one_go()
    {
        var offerings = app.OfferingsA.Skip(10).Take(5).ToList();
        var before = await app.ReportCountAsync();

        var response = await app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports",
            new { reports = offerings.Select((id, i) => new { offeringId = id, acceptingReferrals = true, waitToIntakeWeeks = i, freePlaces = i }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, body.GetProperty("accepted").GetInt32());
        Assert.Equal(offerings, body.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("offeringId").GetGuid()));
        Assert.Equal(before + 5, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_batch_with_one_bad_report_stores_nothing_and_names_it_by_index()
    {
        var offerings = app.OfferingsA.Skip(15).Take(4).ToList();
        var reports = offerings.Select((id, i) => (object)new { offeringId = id, acceptingReferrals = true, waitToIntakeWeeks = i == 2 ? 500 : 1 }).ToList();
        var before = await app.ReportCountAsync();

        var response = await app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports", new { reports });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["reports[2].waitToIntakeWeeks"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Fact]
    public async Task A_batch_naming_another_providers_offering_is_404_and_stores_nothing()
    {
        var before = await app.ReportCountAsync();
        var reports = new object[]
        {
            new { offeringId = app.OfferingsA[20], acceptingReferrals = true },
            new { offeringId = app.OfferingsB[0], acceptingReferrals = true },
        };

        var response = await app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports", new { reports });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reports[1].offeringId", out _));
        Assert.Equal(before, await app.ReportCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_batch_must_hold_1_to_1000_reports(int count)
    {
        var reports = Enumerable.Range(0, count).Select(_ => new { offeringId = Guid.NewGuid(), acceptingReferrals = true });

        var response = await app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports", new { reports });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reports", out _));
    }

    [Fact]
    public async Task A_batch_may_not_report_one_offering_twice()
    {
        var id = app.OfferingsA[21];
        var response = await app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports",
            new { reports = new[] { new { offeringId = id, acceptingReferrals = true }, new { offeringId = id, acceptingReferrals = false } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reports[1].offeringId", out _));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_first_response_and_stores_once()
    {
        var body = new { reports = new[] { new { offeringId = app.OfferingsA[22], acceptingReferrals = true, waitToIntakeWeeks = 2 } } };
        var client = app.CreateClient(app.KeyA);
        var before = await app.ReportCountAsync();

        var first = await SendAsync(client, HttpMethod.Post, "/api/v1/provider/availability-reports", body, ("Idempotency-Key", "weekly-2026-47-a"));
        var retry = await SendAsync(client, HttpMethod.Post, "/api/v1/provider/availability-reports", body, ("Idempotency-Key", "weekly-2026-47-a"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before + 1, await app.ReportCountAsync());

        var changed = new { reports = new[] { new { offeringId = app.OfferingsA[22], acceptingReferrals = true, waitToIntakeWeeks = 3 } } };
        var reused = await SendAsync(client, HttpMethod.Post, "/api/v1/provider/availability-reports", changed, ("Idempotency-Key", "weekly-2026-47-a"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before + 1, await app.ReportCountAsync());
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_one_api_key()
    {
        var body = new { reports = new[] { new { offeringId = app.OfferingsA[23], acceptingReferrals = true } } };
        var before = await app.ReportCountAsync();

        var first = await SendAsync(app.CreateClient(app.KeyA), HttpMethod.Post, "/api/v1/provider/availability-reports", body, ("Idempotency-Key", "shared-key"));
        var other = await SendAsync(app.CreateClient(app.SecondKeyA), HttpMethod.Post, "/api/v1/provider/availability-reports", body, ("Idempotency-Key", "shared-key"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 2, await app.ReportCountAsync());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_store_once()
    {
        var body = new { reports = new[] { new { offeringId = app.OfferingsA[24], acceptingReferrals = true, waitToIntakeWeeks = 9 } } };
        var before = await app.ReportCountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            SendAsync(app.CreateClient(app.KeyA), HttpMethod.Post, "/api/v1/provider/availability-reports", body, ("Idempotency-Key", "burst"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(before + 1, await app.ReportCountAsync());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("this-key-is-far-too-long-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-and-more")]
    [InlineData("ünïcode")]
    public async Task A_malformed_idempotency_key_is_a_400_naming_the_header(string key)
    {
        var body = new { reports = new[] { new { offeringId = app.OfferingsA[25], acceptingReferrals = true } } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/provider/availability-reports") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await app.CreateClient(app.KeyA).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Parallel_reports_for_one_offering_all_land_in_the_history_and_the_latest_is_current()
    {
        var offering = app.OfferingsA[26];
        var url = $"/api/v1/provider/offerings/{offering}/availability";

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            app.CreateClient(i % 2 == 0 ? app.KeyA : app.SecondKeyA).PutAsJsonAsync(url, new { acceptingReferrals = true, waitToIntakeWeeks = i })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64()));
        await using var db = app.CreateDbContext();
        var history = await db.AvailabilityReports.Where(r => r.OfferingId == offering).Select(r => r.Id).ToListAsync();
        Assert.Equal(ids.Order(), history.Order());

        var own = await app.CreateClient(app.KeyA).GetFromJsonAsync<JsonElement>("/api/v1/provider/offerings");
        var current = own.EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == offering).GetProperty("currentReport").GetProperty("id").GetInt64();
        Assert.Equal(ids.Max(), current);
    }

    [Fact]
    public async Task Parallel_batches_over_the_same_offerings_in_opposite_orders_do_not_deadlock()
    {
        var offerings = app.OfferingsA.Skip(27).Take(3).ToList();
        object Batch(IEnumerable<Guid> ids) => new { reports = ids.Select(id => new { offeringId = id, acceptingReferrals = true }) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            app.CreateClient(app.KeyA).PostAsJsonAsync("/api/v1/provider/availability-reports", Batch(i % 2 == 0 ? offerings : Enumerable.Reverse(offerings)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url)
        {
            Content = body is string raw ? new StringContent(raw, Encoding.UTF8, "application/json") : JsonContent.Create(body),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }
}
