using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.AvailabilityReports;

/// <summary>Two providers (A in the Achterhoek, B in Twente) with offerings, and a key for every kind of caller.</summary>
public sealed class ProviderFixture : WijzerApiFactory
{
    public Guid ProviderA { get; } = Guid.CreateVersion7();
    public Guid ProviderB { get; } = Guid.CreateVersion7();
    public List<Guid> OfferingsA { get; } = [];
    public List<Guid> OfferingsB { get; } = [];
    public Guid DeletedOfferingA { get; } = Guid.CreateVersion7();
    public string KeyA { get; private set; } = "";
    public string KeyIdA { get; private set; } = "";
    public string SecondKeyA { get; private set; } = "";
    public string KeyB { get; private set; } = "";
    public string RevokedKeyA { get; private set; } = "";
    public string ManagerAchterhoek { get; private set; } = "";
    public string ManagerTwente { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            AddProvider(db, ProviderA, "Kompas Jeugdhulp (test)", "GM0222", OfferingsA, 30, now);
            AddProvider(db, ProviderB, "Horizon Zorg (test)", "GM0153", OfferingsB, 5, now);
            db.Offerings.Add(new Offering
            {
                Id = DeletedOfferingA, ProviderId = ProviderA, Title = "Opgeheven aanbod", CareTypeCode = "dagbehandeling",
                AgeMin = 4, AgeMax = 12, CreatedAt = now, UpdatedAt = now, DeletedAt = now,
            });
            await db.SaveChangesAsync();
        }

        (KeyIdA, KeyA) = await CreateApiKeyAsync(ApiKeyRole.Provider, ProviderA);
        SecondKeyA = (await CreateApiKeyAsync(ApiKeyRole.Provider, ProviderA)).Key;
        KeyB = (await CreateApiKeyAsync(ApiKeyRole.Provider, ProviderB)).Key;
        RevokedKeyA = (await CreateApiKeyAsync(ApiKeyRole.Provider, ProviderA, revoked: true)).Key;
        ManagerAchterhoek = (await CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"])).Key;
        ManagerTwente = (await CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"])).Key;
    }

    public async Task<int> ReportCountAsync()
    {
        await using var db = CreateDbContext();
        return await db.AvailabilityReports.CountAsync();
    }

    private static void AddProvider(Data.WijzerDbContext db, Guid id, string name, string municipality, List<Guid> offerings, int count, DateTimeOffset now)
    {
        db.Providers.Add(new Provider { Id = id, Name = name, CreatedAt = now, UpdatedAt = now });
        for (var i = 0; i < count; i++)
        {
            var offering = new Offering
            {
                Id = Guid.CreateVersion7(), ProviderId = id, Title = $"Aanbod {i + 1:D2}", CareTypeCode = i % 2 == 0 ? "jeugd-ggz-basis" : "ambulante-begeleiding",
                AgeMin = 0, AgeMax = 18, CreatedAt = now, UpdatedAt = now,
            };
            offering.Contracts.Add(new Contract { MunicipalityCode = municipality, ValidFrom = new DateOnly(2025, 1, 1) });
            db.Offerings.Add(offering);
            offerings.Add(offering.Id);
        }
    }
}
