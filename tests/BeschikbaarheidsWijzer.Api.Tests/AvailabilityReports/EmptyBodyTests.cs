using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

public sealed class EmptyBodyTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    [Theory]
    [InlineData("PUT", "provider")]
    [InlineData("POST", "batch")]
    [InlineData("POST", "admin")]
    public async Task An_empty_body_is_a_400_naming_the_body(string method, string endpoint)
    {
        var (url, key) = endpoint switch
        {
            "provider" => ($"/api/v1/provider/offerings/{app.OfferingsA[0]}/availability", app.KeyA),
            "batch" => ("/api/v1/provider/availability-reports", app.KeyA),
            _ => ("/api/v1/admin/providers", WijzerApiFactory.AdminKey),
        };
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("", System.Text.Encoding.UTF8, "application/json") };

        var response = await app.CreateClient(key).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.ToString());
    }
}
