using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.ManagementReports;

/// <summary>
/// A small fixed data set for the reports, arranged straight in the database. The app's clock stands at Wednesday
/// 18 November 2026 (W47). The period under test is October 2026, W41 (5–11 Oct) to W44 (26 Oct–1 Nov). The Achterhoek's
/// own norm for ambulante begeleiding is a total of 8 weeks from 1 January 2026 and 5 weeks from Monday 19 October (W43);
/// dagbehandeling has no regional norm (national gehandicaptenzorg dagbesteding: total 6); Twente has no regional norms
/// (jeugd-GGZ: 4 / 10 / 14).
/// <list type="bullet">
/// <item>Alfa (Achterhoek, ambulante begeleiding, Doetinchem): W41 2+4, W42 skipped, W43 2+4, W44 first 5+5 then corrected to
/// 1+3; W47 2+2 with 3 free places.</item>
/// <item>Beta (Achterhoek, ambulante begeleiding, Winterswijk): W41 3+3; deleted on Wednesday 14 October (W42), its contract ended
/// the day before.</item>
/// <item>Gamma (Twente only, jeugd-GGZ basis, Enschede): W41–W44 5+5.</item>
/// <item>Delta (dagbehandeling): D1 contracted in Doetinchem and Enschede, with a location in each, W41 1+2, W44 2+2, W47 3+4 in aanmeldstop; D2 created
/// and contracted in Doetinchem on Wednesday 21 October (W43), never reported.</item>
/// <item>Epsilon (Achterhoek, ambulante begeleiding), named "=Epsilon Zorg" to test formula guarding, never reported.</item>
/// </list>
/// Reports are made on the Monday of their week at 08:00 UTC unless said otherwise.
/// </summary>
public sealed class ReportsFixture : WijzerApiFactory
{
    public static readonly DateOnly From = new(2026, 10, 5);
    public static readonly DateOnly To = new(2026, 11, 1);
    public const string Period = "from=2026-10-05&to=2026-11-01";

    public Guid Alfa { get; } = Guid.NewGuid();
    public Guid Beta { get; } = Guid.NewGuid();
    public Guid Gamma { get; } = Guid.NewGuid();
    public Guid Delta { get; } = Guid.NewGuid();
    public Guid Epsilon { get; } = Guid.NewGuid();
    public Guid AlfaOffering { get; } = Guid.NewGuid();
    public Guid BetaOffering { get; } = Guid.NewGuid();
    public Guid GammaOffering { get; } = Guid.NewGuid();
    public Guid DeltaBoth { get; } = Guid.NewGuid();
    public Guid DeltaNew { get; } = Guid.NewGuid();
    public Guid EpsilonOffering { get; } = Guid.NewGuid();

    public const string AlfaName = "Alfa \"De Linde\"; Jeugdhulp";
    public const string EpsilonName = "=Epsilon Zorg";

