-- Who may read a programme-only event, asked once per query instead of once per event.
--
-- The members' read policy on public.events asked two security definer functions for every event
-- for its programmes' members (private.in_event_audience, private.can_manage_event): each call
-- runs its own queries, and a page of the calendar that passed a few dozen such events spent
-- most of its time in them. Now:
--
-- public.events.organiser_ids: the ids of the event's organising programmes, organisations and
--   spaces, the same set as its rows in public.event_organisers, kept by triggers on that table
--   (written by nothing else). Not readable by the API roles: a space's id is not for people who
--   may not read the space (the organisers' own policy hides it).
-- private.event_audience_ids(): the signed-in person's side, once per query: the programmes they
--   are a verified member of and those programmes' organisations, the spaces they belong to (not
--   while suspended) and the open spaces they moderate.
-- The policy: public and members' events, their own, everything for an admin, and the events one
--   of whose organisers is in that set. It admits exactly what the former one did: a verified
--   member of an organising programme (or of a programme of an organising organisation) or an
--   unsuspended member of an organising space (in_event_audience), and the event's managers
--   (can_manage_event: admins, coordinators, who are verified members, moderators of an
--   organising open space, and the creator, who reads their own events anyway). Both functions
--   stay for the rest of the domain; tests/db/event-audience.test.ts checks the two agree.

alter table public.events add column organiser_ids uuid[] not null default '{}';
comment on column public.events.organiser_ids is
  'The ids of the event''s organising programmes, organisations and spaces (as public.event_organisers holds them), kept by its triggers; what the read policy matches against the viewer''s audience.';

-- ─── the copy of the organisers ──────────────────────────────────────────────────────────────────

-- An event's organisers as one array. Read by the triggers below (their owner's rights).
create function private.organiser_ids_of(event uuid) returns uuid[]
language sql
stable
set search_path = ''
as $$
  select coalesce(array_agg(coalesce(o.programme_id, o.organisation_id, o.space_id)
                            order by o.created_at, o.id), '{}')
  from public.event_organisers o
  where o.event_id = event
$$;
comment on function private.organiser_ids_of(uuid) is
  'The ids of an event''s organisers (programmes, organisations, spaces), as events.organiser_ids keeps them.';
revoke all on function private.organiser_ids_of(uuid) from public, anon, authenticated;
grant execute on function private.organiser_ids_of(uuid) to service_role;

-- Security definer: writes events.organiser_ids, which no API role may; the changed rows' events
-- only. Once per statement, from its transition tables: a bulk insert refreshes each event once.
create function private.event_organisers_copy() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    update public.events e set organiser_ids = private.organiser_ids_of(e.id)
    where e.id in (select n.event_id from new_rows n);
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    update public.events e set organiser_ids = private.organiser_ids_of(e.id)
    where e.id in (select o.event_id from old_rows o);
  end if;
  return null;
end;
$$;
comment on function private.event_organisers_copy() is
  'Keeps events.organiser_ids equal to the event''s rows in event_organisers.';
revoke all on function private.event_organisers_copy() from public, anon, authenticated;

create trigger event_organisers_copy_added after insert on public.event_organisers
  referencing new table as new_rows
  for each statement execute function private.event_organisers_copy();
create trigger event_organisers_copy_changed after update on public.event_organisers
  referencing new table as new_rows old table as old_rows
  for each statement execute function private.event_organisers_copy();
create trigger event_organisers_copy_removed after delete on public.event_organisers
  referencing old table as old_rows
  for each statement execute function private.event_organisers_copy();

-- The copy is not a change of the event: its updated_at (a feed's DTSTAMP) stays. (Its SEQUENCE
-- stays too: events_raise_sequence looks at time and place only.)
drop trigger events_touch_updated_at on public.events;
create trigger events_touch_updated_at before update on public.events
  for each row when (old.organiser_ids is not distinct from new.organiser_ids)
  execute function public.touch_updated_at();

update public.events e set organiser_ids = private.organiser_ids_of(e.id)
where exists (select 1 from public.event_organisers o where o.event_id = e.id);

-- The API roles read every column but the copy.
revoke select on public.events from anon, authenticated;
grant select (id, slug, title, description, kind, format, venue_name, venue_address, venue_city,
  country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, sort_at, until_at,
  languages, topics, capacity, seats_taken, registration_opens_at, registration_closes_at,
  visibility, status, created_by, created_at, updated_at, sequence, series_id, recurrence_id,
  target_groups)
  on public.events to anon, authenticated;

-- ─── the viewer's side ───────────────────────────────────────────────────────────────────────────

-- Security definer: reads memberships, programmes and space_members past their policies; answers
-- only about the signed-in person.
create function private.event_audience_ids() returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(distinct ids.id), '{}')
  from (
    select m.programme_id as id
    from public.memberships m
    where m.profile_id = (select auth.uid()) and m.status = 'verified'
    union all
    select p.organisation_id
    from public.memberships m
    join public.programmes p on p.id = m.programme_id
    where m.profile_id = (select auth.uid()) and m.status = 'verified'
    union all
    select m.space_id
    from public.space_members m
    where m.profile_id = (select auth.uid())
      and (m.suspended_until is null or m.suspended_until <= now())
    union all
    select m.space_id
    from public.space_members m
    join public.spaces s on s.id = m.space_id and s.status = 'open'
    where m.profile_id = (select auth.uid()) and m.role = 'moderator'
  ) ids
$$;
comment on function private.event_audience_ids() is
  'The programmes (verified membership), their organisations and the spaces (member, not suspended; or moderator of an open one) whose programme-only events the signed-in person may read.';
revoke all on function private.event_audience_ids() from public, anon, authenticated;
grant execute on function private.event_audience_ids() to authenticated, service_role;

-- ─── the policy ──────────────────────────────────────────────────────────────────────────────────

drop policy "members read public, members' and their own audience's events" on public.events;
create policy "members read public, members' and their own audience's events" on public.events
  for select to authenticated
  using (events.visibility in ('public', 'members')
    or events.created_by = (select auth.uid())
    or (select private.is_platform_admin())
    or events.organiser_ids && (select private.event_audience_ids()));
