-- Security definer helpers, the directory's searches and profile_cards leave the Data API.
--
-- On a Supabase project PostgREST serves every function and view that the API roles may use in
-- the schemas it exposes (public, graphql_public): each security definer function in public that
-- anon or authenticated could execute was also an endpoint, /rest/v1/rpc/<name>, open to anyone
-- with the publishable key, running with its owner's rights; and profile_cards, a view that reads
-- every column of profiles and the addresses in auth.users with its owner's rights, was a table of
-- the API. The Security Advisor reported them (security_definer_view, auth_users_exposed,
-- anon/authenticated_security_definer_function_executable). This app's server speaks SQL and
-- calls none of them through the API, so, as Supabase advises, they move to the schema private,
-- which the API does not expose, each executable (or readable) only by the roles whose policies
-- or queries use it. ALTER … SET SCHEMA keeps each object, its grants and what refers to it (the
-- policies name functions by their identity, not their name); the four bodies that call a moved
-- function by name follow it below. What each of them answers, and to whom, is unchanged.
-- Internal helpers that only security definer code calls stay where they are, executable by no
-- API role.

comment on schema private is
  'Not exposed through the Data API: internal bookkeeping, and the security definer helpers, searches and masking view that the app''s queries and the policies use, each executable only by the roles that need it.';
-- The policies of anon and authenticated call helpers here, and the app's queries read here as them.
grant usage on schema private to anon, authenticated, service_role;

-- ─── policy helpers ──────────────────────────────────────────────────────────────────────────────

alter function public.is_coordinator_of(uuid) set schema private;
alter function public.is_platform_admin() set schema private;
alter function public.viewer_reach(uuid) set schema private;
alter function public.can_see_field(uuid, text) set schema private;
alter function public.can_see_profile(uuid) set schema private;
alter function public.my_email() set schema private;

-- ─── what the app's queries call ─────────────────────────────────────────────────────────────────

alter function public.verified_people_count(uuid) set schema private;
alter function public.search_directory(text, text[], uuid, uuid, text, text, int, text, uuid, int) set schema private;
alter function public.people_like_me(int) set schema private;
alter function public.programme_people(uuid, uuid, text, text, uuid, int) set schema private;
alter function public.accept_invitation(text) set schema private;
alter function public.accept_invitation_by_id(uuid) set schema private;
alter function public.invitation_preview(text) set schema private;
alter function public.members_among(uuid, text[]) set schema private;
alter view public.profile_cards set schema private;

-- ─── who may run each ────────────────────────────────────────────────────────────────────────────

revoke all on function
  private.is_coordinator_of(uuid), private.is_platform_admin(), private.viewer_reach(uuid),
  private.can_see_field(uuid, text), private.can_see_profile(uuid), private.my_email(),
  private.verified_people_count(uuid),
  private.search_directory(text, text[], uuid, uuid, text, text, int, text, uuid, int),
  private.people_like_me(int), private.programme_people(uuid, uuid, text, text, uuid, int),
  private.accept_invitation(text), private.accept_invitation_by_id(uuid),
  private.invitation_preview(text), private.members_among(uuid, text[])
  from public, anon, authenticated, service_role;

-- Policies for both API roles: profiles (viewer_reach) and the profile's lists (can_see_field).
grant execute on function private.viewer_reach(uuid), private.can_see_field(uuid, text)
  to anon, authenticated, service_role;
-- Policies for signed-in members only (memberships, invitations, the compendium's curation), and
-- the app's questions about the signed-in person.
grant execute on function private.is_platform_admin(), private.can_see_profile(uuid)
  to authenticated, service_role;
grant execute on function private.is_coordinator_of(uuid), private.my_email() to authenticated;
-- What visitors' pages ask too: the directory, a programme's head count, an invitation link.
grant execute on function private.verified_people_count(uuid),
  private.search_directory(text, text[], uuid, uuid, text, text, int, text, uuid, int)
  to anon, authenticated, service_role;
grant execute on function private.invitation_preview(text) to anon, authenticated;
-- What only signed-in members' pages ask.
grant execute on function private.people_like_me(int),
  private.programme_people(uuid, uuid, text, text, uuid, int)
  to authenticated, service_role;
grant execute on function private.accept_invitation(text), private.accept_invitation_by_id(uuid),
  private.members_among(uuid, text[])
  to authenticated;

-- The masking view keeps its grants (select only, for the app's queries as the viewer).
revoke all on private.profile_cards from public, anon, authenticated;
grant select on private.profile_cards to anon, authenticated, service_role;

-- Called only from security definer code (viewer_reach, can_see_profile, programme_people), which
-- runs as its owner: no API role needs it.
revoke execute on function public.shares_programme_with(uuid) from public, anon, authenticated;

-- ─── bodies that name a moved function ───────────────────────────────────────────────────────────

create or replace function private.can_see_field(owner uuid, field text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select greatest(p.visibility, case field
      when 'topics' then p.topics_visibility
      when 'languages' then p.languages_visibility
      when 'positions' then p.positions_visibility
      when 'links' then p.links_visibility
    end) <= private.viewer_reach(owner)
  from public.profiles p
  where p.id = owner
$$;

create or replace function private.members_among(programme uuid, emails text[])
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
    and private.is_coordinator_of(programme)
$$;

create or replace function public.programmes_guard_curated_columns() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and not private.is_platform_admin()
     and (new.slug, new.organisation_id) is distinct from (old.slug, old.organisation_id) then
    raise exception 'only platform admins change a programme''s address or organisation'
      using errcode = '42501';
  end if;
  return new;
end
$$;

create or replace function public.accept_invitation_row(invitation public.membership_invitations)
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
  if invitation.email <> coalesce(private.my_email(), '') then
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
