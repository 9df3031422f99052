using System.Net;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel, on a free loopback port, over a real PostgreSQL database with the demo data, with the
/// demo's fixed clock (so figures and dates are the same on every run) and the public output cache switched on as in
/// production (so a browser test proves that a new report evicts it).
/// </summary>
public sealed class WebAppServer : WijzerApiFactory
{
    /// <summary>A provider whose name and texts are HTML: the page must show them as text.</summary>
    public const string HostileName = "<img src=x onerror=alert(1)>";

    protected override TestDatabase Kind => TestDatabase.Demo;

    public Uri BaseAddress { get; private set; } = null!;

    public Guid HostileOfferingId { get; } = Guid.CreateVersion7();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddHostileProviderAsync();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:OutputCache:Enabled", "true");
    }

    /// <summary>A demo provider whose offerings all have a current report, for the provider form.</summary>
    public async Task<(Guid ProviderId, string Name, List<Guid> Offerings)> DemoProviderAsync(int minimumOfferings)
    {
        await using var db = CreateDbContext();
        var provider = await db.Providers
            .Where(p => p.Offerings.Count(o => o.DeletedAt == null) >= minimumOfferings && p.Name != HostileName
                        && p.Offerings.Where(o => o.DeletedAt == null).All(o => o.CurrentReportId != null))
            .OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, Offerings = p.Offerings.Where(o => o.DeletedAt == null).OrderBy(o => o.Title).ThenBy(o => o.Id).Select(o => o.Id).ToList() })
            .FirstAsync();
        return (provider.Id, provider.Name, provider.Offerings);
    }

    private async Task AddHostileProviderAsync()
    {
        await using var db = CreateDbContext();
        var now = Clock.GetUtcNow();
        var providerId = Guid.CreateVersion7();
        var location = new Location
        {
            Id = Guid.CreateVersion7(), ProviderId = providerId, Name = HostileName, Street = "<b>Straat</b> 1", Postcode = "7001 AB",
            City = "Doetinchem", MunicipalityCode = "GM0222", Latitude = 51.965, Longitude = 6.29,
        };
        var provider = new Provider
        {
            Id = providerId, Name = HostileName, Website = "javascript:alert(1)", Phone = "0314-000000", Email = "xss@example.org",
            CreatedAt = now, UpdatedAt = now, Locations = { location },
        };
        var offering = new Offering
        {
            Id = HostileOfferingId, ProviderId = providerId, Title = "<script>alert(2)</script>", CareTypeCode = "jeugd-ggz-basis",
            Description = "<img src=x onerror=alert(3)> beschrijving", ReferralInfo = "<a href=javascript:alert(4)>klik</a>",
            AgeMin = 4, AgeMax = 18, CreatedAt = now, UpdatedAt = now,
        };
        offering.Locations.Add(location);
        offering.Contracts.Add(new Contract { MunicipalityCode = "GM0222", ValidFrom = new DateOnly(2025, 1, 1) });
        provider.Offerings.Add(offering);
        db.Providers.Add(provider);
        db.AvailabilityReports.Add(new AvailabilityReport
        {
            OfferingId = HostileOfferingId, WeekStart = IsoWeek.FromInstant(now).Monday, ReportedAt = now.AddHours(-1), AcceptingReferrals = true,
            WaitToIntakeWeeks = 2, WaitToTreatmentWeeks = 3, FreePlaces = 1, TotalPlaces = 4, WaitlistCount = 0,
        });
        await db.SaveChangesAsync();
    }
}
