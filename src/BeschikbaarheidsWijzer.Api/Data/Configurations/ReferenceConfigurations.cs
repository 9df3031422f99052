using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Access;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegionalNormRules = BeschikbaarheidsWijzer.Domain.Norms.RegionalNormRules;

namespace BeschikbaarheidsWijzer.Api.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(64);
        builder.Property(r => r.Name).HasMaxLength(200);
    }
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.HasKey(m => m.Code);
        builder.Property(m => m.Code).HasMaxLength(6).IsFixedLength();
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.HasOne(m => m.Region).WithMany(r => r.Municipalities).HasForeignKey(m => m.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.RegionCode);
        builder.ToTable(t => t.HasCheckConstraint("ck_municipalities_code", "code ~ '^GM[0-9]{4}$'"));
    }
}

internal sealed class CareTypeConfiguration : IEntityTypeConfiguration<CareType>
{
    public void Configure(EntityTypeBuilder<CareType> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.IjwCategory).HasMaxLength(8);
        builder.Property(c => c.Sector).HasMaxLength(64);
        builder.Property(c => c.Setting).HasMaxLength(64);
    }
}

internal sealed class NationalNormRuleConfiguration : IEntityTypeConfiguration<NationalNormRule>
{
    public void Configure(EntityTypeBuilder<NationalNormRule> builder)
    {
        builder.Property(n => n.Sector).HasMaxLength(64);
        builder.Property(n => n.Setting).HasMaxLength(64);
        builder.Property(n => n.Label).HasMaxLength(200);
        builder.HasIndex(n => new { n.Sector, n.Setting }).IsUnique();
    }
}

internal sealed class RegionalNormConfiguration : IEntityTypeConfiguration<RegionalNorm>
{
    public void Configure(EntityTypeBuilder<RegionalNorm> builder)
    {
        builder.HasOne<Region>().WithMany().HasForeignKey(n => n.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CareType>().WithMany().HasForeignKey(n => n.CareTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.RecordedByKeyId).HasMaxLength(64);
        builder.HasIndex(n => new { n.RegionCode, n.CareTypeCode, n.ValidFrom });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_regional_norms_weeks",
                $"coalesce(max_intake_weeks, 0) between 0 and {RegionalNormRules.MaxPhaseWeeks} and coalesce(max_treatment_weeks, 0) between 0 and {RegionalNormRules.MaxPhaseWeeks} and coalesce(max_total_weeks, 0) between 0 and {RegionalNormRules.MaxTotalWeeks}");
        });
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(64);
    }
}

internal sealed class MunicipalityAccessConfiguration : IEntityTypeConfiguration<MunicipalityAccess>
{
    public void Configure(EntityTypeBuilder<MunicipalityAccess> builder)
    {
        builder.ToTable("municipality_access", t =>
        {
            t.HasCheckConstraint("ck_municipality_access_wait_weeks", $"wait_weeks between 0 and {MunicipalityAccessRules.MaxWaitWeeks}");
            t.HasCheckConstraint("ck_municipality_access_reachable", "phone is not null or website is not null");
        });
        builder.HasKey(a => a.MunicipalityCode);
        builder.Property(a => a.MunicipalityCode).HasMaxLength(6).IsFixedLength();
        builder.HasOne(a => a.Municipality).WithOne().HasForeignKey<MunicipalityAccess>(a => a.MunicipalityCode).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Name).HasMaxLength(MunicipalityAccessRules.MaxNameLength);
        builder.Property(a => a.Phone).HasMaxLength(ContactRules.MaxPhoneLength);
        builder.Property(a => a.Email).HasMaxLength(ContactRules.MaxEmailLength);
        builder.Property(a => a.Website).HasMaxLength(ContactRules.MaxWebsiteLength);
    }
}

internal sealed class RegionMeasuredLeadTimeConfiguration : IEntityTypeConfiguration<RegionMeasuredLeadTime>
{
    public void Configure(EntityTypeBuilder<RegionMeasuredLeadTime> builder)
    {
        builder.Property(t => t.RegionCode).HasMaxLength(64);
        builder.Property(t => t.KvkNumber).HasMaxLength(8);
        builder.Property(t => t.IjwCategory).HasMaxLength(8);
        builder.Property(t => t.ApiKeyId).HasMaxLength(64);
        builder.HasOne<Region>().WithMany().HasForeignKey(t => t.RegionCode).OnDelete(DeleteBehavior.Restrict);

        // One figure per region, provider, category and month: a new upload replaces it.
        builder.HasIndex(t => new { t.RegionCode, t.KvkNumber, t.IjwCategory, t.Month }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_region_measured_lead_times_figures",
            $"young_people >= 1 and young_people <= {RealisedLeadTimeCsv.MaxYoungPeople} and median_days between 0 and {RealisedLeadTimeCsv.MaxMedianDays}"));
    }
}
