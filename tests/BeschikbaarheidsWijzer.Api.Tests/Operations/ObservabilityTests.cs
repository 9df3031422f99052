using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

public sealed class ObservabilityTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    [Fact]
    public async Task Metrics_are_served_in_prometheus_format_uncached_to_an_admin_and_name_no_connection()
    {
        var client = factory.CreateClient(WijzerApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions")).StatusCode);

        // The exporter collects on request; the first request's duration is recorded when it has ended.
        string text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal); attempt++)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("http_route=\"/api/v1/regions\"", text);

        // The database pools are counted, but nothing says where the database is or who logs in.
        Assert.Contains("db_client_", text);
        Assert.DoesNotContain("Host=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pool_name", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Username", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_a_metrics_port_metrics_are_refused_to_anonymous_and_non_admin_callers()
    {
        var anonymous = await factory.CreateClient().GetAsync("/metrics");
        var wrong = await factory.CreateClient("bwk_0123456789abcdef_" + new string('0', 64)).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("http_server", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task With_a_metrics_port_the_public_port_does_not_show_metrics()
    {
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("Metrics:Port", "9464"));

        var response = await app.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_problem_carries_the_trace_id_of_the_request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/offerings?municipality=GM9999");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public void Console_logs_are_json_with_scopes_outside_development()
    {
        // Scopes carry RequestId, RequestPath, TraceId and SpanId on every line written during a request.
        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
    }
}
