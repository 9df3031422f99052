using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Search;

/// <summary>
/// GET /api/v1/municipalities/{code}/capacity on the demo data: every count is the total of the search it stands for (the
/// web app links each number to that search), the waits agree with the items, and bad input is a 400 naming the field.
/// </summary>
public sealed class CapacityPictureTests(DemoApiFactory app) : IClassFixture<DemoApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonElement> TotalOf(string query) =>
        (await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?{query}&pageSize=100")).GetProperty("total");

    [Theory]
    [InlineData("GM0222", null)]
    [InlineData("GM0153", "12")]
    [InlineData("gm0294", "4")]
    public async Task Each_count_is_the_total_of_the_search_it_links_to(string code, string? age)
    {
        var picture = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/municipalities/{code}/capacity{(age is null ? "" : $"?age={age}")}");
        var municipality = picture.GetProperty("municipality").GetProperty("code").GetString();
        var careTypes = picture.GetProperty("careTypes").EnumerateArray().ToList();

        Assert.Equal(code.ToUpperInvariant(), municipality);
        Assert.True(careTypes.Count >= 5, $"{careTypes.Count} care types in {code}");
        var reached = new HashSet<string>();
        foreach (var careType in careTypes)
        {
            var search = $"municipality={municipality}&careType={careType.GetProperty("careType").GetProperty("code").GetString()}{(age is null ? "" : $"&age={age}")}";
            Assert.Equal(careType.GetProperty("offerings").GetInt32(), (await TotalOf(search)).GetInt32());
            Assert.Equal(careType.GetProperty("availableNow").GetInt32(), (await TotalOf(search + "&availableNow=true")).GetInt32());
            Assert.Equal(careType.GetProperty("withinNorm").GetInt32(), (await TotalOf(search + "&withinNorm=true")).GetInt32());
            foreach (var count in new[] { "availableNow", "withinNorm", "stale", "withoutFigures" })
            {
                if (careType.GetProperty(count).GetInt32() > 0)
                {
                    reached.Add(count);
                }
            }
        }

        Assert.Equal(careTypes.Sum(c => c.GetProperty("offerings").GetInt32()), picture.GetProperty("total").GetProperty("offerings").GetInt32());
        Assert.Equal(careTypes.Sum(c => c.GetProperty("availableNow").GetInt32()), picture.GetProperty("total").GetProperty("availableNow").GetInt32());
        Assert.Contains("availableNow", reached);
        Assert.Contains("withinNorm", reached);
    }

    [Fact]
    public async Task The_care_types_marked_left_out_unless_named_are_what_a_search_without_a_care_type_does_not_count()
    {
        var picture = await _client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/GM0222/capacity");
        var careTypes = picture.GetProperty("careTypes").EnumerateArray().ToList();
        var leftOut = careTypes.Where(c => c.GetProperty("leftOutUnlessNamed").GetBoolean()).ToList();

        Assert.Equal(["crisishulp", "gesloten-jeugdzorg"], leftOut.Select(c => c.GetProperty("careType").GetProperty("code").GetString()));
        Assert.Equal(picture.GetProperty("total").GetProperty("offerings").GetInt32() - leftOut.Sum(c => c.GetProperty("offerings").GetInt32()),
            (await TotalOf("municipality=GM0222")).GetInt32());
    }

    [Fact]
    public async Task The_shortest_and_median_wait_are_those_of_the_current_figures_the_search_shows()
    {
        var picture = await _client.GetFromJsonAsync<JsonElement>("/api/v1/municipalities/GM0222/capacity");
        var compared = 0;
        foreach (var careType in picture.GetProperty("careTypes").EnumerateArray())
        {
            var code = careType.GetProperty("careType").GetProperty("code").GetString();
            var items = (await _client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings?municipality=GM0222&careType={code}&pageSize=100"))
                .GetProperty("items").EnumerateArray();
            var waits = items
                .Where(i => i.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a && !a.GetProperty("stale").GetBoolean())
                .Select(i => EffectiveWait(i.GetProperty("availability")))
                .OfType<int>().Order().ToList();

            Assert.Equal(waits.Count, careType.GetProperty("currentWaits").GetInt32());
            if (waits.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, careType.GetProperty("shortestWaitWeeks").ValueKind);
                continue;
            }

            var median = waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[(waits.Count / 2) - 1] + waits[waits.Count / 2]) / 2.0;
            Assert.Equal(waits[0], careType.GetProperty("shortestWaitWeeks").GetInt32());
            Assert.Equal(median, careType.GetProperty("medianWaitWeeks").GetDouble());
            compared++;
        }

        Assert.True(compared >= 3, $"only {compared} care types had current waits");
    }

    private static int? EffectiveWait(JsonElement availability)
    {
        int? Read(string name) => availability.GetProperty(name) is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : null;
        var intake = Read("waitToIntakeWeeks");
        return intake + Read("waitToTreatmentWeeks") ?? intake;
    }

    [Theory]
    [InlineData("/api/v1/municipalities/GM9999/capacity", "code")]
    [InlineData("/api/v1/municipalities/Doetinchem/capacity", "code")]
    [InlineData("/api/v1/municipalities/GM%E2%80%AE0222/capacity", "code")]
    [InlineData("/api/v1/municipalities/GM0222/capacity?age=-1", "age")]
    [InlineData("/api/v1/municipalities/GM0222/capacity?age=12.5", "age")]
    [InlineData("/api/v1/municipalities/GM0222/capacity?age=99999999999", "age")]
    public async Task Bad_input_is_a_400_naming_the_field(string path, string field)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("fieldErrors")[0].GetProperty("field").GetString());
    }
}
