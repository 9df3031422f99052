using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class MunicipalityAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "municipality_access",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    website = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    wait_weeks = table.Column<int>(type: "integer", nullable: true),
                    wait_reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_municipality_access", x => x.municipality_code);
                    table.CheckConstraint("ck_municipality_access_reachable", "phone is not null or website is not null");
                    table.CheckConstraint("ck_municipality_access_wait_weeks", "wait_weeks between 0 and 104");
                    table.ForeignKey(
                        name: "fk_municipality_access_municipalities_municipality_code",
                        column: x => x.municipality_code,
                        principalTable: "municipalities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "municipality_access");
        }
    }
}
