-- A verified membership is seen by those who may see the person's profile, no longer by every member.
--
-- Every signed-in member could read every verified membership, including those of people who keep
-- their profile to themselves ("only me") or to their programmes' peers: which profile was
-- verified in which programme, cohort and role. The app showed none of it (its lists go through
-- profile_cards), but on a Supabase project these tables are also reachable through the Data API
-- with the publishable key, so the policy must say it. Now a verified membership is read by whoever
-- may see the profile, as profile_cards decides; the person still reads all of their own claims,
-- and coordinators every claim on their programmes.

-- Security definer: reads the profile's visibility and the viewer's memberships, which the viewer
-- may not read row by row; search_path pinned. The common cases (public and members) need no more
-- than the profile's row, so a list of memberships pays one index lookup per row for this.
create function public.can_see_profile(owner uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select case p.visibility
      when 'public' then true
      when 'members' then (select auth.uid()) is not null
      when 'programmes' then p.id = (select auth.uid()) or public.shares_programme_with(p.id)
      else p.id = (select auth.uid())
    end
    from public.profiles p
    where p.id = owner
  ), false)
$$;
comment on function public.can_see_profile(uuid) is
  'True when the viewer may see this person''s profile at all (its visibility against the viewer''s reach).';
revoke execute on function public.can_see_profile(uuid) from public;
grant execute on function public.can_see_profile(uuid) to anon, authenticated, service_role;

drop policy "members read verified memberships, their own and those they coordinate" on public.memberships;
create policy "members read verified memberships of profiles they may see, their own and those they coordinate"
  on public.memberships
  for select to authenticated
  using (
    (status = 'verified' and public.can_see_profile(profile_id))
    or profile_id = (select auth.uid())
    or public.is_coordinator_of(programme_id)
  );
