using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>A region's own measure of realised lead times from iJw messages: aggregates per provider × category × month.</summary>
    public partial class RegionMeasuredLeadTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "region_measured_lead_times",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kvk_number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ijw_category = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    young_people = table.Column<int>(type: "integer", nullable: false),
                    median_days = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    api_key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_region_measured_lead_times", x => x.id);
                    table.CheckConstraint("ck_region_measured_lead_times_figures", "young_people >= 1 and young_people <= 100000 and median_days between 0 and 3650");
                    table.ForeignKey(
                        name: "fk_region_measured_lead_times_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_region_measured_lead_times_region_code_kvk_number_ijw_categ",
                table: "region_measured_lead_times",
                columns: new[] { "region_code", "kvk_number", "ijw_category", "month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "region_measured_lead_times");
        }
    }
}
