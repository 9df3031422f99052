using BeschikbaarheidsWijzer.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BeschikbaarheidsWijzer.Api.Data.Configurations;

internal sealed class PostcodeLocationConfiguration : IEntityTypeConfiguration<PostcodeLocation>
{
    public void Configure(EntityTypeBuilder<PostcodeLocation> builder)
    {
        builder.HasKey(p => p.Postcode);
        builder.Property(p => p.Postcode).HasMaxLength(6);
        builder.Property(p => p.MunicipalityCode).HasMaxLength(6).IsFixedLength();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_postcode_locations_postcode", "postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'");
            t.HasCheckConstraint("ck_postcode_locations_municipality_code", "municipality_code ~ '^GM[0-9]{4}$'");
            t.HasCheckConstraint("ck_postcode_locations_coordinates", "latitude between -90 and 90 and longitude between -180 and 180");
        });
    }
}
