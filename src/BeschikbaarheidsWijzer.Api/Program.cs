using System.Text.Json;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Features.Admin;
using BeschikbaarheidsWijzer.Api.Features.Audit;
using BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;
using BeschikbaarheidsWijzer.Api.Features.Exports;
using BeschikbaarheidsWijzer.Api.Features.ManagementReports;
using BeschikbaarheidsWijzer.Api.Features.Municipalities;
using BeschikbaarheidsWijzer.Api.Features.Norms;
using BeschikbaarheidsWijzer.Api.Features.Reference;
using BeschikbaarheidsWijzer.Api.Features.Search;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Benchmarks;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using BeschikbaarheidsWijzer.Api.Infrastructure.Geocoding;
using BeschikbaarheidsWijzer.Api.Infrastructure.Health;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Infrastructure.Observability;
using BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;
using BeschikbaarheidsWijzer.Api.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

    // The web defaults accept "3" for a number; a wrong type should be an error, not a guess.
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;

    // {"waitToIntakeWeeks": 3, "waitToIntakeWeeks": 90}: which one was meant is a guess too; refuse it.
    options.SerializerOptions.AllowDuplicateProperties = false;
});
builder.Services.AddWijzerProblemDetails();
builder.Services.AddWijzerDatabase();
builder.Services.AddWijzerHealthChecks();
builder.Services.AddWijzerOpenApi();
builder.Services.AddWijzerAuth(builder.Configuration);
builder.Services.AddSearch();
builder.Services.AddGeocoding();
builder.Services.AddPublicCaching(builder.Configuration);
builder.Services.AddPublicCors();
builder.Services.AddWijzerObservability(builder.Configuration);
builder.Services.AddWebApp();
builder.Services.AddPublicCompression();
builder.Services.AddAllowedHosts();

var app = builder.Build();

app.UseForwardedHeadersOfKnownProxies(app.Configuration);
app.UseApiVersionHeader();
app.UseSecurityHeaders();
app.UseAllowedHosts(app.Configuration);
// Before the metrics check, which looks up a key too: an address guessing keys is stopped there as well.
app.UseFailedAuthenticationLimit();
app.UseWijzerMetricsEndpoint(app.Configuration);
app.UsePublicCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseUnquotedCharset();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UsePublicETags(app.Configuration);
app.UseOutputCache();

app.MapWijzerOpenApi();
app.MapHealthEndpoints();
app.MapReference();
app.MapSearch();
app.MapMunicipalities();
app.MapAdmin();
app.MapRegionalNorms();
app.MapAuditLog();
app.MapAvailabilityReports();
app.MapManagementReports();
app.MapExports();
app.MapBenchmarkFloor(app.Configuration);
app.MapBenchmarkMemory(app.Configuration);
app.MapWebApp();

try
{
    if (DatabaseSetup.IsMigrateCommand(args))
    {
        Environment.ExitCode = await app.RunMigrateCommandAsync();
        return;
    }

    if (!DatabaseSetup.IsBuildTimeDocumentGeneration)
    {
        await app.InitializeDatabaseAsync();
    }
}
catch (LocalPostgresException ex)
{
    // One clear message instead of a stack trace: the user has to install or configure PostgreSQL.
    Console.Error.WriteLine(ex.Message);
    Environment.ExitCode = 1;
    await app.DisposeAsync();
    return;
}

await app.RunAsync();