    public string AchterhoekManagerKey { get; private set; } = "";
    public string TwenteManagerKey { get; private set; } = "";
    public string ProviderKey { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var created = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var since2025 = new DateOnly(2025, 1, 1);

        Provider NewProvider(Guid id, string name, string kvk, string region) => new()
        {
            Id = id, Name = name, KvkNumber = kvk, Phone = "0314 123456", Email = $"info@{kvk}.example", Website = $"https://www.{kvk}.example",
            RegionCodes = [region], CreatedAt = created, UpdatedAt = created,
        };

        Offering NewOffering(Guid id, Guid provider, string careType, DateTimeOffset at, params (string Municipality, DateOnly From, DateOnly? To)[] contracts) => new()
        {
            Id = id, ProviderId = provider, Title = $"Aanbod {careType}", CareTypeCode = careType, AgeMin = 4, AgeMax = 18, CreatedAt = at, UpdatedAt = at,
            Contracts = contracts.Select(c => new Contract { MunicipalityCode = c.Municipality, ValidFrom = c.From, ValidTo = c.To }).ToList(),
        };

        var deltaNewAt = new DateTimeOffset(2026, 10, 21, 9, 0, 0, TimeSpan.Zero);
        await using var db = CreateDbContext();
        db.Providers.AddRange(
            NewProvider(Alfa, AlfaName, "11111111", "achterhoek"),
            NewProvider(Beta, "Beta Zorg", "22222222", "achterhoek"),
            NewProvider(Gamma, "Gamma GGZ", "33333333", "twente"),
            NewProvider(Delta, "Delta Dagbehandeling", "44444444", "achterhoek"),
            NewProvider(Epsilon, EpsilonName, "55555555", "achterhoek"));
        db.Offerings.AddRange(
            NewOffering(AlfaOffering, Alfa, "ambulante-begeleiding", created, ("GM0222", since2025, null)),
            NewOffering(BetaOffering, Beta, "ambulante-begeleiding", created, ("GM0294", since2025, new DateOnly(2026, 10, 13))),
            NewOffering(GammaOffering, Gamma, "jeugd-ggz-basis", created, ("GM0153", since2025, null)),
            WithLocations(NewOffering(DeltaBoth, Delta, "dagbehandeling", created, ("GM0222", since2025, null), ("GM0153", since2025, null)),
                new Location { ProviderId = Delta, Name = "Vestiging Enschede", Street = "Oude Markt 1", Postcode = "7511 GA", City = "Enschede", MunicipalityCode = "GM0153" },
                new Location { ProviderId = Delta, Name = "Vestiging Doetinchem", Street = "Raadhuisstraat 1", Postcode = "7001 AB", City = "Doetinchem", MunicipalityCode = "GM0222", Latitude = 51.96, Longitude = 6.29 }),
            NewOffering(DeltaNew, Delta, "dagbehandeling", deltaNewAt, ("GM0222", new DateOnly(2026, 10, 21), null)),
            NewOffering(EpsilonOffering, Epsilon, "ambulante-begeleiding", created, ("GM0222", since2025, null)));
        db.RegionalNorms.AddRange(
            new RegionalNorm { RegionCode = "achterhoek", CareTypeCode = "ambulante-begeleiding", MaxTotalWeeks = 8, ValidFrom = new DateOnly(2026, 1, 1), RecordedAt = created },
            new RegionalNorm { RegionCode = "achterhoek", CareTypeCode = "ambulante-begeleiding", MaxTotalWeeks = 5, ValidFrom = new DateOnly(2026, 10, 19), RecordedAt = created });
        db.AvailabilityReports.AddRange(
            Report(AlfaOffering, "2026-10-05", 2, 4, free: 1),
            Report(AlfaOffering, "2026-10-19", 2, 4, free: 1, realised: (5, 4)),
            Report(AlfaOffering, "2026-10-26", 5, 5),
            Report(AlfaOffering, "2026-10-26", 1, 3, at: new DateTimeOffset(2026, 10, 27, 10, 0, 0, TimeSpan.Zero)),
            Report(AlfaOffering, "2026-11-16", 2, 2, free: 3, realised: (3, 2)),
            Report(BetaOffering, "2026-10-05", 3, 3),
            Report(GammaOffering, "2026-10-05", 5, 5),
            Report(GammaOffering, "2026-10-12", 5, 5),
            Report(GammaOffering, "2026-10-19", 5, 5),
            Report(GammaOffering, "2026-10-26", 5, 5),
            Report(DeltaBoth, "2026-10-05", 1, 2, free: 2),
            Report(DeltaBoth, "2026-10-26", 2, 2),
            Report(DeltaBoth, "2026-11-16", 3, 4, free: 0, accepting: false, at: new DateTimeOffset(2026, 11, 17, 8, 0, 0, TimeSpan.Zero)));
        await db.SaveChangesAsync();

        // Beta was deleted on Wednesday 14 October; deleting after the reports keeps the arrangement in one save above.
        var beta = await db.Offerings.FindAsync(BetaOffering);
        beta!.DeletedAt = new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero);
        await db.SaveChangesAsync();

        AchterhoekManagerKey = (await CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["achterhoek"])).Key;
        TwenteManagerKey = (await CreateApiKeyAsync(ApiKeyRole.RegionManager, regions: ["twente"])).Key;
        ProviderKey = (await CreateApiKeyAsync(ApiKeyRole.Provider, Alfa)).Key;
    }

    private static Offering WithLocations(Offering offering, params Location[] locations)
    {
        offering.Locations.AddRange(locations);
        return offering;
    }

    private static AvailabilityReport Report(
        Guid offering, string monday, int? intake, int? treatment, int? free = null, bool accepting = true, DateTimeOffset? at = null, (int Intake, int Treatment)? realised = null)
    {
        var weekStart = DateOnly.Parse(monday);
        return new AvailabilityReport
        {
            OfferingId = offering,
            WeekStart = weekStart,
            ReportedAt = at ?? new DateTimeOffset(weekStart.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero),
            AcceptingReferrals = accepting,
            WaitToIntakeWeeks = intake,
            WaitToTreatmentWeeks = treatment,
            FreePlaces = free,
            TotalPlaces = free is null ? null : 10,
            RealisedWaitToIntakeWeeks = realised?.Intake,
            RealisedWaitToTreatmentWeeks = realised?.Treatment,
        };
    }
}
