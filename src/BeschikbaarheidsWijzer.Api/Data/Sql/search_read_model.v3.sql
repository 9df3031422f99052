-- The search read model, version 3: everything PostgreSQL does for the in-memory search index, in one file.
--   * which report of an offering is current (bw_current_report_id), and the triggers that keep
--     offerings.current_report_id pointing at it;
--   * the triggers that stamp offerings.search_xid on every change that matters to search, and record hard deletes;
--   * the views the index reads, by column name (search_offerings, search_contracts, search_locations), and the
--     question it asks on each refresh (bw_search_changes).
-- A released version never changes: a change is a new file (v2, …) with the whole model, applied by a new migration
-- whose Down applies the version before. Every statement may run over an earlier state (create or replace, if exists).

-- Which report of an offering is current as of a moment: the latest week, then the latest report, then the last stored.
-- The domain states the same rule for reports in memory (CurrentReportRule); a test holds the two together.
create or replace function bw_current_report_id(offering uuid, as_of timestamptz default 'infinity') returns bigint
    language sql stable as $$
    select r.id from availability_reports r
    where r.offering_id = offering and r.reported_at <= as_of
    order by r.week_start desc, r.reported_at desc, r.id desc
    limit 1
$$;

-- Points each of these offerings at its current report.
create or replace function bw_point_at_current_reports(ids uuid[]) returns void language sql as $$
    update offerings o set current_report_id = bw_current_report_id(o.id) where o.id = any(ids);
$$;

-- One trigger function per transition table a trigger has. Statement triggers: a batch of reports updates each offering
-- once per statement, whoever writes (the API, the demo seeder, an import, a DBA with psql).
create or replace function bw_current_report_of_new_rows() returns trigger language plpgsql as $$
begin
    perform bw_point_at_current_reports(array(select distinct offering_id from new_rows));
    return null;
end $$;
create or replace function bw_current_report_of_old_rows() returns trigger language plpgsql as $$
begin
    perform bw_point_at_current_reports(array(select distinct offering_id from old_rows));
    return null;
end $$;
create or replace function bw_current_report_of_changed_rows() returns trigger language plpgsql as $$
begin
    perform bw_point_at_current_reports(array(select offering_id from new_rows union select offering_id from old_rows));
    return null;
end $$;

drop trigger if exists tr_availability_reports_insert_current on availability_reports;
create trigger tr_availability_reports_insert_current after insert on availability_reports
    referencing new table as new_rows for each statement execute function bw_current_report_of_new_rows();
drop trigger if exists tr_availability_reports_update_current on availability_reports;
create trigger tr_availability_reports_update_current after update on availability_reports
    referencing new table as new_rows old table as old_rows for each statement execute function bw_current_report_of_changed_rows();
drop trigger if exists tr_availability_reports_delete_current on availability_reports;
create trigger tr_availability_reports_delete_current after delete on availability_reports
    referencing old table as old_rows for each statement execute function bw_current_report_of_old_rows();

-- Every change to an offering stamps it with the writing transaction's id (as bigint: the planner has statistics for
-- bigint ranges and so uses ix_offerings_search_xid).
create or replace function bw_stamp_search_xid() returns trigger language plpgsql as $$
begin
    new.search_xid := pg_current_xact_id()::text::bigint;
    return new;
end $$;
drop trigger if exists tr_offerings_stamp_search on offerings;
create trigger tr_offerings_stamp_search before insert or update on offerings
    for each row execute function bw_stamp_search_xid();

-- Hard deletes leave a row, pruned after a day: far longer than any instance lags behind.
create or replace function bw_record_search_removals() returns trigger language plpgsql as $$
begin
    delete from search_removals where removed_at < now() - interval '1 day';
    insert into search_removals (offering_id) select id from old_rows;
    return null;
end $$;
drop trigger if exists tr_offerings_record_removals on offerings;
create trigger tr_offerings_record_removals after delete on offerings
    referencing old table as old_rows for each statement execute function bw_record_search_removals();

-- Contracts and an offering's locations stamp their offerings.
create or replace function bw_touch_offerings_of_new_rows() returns trigger language plpgsql as $$
begin
    update offerings set search_xid = pg_current_xact_id()::text::bigint where id in (select offering_id from new_rows);
    return null;
end $$;
create or replace function bw_touch_offerings_of_old_rows() returns trigger language plpgsql as $$
begin
    update offerings set search_xid = pg_current_xact_id()::text::bigint where id in (select offering_id from old_rows);
    return null;
end $$;
create or replace function bw_touch_offerings_of_changed_rows() returns trigger language plpgsql as $$
begin
    update offerings set search_xid = pg_current_xact_id()::text::bigint
    where id in (select offering_id from new_rows union select offering_id from old_rows);
    return null;
end $$;

drop trigger if exists tr_contracts_insert_touch on contracts;
create trigger tr_contracts_insert_touch after insert on contracts
    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_new_rows();
