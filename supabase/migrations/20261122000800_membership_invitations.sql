-- Invitations to a programme (one by one or from a cohort roster), and notifications: what the
-- system tells a person (a claim verified or declined, an invitation). Coordinators invite; the
-- invitee accepts with the token from their mail, or from the list of invitations to their address.

-- A cohort belongs to one programme: claims and invitations must name a cohort of their own
-- programme. A trigger rather than a check constraint, because it looks at another table.
create function public.check_cohort_in_programme() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.cohort_id is not null and not exists (
    select 1 from public.cohorts c where c.id = new.cohort_id and c.programme_id = new.programme_id
  ) then
    raise exception 'That cohort is not an edition of this programme.' using errcode = '23514';
  end if;
  return new;
end;
$$;
comment on function public.check_cohort_in_programme() is
  'Refuses a claim or invitation whose cohort belongs to another programme.';

create table public.membership_invitations (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references public.programmes (id) on delete cascade,
  cohort_id uuid references public.cohorts (id) on delete cascade,
  role text not null check (role in ('alumnus', 'trainer', 'coordinator')),
  -- Stored lower-case, as Auth stores addresses, so one address is one invitee.
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 255),
  name text check (char_length(btrim(name)) between 1 and 120),
  -- Only a SHA-256 hash (hex) of the token: a leaked table does not let anyone accept.
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid references public.profiles (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'revoked')),
  expires_at timestamptz not null default now() + interval '30 days',
  accepted_by uuid references public.profiles (id) on delete set null,
  accepted_at timestamptz,
  created_at timestamptz not null default now(),
  constraint membership_invitations_acceptance_recorded
    check ((status = 'accepted') = (accepted_at is not null))
);
comment on table public.membership_invitations is
  'Invitations by a programme''s coordinators to join it in a role (and cohort); accepted with a token that only the invitee''s mail carries.';

-- One open invitation per person, programme, role and cohort (the roster import relies on it).
create unique index membership_invitations_one_pending
  on public.membership_invitations (programme_id, email, role, cohort_id) nulls not distinct
  where status = 'pending';
create index membership_invitations_programme_id_created_at_idx
  on public.membership_invitations (programme_id, created_at desc, id);
create index membership_invitations_email_idx on public.membership_invitations (email)
  where status = 'pending';
create index membership_invitations_cohort_id_idx on public.membership_invitations (cohort_id);
create index membership_invitations_invited_by_idx on public.membership_invitations (invited_by);
create index membership_invitations_accepted_by_idx on public.membership_invitations (accepted_by);

create trigger membership_invitations_cohort_in_programme
  before insert or update of programme_id, cohort_id on public.membership_invitations
  for each row execute function public.check_cohort_in_programme();
-- Claims, too (memberships had no such rule).
create trigger memberships_cohort_in_programme
  before insert or update of programme_id, cohort_id on public.memberships
  for each row execute function public.check_cohort_in_programme();

-- Once accepted or revoked, an invitation is history: nobody reopens or rewrites it.
create function public.membership_invitations_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.status <> 'pending' then
    raise exception 'This invitation was already %.', old.status using errcode = '55000';
  end if;
  return new;
end;
$$;
comment on function public.membership_invitations_guard() is
  'Refuses changes to invitations that are no longer pending.';
create trigger membership_invitations_guard before update on public.membership_invitations
  for each row execute function public.membership_invitations_guard();

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind in ('membership_verified', 'membership_declined', 'invitation')),
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  created_at timestamptz not null default now(),
  read_at timestamptz
);
comment on table public.notifications is
  'What the system tells one person (a decision on their claim, an invitation). Written only by security-definer triggers; the recipient reads them and marks them read.';
create index notifications_recipient_id_created_at_idx
  on public.notifications (recipient_id, created_at desc, id);
create index notifications_unread_idx on public.notifications (recipient_id) where read_at is null;

-- Security definer: called from triggers that run as the coordinator (or the invitee), who may not
-- write other people's notifications; search_path pinned. Stores the notice and tells the person's
-- open pages on their private topic.
create function public.notify(recipient uuid, kind text, payload jsonb) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  created public.notifications;
begin
  insert into public.notifications (recipient_id, kind, payload)
  values (recipient, kind, payload)
  returning * into created;
  perform realtime.send(
    jsonb_build_object('id', created.id, 'kind', kind, 'payload', payload, 'created_at', created.created_at),
    'notification',
    'user:' || recipient::text,
    true
  );
