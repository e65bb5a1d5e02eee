-- Joining a private space: a signed-in person asks, with a word for the moderators; a moderator
-- approves (the person becomes a member, and is told) or declines (they are told, with the reason
-- if one is given). A moderator may also add someone directly, who is told too.
--
-- public.space_join_requests: one pending request per person per space; read by the person and
-- the space's moderators; decided once, by a moderator (named, with the time).

insert into private.notification_kinds (kind, about) values
  ('space_join_requested', 'to a space''s moderators: someone asks to join'),
  ('space_join_approved', 'a moderator approved the person''s request to join a space'),
  ('space_join_declined', 'a moderator declined the person''s request to join a space'),
  ('space_added', 'a moderator added the person to a space');

create table public.space_join_requests (
  id uuid primary key default gen_random_uuid(),
  space_id uuid not null references public.spaces (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  message text constraint space_join_requests_message_check check (char_length(message) <= 500),
  status text not null default 'pending'
    constraint space_join_requests_status_check check (status in ('pending', 'approved', 'declined')),
  decline_reason text constraint space_join_requests_reason_check check (char_length(decline_reason) <= 500),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  constraint space_join_requests_decision_recorded check (status = 'pending' or decided_at is not null)
);
comment on table public.space_join_requests is
  'Requests to join a private space, decided by its moderators.';
create unique index space_join_requests_one_pending on public.space_join_requests (space_id, profile_id)
  where status = 'pending';
create index space_join_requests_profile_id_idx on public.space_join_requests (profile_id);
create index space_join_requests_decided_by_idx on public.space_join_requests (decided_by);

-- A request starts pending; a decision is a moderator's, once, named and timed; an approval makes
-- the member. Security definer: writes space_members for the requester, and notifications.
create function private.space_join_requests_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.status := 'pending';
    new.decided_by := null;
    new.decided_at := null;
    new.decline_reason := null;
    new.created_at := now();
    return new;
  end if;
  if old.status <> 'pending' then
    raise exception 'this request was already decided' using errcode = '55000';
  end if;
  if new.space_id <> old.space_id or new.profile_id <> old.profile_id
     or new.message is distinct from old.message or new.created_at <> old.created_at then
    raise exception 'a request''s words do not change' using errcode = '42501';
  end if;
  new.decided_by := (select auth.uid());
  new.decided_at := now();
  return new;
end
$$;
revoke all on function private.space_join_requests_guard() from public, anon, authenticated;

create trigger space_join_requests_guard before insert or update on public.space_join_requests
  for each row execute function private.space_join_requests_guard();

create function private.space_join_requests_tell() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  payload jsonb := jsonb_build_object('space_id', new.space_id);
  moderator uuid;
begin
  if tg_op = 'INSERT' then
    for moderator in
      select m.profile_id from public.space_members m where m.space_id = new.space_id and m.role = 'moderator'
    loop
      perform public.notify(moderator, 'space_join_requested', payload || jsonb_build_object('person_id', new.profile_id));
    end loop;
  elsif new.status = 'approved' then
    insert into public.space_members (space_id, profile_id, role, via)
    values (new.space_id, new.profile_id, 'member', 'added')
    on conflict (space_id, profile_id) do nothing;
    perform public.notify(new.profile_id, 'space_join_approved', payload);
  elsif new.status = 'declined' then
    perform public.notify(new.profile_id, 'space_join_declined', payload || jsonb_build_object('reason', new.decline_reason));
  end if;
  return null;
end
$$;
revoke all on function private.space_join_requests_tell() from public, anon, authenticated;

create trigger space_join_requests_tell after insert or update of status on public.space_join_requests
  for each row execute function private.space_join_requests_tell();

-- Someone a moderator adds is told.
create function private.space_members_tell_added() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.via = 'added' and new.profile_id is distinct from (select auth.uid()) and (select auth.uid()) is not null
     and pg_trigger_depth() = 1 then
    perform public.notify(new.profile_id, 'space_added', jsonb_build_object('space_id', new.space_id));
  end if;
  return null;
end
$$;
revoke all on function private.space_members_tell_added() from public, anon, authenticated;

create trigger space_members_tell_added after insert on public.space_members
  for each row execute function private.space_members_tell_added();

-- Whether a signed-in person may ask to join a space: an open private space they are not in.
-- Security definer: reads space_members.
create function private.may_ask_to_join(space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select (select auth.uid()) is not null and exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open' and s.visibility = 'private'
      and not exists (select 1 from public.space_members m where m.space_id = s.id and m.profile_id = (select auth.uid()))
  )
$$;
comment on function private.may_ask_to_join(uuid) is
  'Whether the signed-in person may ask to join a space: an open private one they are not a member of.';
revoke all on function private.may_ask_to_join(uuid) from public;
grant execute on function private.may_ask_to_join(uuid) to authenticated, service_role;

alter table public.space_join_requests enable row level security;
create policy "people ask to join private spaces" on public.space_join_requests
  for insert to authenticated
  with check (
    space_join_requests.profile_id = (select auth.uid()) and private.may_ask_to_join(space_join_requests.space_id)
  );
create policy "the asker and the space's moderators read requests" on public.space_join_requests
  for select to authenticated
  using (
    space_join_requests.profile_id = (select auth.uid())
    or private.is_space_moderator(space_join_requests.space_id)
  );
create policy "the space's moderators decide requests" on public.space_join_requests
  for update to authenticated
  using (space_join_requests.status = 'pending' and private.is_space_moderator(space_join_requests.space_id))
  with check (
    space_join_requests.status in ('approved', 'declined') and private.is_space_moderator(space_join_requests.space_id)
  );
create policy "people withdraw their pending requests" on public.space_join_requests
  for delete to authenticated
  using (space_join_requests.profile_id = (select auth.uid()) and space_join_requests.status = 'pending');
revoke all on public.space_join_requests from anon, authenticated;
grant select, delete on public.space_join_requests to authenticated;
grant insert (space_id, profile_id, message) on public.space_join_requests to authenticated;
grant update (status, decline_reason) on public.space_join_requests to authenticated;
grant all on public.space_join_requests to service_role;

-- Who asks, for the moderators deciding: the name and handle of a request's person, whatever
-- their profile's audience, answered only to the person and the space's moderators.
-- Security definer: profiles of every audience.
create function private.join_requester(request uuid) returns table (display_name text, handle text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.display_name, p.handle
  from public.space_join_requests r
  join public.profiles p on p.id = r.profile_id
  where r.id = request
    and (r.profile_id = (select auth.uid()) or private.is_space_moderator(r.space_id))
$$;
comment on function private.join_requester(uuid) is
  'The name and handle of whoever made a join request, for them and the space''s moderators.';
revoke all on function private.join_requester(uuid) from public, anon;
grant execute on function private.join_requester(uuid) to authenticated, service_role;

-- A person's id by their handle, for a space's moderator adding them (space_members' insert
-- policy still decides). Security definer: profiles of every audience.
create function private.profile_id_by_handle(wanted text, space uuid) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.id from public.profiles p where p.handle = wanted and private.is_space_moderator(space)
$$;
comment on function private.profile_id_by_handle(text, uuid) is
  'A person''s id by their handle, for the moderators of a space adding them to it.';
revoke all on function private.profile_id_by_handle(text, uuid) from public, anon;
grant execute on function private.profile_id_by_handle(text, uuid) to authenticated, service_role;
