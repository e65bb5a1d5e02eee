-- The intersessional calendar: events, who organises them, the join link, and RSVPs with a waitlist.
--
-- public.events: an event's words, kind, format, venue, time (instants with the event's own IANA
--   zone, or all-day dates that never shift), languages, topics, capacity, registration window,
--   visibility (public, members, programmes) and status. sort_at and until_at, generated, order
--   and bound the calendar: an all-day event lasts until its last day is over everywhere (UTC-12).
--   Visitors read public events, members members' events too, the members of an organising
--   programme (or of a programme of an organising organisation) its programme-only events; the
--   event's organisers read and edit it (private.can_manage_event). Coordinators and admins add
--   events. seats_taken is kept by private.rsvp under the event's row lock, never by the API roles.
-- public.event_organisers: a programme or an organisation (exactly one) organising an event; read
--   by whoever may read the event, added and removed by its organisers. The first organiser of a
--   new event is a programme its creator coordinates (admins: anything); once organised, any
--   programme or organisation may be added as co-organiser.
-- public.event_join_links: the online join link, apart from the event so that no policy on events
--   can leak it: read by the organisers and by people with a seat (going, not waitlisted).
-- public.event_rsvps: a person's answer (going, interested, not-going), their waitlist position
--   while waiting for a seat, and a short note. Read by the person and the organisers; written
--   only through private.rsvp (authenticated), which seats or waitlists under a lock on the event
--   row and, when a seat frees, promotes the first waitlisted person and tells them
--   (notification kind event_seat_confirmed).
-- private.event_attendees(event): the attendee list with names, for the organisers.

-- ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

-- Whether a text is a time zone name of the IANA database as Postgres knows it (Europe/Geneva,
-- UTC), not a POSIX offset string ('UTC+5'), which Postgres would also accept.
create function private.is_time_zone(zone text) returns boolean
language sql
stable
set search_path = ''
as $$
  select zone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$'
    and exists (select 1 from pg_catalog.pg_timezone_names t where t.name = zone)
$$;
comment on function private.is_time_zone(text) is
  'Whether a text names an IANA time zone (the check on events.time_zone).';
revoke all on function private.is_time_zone(text) from public, anon, authenticated;
-- The check on events runs as the role that writes the row.
grant execute on function private.is_time_zone(text) to authenticated, service_role;

-- Security definer: a policy helper that reads memberships, which members may not all read.
create function private.coordinates_any() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'verified'
  )
$$;
comment on function private.coordinates_any() is
  'Whether the signed-in person is a verified coordinator of any programme (who may add events).';
revoke all on function private.coordinates_any() from public, anon, authenticated;
grant execute on function private.coordinates_any() to authenticated;

-- ─── events ──────────────────────────────────────────────────────────────────────────────────────

create table public.events (
  id uuid primary key default gen_random_uuid(),
  slug text not null
    constraint events_slug_check check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and char_length(slug) <= 80),
  title text not null
    constraint events_title_check check (char_length(btrim(title)) between 2 and 200),
  description text
    constraint events_description_check check (char_length(description) <= 20000),
  kind text not null
    constraint events_kind_check check (kind in ('webinar', 'workshop', 'consultation', 'nri-meeting',
      'school', 'igf-session', 'deadline', 'other')),
  format text not null
    constraint events_format_check check (format in ('online', 'in-person', 'hybrid')),
  venue_name text constraint events_venue_name_check check (char_length(venue_name) <= 200),
  venue_address text constraint events_venue_address_check check (char_length(venue_address) <= 500),
  venue_city text constraint events_venue_city_check check (char_length(venue_city) <= 120),
  country_code char(2) references public.countries (code),
  time_zone text not null
    constraint events_time_zone_check check (char_length(time_zone) <= 64 and private.is_time_zone(time_zone)),
  all_day boolean not null default false,
  starts_at timestamptz,
  ends_at timestamptz,
  starts_on date,
  ends_on date,
  sort_at timestamptz not null generated always as
    (coalesce(starts_at, starts_on::timestamp at time zone 'UTC')) stored,
  until_at timestamptz not null generated always as
    (coalesce(ends_at, (ends_on + 1)::timestamp at time zone 'Etc/GMT+12')) stored,
  languages text[] not null default '{}'
    constraint events_languages_check check (cardinality(languages) <= 12
      and array_to_string(languages, ',') ~ '^([a-z]{2}(,[a-z]{2})*)?$'),
  topics text[] not null default '{}'
    constraint events_topics_check check (cardinality(topics) <= 12
      and array_to_string(topics, ',') ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'),
  capacity integer constraint events_capacity_check check (capacity between 1 and 100000),
  seats_taken integer not null default 0 constraint events_seats_taken_check check (seats_taken >= 0),
  registration_opens_at timestamptz,
  registration_closes_at timestamptz,
  visibility text not null default 'public'
    constraint events_visibility_check check (visibility in ('public', 'members', 'programmes')),
  status text not null default 'scheduled'
    constraint events_status_check check (status in ('scheduled', 'moved', 'cancelled')),
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_times_or_days check (
    (not all_day and starts_at is not null and ends_at is not null and starts_on is null and ends_on is null)
    or (all_day and starts_on is not null and ends_on is not null and starts_at is null and ends_at is null)
  ),
  constraint events_ends_after_start check (ends_at > starts_at),
  constraint events_last_day_in_order check (ends_on >= starts_on),
  constraint events_registration_in_order check (registration_closes_at > registration_opens_at),
  constraint events_venue_when_in_person check (format = 'online' or venue_name is not null)
);
comment on table public.events is
  'The intersessional calendar: webinars, consultations, NRI meetings, schools, deadlines… at instants in their own time zone or on all-day dates, with capacity, visibility and status.';

