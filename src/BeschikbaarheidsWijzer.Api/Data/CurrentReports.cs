using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Data;

/// <summary>Keeps <c>offerings.current_report_id</c> pointing at each offering's latest report of its latest week.</summary>
public static class CurrentReports
{
    private const string LatestReport =
        "select r.id from availability_reports r where r.offering_id = o.id order by r.week_start desc, r.reported_at desc, r.id desc limit 1";

    /// <summary>Recomputes the pointer for the given offerings, or for all when <paramref name="offeringIds"/> is null.</summary>
    public static Task<int> RefreshAsync(WijzerDbContext db, IReadOnlyCollection<Guid>? offeringIds, CancellationToken cancellationToken = default)
    {
        // A null parameter has no type PostgreSQL can infer: two statements instead of "{ids} is null or …".
        if (offeringIds is null)
        {
            return db.Database.ExecuteSqlRawAsync($"update offerings o set current_report_id = ({LatestReport})", cancellationToken);
        }

        var ids = offeringIds.Distinct().ToArray();
        return db.Database.ExecuteSqlRawAsync($"update offerings o set current_report_id = ({LatestReport}) where o.id = any({{0}})", [ids], cancellationToken);
    }
}
