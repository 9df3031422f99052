using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PostcodeCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "postcode_locations",
                columns: table => new
                {
                    postcode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    municipality_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postcode_locations", x => x.postcode);
                    table.CheckConstraint("ck_postcode_locations_coordinates", "latitude between -90 and 90 and longitude between -180 and 180");
                    table.CheckConstraint("ck_postcode_locations_municipality_code", "municipality_code ~ '^GM[0-9]{4}$'");
                    table.CheckConstraint("ck_postcode_locations_postcode", "postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "postcode_locations");
        }
    }
}
