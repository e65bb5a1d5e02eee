-- The track's timetable: rooms, slots, versions of who is where when, and its publication as
-- events of the calendar.
--
-- public.track_rooms: the rooms of a cycle, onsite (with a capacity) or online. Admins write them;
--   everyone reads them once the cycle has a published timetable.
-- public.track_slots: the timetable's slots, instants (starts_at, ends_at, and `during`, their
--   tstzrange) entered and shown in the venue's zone (track_cycles.time_zone). The days are the
--   venue's calendar days the slots fall on: no table of their own, so a day can never disagree
--   with its slots. Slots of a cycle never overlap (an exclusion constraint). Admins write them;
--   everyone reads them once published.
-- public.track_timetable_versions: one draft per cycle (the version being edited), saved versions
--   (snapshots of the draft, numbered, never changed again) and at most one published among the
--   saved ones. Admins read and write them; everyone reads the published one; proposers never
--   see a draft or an unpublished version.
-- public.track_placements: an accepted proposal of the cycle in a room from an instant; it lasts
--   the proposal's duration unless the admin says otherwise. An exclusion constraint (btree_gist)
--   makes a room holding two sessions at overlapping times impossible within a version, for every
--   writer. Only the draft changes; a saved version's placements are written once, by the save in
--   the transaction that saved it. Admins read and write; everyone reads the published version's.
-- public.track_session_events: the calendar event of each session ever published, by proposal
--   (its stable identity: re-publishing updates the same event, whose SEQUENCE the events' trigger
--   raises when its time or place changes), with the time and room it was last published at.
--   The honest model of who organises: the track is the platform's own (admins run it), not a
--   programme's, an organisation's or a space's, so the event has no event_organisers row; admins
--   manage it as they manage every event, and this row gives it the cycle as its context.
--   Everyone reads it (it says only which event a published session is).
-- Publication: private.track_publish_timetable(version) (admins): the version becomes the published
--   one, each placed session becomes or updates its public 'igf-session' event in the venue's
--   zone, sessions no longer placed have their event cancelled, and the proposers and member
--   speakers of a session whose time or room changed are told (notification kinds
--   track_session_moved and track_session_cancelled); people who answered the event are told by
--   the events' own update dispatch (events_dispatch_changes), as for any event that moves.
--   Refused (CC101) before the cycle's timetable phase starts, if it has one.
-- Proposals and their speakers in the published timetable are read by everyone (never the
--   speakers' genders, which live apart).

create extension if not exists btree_gist with schema extensions;

insert into private.notification_kinds (kind, about) values
  ('track_session_moved', 'a track session the person proposes or speaks in moved to another time or room in the published timetable'),
  ('track_session_cancelled', 'a track session the person proposes or speaks in left the published timetable');

-- ─── versions ────────────────────────────────────────────────────────────────────────────────────

create table public.track_timetable_versions (
  id uuid primary key default gen_random_uuid(),
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  state text not null default 'draft'
    constraint track_timetable_versions_state_check check (state in ('draft', 'saved')),
  number integer constraint track_timetable_versions_number_check check (number >= 1),
  note text constraint track_timetable_versions_note_check check (char_length(note) <= 200),
  is_published boolean not null default false,
  published_at timestamptz,
  saved_at timestamptz,
  saved_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint track_timetable_versions_numbered_when_saved
    check ((state = 'saved') = (number is not null and saved_at is not null)),
  constraint track_timetable_versions_published_when_saved
    check (not is_published or (state = 'saved' and published_at is not null)),
  constraint track_timetable_versions_number_once unique (cycle_id, number)
);
comment on table public.track_timetable_versions is
  'Versions of a track cycle''s timetable: the one draft being edited, saved (numbered, unchanging) snapshots, at most one of them published.';

alter table public.track_timetable_versions enable row level security;
create unique index track_timetable_versions_one_draft_idx
  on public.track_timetable_versions (cycle_id) where state = 'draft';
create unique index track_timetable_versions_one_published_idx
  on public.track_timetable_versions (cycle_id) where is_published;
create index track_timetable_versions_saved_by_idx on public.track_timetable_versions (saved_by);

create policy "admins read every version, members the published one" on public.track_timetable_versions
  for select to authenticated
  using (track_timetable_versions.is_published or (select private.is_platform_admin()));
create policy "visitors read the published version" on public.track_timetable_versions
  for select to anon
  using (track_timetable_versions.is_published);
-- The draft is made by an admin; saving and publishing go through the functions below.
create policy "admins start the draft" on public.track_timetable_versions
  for insert to authenticated
  with check ((select private.is_platform_admin()) and track_timetable_versions.state = 'draft');

revoke all on public.track_timetable_versions from anon, authenticated;
grant select on public.track_timetable_versions to anon, authenticated;
grant insert (cycle_id) on public.track_timetable_versions to authenticated;
grant all on public.track_timetable_versions to service_role;

-- ─── placements ──────────────────────────────────────────────────────────────────────────────────

-- ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

-- Security definer: reads the versions past their policies (which ask it).
create function private.track_timetable_published(cycle uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.track_timetable_versions v where v.cycle_id = cycle and v.is_published
  )
$$;
comment on function private.track_timetable_published(uuid) is
  'Whether a track cycle has a published timetable (its rooms and slots are then public).';
revoke all on function private.track_timetable_published(uuid) from public;
grant execute on function private.track_timetable_published(uuid) to anon, authenticated, service_role;

-- ─── rooms ───────────────────────────────────────────────────────────────────────────────────────

create table public.track_rooms (
  id uuid primary key default gen_random_uuid(),
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  name text not null constraint track_rooms_name_check check (char_length(btrim(name)) between 1 and 120),
  kind text not null constraint track_rooms_kind_check check (kind in ('onsite', 'online')),
  capacity integer constraint track_rooms_capacity_check check (capacity between 1 and 100000),
  position smallint not null default 0,
  created_at timestamptz not null default now(),
  constraint track_rooms_name_once unique (cycle_id, name),
  constraint track_rooms_capacity_when_onsite check ((kind = 'onsite') = (capacity is not null))
);
comment on table public.track_rooms is
  'The rooms of a track cycle''s timetable: onsite with a capacity, or online. Admins write; everyone reads once the timetable is published.';

alter table public.track_rooms enable row level security;

create policy "admins and, once published, members read rooms" on public.track_rooms
  for select to authenticated
  using ((select private.is_platform_admin()) or private.track_timetable_published(track_rooms.cycle_id));
create policy "visitors read a published timetable's rooms" on public.track_rooms
  for select to anon
  using (private.track_timetable_published(track_rooms.cycle_id));
create policy "admins add rooms" on public.track_rooms
  for insert to authenticated with check ((select private.is_platform_admin()));
create policy "admins change rooms" on public.track_rooms
  for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy "admins remove rooms" on public.track_rooms
  for delete to authenticated using ((select private.is_platform_admin()));

revoke all on public.track_rooms from anon, authenticated;
grant select on public.track_rooms to anon, authenticated;
grant insert (cycle_id, name, kind, capacity, position), update (name, kind, capacity, position), delete
  on public.track_rooms to authenticated;
grant all on public.track_rooms to service_role;

-- ─── slots ───────────────────────────────────────────────────────────────────────────────────────

create table public.track_slots (
  id uuid primary key default gen_random_uuid(),
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  during tstzrange not null generated always as (tstzrange(starts_at, ends_at, '[)')) stored,
  created_at timestamptz not null default now(),
  constraint track_slots_ends_after_start check (ends_at > starts_at),
  constraint track_slots_at_most_a_day check (ends_at - starts_at <= interval '12 hours'),
  constraint track_slots_no_overlap exclude using gist (cycle_id with =, during with &&)
);
comment on table public.track_slots is
  'The slots of a track cycle''s timetable (instants, shown in the venue''s zone; the days are the venue''s days they fall on). Never overlapping within a cycle.';

alter table public.track_slots enable row level security;

create policy "admins and, once published, members read slots" on public.track_slots
  for select to authenticated
  using ((select private.is_platform_admin()) or private.track_timetable_published(track_slots.cycle_id));
create policy "visitors read a published timetable's slots" on public.track_slots
  for select to anon
  using (private.track_timetable_published(track_slots.cycle_id));
create policy "admins add slots" on public.track_slots
  for insert to authenticated with check ((select private.is_platform_admin()));
create policy "admins change slots" on public.track_slots
  for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy "admins remove slots" on public.track_slots
  for delete to authenticated using ((select private.is_platform_admin()));

revoke all on public.track_slots from anon, authenticated;
grant select on public.track_slots to anon, authenticated;
grant insert (cycle_id, starts_at, ends_at), update (starts_at, ends_at), delete
  on public.track_slots to authenticated;
grant all on public.track_slots to service_role;

-- Security definer: reads a version past its policy, for the placements' policies.
create function private.track_version_is_draft(version uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.track_timetable_versions v where v.id = version and v.state = 'draft')
$$;
comment on function private.track_version_is_draft(uuid) is
  'Whether a timetable version is its cycle''s draft (the only one whose placements change).';
revoke all on function private.track_version_is_draft(uuid) from public;
grant execute on function private.track_version_is_draft(uuid) to anon, authenticated, service_role;

create table public.track_placements (
  id uuid primary key default gen_random_uuid(),
  version_id uuid not null references public.track_timetable_versions (id) on delete cascade,
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  proposal_id uuid not null references public.track_proposals (id) on delete cascade,
  room_id uuid not null references public.track_rooms (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  during tstzrange not null generated always as (tstzrange(starts_at, ends_at, '[)')) stored,
  placed_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint track_placements_ends_after_start check (ends_at > starts_at),
  constraint track_placements_once unique (version_id, proposal_id),
  constraint track_placements_room_free exclude using gist (version_id with =, room_id with =, during with &&)
);
comment on table public.track_placements is
  'A session of a timetable version: an accepted proposal in a room from an instant; a room never holds two sessions at overlapping times (exclusion constraint).';
comment on constraint track_placements_room_free on public.track_placements is
  'A room holds one session at a time within a version (the page maps its refusal to a clear message).';

alter table public.track_placements enable row level security;
create index track_placements_proposal_id_idx on public.track_placements (proposal_id);
create index track_placements_room_id_idx on public.track_placements (room_id);
create index track_placements_cycle_id_idx on public.track_placements (cycle_id);
create index track_placements_placed_by_idx on public.track_placements (placed_by);

-- Every writer: the proposal is an accepted one of the version's cycle, the room is the cycle's,
-- the end defaults to the proposal's duration. The API roles write only into the draft, and into a
-- saved version only in the transaction that saved it (saved_at = now(), the transaction's instant).
create function private.track_placements_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v public.track_timetable_versions;
  minutes integer;
begin
  select * into v from public.track_timetable_versions where id = new.version_id;
  if v.state = 'saved' and v.saved_at <> now() and current_setting('role') in ('authenticated', 'anon') then
    raise exception 'a saved timetable version does not change' using errcode = '55000';
  end if;
  new.cycle_id := v.cycle_id;
  select p.duration_minutes into minutes
  from public.track_proposals p
  where p.id = new.proposal_id and p.cycle_id = v.cycle_id and p.status = 'accepted';
  if not found then
    raise exception 'only an accepted proposal of this cycle is placed' using errcode = '23514';
  end if;
  if not exists (select 1 from public.track_rooms r where r.id = new.room_id and r.cycle_id = v.cycle_id) then
    raise exception 'the room is not one of this cycle' using errcode = '23514';
  end if;
  if new.ends_at is null or (tg_op = 'UPDATE' and new.starts_at <> old.starts_at and new.ends_at = old.ends_at) then
    new.ends_at := new.starts_at + make_interval(mins => coalesce(minutes, 60));
  end if;
  return new;
end
$$;
revoke all on function private.track_placements_guard() from public, anon, authenticated;
create trigger track_placements_guard before insert or update on public.track_placements
  for each row execute function private.track_placements_guard();

create policy "admins read every placement, members the published ones" on public.track_placements
  for select to authenticated
  using ((select private.is_platform_admin()) or exists (
    select 1 from public.track_timetable_versions v
    where v.id = track_placements.version_id and v.is_published
  ));
create policy "visitors read the published placements" on public.track_placements
  for select to anon
  using (exists (
    select 1 from public.track_timetable_versions v
    where v.id = track_placements.version_id and v.is_published
  ));
create policy "admins place sessions" on public.track_placements
  for insert to authenticated with check ((select private.is_platform_admin()));
-- Only the draft changes (a cycle's deletion still removes every version: cascades pass RLS by).
create policy "admins move sessions in the draft" on public.track_placements
  for update to authenticated
  using ((select private.is_platform_admin()) and private.track_version_is_draft(track_placements.version_id))
  with check ((select private.is_platform_admin()));
create policy "admins take sessions off the draft" on public.track_placements
  for delete to authenticated
  using ((select private.is_platform_admin()) and private.track_version_is_draft(track_placements.version_id));

revoke all on public.track_placements from anon, authenticated;
grant select on public.track_placements to anon, authenticated;
-- cycle_id is the trigger's (the version's cycle); ends_at defaults to the proposal's duration.
grant insert (version_id, cycle_id, proposal_id, room_id, starts_at, ends_at),
  update (room_id, starts_at, ends_at), delete on public.track_placements to authenticated;
grant all on public.track_placements to service_role;

-- ─── the published sessions' events ──────────────────────────────────────────────────────────────

create table public.track_session_events (
  proposal_id uuid primary key references public.track_proposals (id) on delete cascade,
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  event_id uuid not null unique references public.events (id) on delete cascade,
  room_id uuid references public.track_rooms (id) on delete set null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  cancelled boolean not null default false,
  published_at timestamptz not null default now()
);
comment on table public.track_session_events is
  'The calendar event of each published track session (its stable identity across publications), with the cycle as its context and the time and room last published.';

alter table public.track_session_events enable row level security;
create index track_session_events_cycle_id_idx on public.track_session_events (cycle_id);
create index track_session_events_room_id_idx on public.track_session_events (room_id);

create policy "everyone reads which event a published session is" on public.track_session_events
  for select to anon, authenticated using (true);

revoke all on public.track_session_events from anon, authenticated;
grant select on public.track_session_events to anon, authenticated;
grant all on public.track_session_events to service_role;

-- ─── the published timetable's proposals and speakers ────────────────────────────────────────────

-- Security definer: reads placements and versions past their policies.
create function private.track_proposal_published(proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.track_placements pl
    join public.track_timetable_versions v on v.id = pl.version_id and v.is_published
    where pl.proposal_id = proposal
  )
$$;
comment on function private.track_proposal_published(uuid) is
  'Whether a track proposal is a session of its cycle''s published timetable (then everyone reads it and its speakers).';
revoke all on function private.track_proposal_published(uuid) from public;
grant execute on function private.track_proposal_published(uuid) to anon, authenticated, service_role;

-- One read policy per role (the advisor's rule): members' is the proposers' and admins' one widened.
drop policy "proposers and admins read proposals" on public.track_proposals;
create policy "proposers, admins and, once published, everyone read proposals" on public.track_proposals
  for select to authenticated
  using (
    -- The lead by the row itself: a new row (insert … returning) is not yet there for the helper.
    track_proposals.proposer_id = (select auth.uid())
    or private.is_track_proposer(track_proposals.id)
    or private.is_asked_to_co_propose(track_proposals.id)
    or (select private.is_platform_admin())
    or private.track_proposal_published(track_proposals.id)
  );
create policy "visitors read the published timetable's proposals" on public.track_proposals
  for select to anon
  using (private.track_proposal_published(track_proposals.id));
drop policy "proposers and admins read speakers" on public.track_speakers;
create policy "proposers, admins and, once published, everyone read speakers" on public.track_speakers
  for select to authenticated
  using (private.is_track_proposer(track_speakers.proposal_id) or (select private.is_platform_admin())
    or private.track_proposal_published(track_speakers.proposal_id));
create policy "visitors read the published timetable's speakers" on public.track_speakers
  for select to anon
  using (private.track_proposal_published(track_speakers.proposal_id));
grant select on public.track_proposals to anon;
grant select on public.track_speakers to anon;

-- ─── saving and publishing ───────────────────────────────────────────────────────────────────────

-- Security definer: writes the version's number and instant, which the API roles may not. The
-- draft's placements are copied into a new numbered version, saved now (the guard lets this
-- transaction write it, and no other). Checks that the caller is an admin first.
create function private.track_save_timetable(cycle uuid, version_note text) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  draft uuid;
  saved uuid;
begin
  if not (select private.is_platform_admin()) then
    raise exception 'only admins save the timetable' using errcode = '42501';
  end if;
  select v.id into draft from public.track_timetable_versions v where v.cycle_id = cycle and v.state = 'draft';
  if not found then
    raise exception 'this cycle has no draft timetable' using errcode = 'P0002';
  end if;
  insert into public.track_timetable_versions (cycle_id, state, number, note, saved_at, saved_by)
  values (cycle, 'saved',
          coalesce((select max(v.number) from public.track_timetable_versions v where v.cycle_id = cycle), 0) + 1,
          nullif(btrim(version_note), ''), now(), (select auth.uid()))
  returning id into saved;
  insert into public.track_placements (version_id, cycle_id, proposal_id, room_id, starts_at, ends_at, placed_by)
  select saved, p.cycle_id, p.proposal_id, p.room_id, p.starts_at, p.ends_at, p.placed_by
  from public.track_placements p where p.version_id = draft;
  return saved;
end
$$;
comment on function private.track_save_timetable(uuid, text) is
  'An admin saves the draft timetable of a cycle as a new numbered version (returns it).';
revoke all on function private.track_save_timetable(uuid, text) from public, anon;
grant execute on function private.track_save_timetable(uuid, text) to authenticated, service_role;

-- An event's slug from a session's title: lower-case Latin words joined by hyphens, or
-- 'igf-session' when the title has none (the event's id leads its address anyway).
create function private.track_event_slug(title text) returns text
language sql
immutable
set search_path = ''
as $$
  select coalesce(nullif(btrim(left(btrim(regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'), '-'), 70), '-'), ''),
                  'igf-session')
$$;
comment on function private.track_event_slug(text) is
  'The calendar slug of a track session''s event, from its title.';
revoke all on function private.track_event_slug(text) from public, anon, authenticated;
grant execute on function private.track_event_slug(text) to service_role;

-- Security definer: writes events as the admin who publishes (created_by), reads every proposer
-- and speaker, and writes their notifications (public.notify is the service's). Checks that the
-- caller is an admin first.
create function private.track_publish_timetable(version uuid) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v public.track_timetable_versions;
  c public.track_cycles;
  s record;
  link public.track_session_events;
  event uuid;
  person uuid;
  told integer := 0;
begin
  if not (select private.is_platform_admin()) then
    raise exception 'only admins publish the timetable' using errcode = '42501';
  end if;
  select * into v from public.track_timetable_versions where id = version for update;
  if not found then
    raise exception 'no such timetable version' using errcode = 'P0002';
  end if;
  if v.state <> 'saved' then
    raise exception 'save the draft as a version to publish it' using errcode = '55000';
  end if;
  select * into c from public.track_cycles where id = v.cycle_id for update;
  if exists (
    select 1 from public.track_phases p where p.cycle_id = c.id and p.kind = 'timetable' and now() < p.starts_at
  ) then
    raise exception 'the timetable phase has not started' using errcode = 'CC101';
  end if;

  update public.track_timetable_versions set is_published = false
  where cycle_id = c.id and is_published and id <> version;
  update public.track_timetable_versions set is_published = true, published_at = now() where id = version;

  for s in
    select pl.proposal_id, pl.room_id, pl.starts_at, pl.ends_at, pr.title, pr.description, pr.languages,
           pr.topics, r.name as room_name, r.kind as room_kind
    from public.track_placements pl
    join public.track_proposals pr on pr.id = pl.proposal_id
    join public.track_rooms r on r.id = pl.room_id
    where pl.version_id = version
    order by pl.starts_at, r.position, r.name
  loop
    select * into link from public.track_session_events where proposal_id = s.proposal_id for update;
    if not found then
      -- Onsite rooms are hybrid: every IGF session takes part online too.
      insert into public.events (slug, title, description, kind, format, venue_name, time_zone,
                                 starts_at, ends_at, languages, topics, visibility, status, created_by)
      values (private.track_event_slug(s.title), s.title, s.description, 'igf-session',
              case when s.room_kind = 'online' then 'online' else 'hybrid' end,
              case when s.room_kind = 'online' then null
                   else left(coalesce(nullif(btrim(c.venue), '') || ' — ', '') || s.room_name, 200) end,
              c.time_zone, s.starts_at, s.ends_at, s.languages, s.topics, 'public', 'scheduled',
              (select auth.uid()))
      returning id into event;
      insert into public.track_session_events (proposal_id, cycle_id, event_id, room_id, starts_at, ends_at)
      values (s.proposal_id, c.id, event, s.room_id, s.starts_at, s.ends_at);
    else
      update public.events set
        title = s.title,
        description = s.description,
        format = case when s.room_kind = 'online' then 'online' else 'hybrid' end,
        venue_name = case when s.room_kind = 'online' then null
                          else left(coalesce(nullif(btrim(c.venue), '') || ' — ', '') || s.room_name, 200) end,
        time_zone = c.time_zone,
        starts_at = s.starts_at,
        ends_at = s.ends_at,
        languages = s.languages,
        topics = s.topics,
        status = 'scheduled'
      where id = link.event_id;
      if link.cancelled or (link.starts_at, link.ends_at, link.room_id)
           is distinct from (s.starts_at, s.ends_at, s.room_id) then
        for person in select distinct x.id from private.track_session_people(s.proposal_id) x loop
          perform public.notify(person, 'track_session_moved', jsonb_build_object(
            'cycle_slug', c.slug, 'proposal_id', s.proposal_id, 'proposal_title', s.title,
            'event_id', link.event_id, 'event_slug', (select e.slug from public.events e where e.id = link.event_id),
            'starts_at', s.starts_at, 'room', s.room_name));
          told := told + 1;
        end loop;
      end if;
      update public.track_session_events set
        room_id = s.room_id, starts_at = s.starts_at, ends_at = s.ends_at, cancelled = false, published_at = now()
      where proposal_id = s.proposal_id;
    end if;
  end loop;

  -- Sessions published before and placed no more: their event is cancelled and their people told.
  for link in
    select se.* from public.track_session_events se
    where se.cycle_id = c.id and not se.cancelled
      and not exists (select 1 from public.track_placements pl where pl.version_id = version and pl.proposal_id = se.proposal_id)
    for update
  loop
    update public.events set status = 'cancelled' where id = link.event_id;
    update public.track_session_events set cancelled = true, published_at = now() where proposal_id = link.proposal_id;
    for person in select distinct x.id from private.track_session_people(link.proposal_id) x loop
      perform public.notify(person, 'track_session_cancelled', jsonb_build_object(
        'cycle_slug', c.slug, 'proposal_id', link.proposal_id,
        'proposal_title', (select p.title from public.track_proposals p where p.id = link.proposal_id),
        'event_id', link.event_id, 'event_slug', (select e.slug from public.events e where e.id = link.event_id)));
      told := told + 1;
    end loop;
  end loop;
  return told;
end
$$;
comment on function private.track_publish_timetable(uuid) is
  'An admin publishes a saved timetable version: its sessions become (or update) public igf-session events, sessions no longer placed are cancelled, and the people of moved or cancelled sessions are told (returns how many notices).';
revoke all on function private.track_publish_timetable(uuid) from public, anon;
grant execute on function private.track_publish_timetable(uuid) to authenticated, service_role;

-- The members a session's changes are told to: its lead proposer, its co-proposers who accepted
-- and its speakers (and moderator) who are members.
create function private.track_session_people(proposal uuid) returns table (id uuid)
language sql
stable
set search_path = ''
as $$
  select p.proposer_id from public.track_proposals p where p.id = proposal
  union
  select c.profile_id from public.track_co_proposers c where c.proposal_id = proposal and c.status = 'accepted'
  union
  select s.profile_id from public.track_speakers s where s.proposal_id = proposal and s.profile_id is not null
$$;
comment on function private.track_session_people(uuid) is
  'The members told when a track session moves: the lead proposer, accepted co-proposers and member speakers.';
revoke all on function private.track_session_people(uuid) from public, anon, authenticated;
grant execute on function private.track_session_people(uuid) to service_role;
