-- What a reviewer reads of the conflicts they declared, so that they can take one back.
--
-- private.track_declared_conflicts(cycle): the signed-in reviewer's own declared conflicts in a
--   cycle, each with the proposal's title (the only part of it they read: the proposals they are
--   in conflict with are otherwise hidden from them) and their reason. Taking one back is the
--   existing delete policy of public.track_conflicts ("reviewers take back their conflicts");
--   conflicts the system detects (own, co-proposed, same organisation) are not rows and stay.

-- Security definer: reads the titles of proposals the reviewer may no longer read; only their
-- own declared conflicts.
create function private.track_declared_conflicts(cycle uuid)
returns table (proposal_id uuid, title text, reason text, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select c.proposal_id, p.title, c.reason, c.created_at
  from public.track_conflicts c
  join public.track_proposals p on p.id = c.proposal_id
  where c.reviewer_id = (select auth.uid()) and p.cycle_id = cycle
  order by c.created_at, c.proposal_id
$$;
comment on function private.track_declared_conflicts(uuid) is
  'The signed-in reviewer''s declared conflicts in a track cycle, with the proposals'' titles and their reasons.';
revoke all on function private.track_declared_conflicts(uuid) from public;
grant execute on function private.track_declared_conflicts(uuid) to anon, authenticated, service_role;
