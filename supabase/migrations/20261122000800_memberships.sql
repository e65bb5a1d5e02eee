-- Memberships at work: people are told when their claim is decided (and coordinators when a claim
-- arrives), coordinators invite people by e-mail or with a cohort roster, and invitees accept.

-- ─── notifications ───────────────────────────────────────────────────────────────────────────────

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind in (
    'membership_verified', 'membership_declined', 'membership_claimed', 'invitation'
  )),
  -- What the message needs to be written (names, slugs, reason), as it was when it was sent.
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz
);
comment on table public.notifications is
  'What a person is told: their claim was verified or declined, a claim awaits them as coordinator, they were invited. Written only by the database.';
create index notifications_recipient_id_created_at_idx on public.notifications (recipient_id, created_at desc);

alter table public.notifications enable row level security;
create policy "people read their own notifications" on public.notifications
  for select to authenticated using (recipient_id = (select auth.uid()));
create policy "people mark their own notifications read" on public.notifications
  for update to authenticated
  using (recipient_id = (select auth.uid())) with check (recipient_id = (select auth.uid()));
revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant all on public.notifications to service_role;

-- Stores a notification and tells the recipient's open pages at once (after commit, by Realtime).
create function public.notify(recipient uuid, kind text, payload jsonb) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (recipient_id, kind, payload) values (recipient, kind, payload);
  perform realtime.send(payload || jsonb_build_object('kind', kind), 'notification', 'user:' || recipient, true);
end;
$$;
comment on function public.notify(uuid, text, jsonb) is 'Stores a notification for a person and sends it to their user:<id> topic.';
revoke execute on function public.notify(uuid, text, jsonb) from public, anon, authenticated;

-- The programme, cohort and role of a membership, as a notification carries them.
create function public.membership_payload(m public.memberships) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'membership_id', m.id, 'programme', p.name, 'programme_slug', p.slug, 'cohort', c.edition,
    'role', m.role, 'reason', m.decline_reason,
    'person', pr.display_name, 'person_handle', pr.handle
  )
  from public.programmes p
  left join public.cohorts c on c.id = m.cohort_id
  join public.profiles pr on pr.id = m.profile_id
  where p.id = m.programme_id
$$;
revoke execute on function public.membership_payload(public.memberships) from public, anon, authenticated;

-- A new claim tells the programme's coordinators; a decision tells the person who claimed.
create function public.memberships_notify() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  coordinator uuid;
begin
  -- The demo world's history is not news to anyone.
  if current_setting('capacity.seeding', true) = 'on' then
    return null;
  end if;
  if tg_op = 'INSERT' and new.status = 'pending' then
    for coordinator in
      select m.profile_id from public.memberships m
      where m.programme_id = new.programme_id and m.role = 'coordinator' and m.status = 'verified'
        and m.profile_id <> new.profile_id
    loop
      perform public.notify(coordinator, 'membership_claimed', public.membership_payload(new));
    end loop;
  elsif tg_op = 'UPDATE' and old.status = 'pending' and new.status in ('verified', 'declined')
        and new.decided_by is not null then
    perform public.notify(new.profile_id, 'membership_' || new.status, public.membership_payload(new));
  end if;
  return null;
end;
$$;
comment on function public.memberships_notify() is 'Tells coordinators of new claims and people of decisions on theirs.';
revoke execute on function public.memberships_notify() from public, anon, authenticated;

create trigger memberships_notify after insert or update of status on public.memberships
  for each row execute function public.memberships_notify();

-- A decision is recorded once, by a coordinator, with the time; a declined claim needs a reason.
alter table public.memberships
  add constraint memberships_declined_with_reason
    check (status <> 'declined' or decline_reason is not null) not valid;

-- ─── invitations ─────────────────────────────────────────────────────────────────────────────────

create table public.membership_invitations (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references public.programmes (id) on delete cascade,
  cohort_id uuid references public.cohorts (id) on delete set null,
  role text not null check (role in ('alumnus', 'trainer', 'coordinator')),
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 254),
  name text check (char_length(name) <= 120),
  -- Only a hash of the link's token is kept: the table never holds a usable link.
  token_hash text not null unique,
  invited_by uuid references public.profiles (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'revoked')),
  expires_at timestamptz not null default now() + interval '30 days',
  accepted_by uuid references public.profiles (id) on delete set null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.membership_invitations is
  'Invitations by coordinators (one by one or from a cohort roster) to join a programme or cohort as alumnus, trainer or coordinator.';
