-- Leaves platform admins able to do on any programme what its coordinators do: read and decide
-- its claims, read, send and withdraw its invitations, and see which addresses on a roster are
-- already members (private.members_among). The pages already let admins edit a programme and its
-- suggested edits; a programme an admin creates has no coordinator yet, and someone must be able
-- to invite its first ones. One rule, as the compendium's curation policies have it:
-- private.is_coordinator_of(programme_id) or (select private.is_platform_admin()).

drop policy "members read verified memberships of profiles they may see, the" on public.memberships;
create policy "members read visible verified memberships, own and coordinated"
  on public.memberships for select to authenticated
  using (
    (status = 'verified' and private.can_see_profile(profile_id))
    or profile_id = (select auth.uid())
    or private.is_coordinator_of(programme_id)
    or (select private.is_platform_admin())
  );

drop policy "coordinators verify or decline pending claims to their programm" on public.memberships;
create policy "coordinators and admins verify or decline pending claims" on public.memberships
  for update to authenticated
  using (
    status = 'pending'
    and (private.is_coordinator_of(programme_id) or (select private.is_platform_admin()))
  )
  with check (
    status in ('verified', 'declined')
    and decided_by = (select auth.uid())
    and decided_at is not null
    and (private.is_coordinator_of(programme_id) or (select private.is_platform_admin()))
  );

drop policy "coordinators and invitees read invitations" on public.membership_invitations;
create policy "coordinators, admins and invitees read invitations" on public.membership_invitations
  for select to authenticated
  using (
    (status = 'pending' and email = (select private.my_email()))
    or private.is_coordinator_of(programme_id)
    or (select private.is_platform_admin())
  );

drop policy "coordinators invite to their programmes" on public.membership_invitations;
create policy "coordinators and admins invite" on public.membership_invitations
  for insert to authenticated
  with check (
    (private.is_coordinator_of(programme_id) or (select private.is_platform_admin()))
    and invited_by = (select auth.uid())
    and status = 'pending'
    and accepted_by is null
  );

drop policy "coordinators revoke their programmes' invitations" on public.membership_invitations;
create policy "coordinators and admins withdraw invitations" on public.membership_invitations
  for update to authenticated
  using (private.is_coordinator_of(programme_id) or (select private.is_platform_admin()))
  with check (
    (private.is_coordinator_of(programme_id) or (select private.is_platform_admin()))
    and status = 'revoked'
  );

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
    and (private.is_coordinator_of(programme) or private.is_platform_admin())
$$;
