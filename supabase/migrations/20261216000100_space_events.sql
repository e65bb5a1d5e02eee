-- Spaces organise events: a working group's call, a regional space's preparatory meeting, a topic
-- space's webinar, co-organised with programmes and organisations.
--
-- public.event_organisers gains space_id (exactly one of programme, organisation and space per
--   row). A space's own moderators manage the events it organises. An organiser row naming a space
--   the viewer may not read is not returned: a private working group's name never shows on a
--   public event.
-- Who may add events: admins, verified coordinators, and the moderators of an open space
--   (private.organises_any(), which replaces private.coordinates_any()). The first organiser of a
--   new event is a programme its creator coordinates or a space they moderate.
-- The event's audience 'programmes' (the value the product uses for "the people I share a
--   programme with") now also takes in the members of its organising spaces who are not
--   suspended: private.in_event_audience() replaces private.in_event_programmes(). Announcements
--   go to the same people (the job in src/lib/server/db/event-messages.ts).

alter table public.event_organisers
  add column space_id uuid references public.spaces (id) on delete cascade;
alter table public.event_organisers
  drop constraint event_organisers_exactly_one,
  add constraint event_organisers_exactly_one
    check (num_nonnulls(programme_id, organisation_id, space_id) = 1),
  drop constraint event_organisers_once,
  add constraint event_organisers_once
    unique nulls not distinct (event_id, programme_id, organisation_id, space_id);
create index event_organisers_space_id_idx on public.event_organisers (space_id);
comment on table public.event_organisers is
  'Who organises an event: programmes, organisations and spaces (exactly one per row); their coordinators or the space''s moderators edit it.';

-- Security definer: reads space_members and spaces past their policies; answers only about the
-- signed-in person.
create function private.moderates_open_space(space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.space_members m
    join public.spaces s on s.id = m.space_id and s.status = 'open'
    where m.space_id = space and m.profile_id = (select auth.uid()) and m.role = 'moderator'
  )
$$;
comment on function private.moderates_open_space(uuid) is
  'Whether the signed-in person is a moderator of an open space (its own moderators; the platform''s moderators moderate posts, they do not organise a space''s events).';
revoke all on function private.moderates_open_space(uuid) from public, anon, authenticated;
grant execute on function private.moderates_open_space(uuid) to authenticated, service_role;

-- Security definer: reads memberships and space_members, which members may not all read.
create function private.organises_any() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1 from public.memberships m
      where m.profile_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'verified'
    )
    or exists (
      select 1
      from public.space_members m
      join public.spaces s on s.id = m.space_id and s.status = 'open'
      where m.profile_id = (select auth.uid()) and m.role = 'moderator'
    )
$$;
comment on function private.organises_any() is
  'Whether the signed-in person may add events: a verified coordinator of a programme or a moderator of an open space.';
revoke all on function private.organises_any() from public, anon, authenticated;
grant execute on function private.organises_any() to authenticated;

