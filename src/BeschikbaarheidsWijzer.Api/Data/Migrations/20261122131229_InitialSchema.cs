using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_types",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ijw_category = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    setting = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    matching_dependent = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_types", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "national_norm_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    setting = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    max_intake_weeks = table.Column<int>(type: "integer", nullable: true),
                    max_treatment_weeks = table.Column<int>(type: "integer", nullable: true),
                    max_total_weeks = table.Column<int>(type: "integer", nullable: true),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_norm_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kvk_number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    agb_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    website = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_providers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: true),
                    region_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    secret_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "offerings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    care_type_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    age_min = table.Column<int>(type: "integer", nullable: false),
                    age_max = table.Column<int>(type: "integer", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    referral_info = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offerings", x => x.id);
                    table.CheckConstraint("ck_offerings_ages", "age_min >= 0 and age_max <= 27 and age_min <= age_max");
                    table.ForeignKey(
                        name: "fk_offerings_care_types_care_type_code",
                        column: x => x.care_type_code,
                        principalTable: "care_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_offerings_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "municipalities",
                columns: table => new
                {
                    code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region_code = table.Column<string>(type: "character varying(64)", nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_municipalities", x => x.code);
                    table.CheckConstraint("ck_municipalities_code", "code ~ '^GM[0-9]{4}$'");
                    table.ForeignKey(
                        name: "fk_municipalities_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "regional_norms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_code = table.Column<string>(type: "character varying(64)", nullable: false),
                    care_type_code = table.Column<string>(type: "character varying(64)", nullable: false),
                    max_intake_weeks = table.Column<int>(type: "integer", nullable: true),
                    max_treatment_weeks = table.Column<int>(type: "integer", nullable: true),
                    max_total_weeks = table.Column<int>(type: "integer", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regional_norms", x => x.id);
                    table.CheckConstraint("ck_regional_norms_weeks", "coalesce(max_intake_weeks, 0) between 0 and 104 and coalesce(max_treatment_weeks, 0) between 0 and 104 and coalesce(max_total_weeks, 0) between 0 and 208");
                    table.ForeignKey(
                        name: "fk_regional_norms_care_types_care_type_code",
                        column: x => x.care_type_code,
                        principalTable: "care_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_regional_norms_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "availability_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    offering_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepting_referrals = table.Column<bool>(type: "boolean", nullable: false),
                    wait_to_intake_weeks = table.Column<int>(type: "integer", nullable: true),
                    wait_to_treatment_weeks = table.Column<int>(type: "integer", nullable: true),
                    free_places = table.Column<int>(type: "integer", nullable: true),
                    total_places = table.Column<int>(type: "integer", nullable: true),
                    waitlist_count = table.Column<int>(type: "integer", nullable: true),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    matching_dependent = table.Column<bool>(type: "boolean", nullable: false),
                    bridging_care_available = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    api_key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_availability_reports", x => x.id);
                    table.CheckConstraint("ck_availability_reports_places", "coalesce(free_places, 0) between 0 and 10000 and coalesce(total_places, 0) between 0 and 10000 and coalesce(waitlist_count, 0) >= 0 and (free_places is null or total_places is null or free_places <= total_places)");
                    table.CheckConstraint("ck_availability_reports_waits", "coalesce(wait_to_intake_weeks, 0) between 0 and 104 and coalesce(wait_to_treatment_weeks, 0) between 0 and 104");
                    table.ForeignKey(
                        name: "fk_availability_reports_offerings_offering_id",
                        column: x => x.offering_id,
                        principalTable: "offerings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    offering_id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contracts", x => x.id);
                    table.CheckConstraint("ck_contracts_period", "valid_to is null or valid_to >= valid_from");
                    table.ForeignKey(
                        name: "fk_contracts_municipalities_municipality_code",
                        column: x => x.municipality_code,
                        principalTable: "municipalities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contracts_offerings_offering_id",
                        column: x => x.offering_id,
                        principalTable: "offerings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    postcode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    municipality_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                    table.ForeignKey(
                        name: "fk_locations_municipalities_municipality_code",
                        column: x => x.municipality_code,
                        principalTable: "municipalities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_locations_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "offering_locations",
                columns: table => new
                {
                    offering_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offering_locations", x => new { x.offering_id, x.location_id });
                    table.ForeignKey(
                        name: "fk_offering_locations_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_offering_locations_offerings_offering_id",
                        column: x => x.offering_id,
                        principalTable: "offerings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_provider_id",
                table: "api_keys",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_availability_reports_offering_id_week_start_reported_at_id",
                table: "availability_reports",
                columns: new[] { "offering_id", "week_start", "reported_at", "id" },
                descending: new[] { false, true, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_contracts_municipality_code_offering_id",
                table: "contracts",
                columns: new[] { "municipality_code", "offering_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contracts_offering_id",
                table: "contracts",
                column: "offering_id");

            migrationBuilder.CreateIndex(
                name: "ix_locations_municipality_code",
                table: "locations",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "ix_locations_provider_id",
                table: "locations",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_municipalities_region_code",
                table: "municipalities",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_national_norm_rules_sector_setting",
                table: "national_norm_rules",
                columns: new[] { "sector", "setting" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_offering_locations_location_id",
                table: "offering_locations",
                column: "location_id");

            migrationBuilder.CreateIndex(
                name: "ix_offerings_care_type_code",
                table: "offerings",
                column: "care_type_code");

            migrationBuilder.CreateIndex(
                name: "ix_offerings_provider_id",
                table: "offerings",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_offerings_tags",
                table: "offerings",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_providers_kvk_number",
                table: "providers",
                column: "kvk_number");

            migrationBuilder.CreateIndex(
                name: "ix_regional_norms_care_type_code",
                table: "regional_norms",
                column: "care_type_code");

            migrationBuilder.CreateIndex(
                name: "ix_regional_norms_region_code_care_type_code_valid_from",
                table: "regional_norms",
                columns: new[] { "region_code", "care_type_code", "valid_from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "availability_reports");

            migrationBuilder.DropTable(
                name: "contracts");

            migrationBuilder.DropTable(
                name: "national_norm_rules");

            migrationBuilder.DropTable(
                name: "offering_locations");

            migrationBuilder.DropTable(
                name: "regional_norms");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.DropTable(
                name: "locations");

            migrationBuilder.DropTable(
                name: "offerings");

            migrationBuilder.DropTable(
                name: "municipalities");

            migrationBuilder.DropTable(
                name: "care_types");

            migrationBuilder.DropTable(
                name: "providers");

            migrationBuilder.DropTable(
                name: "regions");
        }
    }
}