end;
$$;
comment on function public.notify(uuid, text, jsonb) is
  'Stores a notification for one person and broadcasts it on their private topic user:<id>.';
revoke execute on function public.notify(uuid, text, jsonb) from public, anon, authenticated;

-- What a notification says about a membership or invitation: programme, cohort, role.
create function public.membership_summary(programme uuid, cohort uuid, role text) returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'programme_slug', p.slug,
    'programme_name', p.name,
    'cohort_edition', (select c.edition from public.cohorts c where c.id = cohort),
    'role', role
  )
  from public.programmes p
  where p.id = programme
$$;
comment on function public.membership_summary(uuid, uuid, text) is
  'The programme, cohort and role of a membership or invitation, as notifications show them.';

-- Security definer (through notify): a coordinator's decision tells the claimant.
create function public.memberships_notify_decision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.notify(
    new.profile_id,
    'membership_' || new.status,
    public.membership_summary(new.programme_id, new.cohort_id, new.role)
      || jsonb_build_object('membership_id', new.id, 'reason', new.decline_reason)
  );
  return null;
end;
$$;
comment on function public.memberships_notify_decision() is
  'Tells a person that their claim was verified or declined.';
revoke execute on function public.memberships_notify_decision() from public, anon, authenticated;

create trigger memberships_notify_decision after update of status on public.memberships
  for each row
  when (old.status is distinct from new.status and new.status in ('verified', 'declined'))
  execute function public.memberships_notify_decision();

-- Security definer: it looks up whether the invited address already has an account (auth.users is
-- not readable by coordinators) so that the invitation also shows up in that person's notices.
create function public.membership_invitations_notify() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  invitee uuid;
begin
  -- Auth stores addresses lower-case; this form of the lookup uses Auth's own unique index on email.
  select u.id into invitee from auth.users u where u.email = new.email and u.is_sso_user = false;
  if invitee is not null then
    perform public.notify(
      invitee,
      'invitation',
      public.membership_summary(new.programme_id, new.cohort_id, new.role)
        || jsonb_build_object('invitation_id', new.id)
    );
  end if;
  return null;
end;
$$;
comment on function public.membership_invitations_notify() is
  'Tells a person who already has an account about a new invitation to their address.';
revoke execute on function public.membership_invitations_notify() from public, anon, authenticated;

create trigger membership_invitations_notify after insert on public.membership_invitations
  for each row execute function public.membership_invitations_notify();

-- The signed-in person's e-mail, as Auth has it (not as a token claims it).
create function public.my_email() returns text
language sql
stable
security definer
set search_path = ''
as $$
  select lower(u.email) from auth.users u where u.id = (select auth.uid())
$$;
comment on function public.my_email() is
  'The signed-in person''s address from auth.users; security definer because auth.users is not readable by them.';
revoke execute on function public.my_email() from public, anon;
grant execute on function public.my_email() to authenticated;

-- Shared by both ways of accepting: checks the invitation against the person and links them.
create function public.accept_invitation_row(invitation public.membership_invitations)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  membership uuid;
begin
  if me is null then
    raise exception 'Sign in to accept the invitation.' using errcode = '42501';
  end if;
  if invitation.id is null then
    raise exception 'This invitation link is not valid.' using errcode = 'P0002';
  end if;
  if invitation.status = 'accepted' then
    raise exception 'This invitation was already accepted.' using errcode = '55000';
  end if;
  if invitation.status = 'revoked' then
    raise exception 'This invitation was withdrawn by the programme.' using errcode = '55000';
  end if;
  if invitation.expires_at <= now() then
    raise exception 'This invitation has expired. Ask the programme for a new one.' using errcode = '55000';
  end if;
  if invitation.email <> coalesce(public.my_email(), '') then
    raise exception 'This invitation was sent to another e-mail address. Sign in with that address to accept it.'
      using errcode = '42501';
  end if;

  -- The invitation is the coordinator's decision: the membership is verified by them.
  insert into public.memberships as m
    (profile_id, programme_id, cohort_id, role, status, decided_by, decided_at)
  values (me, invitation.programme_id, invitation.cohort_id, invitation.role, 'verified',
          invitation.invited_by, now())
  on conflict on constraint memberships_one_claim do update
    set status = 'verified', decided_by = excluded.decided_by, decided_at = now(), decline_reason = null
  returning m.id into membership;

  update public.membership_invitations
    set status = 'accepted', accepted_by = me, accepted_at = now()
    where id = invitation.id;
  return membership;
