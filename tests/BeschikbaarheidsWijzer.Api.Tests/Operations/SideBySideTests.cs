using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>
/// A newcomer runs the app with the README's run command and the tests in a second terminal: a test server on real
/// Kestrel must never want the app's own address.
/// </summary>
public sealed class SideBySideTests(WijzerApiFactory app) : IClassFixture<WijzerApiFactory>
{
    [Fact]
    public async Task A_test_server_on_kestrel_takes_a_free_port_while_the_apps_own_address_is_in_use()
    {
        // The address the README's run command listens on, from the app's own settings (not a copy of it here).
        var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "src", "BeschikbaarheidsWijzer.Api", "appsettings.json")));
        var appPort = new Uri(settings.RootElement.GetProperty("Urls").GetString()!).Port;

        // Hold that port as a running app would (when one runs already, it holds it for us).
        using var occupied = new TcpListener(IPAddress.Loopback, appPort);
        try
        {
            occupied.Start();
        }
        catch (SocketException)
        {
            // In use already: by the app itself, which is the case this test is about.
        }

        await using var kestrel = app.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var client = kestrel.CreateClient();

        Assert.NotEqual(appPort, client.BaseAddress!.Port);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/care-types")).StatusCode);
    }
}
