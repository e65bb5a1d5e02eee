-- A coordinator decides a pending claim once; a decided membership is no longer theirs to change.
--
-- The update policy on memberships let a programme's coordinators update any of its memberships:
-- through SQL (or the Data API, with the publishable key and their own token) a coordinator could
-- demote a co-coordinator, reopen a verified membership or turn a declined claim into a verified
-- one, none of which the claims page offers. The page verifies or declines a pending claim, as
-- the coordinator (memberships.decide); the policy now allows exactly that. Decided memberships
-- and coordinators' own rows change only through the service (and an accepted invitation, whose
-- security definer function records the coordinator's decision).

drop policy "coordinators decide on claims to their programmes" on public.memberships;

create policy "coordinators verify or decline pending claims to their programmes" on public.memberships
  for update to authenticated
  using (status = 'pending' and public.is_coordinator_of(programme_id))
  with check (
    status in ('verified', 'declined')
    and decided_by = (select auth.uid())
    and decided_at is not null
    and public.is_coordinator_of(programme_id)
  );