alter table public.events enable row level security;

create index events_sort_at_id_idx on public.events (sort_at, id);
create index events_kind_sort_at_idx on public.events (kind, sort_at, id);
create index events_until_at_idx on public.events (until_at);
create index events_created_by_idx on public.events (created_by);
create index events_country_code_idx on public.events (country_code);

create trigger events_touch_updated_at before update on public.events
  for each row execute function public.touch_updated_at();

-- ─── organisers ──────────────────────────────────────────────────────────────────────────────────

create table public.event_organisers (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  programme_id uuid references public.programmes (id) on delete cascade,
  organisation_id uuid references public.organisations (id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint event_organisers_exactly_one check (num_nonnulls(programme_id, organisation_id) = 1),
  constraint event_organisers_once unique nulls not distinct (event_id, programme_id, organisation_id)
);
comment on table public.event_organisers is
  'Who organises an event: programmes and organisations (exactly one per row); their coordinators edit it.';

alter table public.event_organisers enable row level security;

create index event_organisers_programme_id_idx on public.event_organisers (programme_id);
create index event_organisers_organisation_id_idx on public.event_organisers (organisation_id);

-- Security definer: reads organisers, memberships and programmes past their own policies; answers
-- only about the signed-in person. The creator of an event manages it until it has an organiser
-- (the moment between adding an event and naming its organisers, in one transaction).
create function private.can_manage_event(event uuid) returns boolean
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
      select 1 from public.events e
      where e.id = event and e.created_by = (select auth.uid())
        and not exists (select 1 from public.event_organisers o where o.event_id = event)
    )
  )
$$;
comment on function private.can_manage_event(uuid) is
  'Whether the signed-in person organises an event: a platform admin, a verified coordinator of an organising programme or of a programme of an organising organisation, or its creator while it has no organiser.';
revoke all on function private.can_manage_event(uuid) from public, anon, authenticated;
grant execute on function private.can_manage_event(uuid) to authenticated, service_role;

-- Security definer: reads organisers and memberships. Programme-only events are for the verified
-- members of the organising programmes (and of the programmes of organising organisations).
create function private.in_event_programmes(event uuid) returns boolean
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
$$;
comment on function private.in_event_programmes(uuid) is
  'Whether the signed-in person is a verified member of a programme that organises the event (or of a programme of an organising organisation).';
revoke all on function private.in_event_programmes(uuid) from public, anon, authenticated;
grant execute on function private.in_event_programmes(uuid) to authenticated, service_role;

-- Security definer: the organisers' own insert policy asks it, which must not read the table
-- through its policies again (that recursion Postgres refuses).
create function private.event_is_organised(event uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.event_organisers o where o.event_id = event)
$$;
comment on function private.event_is_organised(uuid) is
  'Whether an event has an organiser yet (after the first, any programme or organisation may co-organise).';
revoke all on function private.event_is_organised(uuid) from public, anon, authenticated;
grant execute on function private.event_is_organised(uuid) to authenticated;

-- The one predicate of who reads an event, by role.
create policy "visitors read public events" on public.events
  for select to anon
  using (events.visibility = 'public');
create policy "members read public, members' and their programmes' events" on public.events
  for select to authenticated
  using (events.visibility in ('public', 'members')
    or events.created_by = (select auth.uid())
    or private.in_event_programmes(events.id)
    or private.can_manage_event(events.id));