end;
$$;
comment on function public.accept_invitation_row(public.membership_invitations) is
  'Links the signed-in person to an invitation they may accept; internal to accept_invitation*.';
revoke execute on function public.accept_invitation_row(public.membership_invitations)
  from public, anon, authenticated;

-- Security definer: the invitee is not a coordinator and may neither read the invitation nor write
-- a verified membership; the token (or their own address) is what authorises them.
create function public.accept_invitation(token text) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  invitation public.membership_invitations;
begin
  select i.* into invitation from public.membership_invitations i
  where i.token_hash = encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex')
  for update;
  return public.accept_invitation_row(invitation);
end;
$$;
comment on function public.accept_invitation(text) is
  'Accepts the invitation the token belongs to for the signed-in person; returns the verified membership.';
revoke execute on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated;

-- Security definer, as accept_invitation: for people who see the invitation in the app (their
-- address already had an account) rather than follow the mail's link.
create function public.accept_invitation_by_id(invitation_id uuid) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  invitation public.membership_invitations;
begin
  select i.* into invitation from public.membership_invitations i
  where i.id = invitation_id
  for update;
  return public.accept_invitation_row(invitation);
end;
$$;
comment on function public.accept_invitation_by_id(uuid) is
  'Accepts an invitation addressed to the signed-in person''s own e-mail; returns the verified membership.';
revoke execute on function public.accept_invitation_by_id(uuid) from public, anon;
grant execute on function public.accept_invitation_by_id(uuid) to authenticated;

-- Security definer: the invitation page shows what a link is for before the person signs in
-- (visitors may not read invitations); holding the token is what entitles them to see it.
create function public.invitation_preview(token text)
returns table (programme_slug text, programme_name text, cohort_edition text, role text,
               name text, status text, expired boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select p.slug, p.name, c.edition, i.role, i.name, i.status, i.expires_at <= now()
  from public.membership_invitations i
  join public.programmes p on p.id = i.programme_id
  left join public.cohorts c on c.id = i.cohort_id
  where i.token_hash = encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex')
$$;
comment on function public.invitation_preview(text) is
  'What an invitation token is for (programme, cohort, role, status), for its holder.';
revoke execute on function public.invitation_preview(text) from public;
grant execute on function public.invitation_preview(text) to anon, authenticated;

-- Security definer: coordinators may not read auth.users, but a roster import must know which of
-- its addresses already belong to members of their own programme; it answers for nothing else.
create function public.members_among(programme uuid, emails text[])
returns table (email text, role text, cohort_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  select lower(u.email), m.role, m.cohort_id
  from public.memberships m
  join auth.users u on u.id = m.profile_id
  where m.programme_id = programme
    and m.status in ('pending', 'verified')
    and lower(u.email) = any (emails)
    and public.is_coordinator_of(programme)
$$;
comment on function public.members_among(uuid, text[]) is
  'Which of these addresses already claim a membership of the programme; coordinators of it only.';
revoke execute on function public.members_among(uuid, text[]) from public, anon;
grant execute on function public.members_among(uuid, text[]) to authenticated;

alter table public.membership_invitations enable row level security;
alter table public.notifications enable row level security;

-- Invitations: a programme's coordinators manage them; the invitee sees open invitations to their
-- own address (to accept in the app); nobody else sees anything.
create policy "coordinators read their programmes' invitations" on public.membership_invitations
  for select to authenticated
  using (public.is_coordinator_of(programme_id));

create policy "invitees read open invitations to their address" on public.membership_invitations
  for select to authenticated
  using (status = 'pending' and email = (select public.my_email()));

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
  using (public.is_coordinator_of(programme_id))
  with check (public.is_coordinator_of(programme_id) and status = 'revoked');

revoke all on public.membership_invitations from anon, authenticated;
grant select on public.membership_invitations to authenticated;
grant insert (programme_id, cohort_id, role, email, name, token_hash, invited_by, expires_at)
  on public.membership_invitations to authenticated;
grant update (status) on public.membership_invitations to authenticated;

-- Notifications: only the recipient reads them and marks them read; triggers write them.
create policy "people read their own notifications" on public.notifications
  for select to authenticated
  using (recipient_id = (select auth.uid()));

create policy "people mark their own notifications read" on public.notifications
  for update to authenticated
  using (recipient_id = (select auth.uid()))
  with check (recipient_id = (select auth.uid()));

revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
