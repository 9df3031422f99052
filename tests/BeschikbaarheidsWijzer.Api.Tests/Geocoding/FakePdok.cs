using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeschikbaarheidsWijzer.Api.Tests.Geocoding;

public enum FakePdokMode
{
    /// <summary>Canned answers for <see cref="FakePdok.Postcodes"/>; any other postcode is not found.</summary>
    Ok,

    /// <summary>Every postcode is unknown.</summary>
    NotFound,

    /// <summary>HTTP 500.</summary>
    Failing,

    /// <summary>Answers only after <see cref="FakePdok.SlowDelay"/>, far longer than the app's timeouts.</summary>
    Slow,

    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    Malformed,
}

/// <summary>
/// A stand-in for the PDOK Locatieserver on 127.0.0.1 (a port of its own), under the same path as the real one. Counts
/// the calls and keeps their query strings; the mode can be switched while the app under test runs.
/// </summary>
public sealed class FakePdok : IAsyncDisposable
{
    public const string SearchPath = "/bzk/locatieserver/search/v3_1";

    /// <summary>Postcode → (gemeentecode as PDOK writes it, lon, lat): two in the regions served, one outside them.</summary>
    public static readonly IReadOnlyDictionary<string, (string Gemeentecode, double Lon, double Lat)> Postcodes =
        new Dictionary<string, (string, double, double)>
        {
            ["7001AB"] = ("0222", 6.2884, 51.9651), // Doetinchem, a little off the municipality's centre
            ["7003AB"] = ("0222", 6.3012, 51.9702), // Doetinchem
            ["7511AB"] = ("0153", 6.8937, 52.2215), // Enschede
            ["7512AB"] = ("0153", 6.8990, 52.2190), // Enschede
            ["1012AB"] = ("0363", 4.8952, 52.3731), // Amsterdam: outside the regions served
        };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _queries = new();
    private int _calls;

    private FakePdok(WebApplication app) => _app = app;

    public FakePdokMode Mode { get; set; }

    /// <summary>How long <see cref="FakePdokMode.Slow"/> keeps a request waiting.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A delay before every other answer too (to make concurrent lookups overlap).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The query string of each call, parsed.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Queries => [.. _queries];

    /// <summary>What the app is configured with as <c>Geocoder:BaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<FakePdok> StartAsync(FakePdokMode mode = FakePdokMode.Ok)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakePdok(app) { Mode = mode };
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = address.TrimEnd('/') + SearchPath;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        _queries.Enqueue(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
        if (context.Request.Path != SearchPath + "/free")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            await Task.Delay(Mode == FakePdokMode.Slow ? SlowDelay : Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up, as it should
        }

        switch (Mode)
        {
            case FakePdokMode.Failing:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("""{"error":"internal"}""");
                return;
            case FakePdokMode.Malformed:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"response":{"numFound":1,"docs":[{"centroide_ll":"POINT(6.2""");
                return;
        }

        var postcode = context.Request.Query["q"].ToString().Replace("postcode:", "", StringComparison.Ordinal);
        var docs = Mode == FakePdokMode.Ok && Postcodes.TryGetValue(postcode, out var place)
            ? string.Create(CultureInfo.InvariantCulture,
                $$"""[{"centroide_ll":"POINT({{place.Lon}} {{place.Lat}})","gemeentecode":"{{place.Gemeentecode}}","postcode":"{{postcode}}"}]""")
            : "[]";
        context.Response.ContentType = "application/json";
        var numFound = docs == "[]" ? 0 : 1;
        await context.Response.WriteAsync($$"""{"response":{"numFound":{{numFound}},"start":0,"maxScore":1.0,"numFoundExact":true,"docs":""" + docs + "}}");
    }
}
