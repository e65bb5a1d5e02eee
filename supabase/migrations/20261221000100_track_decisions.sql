-- The committee's decisions on track proposals, sending them, and the accepted proposers' answer.
--
-- public.track_decisions: one per proposal, by admins: accepted, waitlisted, rejected, or merged
--   into another proposal of the same cycle (merged_into points at the one it joins), with an
--   optional note from the committee to the proposers. Admins decide from the start of the
--   cycle's decisions phase on, and also after it ends (a late change before sending, a proposal
--   left undecided), never before it starts; only a submitted proposal (not drafted, withdrawn or
--   screened out) is decided. A decision may be changed or taken back until it is sent; a sent
--   one stays as it was. Merging: never into itself, never into a proposal of another cycle, one
--   not in review (draft, withdrawn, screened out) or one merged or rejected itself; a proposal
--   others are merged into is neither merged nor rejected while they point at it (no chains).
--   Sending (the admins' one action, src/lib/server/db/track-decisions.ts) sets sent_at once: the
--   update touches only rows not yet sent, so two sends never send one decision twice. When a
--   decision is sent its proposal takes the decision as its status (the guard of track_proposals
--   allows exactly that change), and its proposers are told (notification kind track_decision,
--   mail kind track_decision, written by the server in each recipient's language).
--   Admins read every decision; the proposers (lead and accepted co-proposers) read theirs only
--   once it is sent; nobody else (reviewers, other members) ever.
-- public.track_confirmations: the answer to an accepted decision, by one of its proposers once it
--   is sent: confirmed (the session will take place) or declined. A confirmation may still become
--   a decline; a decline is final. Read by the proposers and admins.
-- private.track_decisions_open(cycle): whether the cycle's decisions phase has started.
-- private.track_merge_target_title(proposal): the title of the proposal a merged one joins, for
--   its proposers once the decision is sent (they cannot read that proposal), and for admins.

insert into private.notification_kinds (kind, about) values
  ('track_decision', 'the committee sent its decision on a track proposal the person proposes');
insert into private.mail_kinds (kind, about) values
  ('track_decision', 'to the proposers of a track proposal: the committee''s decision, its note and the reviewers'' comments');

create function private.track_decisions_open(cycle uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (
    select 1 from public.track_phases p
    where p.cycle_id = cycle and p.kind = 'decisions' and now() >= p.starts_at
  )
$$;
comment on function private.track_decisions_open(uuid) is
  'Whether the decisions phase of a track cycle has started (admins decide from then on, also after it ends).';
revoke all on function private.track_decisions_open(uuid) from public;
grant execute on function private.track_decisions_open(uuid) to anon, authenticated, service_role;

create table public.track_decisions (
  proposal_id uuid primary key references public.track_proposals (id) on delete cascade,
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  decision text not null
    constraint track_decisions_decision_check check (decision in ('accepted', 'waitlisted', 'rejected', 'merged')),
  merged_into uuid references public.track_proposals (id) on delete restrict,
  note text constraint track_decisions_note_check check (char_length(note) <= 5000),
  decided_by uuid default auth.uid() references public.profiles (id) on delete set null,
  decided_at timestamptz not null default now(),
  sent_at timestamptz,
  sent_by uuid references public.profiles (id) on delete set null,
  constraint track_decisions_merged_into_check check ((decision = 'merged') = (merged_into is not null)),
  constraint track_decisions_not_into_itself check (merged_into <> proposal_id)
);
comment on table public.track_decisions is
  'The committee''s decision on a track proposal (accepted, waitlisted, rejected, merged into another) with its note; written by admins until sent, read by its proposers once sent.';
comment on column public.track_decisions.cycle_id is 'The proposal''s cycle, set by the guard (for the cycle''s counts and sending).';
comment on column public.track_decisions.sent_at is 'When the decision was sent to the proposers; set once, by sending.';

alter table public.track_decisions enable row level security;
create index track_decisions_cycle_idx on public.track_decisions (cycle_id, decision);
create index track_decisions_unsent_idx on public.track_decisions (cycle_id) where sent_at is null;
create index track_decisions_merged_into_idx on public.track_decisions (merged_into);
create index track_decisions_decided_by_idx on public.track_decisions (decided_by);
create index track_decisions_sent_by_idx on public.track_decisions (sent_by);

-- The guard, for people: only admins, only while the phase allows, only a submitted proposal;
-- the merge rules; a sent decision stays; sending changes only the sending.
create function private.track_decisions_guard() returns trigger
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
revoke all on function private.track_decisions_guard() from public, anon, authenticated;
create trigger track_decisions_guard before insert or update on public.track_decisions
  for each row execute function private.track_decisions_guard();

-- Security definer: a sent decision becomes its proposal's status (the proposals' guard lets
-- exactly this change through once the decision is sent).
create function private.track_decisions_sent() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.track_proposals p set status = new.decision
  where p.id = new.proposal_id and p.status = 'submitted';
  return null;
end
$$;
revoke all on function private.track_decisions_sent() from public, anon, authenticated;
create trigger track_decisions_sent after update of sent_at on public.track_decisions
  for each row when (old.sent_at is null and new.sent_at is not null)
  execute function private.track_decisions_sent();

create policy "admins and, once sent, the proposers read decisions" on public.track_decisions
  for select to authenticated
  using (
    (select private.is_platform_admin())
    or (track_decisions.sent_at is not null and private.is_track_proposer(track_decisions.proposal_id))
  );
create policy "admins decide while the phase allows" on public.track_decisions
  for insert to authenticated
  with check ((select private.is_platform_admin()) and private.track_decisions_open(track_decisions.cycle_id));
create policy "admins change decisions until they are sent" on public.track_decisions
  for update to authenticated
  using ((select private.is_platform_admin()) and track_decisions.sent_at is null)
  with check ((select private.is_platform_admin()));
create policy "admins take decisions back until they are sent" on public.track_decisions
  for delete to authenticated
  using ((select private.is_platform_admin()) and track_decisions.sent_at is null);

revoke all on public.track_decisions from anon, authenticated;
grant select, delete, insert (proposal_id, decision, merged_into, note),
  update (decision, merged_into, note, sent_at) on public.track_decisions to authenticated;
grant all on public.track_decisions to service_role;

-- ─── the proposals' guard: a sent decision becomes the status ────────────────────────────────────

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
  if old.status = 'submitted' and new.status in ('accepted', 'waitlisted', 'rejected', 'merged') then
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

-- ─── confirmations ──────────────────────────────────────────────────────────────────────────────

-- Security definer: whether a proposal's accepted decision was sent (its proposers confirm then).
create function private.track_acceptance_sent(proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.track_decisions d
    where d.proposal_id = proposal and d.decision = 'accepted' and d.sent_at is not null
  )
$$;
comment on function private.track_acceptance_sent(uuid) is
  'Whether a track proposal''s decision is an acceptance that was sent (its proposers may confirm or decline).';
revoke all on function private.track_acceptance_sent(uuid) from public;
grant execute on function private.track_acceptance_sent(uuid) to anon, authenticated, service_role;

create table public.track_confirmations (
  proposal_id uuid primary key references public.track_decisions (proposal_id) on delete cascade,
  answer text not null constraint track_confirmations_answer_check check (answer in ('confirmed', 'declined')),
  answered_by uuid default auth.uid() references public.profiles (id) on delete set null,
  answered_at timestamptz not null default now()
);
comment on table public.track_confirmations is
  'The proposers'' answer to an accepted track proposal: confirmed or declined (final); by one of its proposers once the acceptance is sent, read by them and admins.';

alter table public.track_confirmations enable row level security;
create index track_confirmations_answered_by_idx on public.track_confirmations (answered_by);

create function private.track_confirmations_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' and (new.proposal_id <> old.proposal_id or old.answer = 'declined') then
    raise exception 'a declined session stays declined' using errcode = '55000';
  end if;
  new.answered_by := (select auth.uid());
  new.answered_at := now();
  return new;
end
$$;
revoke all on function private.track_confirmations_guard() from public, anon, authenticated;
create trigger track_confirmations_guard before insert or update on public.track_confirmations
  for each row execute function private.track_confirmations_guard();

create policy "proposers and admins read confirmations" on public.track_confirmations
  for select to authenticated
  using ((select private.is_platform_admin()) or private.is_track_proposer(track_confirmations.proposal_id));
create policy "proposers answer a sent acceptance" on public.track_confirmations
  for insert to authenticated
  with check (private.is_track_proposer(track_confirmations.proposal_id)
              and private.track_acceptance_sent(track_confirmations.proposal_id));
create policy "proposers change their answer" on public.track_confirmations
  for update to authenticated
  using (private.is_track_proposer(track_confirmations.proposal_id)
         and private.track_acceptance_sent(track_confirmations.proposal_id))
  with check (private.is_track_proposer(track_confirmations.proposal_id));

revoke all on public.track_confirmations from anon, authenticated;
grant select, insert (proposal_id, answer), update (answer) on public.track_confirmations to authenticated;
grant all on public.track_confirmations to service_role;

-- ─── what proposers read of a merge ─────────────────────────────────────────────────────────────

-- Security definer: the title of the proposal a merged one joins, past that proposal's policy,
-- for the merged one's proposers once its decision is sent, and for admins.
create function private.track_merge_target_title(proposal uuid) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select t.title
  from public.track_decisions d
  join public.track_proposals t on t.id = d.merged_into
  where d.proposal_id = proposal
    and ((select private.is_platform_admin())
         or (d.sent_at is not null and private.is_track_proposer(d.proposal_id)))
$$;
comment on function private.track_merge_target_title(uuid) is
  'The title of the track proposal a merged one joins, for its proposers once the decision is sent, and for admins.';
revoke all on function private.track_merge_target_title(uuid) from public;
grant execute on function private.track_merge_target_title(uuid) to anon, authenticated, service_role;
