using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchSupport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // array_to_string is only STABLE; a generated column needs an IMMUTABLE expression (tags are plain words).
            migrationBuilder.Sql("""
                create function bw_tags_text(tags text[]) returns text
                language sql immutable parallel safe
                as $$ select array_to_string(tags, ' ') $$;
                """);

            migrationBuilder.AddColumn<long>(
                name: "current_report_id",
                table: "offerings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "offerings",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('dutch', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || bw_tags_text(tags))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_providers_name_trgm",
                table: "providers",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_offerings_current_report_id",
                table: "offerings",
                column: "current_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_offerings_search_vector",
                table: "offerings",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_offerings_title_trgm",
                table: "offerings",
                column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.AddForeignKey(
                name: "fk_offerings_availability_reports_current_report_id",
                table: "offerings",
                column: "current_report_id",
                principalTable: "availability_reports",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.Sql("""
                update offerings o set current_report_id = (
                    select r.id from availability_reports r where r.offering_id = o.id
                    order by r.week_start desc, r.reported_at desc, r.id desc limit 1);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_offerings_availability_reports_current_report_id",
                table: "offerings");

            migrationBuilder.DropIndex(
                name: "ix_providers_name_trgm",
                table: "providers");

            migrationBuilder.DropIndex(
                name: "ix_offerings_current_report_id",
                table: "offerings");

            migrationBuilder.DropIndex(
                name: "ix_offerings_search_vector",
                table: "offerings");

            migrationBuilder.DropIndex(
                name: "ix_offerings_title_trgm",
                table: "offerings");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "offerings");

            migrationBuilder.Sql("drop function if exists bw_tags_text(text[]);");

            migrationBuilder.DropColumn(
                name: "current_report_id",
                table: "offerings");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
