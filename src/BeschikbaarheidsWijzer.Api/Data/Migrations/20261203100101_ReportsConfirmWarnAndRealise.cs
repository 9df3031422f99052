using System;
using BeschikbaarheidsWijzer.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>
    /// Reports that confirm "nothing changed", remember when their figures last changed, carry realised waits and the
    /// plausibility warnings they were accepted with; and search read model version 2, which reads these and the weeks
    /// an offering reported. Existing reports that repeat the figures before them get the time those figures were first reported.
    /// </summary>
    public partial class ReportsConfirmWarnAndRealise : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "confirmed_unchanged",
                table: "availability_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "figures_changed_at",
                table: "availability_reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "realised_wait_to_intake_weeks",
                table: "availability_reports",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "realised_wait_to_treatment_weeks",
                table: "availability_reports",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warnings",
                table: "availability_reports",
                type: "jsonb",
                nullable: true);

            // A run of reports with the same figures (note aside) changed them at its first report.
            migrationBuilder.Sql("""
                with marked as (
                    select id, offering_id, week_start, reported_at,
                           case when row(accepting_referrals, wait_to_intake_weeks, wait_to_treatment_weeks, free_places, total_places,
                                         waitlist_count, method, matching_dependent, bridging_care_available)::text
                                     is not distinct from lag(row(accepting_referrals, wait_to_intake_weeks, wait_to_treatment_weeks,
                                         free_places, total_places, waitlist_count, method, matching_dependent, bridging_care_available)::text) over w
                                then 0 else 1 end as starts_run
                    from availability_reports
                    window w as (partition by offering_id order by week_start, reported_at, id)),
                runs as (
                    select id,
                           sum(starts_run) over (partition by offering_id order by week_start, reported_at, id) as run
                    from marked),
                firsts as (
                    select r.id, first_value(r.reported_at) over (partition by r.offering_id, runs.run order by r.week_start, r.reported_at, r.id) as changed_at
                    from runs join availability_reports r using (id))
                update availability_reports a set figures_changed_at = f.changed_at from firsts f
                where f.id = a.id and f.changed_at <> a.reported_at;
                """);

            migrationBuilder.Sql(SqlFiles.Read("search_read_model.v2.sql"));

            migrationBuilder.CreateIndex(
                name: "ix_availability_reports_with_warnings",
                table: "availability_reports",
                column: "reported_at",
                filter: "warnings is not null");

            migrationBuilder.AddCheckConstraint(
                name: "ck_availability_reports_realised_waits",
                table: "availability_reports",
                sql: "coalesce(realised_wait_to_intake_weeks, 0) between 0 and 104 and coalesce(realised_wait_to_treatment_weeks, 0) between 0 and 104");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Version 1's view has fewer columns: replacing cannot drop columns, so the view goes first.
            migrationBuilder.Sql("drop view search_offerings;");

            migrationBuilder.DropIndex(
                name: "ix_availability_reports_with_warnings",
                table: "availability_reports");

            migrationBuilder.DropCheckConstraint(
                name: "ck_availability_reports_realised_waits",
                table: "availability_reports");

            migrationBuilder.DropColumn(
                name: "confirmed_unchanged",
                table: "availability_reports");

            migrationBuilder.DropColumn(
                name: "figures_changed_at",
                table: "availability_reports");

            migrationBuilder.DropColumn(
                name: "realised_wait_to_intake_weeks",
                table: "availability_reports");

            migrationBuilder.DropColumn(
                name: "realised_wait_to_treatment_weeks",
                table: "availability_reports");

            migrationBuilder.DropColumn(
                name: "warnings",
                table: "availability_reports");

            migrationBuilder.Sql(SqlFiles.Read("search_read_model.v1.sql"));
        }
    }
}
