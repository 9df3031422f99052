using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>The benchmark tool's floor and memory endpoints exist only when it switches them on, and then do their job.</summary>
public sealed class BenchmarkEndpointTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Neither_endpoint_exists_unless_switched_on()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/benchmark-floor/{app.OfferingsA[0]}")).StatusCode);
        var memory = await client.PostAsync("/api/v1/benchmark-memory", null);
        Assert.True(memory.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"got {(int)memory.StatusCode}");
        var document = await client.GetStringAsync("/api/v1/openapi.json");
        Assert.DoesNotContain("benchmark", document, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Switched_on_the_floor_reads_one_offering_and_the_memory_endpoint_reports_what_a_full_collection_leaves()
    {
        await using var switchedOn = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Benchmarks:FloorEndpoint", "true");
            b.UseSetting("Benchmarks:MemoryEndpoint", "true");
        });
        var client = switchedOn.CreateClient();

        var floor = await client.GetFromJsonAsync<JsonElement>($"/api/v1/benchmark-floor/{app.OfferingsA[0]}");
        Assert.Equal(app.OfferingsA[0], floor.GetProperty("id").GetGuid());
        Assert.Equal("Aanbod 01", floor.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/benchmark-floor/{Guid.NewGuid()}")).StatusCode);

        var response = await client.PostAsync("/api/v1/benchmark-memory", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var memory = await response.Content.ReadFromJsonAsync<JsonElement>();
        var heap = memory.GetProperty("managedHeapBytes").GetInt64();
        var resident = memory.GetProperty("residentBytes").GetInt64();
        Assert.InRange(heap, 1L << 20, resident); // a live ASP.NET Core host holds megabytes, all of them resident
    }
}
