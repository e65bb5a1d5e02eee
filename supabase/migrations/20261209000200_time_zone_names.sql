-- private.is_time_zone, the check on every event's (and series') zone, read pg_timezone_names,
-- which walks the whole zone database on disk at each call: about 45 ms per row, so a series of
-- 200 dates took seconds to add. The names are now kept in private.time_zone_names (read once,
-- here), asked first; a name not kept there is still looked up on disk, so zones that a later
-- tzdata adds are still accepted.

create table private.time_zone_names (name text primary key);
comment on table private.time_zone_names is
  'The IANA zone names Postgres knew when this migration ran: the fast path of private.is_time_zone.';

insert into private.time_zone_names (name)
  select distinct t.name from pg_catalog.pg_timezone_names t;

alter table private.time_zone_names enable row level security;
revoke all on private.time_zone_names from public, anon, authenticated;
grant select on private.time_zone_names to service_role;

-- Security definer: it reads the kept names, which no API role reads itself; it says only whether
-- a name is a zone.
create or replace function private.is_time_zone(zone text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select zone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$'
    and (exists (select 1 from private.time_zone_names t where t.name = zone)
      or exists (select 1 from pg_catalog.pg_timezone_names t where t.name = zone))
$$;
comment on function private.is_time_zone(text) is
  'Whether a text names an IANA time zone (the check on events.time_zone), from the kept names first.';
