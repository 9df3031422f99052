using System.Net.Http.Headers;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

/// <summary>The real app on a fresh real PostgreSQL database of its own (one per test class).</summary>
public class WijzerApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The bootstrap admin key (<c>Auth:AdminApiKey</c>) the test app is configured with.</summary>
    public const string AdminKey = "bwk_0000000000000000_1111111111111111111111111111111111111111111111111111111111111111";

    private TestPostgres? _postgres;

    protected virtual TestDatabase Kind => TestDatabase.Reference;

    public string DatabaseName { get; private set; } = "";

    public virtual string ConnectionString => _postgres!.ConnectionStringFor(DatabaseName);

    /// <summary>The app's clock; tests may move it.</summary>
    public FixedClock Clock { get; } = new(TestPostgres.DemoClock);

    public virtual async Task InitializeAsync()
    {
        _postgres = await TestPostgres.GetAsync();
        DatabaseName = await _postgres.CreateDatabaseAsync(Kind);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DropDatabaseAsync(DatabaseName);
        }
    }

    /// <summary>A DbContext on this class's database, for arranging data and checking what was stored.</summary>
    public WijzerDbContext CreateDbContext() => TestPostgres.ContextFor(ConnectionString);

    /// <summary>A client that sends <paramref name="apiKey"/> as its bearer token (none when null).</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Stores a new API key straight in the database and returns the full key, as an admin would be given it.</summary>
    public async Task<(string KeyId, string Key)> CreateApiKeyAsync(
        ApiKeyRole role, Guid? providerId = null, IEnumerable<string>? regions = null, bool revoked = false, string? label = null)
    {
        var (keyId, key, hash) = ApiKeyFormat.Generate();
        await using var db = CreateDbContext();
        db.ApiKeys.Add(new ApiKey
        {
            Id = keyId,
            Role = role,
            ProviderId = providerId,
            RegionCodes = regions?.ToList() ?? [],
            Label = label,
            SecretHash = hash,
            CreatedAt = DateTimeOffset.UtcNow,
            RevokedAt = revoked ? DateTimeOffset.UtcNow : null,
        });
        await db.SaveChangesAsync();
        return (keyId, key);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Never the app's own address (Urls in appsettings.json): a test server on real Kestrel takes a free port, so the
        // suite runs beside an app started with the README's run command.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Auth:AdminApiKey", AdminKey);

        // Tests change the database directly and must see it; CacheTests turns the cache on to test it.
        builder.UseSetting("Search:OutputCache:Enabled", "false");

        // Every test client comes from one address: the limits per address are tested on their own (ClientLimitTests).
        builder.UseSetting("RateLimiting:AnonymousRequestsPerMinute", "1000000");
        builder.UseSetting("RateLimiting:FailedAuthenticationsPerMinute", "1000000");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>The app on a database with the demo data.</summary>
public sealed class DemoApiFactory : WijzerApiFactory
{
    protected override TestDatabase Kind => TestDatabase.Demo;
}
