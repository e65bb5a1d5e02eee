-- Mail for the people of a moved or cancelled track session (issue 18): re-publishing a timetable
-- tells the proposers and member speakers of each session whose time or room changed, or that left
-- the timetable, by a notification (as before) and by e-mail, in each person's language, with the
-- new start in the venue's time and their own (src/lib/server/track/timetable-mail.ts), queued in
-- the publication's own transaction.
--
-- Mail kinds track_session_moved and track_session_cancelled. Like an event's update and
--   cancellation to the people who answered it, and a track decision to its proposers, they are
--   about the person's own part in something scheduled, so they have no opt-out.
-- private.track_publish_timetable(version) (admins) as before, returning whom it told of what: one
--   row per person and changed session (recipient, proposal, change 'moved' or 'cancelled'), so the
--   mail goes to exactly the people the notices went to.

insert into private.mail_kinds (kind, about) values
  ('track_session_moved', 'to the proposers and member speakers of a track session: its new time or room in the published timetable'),
  ('track_session_cancelled', 'to the proposers and member speakers of a track session: it left the published timetable');

drop function private.track_publish_timetable(uuid);

-- Security definer: writes events as the admin who publishes (created_by), reads every proposer
-- and speaker, and writes their notifications (public.notify is the service's). Checks that the
-- caller is an admin first.
create function private.track_publish_timetable(version uuid) returns table (recipient uuid, proposal uuid, change text)
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
          recipient := person; proposal := s.proposal_id; change := 'moved';
          return next;
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
      recipient := person; proposal := link.proposal_id; change := 'cancelled';
      return next;
    end loop;
  end loop;
end
$$;

comment on function private.track_publish_timetable(uuid) is
  'An admin publishes a saved timetable version: its sessions become (or update) public igf-session events, sessions no longer placed are cancelled, and the people of moved or cancelled sessions are told (one row per person told and session: moved or cancelled).';
revoke all on function private.track_publish_timetable(uuid) from public, anon;
grant execute on function private.track_publish_timetable(uuid) to authenticated, service_role;
