using BeschikbaarheidsWijzer.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Data;

/// <summary>Brings the reference tables in line with the shipped reference data; safe to run on every start.</summary>
public static class ReferenceDataSeeder
{
    /// <summary>The municipality codes in the shipped data are valid from this date (CBS codes 2024–2026).</summary>
    private static readonly DateOnly MunicipalitiesValidFrom = new(2024, 1, 1);

    public static async Task SeedAsync(WijzerDbContext db, ReferenceData data, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        var municipalities = await db.Municipalities.ToDictionaryAsync(m => m.Code, cancellationToken);
        foreach (var regionData in data.Regions)
        {
            if (!regions.TryGetValue(regionData.Code, out var region))
            {
                region = new Region { Code = regionData.Code, Name = regionData.Name };
                db.Regions.Add(region);
            }

            region.Name = regionData.Name;
            foreach (var m in regionData.Municipalities)
            {
                if (!municipalities.TryGetValue(m.Code, out var municipality))
                {
                    municipality = new Municipality { Code = m.Code, Name = m.Name, RegionCode = regionData.Code, ValidFrom = MunicipalitiesValidFrom };
                    db.Municipalities.Add(municipality);
                }

                municipality.Name = m.Name;
                municipality.RegionCode = regionData.Code;
                municipality.Latitude = m.Lat;
                municipality.Longitude = m.Lon;
            }
        }

        var careTypes = await db.CareTypes.ToDictionaryAsync(c => c.Code, cancellationToken);
        for (var i = 0; i < data.CareTypes.Count; i++)
        {
            var c = data.CareTypes[i];
            if (!careTypes.TryGetValue(c.Code, out var careType))
            {
                careType = new CareType { Code = c.Code, Name = c.Name, IjwCategory = c.IjwCategory, Sector = c.Sector, Setting = c.Setting };
                db.CareTypes.Add(careType);
            }

            careType.Name = c.Name;
            careType.IjwCategory = c.IjwCategory;
            careType.Sector = c.Sector;
            careType.Setting = c.Setting;
            careType.MatchingDependent = c.MatchingDependent;
            careType.SortOrder = i;
        }

        var tags = await db.Tags.ToDictionaryAsync(t => t.Code, cancellationToken);
        for (var i = 0; i < data.Tags.Count; i++)
        {
            if (!tags.TryGetValue(data.Tags[i], out var tag))
            {
                tag = new Tag { Code = data.Tags[i] };
                db.Tags.Add(tag);
            }

            tag.SortOrder = i;
        }

        var rules = await db.NationalNormRules.ToDictionaryAsync(r => (r.Sector, r.Setting), cancellationToken);
        foreach (var r in data.NormRules)
        {
            if (!rules.TryGetValue((r.Sector, r.Setting), out var rule))
            {
                rule = new NationalNormRule { Sector = r.Sector, Setting = r.Setting, Label = r.Label };
                db.NationalNormRules.Add(rule);
            }

            rule.Label = r.Label;
            rule.MaxIntakeWeeks = r.MaxIntakeWeeks;
            rule.MaxTreatmentWeeks = r.MaxTreatmentWeeks;
            rule.MaxTotalWeeks = r.MaxTotalWeeks;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
