-- A sent "waitlisted" decision may be raised to "accepted" once, when a seat frees; every other
-- change to a sent decision stays refused.
--
-- public.track_decisions.raised_at: when an admin raised the sent waitlisted decision to accepted.
--   The raise is an update of the decision (its note may change with it) by an admin, allowed
--   exactly once and only from a sent "waitlisted": it clears sent_at, so the raised decision
--   waits for Send like any other, and sending it again makes the proposal accepted and tells its
--   proposers again, each in their language. A raised decision changes no more and is not taken
--   back; any other change to a sent decision is refused as before (CC113), a raise the rules
--   refuse with CC114.
-- private.track_decisions_guard(): the raise, beside the rules it had.
-- private.track_proposals_guard(): a waitlisted proposal becomes accepted when its raised decision
--   is sent.
-- private.track_decisions_sent(): a sent decision becomes its proposal's status, also from the
--   waiting list once raised.
-- The policies for changing and taking back decisions: a sent waitlisted decision not yet raised
--   may be changed (the guard allows only the raise); a raised one is not taken back.

alter table public.track_decisions add column raised_at timestamptz;
comment on column public.track_decisions.raised_at is
  'When a sent waitlisted decision was raised to accepted (once; it then waits to be sent again).';

-- The guard, for people: only admins, only while the phase allows, only a submitted proposal;
-- the merge rules; a sent decision stays, but for the one raise; sending changes only the sending.
create or replace function private.track_decisions_guard() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  proposal public.track_proposals;
  target public.track_proposals;
begin
  select p.* into proposal from public.track_proposals p where p.id = new.proposal_id;
  new.cycle_id := proposal.cycle_id;
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if not (select private.is_platform_admin()) then
    raise exception 'only admins decide on proposals' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' then
    if new.proposal_id <> old.proposal_id then
      raise exception 'a decision stays with its proposal' using errcode = '42501';
    end if;
    if old.sent_at is not null then
      -- The one change a sent decision takes: waitlisted raised to accepted, once, when a seat
      -- frees; it waits to be sent again (its note may change with it).
      if old.decision = 'waitlisted' and old.raised_at is null then
        if new.decision is distinct from 'accepted'
           or (to_jsonb(new) - array['decision', 'note', 'sent_at', 'sent_by'])
              is distinct from (to_jsonb(old) - array['decision', 'note', 'sent_at', 'sent_by']) then
          raise exception 'a sent waitlisted decision is only raised to accepted' using errcode = 'CC114';
        end if;
        new.raised_at := now();
        new.sent_at := null;
        new.sent_by := null;
        new.decided_by := (select auth.uid());
        new.decided_at := now();
        return new;
      end if;
      if old.raised_at is not null then
        raise exception 'a decision is raised from the waiting list once' using errcode = 'CC114';
      end if;
      raise exception 'this decision was sent and stays as it was' using errcode = 'CC113';
    end if;
    if new.sent_at is not null then
      if (to_jsonb(new) - array['sent_at', 'sent_by']) is distinct from (to_jsonb(old) - array['sent_at', 'sent_by']) then
        raise exception 'sending a decision changes nothing else' using errcode = '42501';
      end if;
      new.sent_at := now();
      new.sent_by := (select auth.uid());
      return new;
    end if;
    if old.raised_at is not null then
      raise exception 'a raised decision waits to be sent and changes no more' using errcode = 'CC114';
    end if;
  end if;
  -- An insert meets a sent decision before its conflict does (insert … on conflict): say so.
  if tg_op = 'INSERT' and exists (
    select 1 from public.track_decisions d where d.proposal_id = new.proposal_id and d.sent_at is not null
  ) then
    raise exception 'this decision was sent and stays as it was' using errcode = 'CC113';
  end if;
  if not private.track_decisions_open(proposal.cycle_id) then
    raise exception 'the decisions phase of this cycle has not started' using errcode = 'CC101';
  end if;
  if proposal.status is distinct from 'submitted' then
    raise exception 'only a proposal in review is decided' using errcode = 'CC111';
  end if;
  new.sent_at := null;
  new.sent_by := null;
  new.decided_by := (select auth.uid());
  new.decided_at := now();
  if new.decision = 'merged' then
    if new.merged_into = new.proposal_id then
      raise exception 'a proposal is not merged into itself' using errcode = 'CC112';
    end if;
    select p.* into target from public.track_proposals p where p.id = new.merged_into;
    if target.id is null or target.cycle_id <> proposal.cycle_id
       or target.status not in ('submitted', 'accepted', 'waitlisted') then
      raise exception 'a proposal is merged into one of its cycle in review or accepted' using errcode = 'CC112';
    end if;
    if exists (
      select 1 from public.track_decisions d
      where d.proposal_id = target.id and d.decision in ('merged', 'rejected')
    ) then
      raise exception 'a proposal is not merged into one merged or rejected itself' using errcode = 'CC112';
    end if;
  else
    new.merged_into := null;
  end if;
  if new.decision in ('merged', 'rejected') and exists (
    select 1 from public.track_decisions d where d.merged_into = new.proposal_id
  ) then
    raise exception 'other proposals are merged into this one' using errcode = 'CC112';
  end if;
  return new;
end
$$;