create unique index membership_invitations_one_pending_idx
  on public.membership_invitations (programme_id, email, role, cohort_id) nulls not distinct
  where status = 'pending';
create index membership_invitations_email_idx on public.membership_invitations (email) where status = 'pending';
create index membership_invitations_cohort_id_idx on public.membership_invitations (cohort_id);
create index membership_invitations_invited_by_idx on public.membership_invitations (invited_by);
create index membership_invitations_accepted_by_idx on public.membership_invitations (accepted_by);

alter table public.membership_invitations enable row level security;

create policy "coordinators read their programmes' invitations, invitees their own" on public.membership_invitations
  for select to authenticated
  using (
    public.is_coordinator_of(programme_id)
    or (status = 'pending' and email = lower((select auth.email())))
  );
create policy "coordinators invite to their programmes" on public.membership_invitations
  for insert to authenticated
  with check (
    public.is_coordinator_of(programme_id)
    and invited_by = (select auth.uid())
    and status = 'pending'
    and accepted_by is null
  );
create policy "coordinators revoke their programmes' invitations" on public.membership_invitations
  for update to authenticated
  using (public.is_coordinator_of(programme_id) and status = 'pending')
  with check (public.is_coordinator_of(programme_id) and status = 'revoked');

revoke all on public.membership_invitations from anon, authenticated;
grant select (id, programme_id, cohort_id, role, email, name, invited_by, status, expires_at,
              accepted_at, created_at) on public.membership_invitations to authenticated;
grant insert (programme_id, cohort_id, role, email, name, token_hash, invited_by) on public.membership_invitations to authenticated;
grant update (status) on public.membership_invitations to authenticated;
grant all on public.membership_invitations to service_role;

-- An invitation's details for its link, without signing in first (so the page can say what it is).
create function public.invitation_for_token(token text)
returns table (programme text, programme_slug text, cohort text, role text, email text, status text, expired boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select p.name, p.slug, c.edition, i.role, i.email, i.status, i.expires_at < now()
  from public.membership_invitations i
  join public.programmes p on p.id = i.programme_id
  left join public.cohorts c on c.id = i.cohort_id
  where i.token_hash = encode(extensions.digest(token, 'sha256'), 'hex')
$$;
comment on function public.invitation_for_token(text) is
  'What an invitation link is for; only someone holding the link''s token can ask.';
revoke execute on function public.invitation_for_token(text) from public;
grant execute on function public.invitation_for_token(text) to anon, authenticated;

-- Accepts an invitation for the signed-in person: by the link's token, or by its id when the
-- invitation is to their own e-mail address. The membership is verified at once: a coordinator
-- invited them. Refuses what is not theirs, used, revoked or expired, in words a page can show.
create function public.accept_invitation(token text default null, invitation uuid default null)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  found public.membership_invitations;
  slug text;
begin
  if me is null then
    raise exception 'Sign in to accept the invitation.' using errcode = '42501';
  end if;
  select * into found from public.membership_invitations i
  where (token is not null and i.token_hash = encode(extensions.digest(token, 'sha256'), 'hex'))
     or (invitation is not null and i.id = invitation)
  for update;
  if found.id is null then
    raise exception 'This invitation does not exist.' using errcode = 'P0002';
  elsif found.status = 'accepted' then
    raise exception 'This invitation has already been accepted.' using errcode = '55000';
  elsif found.status = 'revoked' then
    raise exception 'This invitation was withdrawn by the programme.' using errcode = '55000';
  elsif found.expires_at < now() then
    raise exception 'This invitation has expired. Ask the programme for a new one.' using errcode = '55000';
  elsif found.email <> lower((select auth.email())) then
    raise exception 'This invitation is for %. Sign in with that address to accept it.', found.email
      using errcode = '42501';
  end if;

  insert into public.memberships (profile_id, programme_id, cohort_id, role, status, decided_by, decided_at)
  values (me, found.programme_id, found.cohort_id, found.role, 'verified', found.invited_by, now())
  on conflict on constraint memberships_one_claim do update
    set status = 'verified', decided_by = excluded.decided_by, decided_at = now(), decline_reason = null;
  update public.membership_invitations
    set status = 'accepted', accepted_by = me, accepted_at = now()
    where id = found.id;
  select p.slug into slug from public.programmes p where p.id = found.programme_id;
  return slug;
end;
$$;
comment on function public.accept_invitation(text, uuid) is
  'Accepts an invitation (by its link''s token, or by id for the invitee) and makes the verified membership.';
revoke execute on function public.accept_invitation(text, uuid) from public, anon;
grant execute on function public.accept_invitation(text, uuid) to authenticated;
