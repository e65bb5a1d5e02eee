-- Recurring series. public.event_series holds a series' rule as the organiser chose it: an RFC 5545
-- RRULE (which must end: COUNT or UNTIL), its first start on the wall clock of its IANA zone, and
-- each occurrence's length. Its occurrences are rows of public.events (series_id, and
-- recurrence_id: the start the rule gave, kept when one occurrence is moved), expanded by the app
-- with rrule-temporal and bounded at 200: each is an event of its own for RSVPs, the join link,
-- its status (one occurrence moved or cancelled) and the feeds, so the upcoming list and RLS stay
-- those of single events.
--
-- A series is read by whoever reads one of its occurrences (or made it); a coordinator or admin
-- makes one, and adds its occurrences (an occurrence names a series only its maker's). Its
-- occurrences are then edited as events, by their organisers.

create table public.event_series (
  id uuid primary key default gen_random_uuid(),
  rrule text not null
    constraint event_series_rrule_check check (char_length(rrule) <= 300
      and rrule ~ '^FREQ=(WEEKLY|MONTHLY)(;[A-Z]+=[A-Z0-9,+-]+)*$'
      and rrule ~ ';(COUNT=[0-9]+|UNTIL=[0-9]{8}T[0-9]{6}Z)(;|$)'),
  time_zone text not null
    constraint event_series_time_zone_check check (char_length(time_zone) <= 64 and private.is_time_zone(time_zone)),
  first_start timestamp not null,
  minutes integer not null constraint event_series_minutes_check check (minutes between 1 and 10080),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.event_series is
  'A recurring series: its RRULE (which ends), first start on its zone''s wall clock and length; its occurrences are events.';
comment on column public.event_series.first_start is
  'The first start on the wall clock of the series'' zone (the RRULE''s DTSTART;TZID=…).';

alter table public.event_series enable row level security;

create index event_series_created_by_idx on public.event_series (created_by);

alter table public.events
  add column series_id uuid references public.event_series (id) on delete cascade,
  add column recurrence_id timestamptz,
  add constraint events_occurrence_of_series check ((series_id is null) = (recurrence_id is null)),
  add constraint events_occurrence_once unique (series_id, recurrence_id);
comment on column public.events.series_id is 'The series this event is an occurrence of, if any.';
comment on column public.events.recurrence_id is
  'An occurrence''s start as its series'' rule gives it (RFC 5545 RECURRENCE-ID), kept when it is moved.';

-- At most 200 occurrences per series: the bound the app asks of a rule, kept here too. Security
-- definer: it locks the series' row (which the API roles may not update) and counts all of its
-- occurrences, also those the inserting person may not read.
create function public.events_series_bounded() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- One series' occurrences are added one transaction at a time (its row is locked).
  perform 1 from public.event_series s where s.id = new.series_id for update;
  if (select count(*) from public.events e where e.series_id = new.series_id) >= 200 then
    raise exception 'A series has at most 200 occurrences.' using errcode = '54000';
  end if;
  return new;
end;
$$;
comment on function public.events_series_bounded() is
  'Refuses a 201st occurrence of a series.';
revoke all on function public.events_series_bounded() from public, anon, authenticated;

create trigger events_series_bounded before insert on public.events
  for each row when (new.series_id is not null) execute function public.events_series_bounded();

-- Security definer: the insert policy on events asks whose a series is, past its own select
-- policy (which reads events: that recursion Postgres refuses).
create function private.made_series(series uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.event_series s where s.id = series and s.created_by = (select auth.uid())
  )
$$;
comment on function private.made_series(uuid) is
  'Whether the signed-in person made a series (and so may add its occurrences).';
revoke all on function private.made_series(uuid) from public, anon, authenticated;
grant execute on function private.made_series(uuid) to authenticated;

create policy "whoever reads an occurrence reads its series" on public.event_series
  for select to anon, authenticated
  using (event_series.created_by = (select auth.uid())
    or exists (select 1 from public.events e where e.series_id = event_series.id));
create policy "coordinators and admins make series" on public.event_series
  for insert to authenticated
  with check (event_series.created_by = (select auth.uid())
    and ((select private.is_platform_admin()) or (select private.coordinates_any())));

revoke all on public.event_series from anon, authenticated;
grant select on public.event_series to anon, authenticated;
grant insert (rrule, time_zone, first_start, minutes) on public.event_series to authenticated;
grant all on public.event_series to service_role;

-- An occurrence names a series its maker made; series_id and recurrence_id are never changed.
drop policy "coordinators and admins add events" on public.events;
create policy "coordinators and admins add events" on public.events
  for insert to authenticated
  with check (events.created_by = (select auth.uid())
    and ((select private.is_platform_admin()) or (select private.coordinates_any()))
    and (events.series_id is null or private.made_series(events.series_id)));
grant insert (series_id, recurrence_id) on public.events to authenticated;
