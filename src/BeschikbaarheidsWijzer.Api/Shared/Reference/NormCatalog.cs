using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Domain.Norms;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Shared.Reference;

/// <summary>Loads the norm tables into the domain's <see cref="NormResolver"/>; they are small (tens of rows).</summary>
public static class NormCatalog
{
    public static async Task<NormResolver> LoadResolverAsync(WijzerDbContext db, CancellationToken cancellationToken)
    {
        var national = await db.NationalNormRules.AsNoTracking()
            .Select(r => new NationalNormRule(r.Sector, r.Setting, new WaitNorm(r.MaxIntakeWeeks, r.MaxTreatmentWeeks, r.MaxTotalWeeks), r.Label))
            .ToListAsync(cancellationToken);
        var regional = await db.RegionalNorms.AsNoTracking()
            .Select(r => new RegionalNormVersion(r.RegionCode, r.CareTypeCode, new WaitNorm(r.MaxIntakeWeeks, r.MaxTreatmentWeeks, r.MaxTotalWeeks), r.ValidFrom, r.RecordedAt, r.Id))
            .ToListAsync(cancellationToken);
        return new NormResolver(national, regional);
    }
}
