-- The IGF capacity-building track: its yearly cycles and their phases.
--
-- public.track_cycles: one cycle a year ("IGF 2027 capacity-building track"), its slug, words and
--   the venue's IANA time zone (the timetable's days and slots are in it). Everyone reads cycles;
--   admins add and change them.
-- public.track_phases: the cycle's phases (call, screening, review, decisions, timetable), each
--   with its start and end instants and what it allows (pretalx's model): whether proposers may
--   still edit, whether reviewers see each other's reviews, whether review is blind. Everyone
--   reads them (the deadlines are public); admins write them. The proposal, review and timetable
--   policies ask these rows what the moment allows, through the helpers below, so a rule is
--   enforced in the database and not only by the server.
-- private.track_may_edit(cycle): whether proposers may change proposals now.
-- private.track_call_open(cycle): whether a proposal may be submitted now.

create table public.track_cycles (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    constraint track_cycles_slug_check check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and char_length(slug) <= 60),
  title text not null
    constraint track_cycles_title_check check (char_length(btrim(title)) between 2 and 200),
  description text constraint track_cycles_description_check check (char_length(description) <= 20000),
  venue text constraint track_cycles_venue_check check (char_length(venue) <= 200),
  time_zone text not null
    constraint track_cycles_time_zone_check check (char_length(time_zone) <= 64 and private.is_time_zone(time_zone)),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.track_cycles is
  'A yearly cycle of the IGF capacity-building track: its words and the venue''s time zone. Read by everyone, written by admins.';

alter table public.track_cycles enable row level security;
create index track_cycles_created_by_idx on public.track_cycles (created_by);
create trigger track_cycles_touch_updated_at before update on public.track_cycles
  for each row execute function public.touch_updated_at();

create policy "everyone reads track cycles" on public.track_cycles
  for select to anon, authenticated using (true);
create policy "admins add track cycles" on public.track_cycles
  for insert to authenticated with check ((select private.is_platform_admin()));
create policy "admins change track cycles" on public.track_cycles
  for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy "admins remove track cycles" on public.track_cycles
  for delete to authenticated using ((select private.is_platform_admin()));

revoke all on public.track_cycles from anon, authenticated;
grant select on public.track_cycles to anon, authenticated;
grant insert (slug, title, description, venue, time_zone), update (slug, title, description, venue, time_zone),
  delete on public.track_cycles to authenticated;
grant all on public.track_cycles to service_role;

create table public.track_phases (
  id uuid primary key default gen_random_uuid(),
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  kind text not null
    constraint track_phases_kind_check check (kind in ('call', 'screening', 'review', 'decisions', 'timetable')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  proposers_may_edit boolean not null default false,
  reviewers_see_reviews boolean not null default false,
  blind_review boolean not null default true,
  updated_at timestamptz not null default now(),
  constraint track_phases_once unique (cycle_id, kind),
  constraint track_phases_ends_after_start check (ends_at > starts_at)
);
comment on table public.track_phases is
  'A phase of a track cycle (call, screening, review, decisions, timetable) with its instants and what it allows: proposers editing, reviewers seeing each other''s reviews, blind review.';
comment on column public.track_phases.proposers_may_edit is
  'Proposers may change their proposals while this phase lasts (the call: also before it opens, to prepare drafts).';

alter table public.track_phases enable row level security;
create trigger track_phases_touch_updated_at before update on public.track_phases
  for each row execute function public.touch_updated_at();

create policy "everyone reads track phases" on public.track_phases
  for select to anon, authenticated using (true);
create policy "admins add track phases" on public.track_phases
  for insert to authenticated with check ((select private.is_platform_admin()));
create policy "admins change track phases" on public.track_phases
  for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy "admins remove track phases" on public.track_phases
  for delete to authenticated using ((select private.is_platform_admin()));

revoke all on public.track_phases from anon, authenticated;
grant select on public.track_phases to anon, authenticated;
grant insert (cycle_id, kind, starts_at, ends_at, proposers_may_edit, reviewers_see_reviews, blind_review),
  update (starts_at, ends_at, proposers_may_edit, reviewers_see_reviews, blind_review), delete
  on public.track_phases to authenticated;
grant all on public.track_phases to service_role;

-- Proposers may edit while a phase that allows it has not ended; the call allows it from before
-- it opens (drafts are prepared early), any later phase only while it lasts.
create function private.track_may_edit(cycle uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (
    select 1 from public.track_phases p
    where p.cycle_id = cycle and p.proposers_may_edit and now() < p.ends_at
      and (p.kind = 'call' or now() >= p.starts_at)
  )
$$;
comment on function private.track_may_edit(uuid) is
  'Whether proposers may change their proposals of a cycle now (a phase that lets them has not ended).';
revoke all on function private.track_may_edit(uuid) from public;
grant execute on function private.track_may_edit(uuid) to anon, authenticated, service_role;

create function private.track_call_open(cycle uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (
    select 1 from public.track_phases p
    where p.cycle_id = cycle and p.kind = 'call' and now() >= p.starts_at and now() < p.ends_at
  )
$$;
comment on function private.track_call_open(uuid) is
  'Whether the call for proposals of a cycle is open now (proposals may be submitted).';
revoke all on function private.track_call_open(uuid) from public;
grant execute on function private.track_call_open(uuid) to anon, authenticated, service_role;
