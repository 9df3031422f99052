using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BeschikbaarheidsWijzer.Api.Data.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(FieldLimits.NameLength);
        builder.Property(p => p.KvkNumber).HasMaxLength(8);
        builder.Property(p => p.AgbCode).HasMaxLength(8);
        builder.Property(p => p.Website).HasMaxLength(ContactRules.MaxWebsiteLength);
        builder.Property(p => p.Phone).HasMaxLength(ContactRules.MaxPhoneLength);
        builder.Property(p => p.Email).HasMaxLength(ContactRules.MaxEmailLength);
        builder.Property(p => p.Description).HasMaxLength(FieldLimits.DescriptionLength);
        builder.HasIndex(p => p.KvkNumber);

        // Provider names typed with a typo still match (trigram word similarity).
        builder.HasIndex(p => p.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_providers_name_trgm");
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(FieldLimits.NameLength);
        builder.Property(l => l.Street).HasMaxLength(FieldLimits.StreetLength);
        builder.Property(l => l.Postcode).HasMaxLength(7);
        builder.Property(l => l.City).HasMaxLength(FieldLimits.CityLength);
        builder.Property(l => l.MunicipalityCode).HasMaxLength(6).IsFixedLength();
        builder.HasOne(l => l.Provider).WithMany(p => p.Locations).HasForeignKey(l => l.ProviderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Municipality).WithMany().HasForeignKey(l => l.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ProviderId);
        builder.HasIndex(l => l.MunicipalityCode);
    }
}

internal sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    public const string SearchVector = "SearchVector";

    public void Configure(EntityTypeBuilder<Offering> builder)
    {
        builder.Property(o => o.Title).HasMaxLength(FieldLimits.TitleLength);
        builder.Property(o => o.CareTypeCode).HasMaxLength(64);
        builder.Property(o => o.Description).HasMaxLength(FieldLimits.DescriptionLength);
        builder.Property(o => o.ReferralInfo).HasMaxLength(FieldLimits.ReferralInfoLength);
        builder.HasOne(o => o.Provider).WithMany(p => p.Offerings).HasForeignKey(o => o.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.CareType).WithMany().HasForeignKey(o => o.CareTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Locations).WithMany(l => l.Offerings).UsingEntity(
            "offering_locations",
            r => r.HasOne(typeof(Location)).WithMany().HasForeignKey("location_id").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Offering)).WithMany().HasForeignKey("offering_id").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("offering_id", "location_id"));
        builder.HasIndex(o => o.ProviderId);
        builder.HasIndex(o => o.CareTypeCode);
        builder.HasIndex(o => o.Tags).HasMethod("gin");
        builder.HasOne(o => o.CurrentReport).WithMany().HasForeignKey(o => o.CurrentReportId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(o => o.CurrentReportId);
        builder.HasIndex(o => o.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_offerings_title_trgm");

        // Free text over title, description and tags in Dutch (stemming: "kinderen" finds "kind").
        builder.Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector)
            .HasComputedColumnSql("to_tsvector('dutch', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || bw_tags_text(tags))", stored: true);
        builder.HasIndex(SearchVector).HasMethod("gin");
        builder.ToTable(t => t.HasCheckConstraint("ck_offerings_ages", $"age_min >= 0 and age_max <= {FieldLimits.MaxAge} and age_min <= age_max"));
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.Property(c => c.MunicipalityCode).HasMaxLength(6).IsFixedLength();
        builder.HasOne(c => c.Offering).WithMany(o => o.Contracts).HasForeignKey(c => c.OfferingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Municipality).WithMany().HasForeignKey(c => c.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.MunicipalityCode, c.OfferingId });
        builder.HasIndex(c => c.OfferingId);
        builder.ToTable(t => t.HasCheckConstraint("ck_contracts_period", "valid_to is null or valid_to >= valid_from"));
    }
}

internal sealed class AvailabilityReportConfiguration : IEntityTypeConfiguration<AvailabilityReport>
{
    public void Configure(EntityTypeBuilder<AvailabilityReport> builder)
    {
        builder.HasOne(r => r.Offering).WithMany(o => o.Reports).HasForeignKey(r => r.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Note).HasMaxLength(AvailabilityReportRules.MaxNoteLength);
        builder.Property(r => r.ApiKeyId).HasMaxLength(64);
        builder.Property(r => r.Warnings).HasColumnType("jsonb");

        // The region's notable reports: only the few with warnings are in this index.
        builder.HasIndex(r => r.ReportedAt).HasFilter("warnings is not null").HasDatabaseName("ix_availability_reports_with_warnings");

        // The current report of an offering is the first row of this index: latest week, then latest report.
        builder.HasIndex(r => new { r.OfferingId, r.WeekStart, r.ReportedAt, r.Id }).IsDescending(false, true, true, true);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_availability_reports_waits",
                $"coalesce(wait_to_intake_weeks, 0) between 0 and {AvailabilityReportRules.MaxWaitWeeks} and coalesce(wait_to_treatment_weeks, 0) between 0 and {AvailabilityReportRules.MaxWaitWeeks}");
            t.HasCheckConstraint("ck_availability_reports_realised_waits",
                $"coalesce(realised_wait_to_intake_weeks, 0) between 0 and {AvailabilityReportRules.MaxWaitWeeks} and coalesce(realised_wait_to_treatment_weeks, 0) between 0 and {AvailabilityReportRules.MaxWaitWeeks}");
            t.HasCheckConstraint("ck_availability_reports_places",
                $"coalesce(free_places, 0) between 0 and {AvailabilityReportRules.MaxPlaces} and coalesce(total_places, 0) between 0 and {AvailabilityReportRules.MaxPlaces} and coalesce(waitlist_count, 0) >= 0 and (free_places is null or total_places is null or free_places <= total_places)");
        });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(k => k.Label).HasMaxLength(FieldLimits.LabelLength);
        builder.HasOne(k => k.Provider).WithMany().HasForeignKey(k => k.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.ProviderId);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.ApiKeyId, r.Key });
        builder.Property(r => r.ApiKeyId).HasMaxLength(64);
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.Property(r => r.ResponseBody).HasColumnType("text"); // text, not jsonb: a replay returns the stored bytes exactly
        builder.HasIndex(r => r.CreatedAt);
    }
}
