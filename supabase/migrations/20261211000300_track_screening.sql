-- Screening of track proposals: before review, admins mark the submitted proposals that miss the
-- IGF's minimum criteria (at least three confirmed speakers, more than one gender among them,
-- more than one stakeholder group and region, an onsite moderator) as screened out, with the
-- reason, and may take the mark back. The proposers (lead and accepted co-proposers) are told,
-- with the reason (notification kind track_screened_out). The guard trigger of track_proposals
-- lets admins change only the status and the reason this way.

insert into private.notification_kinds (kind, about) values
  ('track_screened_out', 'admins screened out a track proposal the person proposes, with the reason');

-- One update policy for both (two permissive policies would both be evaluated for every row).
drop policy "proposers change their proposals" on public.track_proposals;
create policy "proposers change their proposals, admins screen them" on public.track_proposals
  for update to authenticated
  using (private.is_track_proposer(track_proposals.id) or (select private.is_platform_admin()))
  with check (private.is_track_proposer(track_proposals.id) or (select private.is_platform_admin()));

grant update (screening_reason) on public.track_proposals to authenticated;

-- Security definer: writes notifications, to every proposer of the proposal.
create function private.track_proposals_tell_screened() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (recipient_id, kind, payload)
  select who.id, 'track_screened_out', jsonb_build_object(
    'proposal_id', new.id, 'proposal_title', new.title, 'cycle_slug', c.slug, 'reason', new.screening_reason)
  from (
    select new.proposer_id as id
    union
    select cp.profile_id from public.track_co_proposers cp
    where cp.proposal_id = new.id and cp.status = 'accepted'
  ) who
  cross join public.track_cycles c
  where c.id = new.cycle_id;
  return null;
end
$$;
revoke all on function private.track_proposals_tell_screened() from public, anon, authenticated;

create trigger track_proposals_tell_screened after update of status on public.track_proposals
  for each row when (new.status = 'screened_out' and old.status is distinct from 'screened_out')
  execute function private.track_proposals_tell_screened();
