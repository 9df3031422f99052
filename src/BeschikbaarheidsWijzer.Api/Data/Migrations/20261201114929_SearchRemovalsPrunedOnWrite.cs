using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>
    /// Old <c>search_removals</c> rows are pruned by the trigger that writes new ones, on the primary. The search index used
    /// to prune them when it loaded, which a hot standby (<c>ConnectionStrings:ReadOnly</c>) refuses: a read path writes nothing.
    /// </summary>
    public partial class SearchRemovalsPrunedOnWrite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create or replace function bw_record_search_removals() returns trigger language plpgsql as $$
                begin
                    -- Hard deletes are rare; a day is far longer than any instance can lag behind.
                    delete from search_removals where removed_at < now() - interval '1 day';
                    insert into search_removals (offering_id) select id from old_rows;
                    return null;
                end $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create or replace function bw_record_search_removals() returns trigger language plpgsql as $$
                begin
                    insert into search_removals (offering_id) select id from old_rows;
                    return null;
                end $$;
                """);
        }
    }
}
