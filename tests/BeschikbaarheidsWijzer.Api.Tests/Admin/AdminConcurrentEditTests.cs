using System.Net;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

/// <summary>
/// Two contract managers editing the same provider, location or offering: the one who saves second, with the eTag of
/// what they opened, is refused (412) instead of silently undoing the first one's change.
/// </summary>
public sealed class AdminConcurrentEditTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    public static TheoryData<string> Kinds => ["provider", "location", "offering"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_put_with_the_eTag_of_an_older_version_is_refused_and_changes_nothing(string kind)
    {
        var (url, first, second) = await ArrangeAsync(kind);
        var opened = await ETagAsync(url);
        Assert.Equal(opened, await ETagAsync(url)); // reading does not change it

        // The first manager saves with the eTag they opened: accepted, and the tag moves on.
        var saved = await ReadJsonAsync(await PutAsync(url, first, opened), HttpStatusCode.OK);
        var current = saved.GetProperty("eTag").GetString()!;
        Assert.NotEqual(opened, current);
        Assert.Equal(current, await ETagAsync(url));

        // The second opened the same version: refused, and nothing stored or logged.
        var before = await SnapshotAsync(factory);
        var refused = await AssertProblemAsync(await PutAsync(url, second, opened), HttpStatusCode.PreconditionFailed);
        Assert.Contains("If-Match", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await SnapshotAsync(factory));

        // With the current tag, with *, or without If-Match (a client that does not ask) the PUT goes through.
        await ReadJsonAsync(await PutAsync(url, second, $"\"stale\", {current}"), HttpStatusCode.OK);
        await ReadJsonAsync(await PutAsync(url, first, "*"), HttpStatusCode.OK);
        await ReadJsonAsync(await PutAsync(url, second, null), HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Of_simultaneous_puts_with_the_same_eTag_exactly_one_is_stored(string kind)
    {
        var (url, first, second) = await ArrangeAsync(kind);
        var opened = await ETagAsync(url);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = await PutAsync(url, i % 2 == 0 ? first : second, opened);
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
    }

    [Fact]
    public async Task Every_item_of_a_list_carries_the_same_eTag_as_reading_it_alone()
    {
        var arranged = await ArrangeProviderAsync(factory);

        var locations = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations"), HttpStatusCode.OK);
        var offerings = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/offerings?providerId={arranged.ProviderId}"), HttpStatusCode.OK);

        var location = locations.EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == arranged.LocationId);
        Assert.Equal(await ETagAsync($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.LocationId}"), location.GetProperty("eTag").GetString());
        var offering = offerings.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(await ETagAsync($"{AdminApi}/offerings/{arranged.OfferingId}"), offering.GetProperty("eTag").GetString());
    }

    private async Task<(string Url, string First, string Second)> ArrangeAsync(string kind)
    {
        var arranged = await ArrangeProviderAsync(factory);
        return kind switch
        {
            "provider" => ($"{AdminApi}/providers/{arranged.ProviderId}",
                """{"name":"Jeugdzorg Eerste","phone":"0314 111111","regions":["achterhoek"]}""",
                """{"name":"Jeugdzorg Tweede","phone":"0314 222222","regions":["achterhoek"]}"""),
            "location" => ($"{AdminApi}/providers/{arranged.ProviderId}/locations/{arranged.LocationId}",
                """{"name":"Verhuisd","city":"Doetinchem","municipality":"GM0222","postcode":"7001ab"}""",
                """{"name":"Hernoemd","city":"Doetinchem","municipality":"GM0222","postcode":"7002cd"}"""),
            _ => ($"{AdminApi}/offerings/{arranged.OfferingId}",
                $$"""{"title":"Begeleiding thuis","careType":"ambulante-begeleiding","ageMin":0,"ageMax":23,"locationIds":["{{arranged.LocationId}}"],"municipalities":["GM0222"]}""",
                $$"""{"title":"Begeleiding op school","careType":"ambulante-begeleiding","ageMin":4,"ageMax":18,"locationIds":["{{arranged.LocationId}}"],"municipalities":["GM0222"]}"""),
        };
    }

    private async Task<string> ETagAsync(string url) =>
        (await ReadJsonAsync(await _admin.GetAsync(url), HttpStatusCode.OK)).GetProperty("eTag").GetString()!;

    private Task<HttpResponseMessage> PutAsync(string url, string body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _admin.SendAsync(request);
    }
}