create policy "coordinators and admins add events" on public.events
  for insert to authenticated
  with check (events.created_by = (select auth.uid())
    and ((select private.is_platform_admin()) or (select private.coordinates_any())));
create policy "organisers edit their events" on public.events
  for update to authenticated
  using (private.can_manage_event(events.id))
  with check (private.can_manage_event(events.id));

revoke all on public.events from anon, authenticated;
grant select on public.events to anon, authenticated;
grant insert (slug, title, description, kind, format, venue_name, venue_address, venue_city,
  country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, languages, topics,
  capacity, registration_opens_at, registration_closes_at, visibility, status)
  on public.events to authenticated;
grant update (slug, title, description, kind, format, venue_name, venue_address, venue_city,
  country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, languages, topics,
  capacity, registration_opens_at, registration_closes_at, visibility, status)
  on public.events to authenticated;
grant all on public.events to service_role;

create policy "whoever reads the event reads its organisers" on public.event_organisers
  for select to anon, authenticated
  using (exists (select 1 from public.events e where e.id = event_organisers.event_id));
create policy "organisers add co-organisers" on public.event_organisers
  for insert to authenticated
  with check (private.can_manage_event(event_organisers.event_id)
    and ((select private.is_platform_admin())
      or private.is_coordinator_of(event_organisers.programme_id)
      or private.event_is_organised(event_organisers.event_id)));
create policy "organisers remove co-organisers" on public.event_organisers
  for delete to authenticated
  using (private.can_manage_event(event_organisers.event_id));

revoke all on public.event_organisers from anon, authenticated;
grant select on public.event_organisers to anon, authenticated;
grant insert (event_id, programme_id, organisation_id), delete on public.event_organisers to authenticated;
grant all on public.event_organisers to service_role;

-- ─── RSVPs ───────────────────────────────────────────────────────────────────────────────────────