create or replace function private.can_manage_event(event uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select (select auth.uid()) is not null and (
    (select private.is_platform_admin())
    or exists (
      select 1
      from public.event_organisers o
      left join public.programmes p on p.organisation_id = o.organisation_id
      join public.memberships m
        on m.programme_id = coalesce(o.programme_id, p.id)
       and m.profile_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'verified'
      where o.event_id = event
    )
    or exists (
      select 1
      from public.event_organisers o
      where o.event_id = event and private.moderates_open_space(o.space_id)
    )
    or exists (
      select 1 from public.events e
      where e.id = event and e.created_by = (select auth.uid())
        and not exists (select 1 from public.event_organisers o where o.event_id = event)
    )
  )
$$;
comment on function private.can_manage_event(uuid) is
  'Whether the signed-in person organises an event: a platform admin, a verified coordinator of an organising programme or of a programme of an organising organisation, a moderator of an organising space, or its creator while it has no organiser.';

-- Security definer: reads organisers, memberships and space_members.
create function private.in_event_audience(event uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1
      from public.event_organisers o
      left join public.programmes p on p.organisation_id = o.organisation_id
      join public.memberships m
        on m.programme_id = coalesce(o.programme_id, p.id)
       and m.profile_id = (select auth.uid()) and m.status = 'verified'
      where o.event_id = event
    )
    or exists (
      select 1
      from public.event_organisers o
      join public.space_members m
        on m.space_id = o.space_id and m.profile_id = (select auth.uid())
       and (m.suspended_until is null or m.suspended_until <= now())
      where o.event_id = event
    )
$$;
comment on function private.in_event_audience(uuid) is
  'Whether the signed-in person is in an event''s own audience: a verified member of an organising programme (or of a programme of an organising organisation), or a member of an organising space who is not suspended.';
revoke all on function private.in_event_audience(uuid) from public, anon, authenticated;
grant execute on function private.in_event_audience(uuid) to authenticated, service_role;

-- Answering asks who may read the event as its policy does: the same audience.
create or replace function private.rsvp(event uuid, answer text, note text default null)
returns table (response text, waitlist_position integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  e public.events;
  before public.event_rsvps;
  was_seated boolean;
  place integer;
begin
  if me is null then
    raise exception 'Sign in to answer.' using errcode = '42501';
  end if;
  if answer is null or answer not in ('going', 'interested', 'not-going') then
    raise exception 'Not an answer.' using errcode = '22023';
  end if;
  note := nullif(btrim(note), '');

  select * into e from public.events ev where ev.id = event for update;
  if e.id is null or not (e.visibility in ('public', 'members')
      or private.in_event_audience(e.id) or private.can_manage_event(e.id)) then
    raise exception 'No such event.' using errcode = 'P0002';
  end if;

  select * into before from public.event_rsvps r where r.event_id = event and r.profile_id = me;
  was_seated := before.response = 'going' and before.waitlist_position is null;

  if answer = 'going' and before.response = 'going' then
    update public.event_rsvps r set note = rsvp.note, updated_at = clock_timestamp()
      where r.event_id = event and r.profile_id = me;
    return query select before.response, before.waitlist_position;
    return;
  end if;

  if answer = 'going' then
    if e.status = 'cancelled' then
      raise exception 'This event is cancelled.' using errcode = '55000';
    end if;
    if e.until_at <= now() then
      raise exception 'This event is over.' using errcode = '55000';
    end if;
    if (e.registration_opens_at is not null and now() < e.registration_opens_at)
       or (e.registration_closes_at is not null and now() >= e.registration_closes_at) then
      raise exception 'Registration is not open.' using errcode = '55000';
    end if;
    -- Anyone already waiting goes first (the capacity may have grown).
    perform private.fill_seats(event);
    select * into e from public.events ev where ev.id = event;
    if e.capacity is null or e.seats_taken < e.capacity then
      place := null;
      update public.events ev set seats_taken = ev.seats_taken + 1 where ev.id = event;
    else
      select coalesce(max(r.waitlist_position), 0) + 1 into place
        from public.event_rsvps r where r.event_id = event;
    end if;
  else
    place := null;
  end if;

  insert into public.event_rsvps as r (event_id, profile_id, response, waitlist_position, note)
    values (event, me, answer, place, note)
    on conflict (event_id, profile_id) do update
      set response = excluded.response, waitlist_position = excluded.waitlist_position,
          note = excluded.note, created_at = case when excluded.response = 'going'
            then clock_timestamp() else r.created_at end,
          updated_at = clock_timestamp();

  if before.response = 'going' and before.waitlist_position is not null then
    -- Left the waitlist: the people behind move up.
    update public.event_rsvps r set waitlist_position = r.waitlist_position - 1
      from (select x.profile_id from public.event_rsvps x
            where x.event_id = event and x.waitlist_position > before.waitlist_position
            order by x.waitlist_position) behind
      where r.event_id = event and r.profile_id = behind.profile_id;
  end if;
  if was_seated then
    update public.events ev set seats_taken = ev.seats_taken - 1 where ev.id = event;
    perform private.fill_seats(event);
  end if;

  return query select answer, place;
end;
$$;

drop policy "members read public, members' and their programmes' events" on public.events;
create policy "members read public, members' and their own audience's events" on public.events
  for select to authenticated
  using (events.visibility in ('public', 'members')
    or events.created_by = (select auth.uid())
    or private.in_event_audience(events.id)
    or private.can_manage_event(events.id));
drop function private.in_event_programmes(uuid);

drop policy "coordinators and admins add events" on public.events;
create policy "organisers add events" on public.events
  for insert to authenticated
  with check (events.created_by = (select auth.uid())
    and ((select private.is_platform_admin()) or (select private.organises_any()))
    and (events.series_id is null or private.made_series(events.series_id)));

drop policy "coordinators and admins make series" on public.event_series;
create policy "organisers make series" on public.event_series
  for insert to authenticated
  with check (event_series.created_by = (select auth.uid())
    and ((select private.is_platform_admin()) or (select private.organises_any())));
drop function private.coordinates_any();

drop policy "whoever reads the event reads its organisers" on public.event_organisers;
create policy "whoever reads the event reads its organisers" on public.event_organisers
  for select to anon, authenticated
  using (exists (select 1 from public.events e where e.id = event_organisers.event_id)
    and (event_organisers.space_id is null
      or array[event_organisers.space_id] <@ (select private.readable_space_ids())));

drop policy "organisers add co-organisers" on public.event_organisers;
create policy "organisers add co-organisers" on public.event_organisers
  for insert to authenticated
  with check (private.can_manage_event(event_organisers.event_id)
    and ((select private.is_platform_admin())
      or private.is_coordinator_of(event_organisers.programme_id)
      or private.moderates_open_space(event_organisers.space_id)
      or private.event_is_organised(event_organisers.event_id))
    -- A co-organising space is one the person may read (a private group's name is not guessed).
    and (event_organisers.space_id is null
      or array[event_organisers.space_id] <@ (select private.readable_space_ids())));

grant insert (space_id) on public.event_organisers to authenticated;
