using System.Collections.Concurrent;
using System.Net;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static BeschikbaarheidsWijzer.Api.Tests.Admin.AdminTestData;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

public sealed class AdminApiKeyEndpointsTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient(WijzerApiFactory.AdminKey);

    [Fact]
    public async Task An_issued_key_authenticates_as_its_provider_until_it_is_revoked()
    {
        var arranged = await ArrangeProviderAsync(factory);

        var response = await _admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys", Json("""{"label":"planning 2026"}"""));

        var issued = await ReadJsonAsync(response, HttpStatusCode.Created);
        var keyId = issued.GetProperty("id").GetString()!;
        var key = issued.GetProperty("key").GetString()!;
        Assert.Equal("provider", issued.GetProperty("role").GetString());
        Assert.Equal(arranged.ProviderId, issued.GetProperty("providerId").GetGuid());
        Assert.Equal(factory.Clock.Now, issued.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(ApiKeyFormat.TryParse(key, out var parsedId, out var secret));
        Assert.Equal(keyId, parsedId);
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.ApiKeys.SingleAsync(k => k.Id == keyId);
            Assert.Equal(ApiKeyFormat.Hash(keyId, secret), stored.SecretHash);
            Assert.Equal((ApiKeyRole.Provider, (Guid?)arranged.ProviderId, "planning 2026"), (stored.Role, stored.ProviderId, stored.Label));
            Assert.Null(stored.RevokedAt);
        }

        // The key is valid (a provider may not use the admin endpoints: 403), a made-up one is not (401).
        var withKey = factory.CreateClient(key);
        await AssertProblemAsync(await withKey.GetAsync($"{AdminApi}/providers/{arranged.ProviderId}"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await factory.CreateClient("bwk_garbage").GetAsync($"{AdminApi}/providers/{arranged.ProviderId}"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await factory.CreateClient(key[..^1] + (key[^1] == 'a' ? 'b' : 'a')).GetAsync($"{AdminApi}/providers"), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/api-keys/{keyId}")).StatusCode);
        await AssertProblemAsync(await withKey.GetAsync($"{AdminApi}/providers/{arranged.ProviderId}"), HttpStatusCode.Unauthorized);
        DateTimeOffset? revokedAt;
        await using (var db = factory.CreateDbContext())
        {
            revokedAt = (await db.ApiKeys.SingleAsync(k => k.Id == keyId)).RevokedAt;
            Assert.Equal(factory.Clock.Now, revokedAt);
        }

        // Revoking again is fine and keeps the first revocation time; an unknown key is 404.
        factory.Clock.Now = factory.Clock.Now.AddMinutes(5);
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/api-keys/{keyId}")).StatusCode);
        }
        finally
        {
            factory.Clock.Now = factory.Clock.Now.AddMinutes(-5);
        }

        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(revokedAt, (await db.ApiKeys.SingleAsync(k => k.Id == keyId)).RevokedAt);
        }

        await AssertProblemAsync(await _admin.DeleteAsync($"{AdminApi}/api-keys/0123456789abcdef"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_provider_has_at_most_two_active_keys()
    {
        var arranged = await ArrangeProviderAsync(factory); // already has one active key

        var second = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys", null), HttpStatusCode.Created);
        var before = await SnapshotAsync(factory);

        var third = await _admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys", Json("{}"));

        var problem = await AssertProblemAsync(third, HttpStatusCode.Conflict);
        Assert.Contains("revoke one first", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await SnapshotAsync(factory));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{AdminApi}/api-keys/{arranged.KeyId}")).StatusCode);
        await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys", null), HttpStatusCode.Created);

        var list = await ReadJsonAsync(await _admin.GetAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys"), HttpStatusCode.OK);
        Assert.Equal(3, list.GetArrayLength());
        Assert.Equal(1, list.EnumerateArray().Count(k => k.GetProperty("revokedAt").ValueKind != System.Text.Json.JsonValueKind.Null));
        Assert.Contains(list.EnumerateArray(), k => k.GetProperty("id").GetString() == second.GetProperty("id").GetString());
        foreach (var listed in list.EnumerateArray())
        {
            Assert.Equal(
                ["createdAt", "id", "label", "lastUsedAt", "revokedAt", "role"],
                listed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Concurrent_requests_cannot_make_a_third_active_key()
    {
        var arranged = await ArrangeProviderAsync(factory); // one active key: room for exactly one more

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            factory.CreateClient(WijzerApiFactory.AdminKey).PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys", null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var db = factory.CreateDbContext();
        Assert.Equal(2, await db.ApiKeys.CountAsync(k => k.ProviderId == arranged.ProviderId && k.RevokedAt == null));
    }

    [Fact]
    public async Task An_admin_issues_region_manager_and_admin_keys()
    {
        var twente = await ArrangeProviderAsync(factory, "twente", "GM0153");
        var achterhoek = await ArrangeProviderAsync(factory, "achterhoek", "GM0222");

        var issued = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/api-keys",
            Json("""{"role":"region-manager","regions":["twente"],"label":"contractmanager Twente"}""")), HttpStatusCode.Created);
        Assert.Equal("region-manager", issued.GetProperty("role").GetString());
        Assert.Equal(["twente"], issued.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));

        var manager = factory.CreateClient(issued.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"{AdminApi}/providers/{twente.ProviderId}")).StatusCode);
        await AssertProblemAsync(await manager.GetAsync($"{AdminApi}/providers/{achterhoek.ProviderId}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await manager.PostAsync($"{AdminApi}/api-keys", Json("""{"role":"admin"}""")), HttpStatusCode.Forbidden);

        var admin = await ReadJsonAsync(await _admin.PostAsync($"{AdminApi}/api-keys", Json("""{"role":"admin"}""")), HttpStatusCode.Created);
        var newAdmin = factory.CreateClient(admin.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await newAdmin.GetAsync($"{AdminApi}/providers/{achterhoek.ProviderId}")).StatusCode);
        await using var db = factory.CreateDbContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == issued.GetProperty("id").GetString());
        Assert.Equal((ApiKeyRole.RegionManager, (Guid?)null), (stored.Role, stored.ProviderId));
        Assert.Equal(["twente"], stored.RegionCodes);
    }

    [Theory]
    [InlineData("""{"role":"provider"}""", "role")]
    [InlineData("""{"role":"superuser"}""", "role")]
    [InlineData("""{}""", "role")]
    [InlineData("""{"role":"region-manager"}""", "regions")]
    [InlineData("""{"role":"region-manager","regions":[]}""", "regions")]
    [InlineData("""{"role":"region-manager","regions":["groningen"]}""", "regions[0]")]
    [InlineData("""{"role":"region-manager","regions":["twente","twente"]}""", "regions[1]")]
    [InlineData("""{"role":"admin","regions":["twente"]}""", "regions")]
    [InlineData("""{"role":"admin","providerId":"00000000-0000-0000-0000-000000000001"}""", "providerId")]
    public async Task Bad_management_key_requests_are_400_naming_the_field(string json, string field)
    {
        var before = await SnapshotAsync(factory);

        await AssertProblemAsync(await _admin.PostAsync($"{AdminApi}/api-keys", Json(json)), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task A_region_manager_revokes_only_keys_of_providers_it_manages()
    {
        var mine = await ArrangeProviderAsync(factory, "twente", "GM0153");
        var theirs = await ArrangeProviderAsync(factory, "achterhoek", "GM0222");
        var (otherManagerId, _) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var (adminKeyId, _) = await factory.CreateApiKeyAsync(ApiKeyRole.Admin);
        var (_, key) = await factory.CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"]);
        var manager = factory.CreateClient(key);

        foreach (var keyId in new[] { theirs.KeyId, otherManagerId, adminKeyId })
        {
            await AssertProblemAsync(await manager.DeleteAsync($"{AdminApi}/api-keys/{keyId}"), HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"{AdminApi}/api-keys/{mine.KeyId}")).StatusCode);
        await using var db = factory.CreateDbContext();
        var revoked = await db.ApiKeys.Where(k => k.RevokedAt != null).Select(k => k.Id).ToListAsync();
        Assert.Contains(mine.KeyId, revoked);
        Assert.DoesNotContain(theirs.KeyId, revoked);
        Assert.DoesNotContain(otherManagerId, revoked);
        Assert.DoesNotContain(adminKeyId, revoked);
    }

    [Fact]
    public async Task An_issued_key_is_never_written_to_the_log()
    {
        var logs = new CapturingLoggerProvider();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))));
        var arranged = await ArrangeProviderAsync(factory);
        var admin = logged.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WijzerApiFactory.AdminKey);

        var issued = await ReadJsonAsync(await admin.PostAsync($"{AdminApi}/providers/{arranged.ProviderId}/api-keys", null), HttpStatusCode.Created);
        var key = issued.GetProperty("key").GetString()!;
        var withKey = logged.CreateClient();
        withKey.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        await withKey.GetAsync($"{AdminApi}/providers");

        Assert.NotEmpty(logs.Messages);
        var secret = key[(key.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(WijzerApiFactory.AdminKey[4..], StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }
}
