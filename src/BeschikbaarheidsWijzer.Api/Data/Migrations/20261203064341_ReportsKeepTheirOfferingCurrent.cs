using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>
    /// Every change to an offering's reports points <c>offerings.current_report_id</c> at its current report (latest week,
    /// then latest report) in the same statement, whoever writes: the API, the demo seeder, an import or a DBA with psql.
    /// That update stamps the offering's <c>search_xid</c> too, so the search index and the offering's particulars kept
    /// beside it (texts, contact, history) see every new, corrected or removed report, also one for a past week.
    /// Statement triggers with transition tables: a batch of reports updates each offering once per statement.
    /// </summary>
    public partial class ReportsKeepTheirOfferingCurrent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- Points each of these offerings at its current report: latest week, then latest report.
                create function bw_point_at_current_reports(ids uuid[]) returns void language sql as $$
                    update offerings o set current_report_id = (
                        select r.id from availability_reports r where r.offering_id = o.id
                        order by r.week_start desc, r.reported_at desc, r.id desc limit 1)
                    where o.id = any(ids);
                $$;
                -- One function per transition table a trigger has.
                create function bw_current_report_of_new_rows() returns trigger language plpgsql as $$
                begin
                    perform bw_point_at_current_reports(array(select distinct offering_id from new_rows));
                    return null;
                end $$;
                create function bw_current_report_of_old_rows() returns trigger language plpgsql as $$
                begin
                    perform bw_point_at_current_reports(array(select distinct offering_id from old_rows));
                    return null;
                end $$;
                create function bw_current_report_of_changed_rows() returns trigger language plpgsql as $$
                begin
                    perform bw_point_at_current_reports(array(select offering_id from new_rows union select offering_id from old_rows));
                    return null;
                end $$;

                create trigger tr_availability_reports_insert_current after insert on availability_reports
                    referencing new table as new_rows for each statement execute function bw_current_report_of_new_rows();
                create trigger tr_availability_reports_update_current after update on availability_reports
                    referencing new table as new_rows old table as old_rows for each statement execute function bw_current_report_of_changed_rows();
                create trigger tr_availability_reports_delete_current after delete on availability_reports
                    referencing old table as old_rows for each statement execute function bw_current_report_of_old_rows();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop trigger tr_availability_reports_delete_current on availability_reports;
                drop trigger tr_availability_reports_update_current on availability_reports;
                drop trigger tr_availability_reports_insert_current on availability_reports;
                drop function bw_current_report_of_changed_rows();
                drop function bw_current_report_of_old_rows();
                drop function bw_current_report_of_new_rows();
                drop function bw_point_at_current_reports(uuid[]);
                """);
        }
    }
}