drop trigger if exists tr_contracts_update_touch on contracts;
create trigger tr_contracts_update_touch after update on contracts
    referencing new table as new_rows old table as old_rows for each statement execute function bw_touch_offerings_of_changed_rows();
drop trigger if exists tr_contracts_delete_touch on contracts;
create trigger tr_contracts_delete_touch after delete on contracts
    referencing old table as old_rows for each statement execute function bw_touch_offerings_of_old_rows();

drop trigger if exists tr_offering_locations_insert_touch on offering_locations;
create trigger tr_offering_locations_insert_touch after insert on offering_locations
    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_new_rows();
drop trigger if exists tr_offering_locations_update_touch on offering_locations;
create trigger tr_offering_locations_update_touch after update on offering_locations
    referencing new table as new_rows old table as old_rows for each statement execute function bw_touch_offerings_of_changed_rows();
drop trigger if exists tr_offering_locations_delete_touch on offering_locations;
create trigger tr_offering_locations_delete_touch after delete on offering_locations
    referencing old table as old_rows for each statement execute function bw_touch_offerings_of_old_rows();

-- A location's name, place or coordinates, and a provider's name or deletion, show in search too.
create or replace function bw_touch_offerings_of_locations() returns trigger language plpgsql as $$
begin
    update offerings set search_xid = pg_current_xact_id()::text::bigint
    where id in (select ol.offering_id from offering_locations ol where ol.location_id in (select id from new_rows));
    return null;
end $$;
drop trigger if exists tr_locations_update_touch on locations;
create trigger tr_locations_update_touch after update on locations
    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_locations();

create or replace function bw_touch_offerings_of_providers() returns trigger language plpgsql as $$
begin
    update offerings set search_xid = pg_current_xact_id()::text::bigint where provider_id in (select id from new_rows);
    return null;
end $$;
drop trigger if exists tr_providers_update_touch on providers;
create trigger tr_providers_update_touch after update on providers
    referencing new table as new_rows for each statement execute function bw_touch_offerings_of_providers();

-- What the index holds of each live offering of a live provider, with its current report's figures (null without one).
-- The description is only compared (its hash): its text is searched by PostgreSQL, not in memory.
create or replace view search_offerings as
select o.id as offering_id,
       o.provider_id,
       p.name as provider_name,
       o.title,
       o.care_type_code,
       o.age_min,
       o.age_max,
       o.tags,
       hashtext(coalesce(o.description, '')) as description_hash,
       r.id as report_id,
       r.accepting_referrals,
       r.free_places,
       r.total_places,
       r.waitlist_count,
       r.wait_to_intake_weeks,
       r.wait_to_treatment_weeks,
       r.method,
       r.matching_dependent,
       r.bridging_care_available,
       r.week_start,
       r.reported_at,
       -- Version 2: a confirmation and when the figures last changed, the realised waits, and the weeks reported: bit k
       -- set when the offering reported in the week k weeks before its current report's week (32 weeks back).
       r.confirmed_unchanged,
       coalesce(r.figures_changed_at, r.reported_at) as figures_changed_at,
       r.realised_wait_to_intake_weeks,
       r.realised_wait_to_treatment_weeks,
       (select coalesce(bit_or(1 << ((r.week_start - w.week_start) / 7)), 0)
        from availability_reports w
        where w.offering_id = o.id and w.week_start > r.week_start - 224 and w.week_start <= r.week_start) as reported_weeks_mask,
       -- Version 3: the provider's phone and e-mail, so a referrer can call from the list (a provider's update touches its
       -- offerings already, for its name).
       p.phone as provider_phone,
       p.email as provider_email
from offerings o
join providers p on p.id = o.provider_id
left join availability_reports r on r.id = o.current_report_id
where o.deleted_at is null and p.deleted_at is null;

-- Every contract period (the index judges validity per day itself).
create or replace view search_contracts as
select c.offering_id, c.municipality_code, c.valid_from, c.valid_to
from contracts c;

-- Where each offering is given; a location without coordinates is placed at its municipality's.
create or replace view search_locations as
select ol.offering_id,
       l.name,
       l.city,
       l.municipality_code,
       coalesce(l.latitude, m.latitude) as latitude,
       coalesce(l.longitude, m.longitude) as longitude
from offering_locations ol
join locations l on l.id = ol.location_id
join municipalities m on m.code = l.municipality_code;

-- A refresh's question: the horizon (the oldest transaction still running: its rows may not be visible yet), a
-- fingerprint of the regional norms (only ever added to, so count and highest id change with every new version), and
-- the offerings changed or removed by transactions at or after the previous horizon.
create or replace function bw_search_changes(since bigint)
    returns table (horizon bigint, norms_fingerprint text, changed uuid[])
    language sql stable as $$
    select pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
           (select count(*) || ':' || coalesce(max(id), 0) from regional_norms),
           array(select id from offerings where search_xid >= since
                 union select offering_id from search_removals where xid >= since)
$$;
