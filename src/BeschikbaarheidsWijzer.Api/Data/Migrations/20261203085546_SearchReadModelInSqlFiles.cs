using BeschikbaarheidsWijzer.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>
    /// The search read model from its SQL file (Data/Sql/search_read_model.v1.sql): the same triggers as before, the
    /// current-report rule as one function (bw_current_report_id), and the views and function the index reads by column
    /// name. Names its file version, never "the current one": a later version comes with a migration of its own.
    /// </summary>
    public partial class SearchReadModelInSqlFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlFiles.Read("search_read_model.v1.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers are as they were; what version 1 added goes, and the current report is found as before.
            migrationBuilder.Sql("""
                drop function bw_search_changes(bigint);
                drop view search_locations;
                drop view search_contracts;
                drop view search_offerings;
                create or replace function bw_point_at_current_reports(ids uuid[]) returns void language sql as $$
                    update offerings o set current_report_id = (
                        select r.id from availability_reports r where r.offering_id = o.id
                        order by r.week_start desc, r.reported_at desc, r.id desc limit 1)
                    where o.id = any(ids);
                $$;
                drop function bw_current_report_id(uuid, timestamptz);
                """);
        }
    }
}
