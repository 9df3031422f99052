using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Demo;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests;

public sealed class DemoDataTests(DemoApiFactory factory) : IClassFixture<DemoApiFactory>
{
    private static readonly DateOnly Today = IsoWeek.ToAmsterdamDate(TestPostgres.DemoClock);

    [Fact]
    public async Task Providers_are_fictional_and_spread_over_the_four_regions()
    {
        await using var db = factory.CreateDbContext();

        var providers = await db.Providers.Select(p => p.Name).ToListAsync();
        Assert.True(providers.Count >= 40, $"{providers.Count} providers");
        Assert.All(providers, name => Assert.Contains("(demo)", name));

        var providersPerRegion = await db.Locations
            .GroupBy(l => l.Municipality!.RegionCode)
            .Select(g => new { Region = g.Key, Providers = g.Select(l => l.ProviderId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Region, x => x.Providers);
        Assert.Equal(["achterhoek", "midden-ijssel-oost-veluwe", "rivierenland", "twente"], providersPerRegion.Keys.Order());
        Assert.All(providersPerRegion.Values, count => Assert.True(count >= 5, $"{count} providers in a region"));
    }

    [Fact]
    public async Task Offerings_cover_every_care_type_with_contracts_and_locations()
    {
        await using var db = factory.CreateDbContext();

        Assert.True(await db.Offerings.CountAsync() >= 150);
        var perCareType = await db.Offerings.GroupBy(o => o.CareTypeCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(13, perCareType.Count);
        Assert.All(perCareType, c => Assert.True(c.Count >= 5, $"{c.Key}: {c.Count}"));

        Assert.False(await db.Offerings.AnyAsync(o => !o.Locations.Any()), "every offering has a location");
        Assert.False(await db.Offerings.AnyAsync(o => !o.Contracts.Any(c => c.ValidFrom <= Today && (c.ValidTo == null || c.ValidTo >= Today))),
            "every offering is contracted somewhere today");
        Assert.True(await db.Contracts.AnyAsync(c => c.ValidTo < Today), "some contracts have ended, to test 'valid today'");
        Assert.False(await db.Offerings.AnyAsync(o => o.AgeMin > o.AgeMax));

        // A location lies near the centre of the real municipality it names.
        var locations = await db.Locations
            .Select(l => new { l.Latitude, l.Longitude, CentreLatitude = l.Municipality!.Latitude, CentreLongitude = l.Municipality.Longitude, l.Postcode })
            .ToListAsync();
        Assert.All(locations, l =>
        {
            Assert.InRange(Math.Abs(l.Latitude!.Value - l.CentreLatitude), 0, 0.05);
            Assert.InRange(Math.Abs(l.Longitude!.Value - l.CentreLongitude), 0, 0.05);
            Assert.Matches("^[1-9][0-9]{3} [A-Z]{2}$", l.Postcode!);
        });
    }

    [Fact]
    public async Task Twelve_weeks_of_history_end_in_the_current_week_and_none_lies_in_the_future()
    {
        await using var db = factory.CreateDbContext();
        var currentWeek = IsoWeek.FromInstant(TestPostgres.DemoClock).Monday;

        var weeks = await db.AvailabilityReports.Select(r => r.WeekStart).Distinct().OrderBy(w => w).ToListAsync();

        Assert.Equal(12, weeks.Count);
        Assert.Equal(currentWeek, weeks[^1]);
        Assert.Equal(currentWeek.AddDays(-7 * 11), weeks[0]);
        Assert.False(await db.AvailabilityReports.AnyAsync(r => r.ReportedAt > TestPostgres.DemoClock));
        var reports = await db.AvailabilityReports.Select(r => new { r.WeekStart, r.ReportedAt }).ToListAsync();
        Assert.All(reports, r => Assert.Equal(r.WeekStart, IsoWeek.FromInstant(r.ReportedAt).Monday));
        Assert.True(await db.AvailabilityReports.GroupBy(r => new { r.OfferingId, r.WeekStart }).AnyAsync(g => g.Count() > 1),
            "some week has a corrected (second) report");
    }

    [Fact]
    public async Task Current_figures_include_aanmeldstops_stale_offerings_missing_reports_and_both_norm_outcomes()
    {
        await using var db = factory.CreateDbContext();
        var resolver = await NormCatalog.LoadResolverAsync(db, CancellationToken.None);
        var offerings = await db.Offerings
            .Select(o => new
            {
                o.Id,
                CareType = new CareTypeProfile(o.CareTypeCode, o.CareType!.Sector, o.CareType.Setting),
                Region = o.Contracts.Select(c => c.Municipality!.RegionCode).FirstOrDefault(),
                Current = o.Reports.OrderByDescending(r => r.WeekStart).ThenByDescending(r => r.ReportedAt).FirstOrDefault(),
            })
            .ToListAsync();

        var withReport = offerings.Where(o => o.Current is not null).ToList();
        Assert.True(offerings.Count - withReport.Count >= 1, "some offering has no report at all");
        Assert.Contains(withReport, o => !o.Current!.AcceptingReferrals);
        Assert.Contains(withReport, o => AvailabilityRules.IsStale(o.Current!.ReportedAt, TestPostgres.DemoClock));
        Assert.Contains(withReport, o => AvailabilityRules.IsAvailableNow(o.Current!.AcceptingReferrals, AvailabilityRules.IsStale(o.Current.ReportedAt, TestPostgres.DemoClock), o.Current.FreePlaces, o.Current.WaitToIntakeWeeks));

        var statuses = withReport
            .Select(o => NormEvaluator.Evaluate(
                new WaitFigures(o.Current!.WaitToIntakeWeeks, o.Current.WaitToTreatmentWeeks),
                resolver.Resolve(o.CareType, o.Region, Today)?.Norm))
            .ToList();
        Assert.Contains(NormStatus.Exceeded, statuses);
        Assert.Contains(NormStatus.Within, statuses);
    }

    [Fact]
    public async Task Every_municipality_has_its_fictional_toegang_and_the_figures_look_like_the_real_thing()
    {
        await using var db = factory.CreateDbContext();
        var municipalities = await db.Municipalities.Select(m => m.Code).ToListAsync();
        var access = await db.MunicipalityAccess.AsNoTracking().ToListAsync();
        Assert.Equal(municipalities.Order(), access.Select(a => a.MunicipalityCode).Order());
        Assert.All(access, a =>
        {
            Assert.Contains("(demo)", a.Name);
            Assert.EndsWith(".example", a.Website);
            Assert.Matches(@"^0\d{2,3}-0\d+$", a.Phone);
            Assert.Equal(a.WaitWeeks is null, a.WaitReportedAt is null);
        });
        Assert.Contains(access, a => a.WaitWeeks is not null);
        Assert.Contains(access, a => a.WaitWeeks is null);

        // Current reports: most give both steps, some one; a few stale, a few in aanmeldstop, a few with free places.
        var current = await db.Offerings.Where(o => o.DeletedAt == null && o.CurrentReport != null).Select(o => o.CurrentReport!).ToListAsync();
        double Share(Func<Data.Entities.AvailabilityReport, bool> test) => current.Count(test) / (double)current.Count;
        Assert.InRange(Share(r => r.WaitToIntakeWeeks is not null && r.WaitToTreatmentWeeks is not null), 0.75, 0.97);
        Assert.InRange(Share(r => (r.WaitToIntakeWeeks is null) != (r.WaitToTreatmentWeeks is null)), 0.03, 0.25);
        Assert.InRange(Share(r => AvailabilityRules.IsStale(r.ReportedAt, TestPostgres.DemoClock)), 0.01, 0.15);
        Assert.InRange(Share(r => !r.AcceptingReferrals), 0.01, 0.15);
        Assert.InRange(Share(r => r.FreePlaces > 0), 0.1, 0.6);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data()
    {
        var postgres = await TestPostgres.GetAsync();
        var second = await postgres.CreateDatabaseAsync(TestDatabase.Reference);
        try
        {
            await using var again = postgres.CreateDbContext(second);
            await DemoDataSeeder.SeedAsync(again, new FixedClock(TestPostgres.DemoClock));

            await using var first = factory.CreateDbContext();
            Assert.Equal(await FingerprintAsync(first), await FingerprintAsync(again));
        }
        finally
        {
            await postgres.DropDatabaseAsync(second);
        }
    }

    [Fact]
    public async Task The_app_loads_demo_data_into_an_empty_database_when_asked_and_only_then()
    {
        var postgres = await TestPostgres.GetAsync();
        var empty = await postgres.CreateDatabaseAsync(TestDatabase.Reference);
        try
        {
            await using (var off = factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Default", postgres.ConnectionStringFor(empty))))
            {
                off.CreateClient();
                Assert.Equal(0, await CountProvidersAsync(postgres, empty));
            }

            await using (var on = factory.WithWebHostBuilder(b =>
                         {
                             b.UseSetting("ConnectionStrings:Default", postgres.ConnectionStringFor(empty));
                             b.UseSetting("Demo:Seed", "true");
                         }))
            {
                on.CreateClient();
                var providers = await CountProvidersAsync(postgres, empty);
                Assert.True(providers >= 40);

                // A restart must not load it twice.
                await using var restarted = on.WithWebHostBuilder(_ => { });
                restarted.CreateClient();
                Assert.Equal(providers, await CountProvidersAsync(postgres, empty));
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(empty);
        }
    }

    private static async Task<int> CountProvidersAsync(TestPostgres postgres, string database)
    {
        await using var db = postgres.CreateDbContext(database);
        return await db.Providers.CountAsync();
    }

    private static async Task<string> FingerprintAsync(WijzerDbContext db)
    {
        var providers = await db.Providers.OrderBy(p => p.Id).Select(p => p.Id + p.Name + p.KvkNumber).ToListAsync();
        var offerings = await db.Offerings.OrderBy(o => o.Id).Select(o => o.Id + o.Title + o.CareTypeCode + o.AgeMin + "-" + o.AgeMax).ToListAsync();
        var reports = await db.AvailabilityReports.OrderBy(r => r.OfferingId).ThenBy(r => r.ReportedAt)
            .Select(r => r.OfferingId + "|" + r.WeekStart + "|" + r.ReportedAt + "|" + r.WaitToIntakeWeeks + "|" + r.WaitToTreatmentWeeks + "|" + r.FreePlaces + "|" + r.AcceptingReferrals)
            .ToListAsync();
        var contracts = await db.Contracts.OrderBy(c => c.OfferingId).ThenBy(c => c.MunicipalityCode).Select(c => c.OfferingId + c.MunicipalityCode + c.ValidTo).ToListAsync();
        return string.Join('\n', providers.Concat(offerings).Concat(reports).Concat(contracts));
    }
}
