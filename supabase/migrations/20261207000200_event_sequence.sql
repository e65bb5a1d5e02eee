-- An event's iCalendar SEQUENCE: events.sequence, 0 when added, raised by one (by the trigger
-- events_raise_sequence, never by the API roles: no column grant) whenever its time, zone, place
-- or status changes, so that calendars which subscribed to a feed take the new version over the
-- one they hold (RFC 5545 3.8.7.4). event_organisers.created_at is the clock time of each row.

alter table public.events add column sequence integer not null default 0
  constraint events_sequence_check check (sequence >= 0);
comment on column public.events.sequence is
  'The iCalendar SEQUENCE: how many times the event''s time, zone, place or status has changed.';

create function public.events_raise_sequence() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.starts_at, new.ends_at, new.starts_on, new.ends_on, new.all_day, new.time_zone,
      new.venue_name, new.venue_address, new.venue_city, new.country_code, new.format, new.status)
     is distinct from
     (old.starts_at, old.ends_at, old.starts_on, old.ends_on, old.all_day, old.time_zone,
      old.venue_name, old.venue_address, old.venue_city, old.country_code, old.format, old.status) then
    new.sequence := old.sequence + 1;
  else
    new.sequence := old.sequence;
  end if;
  return new;
end;
$$;
comment on function public.events_raise_sequence() is
  'Raises an event''s SEQUENCE when its time, zone, place or status changes (and keeps it otherwise).';
revoke all on function public.events_raise_sequence() from public, anon, authenticated;

create trigger events_raise_sequence before update on public.events
  for each row execute function public.events_raise_sequence();

-- Also: organisers keep the order they were named in (the first is the event's own programme),
-- also when one transaction names them all.
alter table public.event_organisers alter column created_at set default clock_timestamp();
