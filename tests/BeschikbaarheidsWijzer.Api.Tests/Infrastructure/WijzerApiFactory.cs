using BeschikbaarheidsWijzer.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

/// <summary>The real app on a fresh real PostgreSQL database of its own (one per test class).</summary>
public class WijzerApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestPostgres? _postgres;

    protected virtual TestDatabase Kind => TestDatabase.Reference;

    public string DatabaseName { get; private set; } = "";

    public string ConnectionString => _postgres!.ConnectionStringFor(DatabaseName);

    /// <summary>The app's clock; tests may move it.</summary>
    public FixedClock Clock { get; } = new(TestPostgres.DemoClock);

    public async Task InitializeAsync()
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
    public WijzerDbContext CreateDbContext() => _postgres!.CreateDbContext(DatabaseName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>The app on a database with the demo data.</summary>
public sealed class DemoApiFactory : WijzerApiFactory
{
    protected override TestDatabase Kind => TestDatabase.Demo;
}
