using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeschikbaarheidsWijzer.Api.Data.Migrations
{
    /// <summary>
    /// Change tracking for the in-memory search index: every change that matters to search stamps the offering's
    /// <c>search_xid</c> with the writing transaction's id, and hard deletes leave a row in <c>search_removals</c>.
    /// Triggers, not application code, so that every writer (the API, the demo seeder, imports, a DBA with psql) is seen.
    /// Not part of the EF model: nothing but SQL reads these.
    /// </summary>
    public partial class SearchIndexChangeTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The transaction id as bigint, not xid8: the planner has statistics for bigint ranges, and so uses the index.
                alter table offerings add column search_xid bigint not null default pg_current_xact_id()::text::bigint;
                create index ix_offerings_search_xid on offerings (search_xid);
                -- Statistics for the new column now: without them the planner guesses a third of the rows match and scans.
                analyze offerings;

                create table search_removals (
                    offering_id uuid not null,
                    xid bigint not null default pg_current_xact_id()::text::bigint,
                    removed_at timestamptz not null default now());
                create index ix_search_removals_xid on search_removals (xid);

                create function bw_stamp_search_xid() returns trigger language plpgsql as $$
                begin
                    new.search_xid := pg_current_xact_id()::text::bigint;
                    return new;
                end $$;
                create trigger tr_offerings_stamp_search before insert or update on offerings
                    for each row execute function bw_stamp_search_xid();

                create function bw_record_search_removals() returns trigger language plpgsql as $$
                begin
                    insert into search_removals (offering_id) select id from old_rows;
                    return null;
                end $$;
                create trigger tr_offerings_record_removals after delete on offerings
                    referencing old table as old_rows for each statement execute function bw_record_search_removals();

                -- Children stamp their offerings. Statement triggers with transition tables: a bulk load touches each
                -- offering once per statement, not once per row. One function per transition table a trigger has.
                create function bw_touch_offerings_of_new_rows() returns trigger language plpgsql as $$
                begin
                    update offerings set search_xid = pg_current_xact_id()::text::bigint where id in (select offering_id from new_rows);
                    return null;
                end $$;
                create function bw_touch_offerings_of_old_rows() returns trigger language plpgsql as $$
                begin
                    update offerings set search_xid = pg_current_xact_id()::text::bigint where id in (select offering_id from old_rows);
                    return null;
                end $$;
                create function bw_touch_offerings_of_changed_rows() returns trigger language plpgsql as $$
                begin
                    update offerings set search_xid = pg_current_xact_id()::text::bigint
                    where id in (select offering_id from new_rows union select offering_id from old_rows);
                    return null;
                end $$;

                create trigger tr_contracts_insert_touch after insert on contracts
                    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_new_rows();
                create trigger tr_contracts_update_touch after update on contracts
                    referencing new table as new_rows old table as old_rows for each statement execute function bw_touch_offerings_of_changed_rows();
                create trigger tr_contracts_delete_touch after delete on contracts
                    referencing old table as old_rows for each statement execute function bw_touch_offerings_of_old_rows();

                create trigger tr_offering_locations_insert_touch after insert on offering_locations
                    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_new_rows();
                create trigger tr_offering_locations_update_touch after update on offering_locations
                    referencing new table as new_rows old table as old_rows for each statement execute function bw_touch_offerings_of_changed_rows();
                create trigger tr_offering_locations_delete_touch after delete on offering_locations
                    referencing old table as old_rows for each statement execute function bw_touch_offerings_of_old_rows();

                -- A location's name, place or coordinates, and a provider's name or deletion, show in search too.
                create function bw_touch_offerings_of_locations() returns trigger language plpgsql as $$
                begin
                    update offerings set search_xid = pg_current_xact_id()::text::bigint
                    where id in (select ol.offering_id from offering_locations ol where ol.location_id in (select id from new_rows));
                    return null;
                end $$;
                create trigger tr_locations_update_touch after update on locations
                    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_locations();

                create function bw_touch_offerings_of_providers() returns trigger language plpgsql as $$
                begin
                    update offerings set search_xid = pg_current_xact_id()::text::bigint where provider_id in (select id from new_rows);
                    return null;
                end $$;
                create trigger tr_providers_update_touch after update on providers
                    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_providers();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop trigger tr_providers_update_touch on providers;
                drop function bw_touch_offerings_of_providers();
                drop trigger tr_locations_update_touch on locations;
                drop function bw_touch_offerings_of_locations();
                drop trigger tr_offering_locations_delete_touch on offering_locations;
                drop trigger tr_offering_locations_update_touch on offering_locations;
                drop trigger tr_offering_locations_insert_touch on offering_locations;
                drop trigger tr_contracts_delete_touch on contracts;
                drop trigger tr_contracts_update_touch on contracts;
                drop trigger tr_contracts_insert_touch on contracts;
                drop function bw_touch_offerings_of_changed_rows();
                drop function bw_touch_offerings_of_old_rows();
                drop function bw_touch_offerings_of_new_rows();
                drop trigger tr_offerings_record_removals on offerings;
                drop function bw_record_search_removals();
                drop trigger tr_offerings_stamp_search on offerings;
                drop function bw_stamp_search_xid();
                drop table search_removals;
                drop index ix_offerings_search_xid;
                alter table offerings drop column search_xid;
                """);
        }
    }
}
