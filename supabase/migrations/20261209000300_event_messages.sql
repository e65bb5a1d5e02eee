-- Announcements, updates, cancellation notices and reminders of events, sent through the outbox
-- by a job that any instance of the app may run (src/lib/server/events/messages.ts).
--
-- public.event_dispatches: one row per message to send about an event: an announcement (asked
--   by an organiser, once per event), an update (its time or place changed) or a cancellation
--   notice (both written by the trigger events_dispatch_changes when its SEQUENCE rises). The
--   job claims a row `for update skip locked`, sends to its recipients in the same transaction
--   and marks it done; an instance that dies mid-way rolls back and the row waits for the next.
--   Organisers read their events' rows (when an event was announced); no one else.
-- public.event_deliveries: who was sent what: (event, person, kind, SEQUENCE) once. The job's
--   inserts `on conflict do nothing` make it idempotent: two instances, or a retried run, never
--   send a person the same message twice; a new time (a new SEQUENCE) is a new update and a new
--   reminder. Service only.
-- public.event_message_settings: what a person wants: announcements from their programmes (on
--   by default), a reminder a day before (on) and an hour before (off) the events they go to.
--   Each person reads and writes their own.
-- private.announce_event(event): an organiser asks for the announcement (once).

insert into private.notification_kinds (kind, about) values
  ('event_announced', 'an organising programme of the person announced an event'),
  ('event_updated', 'an event the person answered changed its time or place'),
  ('event_cancelled', 'an event the person answered was cancelled'),
  ('event_reminder', 'an event the person goes to starts in a day, or in an hour');

insert into private.mail_kinds (kind, about) values
  ('event_announced', 'to the members of an event''s organising programmes: a new event'),
  ('event_updated', 'to the people who answered an event: its time or place changed'),
  ('event_cancelled', 'to the people who answered an event: it is cancelled'),
  ('event_reminder', 'to the people going to an event: it starts in a day, or in an hour');

-- ─── settings ────────────────────────────────────────────────────────────────────────────────────

create table public.event_message_settings (
  profile_id uuid primary key references public.profiles (id) on delete cascade,
  announcements boolean not null default true,
  day_before boolean not null default true,
  hour_before boolean not null default false,
  updated_at timestamptz not null default now()
);
comment on table public.event_message_settings is
  'What a person wants to hear about events: announcements, a reminder a day before, an hour before (no row: the defaults).';

alter table public.event_message_settings enable row level security;

create policy "people read their event settings" on public.event_message_settings
  for select to authenticated using (event_message_settings.profile_id = (select auth.uid()));
create policy "people make their event settings" on public.event_message_settings
  for insert to authenticated with check (event_message_settings.profile_id = (select auth.uid()));
create policy "people change their event settings" on public.event_message_settings
  for update to authenticated
  using (event_message_settings.profile_id = (select auth.uid()))
  with check (event_message_settings.profile_id = (select auth.uid()));

revoke all on public.event_message_settings from anon, authenticated;
grant select, insert (profile_id, announcements, day_before, hour_before),
  update (announcements, day_before, hour_before, updated_at) on public.event_message_settings to authenticated;
grant all on public.event_message_settings to service_role;

-- ─── dispatches ──────────────────────────────────────────────────────────────────────────────────

create table public.event_dispatches (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  kind text not null constraint event_dispatches_kind_check check (kind in ('announcement', 'update', 'cancellation')),
  sequence integer not null,
  requested_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  done_at timestamptz,
  sent integer,
  constraint event_dispatches_once unique (event_id, kind, sequence)
);
comment on table public.event_dispatches is
  'Messages to send about an event (announcement, update, cancellation), claimed by the job with skip locked and marked done.';

alter table public.event_dispatches enable row level security;

create index event_dispatches_due_idx on public.event_dispatches (created_at) where done_at is null;
create index event_dispatches_requested_by_idx on public.event_dispatches (requested_by);

create policy "organisers read their events' dispatches" on public.event_dispatches
  for select to authenticated using (private.can_manage_event(event_dispatches.event_id));

revoke all on public.event_dispatches from anon, authenticated;
grant select on public.event_dispatches to authenticated;
grant all on public.event_dispatches to service_role;

create table public.event_deliveries (
  event_id uuid not null references public.events (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null constraint event_deliveries_kind_check check (kind in ('announcement', 'update',
    'cancellation', 'reminder_day', 'reminder_hour')),
  sequence integer not null,
  created_at timestamptz not null default now(),
  primary key (event_id, profile_id, kind, sequence)
);
comment on table public.event_deliveries is
  'Who was sent which message about an event, once per (event, person, kind, SEQUENCE): what makes the job idempotent.';

alter table public.event_deliveries enable row level security;
create index event_deliveries_profile_id_idx on public.event_deliveries (profile_id);
revoke all on public.event_deliveries from anon, authenticated;
grant all on public.event_deliveries to service_role;

-- Security definer: writes a dispatch (service only) for an organiser, once per event.
create function private.announce_event(event uuid) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  e public.events;
begin
  if not private.can_manage_event(event) then
    raise exception 'Only its organisers announce an event.' using errcode = '42501';
  end if;
  select * into e from public.events where id = event;
  if e.status = 'cancelled' or e.until_at <= now() then
    raise exception 'A cancelled or past event is not announced.' using errcode = '55000';
  end if;
  insert into public.event_dispatches (event_id, kind, sequence, requested_by)
    values (event, 'announcement', 0, (select auth.uid()))
    on conflict on constraint event_dispatches_once do nothing;
  return found;
end;
$$;
comment on function private.announce_event(uuid) is
  'An organiser asks for an event to be announced to its programmes'' members (true the first time, false once asked).';
revoke all on function private.announce_event(uuid) from public, anon, authenticated;
grant execute on function private.announce_event(uuid) to authenticated;

-- Security definer: writes a dispatch (service only) whenever an event's SEQUENCE rises.
create function public.events_dispatch_changes() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.until_at > now() and (new.status <> 'cancelled' or old.status <> 'cancelled') then
    insert into public.event_dispatches (event_id, kind, sequence, requested_by)
      values (new.id, case when new.status = 'cancelled' then 'cancellation' else 'update' end,
              new.sequence, (select auth.uid()))
      on conflict on constraint event_dispatches_once do nothing;
  end if;
  return null;
end;
$$;
comment on function public.events_dispatch_changes() is
  'Asks for an update (a new time or place) or a cancellation notice when an event''s SEQUENCE rises.';
revoke all on function public.events_dispatch_changes() from public, anon, authenticated;

create trigger events_dispatch_changes after update on public.events
  for each row when (new.sequence > old.sequence) execute function public.events_dispatch_changes();