create table public.event_rsvps (
  event_id uuid not null references public.events (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  response text not null
    constraint event_rsvps_response_check check (response in ('going', 'interested', 'not-going')),
  waitlist_position integer constraint event_rsvps_waitlist_position_check check (waitlist_position >= 1),
  note text constraint event_rsvps_note_check check (char_length(note) <= 280),
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp(),
  primary key (event_id, profile_id),
  constraint event_rsvps_waiting_only_when_going check (waitlist_position is null or response = 'going'),
  -- Checked at the end of each statement, so that the line can move up one place at once.
  constraint event_rsvps_one_place_in_line unique (event_id, waitlist_position) deferrable initially immediate
);
comment on table public.event_rsvps is
  'A person''s answer to an event (going, interested, not going), their place on its waitlist while waiting for a seat, and a short note for the organisers. Written only through private.rsvp.';

alter table public.event_rsvps enable row level security;

create index event_rsvps_profile_id_idx on public.event_rsvps (profile_id);

create policy "people read their own answers, organisers every answer" on public.event_rsvps
  for select to authenticated
  using (event_rsvps.profile_id = (select auth.uid()) or private.can_manage_event(event_rsvps.event_id));

revoke all on public.event_rsvps from anon, authenticated;
grant select on public.event_rsvps to authenticated;
grant all on public.event_rsvps to service_role;

-- ─── the join link ───────────────────────────────────────────────────────────────────────────────

create table public.event_join_links (
  event_id uuid primary key references public.events (id) on delete cascade,
  join_url text not null
    constraint event_join_links_join_url_check check (join_url ~ '^https?://[^\s]+$' and char_length(join_url) <= 500),
  updated_at timestamptz not null default now()
);
comment on table public.event_join_links is
  'The online join link of an event, for its organisers and the people with a seat (going, not waitlisted) only.';

alter table public.event_join_links enable row level security;

create policy "organisers and seated people read the join link" on public.event_join_links
  for select to authenticated
  using (private.can_manage_event(event_join_links.event_id)
    or exists (
      select 1 from public.event_rsvps r
      where r.event_id = event_join_links.event_id and r.profile_id = (select auth.uid())
        and r.response = 'going' and r.waitlist_position is null
    ));
create policy "organisers set the join link" on public.event_join_links
  for insert to authenticated
  with check (private.can_manage_event(event_join_links.event_id));
create policy "organisers change the join link" on public.event_join_links
  for update to authenticated
  using (private.can_manage_event(event_join_links.event_id))
  with check (private.can_manage_event(event_join_links.event_id));
create policy "organisers remove the join link" on public.event_join_links
  for delete to authenticated
  using (private.can_manage_event(event_join_links.event_id));

revoke all on public.event_join_links from anon, authenticated;
grant select, delete on public.event_join_links to authenticated;
grant insert (event_id, join_url), update (join_url) on public.event_join_links to authenticated;
grant all on public.event_join_links to service_role;

create trigger event_join_links_touch_updated_at before update on public.event_join_links
  for each row execute function public.touch_updated_at();

-- ─── seats and the waitlist ──────────────────────────────────────────────────────────────────────

alter table public.notifications
  drop constraint notifications_kind_check,
  add constraint notifications_kind_check check (kind in (
    'membership_verified', 'membership_declined', 'invitation', 'suggestion_applied',
    'suggestion_dismissed', 'claim_received', 'suggestion_received', 'invitation_accepted',
    'event_seat_confirmed'
  ));

-- Seats the first waitlisted people while seats are free, and tells each. The caller holds the
-- lock on the event's row. Security definer: writes RSVPs and notifications of other people.
create function private.fill_seats(event uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  e public.events;
  promoted uuid;
begin
  select * into e from public.events where id = event;
  loop
    exit when e.capacity is not null and e.seats_taken >= e.capacity;
    select r.profile_id into promoted from public.event_rsvps r
      where r.event_id = event and r.waitlist_position = 1;
    exit when promoted is null;
    update public.event_rsvps set waitlist_position = null, updated_at = clock_timestamp()
      where event_id = event and profile_id = promoted;
    -- Everyone behind moves up one place (in order, so that the unique places never collide).
    update public.event_rsvps r set waitlist_position = r.waitlist_position - 1
      from (select profile_id from public.event_rsvps
            where event_id = event and waitlist_position > 1 order by waitlist_position) behind
      where r.event_id = event and r.profile_id = behind.profile_id;
    update public.events set seats_taken = seats_taken + 1 where id = event
      returning * into e;
    perform public.notify(promoted, 'event_seat_confirmed', jsonb_build_object(
      'event_id', e.id, 'event_slug', e.slug, 'event_title', e.title));
    promoted := null;
  end loop;
end;
$$;
comment on function private.fill_seats(uuid) is
  'Seats the first people of an event''s waitlist while seats are free and tells each (the caller holds the event''s row lock).';
revoke all on function private.fill_seats(uuid) from public, anon, authenticated;

-- Security definer: the one way to answer an event. It writes only the signed-in person's answer
-- and the event's seat count, serialised by the lock on the event's row, so that concurrent
-- answers for the last seats seat exactly as many as there are and line up the rest in order.
create function private.rsvp(event uuid, answer text, note text default null)
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
      or private.in_event_programmes(e.id) or private.can_manage_event(e.id)) then
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
comment on function private.rsvp(uuid, text, text) is
  'The signed-in person answers an event (going, interested, not-going, with a note): seated while seats last, else waitlisted in order; a freed seat goes to the first waitlisted person, who is told.';
revoke all on function private.rsvp(uuid, text, text) from public, anon, authenticated;
grant execute on function private.rsvp(uuid, text, text) to authenticated;

-- Security definer: a grown capacity seats the waitlist at once. Runs in the organiser's update,
-- which holds the event's row lock.
create function public.events_fill_seats() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.fill_seats(new.id);
  return null;
end;
$$;
comment on function public.events_fill_seats() is
  'Seats waitlisted people when an event''s capacity grows.';
revoke all on function public.events_fill_seats() from public, anon, authenticated;

create trigger events_fill_seats after update of capacity on public.events
  for each row when (new.capacity is null or new.capacity > coalesce(old.capacity, 0))
  execute function public.events_fill_seats();

-- Security definer: the attendees' names, which organisers must know whatever each profile shows.
create function private.event_attendees(event uuid)
returns table (profile_id uuid, display_name text, handle text, response text,
  waitlist_position integer, note text, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select r.profile_id, p.display_name, p.handle, r.response, r.waitlist_position, r.note, r.created_at
  from public.event_rsvps r
  join public.profiles p on p.id = r.profile_id
  where r.event_id = event and private.can_manage_event(event)
  order by case r.response when 'going' then 0 when 'interested' then 1 else 2 end,
    r.waitlist_position nulls first, r.created_at, r.profile_id
$$;
comment on function private.event_attendees(uuid) is
  'An event''s answers with the people''s names, for its organisers only (nothing for anyone else).';
revoke all on function private.event_attendees(uuid) from public, anon, authenticated;
grant execute on function private.event_attendees(uuid) to authenticated;
