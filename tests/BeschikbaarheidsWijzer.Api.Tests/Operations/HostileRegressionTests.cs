using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>The 500s the hostile-input proof found, each kept as a regression test.</summary>
public sealed class HostileRegressionTests(ProviderFixture app) : IClassFixture<ProviderFixture>
{
    [Theory]
    [InlineData("%00")]
    [InlineData("twente%00")]
    [InlineData("%C3%28")]
    public async Task A_region_with_a_nul_or_invalid_utf8_is_a_400_naming_region(string region)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/norms?region={region}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("region", out _), problem.ToString());
    }

    [Theory]
    [InlineData("PUT", "provider")]
    [InlineData("POST", "batch")]
    [InlineData("POST", "admin")]
    public async Task A_json_body_with_an_unknown_charset_is_a_415_problem(string method, string endpoint)
    {
        var (url, key) = endpoint switch
        {
            "provider" => ($"/api/v1/provider/offerings/{app.OfferingsA[0]}/availability", app.KeyA),
            "batch" => ("/api/v1/provider/availability-reports", app.KeyA),
            _ => ("/api/v1/admin/providers", WijzerApiFactory.AdminKey),
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"acceptingReferrals\":true}"));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=nonsense");
        var before = await app.ReportCountAsync();

        var response = await app.CreateClient(key).SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.ReportCountAsync());
    }
}