-- The proposals' guard as it was, and a raised decision's sending: waitlisted becomes accepted.
create or replace function private.track_proposals_guard() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  clock constant text[] := array['status', 'submitted_at', 'withdrawn_at', 'updated_at',
    'screening_reason', 'screened_by', 'screened_at'];
  screening boolean;
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.proposer_id := (select auth.uid());
    new.created_at := now();
    new.withdrawn_at := null;
    new.screening_reason := null;
    new.screened_by := null;
    new.screened_at := null;
    if not private.track_may_edit(new.cycle_id) then
      raise exception 'the call for this cycle is closed' using errcode = 'CC101';
    end if;
    if new.status = 'submitted' then
      if not private.track_call_open(new.cycle_id) then
        raise exception 'the call for this cycle is not open' using errcode = 'CC101';
      end if;
      new.submitted_at := now();
    elsif new.status = 'draft' then
      new.submitted_at := null;
    else
      raise exception 'a new proposal is a draft or submitted' using errcode = '42501';
    end if;
    return new;
  end if;

  if new.id <> old.id or new.cycle_id <> old.cycle_id or new.proposer_id <> old.proposer_id
     or new.created_at <> old.created_at then
    raise exception 'a proposal stays in its cycle with its proposer' using errcode = '42501';
  end if;
  screening := (old.status = 'submitted' and new.status = 'screened_out')
    or (old.status = 'screened_out' and new.status = 'submitted');

  if screening then
    if not (select private.is_platform_admin()) then
      raise exception 'only admins screen proposals' using errcode = '42501';
    end if;
    if (to_jsonb(new) - clock) is distinct from (to_jsonb(old) - clock) then
      raise exception 'screening changes nothing else' using errcode = '42501';
    end if;
    if new.status = 'screened_out' then
      new.screened_by := (select auth.uid());
      new.screened_at := now();
    else
      new.screening_reason := null;
      new.screened_by := null;
      new.screened_at := null;
    end if;
    new.submitted_at := old.submitted_at;
    new.withdrawn_at := old.withdrawn_at;
    new.updated_at := now();
    return new;
  end if;

  -- A decision reaches the proposal when it is sent (public.track_decisions): the status only.
  if (old.status = 'submitted' and new.status in ('accepted', 'waitlisted', 'rejected', 'merged'))
     or (old.status = 'waitlisted' and new.status = 'accepted' and exists (
       select 1 from public.track_decisions d where d.proposal_id = new.id and d.raised_at is not null
     )) then
    if not exists (
      select 1 from public.track_decisions d
      where d.proposal_id = new.id and d.decision = new.status and d.sent_at is not null
    ) then
      raise exception 'a proposal is decided by sending its decision' using errcode = '42501';
    end if;
    if (to_jsonb(new) - clock) is distinct from (to_jsonb(old) - clock) then
      raise exception 'a decision changes nothing else' using errcode = '42501';
    end if;
    new.submitted_at := old.submitted_at;
    new.withdrawn_at := old.withdrawn_at;
    new.screening_reason := old.screening_reason;
    new.screened_by := old.screened_by;
    new.screened_at := old.screened_at;
    new.updated_at := now();
    return new;
  end if;

  if not private.is_track_proposer(new.id) then
    raise exception 'only its proposers change a proposal' using errcode = '42501';
  end if;
  if new.screening_reason is distinct from old.screening_reason then
    raise exception 'only admins screen proposals' using errcode = '42501';
  end if;
  new.screened_by := old.screened_by;
  new.screened_at := old.screened_at;
  if (to_jsonb(new) - clock) is distinct from (to_jsonb(old) - clock) then
    if old.status not in ('draft', 'submitted') or not private.track_may_edit(new.cycle_id) then
      raise exception 'this proposal can no longer be changed' using errcode = 'CC101';
    end if;
  end if;
  if new.status is distinct from old.status then
    if new.status = 'withdrawn' and old.status in ('draft', 'submitted', 'screened_out') then
      new.withdrawn_at := now();
    elsif new.status = 'submitted' and old.status = 'draft' then
      if not private.track_call_open(new.cycle_id) then
        raise exception 'the call for this cycle is not open' using errcode = 'CC101';
      end if;
      new.submitted_at := now();
    elsif new.status = 'draft' and old.status in ('submitted', 'withdrawn') then
      if not private.track_may_edit(new.cycle_id) then
        raise exception 'this proposal can no longer be changed' using errcode = 'CC101';
      end if;
      new.submitted_at := null;
      new.withdrawn_at := null;
      new.screening_reason := null;
      new.screened_by := null;
      new.screened_at := null;
    else
      raise exception 'a proposal does not go from % to % this way', old.status, new.status using errcode = '42501';
    end if;
  else
    new.submitted_at := old.submitted_at;
    new.withdrawn_at := old.withdrawn_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;

-- Security definer: a sent decision becomes its proposal's status (the proposals' guard lets
-- exactly this change through once the decision is sent).
create or replace function private.track_decisions_sent() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.track_proposals p set status = new.decision
  where p.id = new.proposal_id
    and (p.status = 'submitted' or (p.status = 'waitlisted' and new.raised_at is not null));
  return null;
end
$$;

drop policy "admins change decisions until they are sent" on public.track_decisions;
create policy "admins change decisions until they are sent, or raise a sent waitlisted one" on public.track_decisions
  for update to authenticated
  using (
    (select private.is_platform_admin())
    and (track_decisions.sent_at is null
         or (track_decisions.decision = 'waitlisted' and track_decisions.raised_at is null))
  )
  with check ((select private.is_platform_admin()));
drop policy "admins take decisions back until they are sent" on public.track_decisions;
create policy "admins take decisions back until they are sent" on public.track_decisions
  for delete to authenticated
  using ((select private.is_platform_admin()) and track_decisions.sent_at is null and track_decisions.raised_at is null);
