using BeschikbaarheidsWijzer.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Data;

public class WijzerDbContext : DbContext
{
    public WijzerDbContext(DbContextOptions<WijzerDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="ReadOnlyWijzerDbContext"/>: the same model on another connection.</summary>
    protected WijzerDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<CareType> CareTypes => Set<CareType>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<NationalNormRule> NationalNormRules => Set<NationalNormRule>();
    public DbSet<RegionalNorm> RegionalNorms => Set<RegionalNorm>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Offering> Offerings => Set<Offering>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<AvailabilityReport> AvailabilityReports => Set<AvailabilityReport>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<PostcodeLocation> PostcodeLocations => Set<PostcodeLocation>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<MunicipalityAccess> MunicipalityAccess => Set<MunicipalityAccess>();
    public DbSet<RegionMeasuredLeadTime> RegionMeasuredLeadTimes => Set<RegionMeasuredLeadTime>();

    /// <summary>
    /// The offering's current report as of a moment (<c>bw_current_report_id</c>, Data/Sql/search_read_model.v1.sql): the
    /// database's one statement of which report is current, for queries about the past. Now, read <c>CurrentReportId</c>.
    /// </summary>
    public static long? CurrentReportIdAsOf(Guid offeringId, DateTimeOffset asOf) =>
        throw new NotSupportedException("Only for queries: PostgreSQL runs bw_current_report_id.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasDbFunction(typeof(WijzerDbContext).GetMethod(nameof(CurrentReportIdAsOf))!).HasName("bw_current_report_id");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WijzerDbContext).Assembly);
    }
}
