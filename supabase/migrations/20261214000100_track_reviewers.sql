-- Reviewers of a track cycle and their conflicts of interest.
--
-- public.track_reviewers: the people admins invite to review a cycle's proposals (members, by
--   handle): invited → accepted or declined by the person (once), who is told by a notification
--   (track_reviewer_invited). A reviewer keeps their topic preferences here (the assignment honours
--   them where it can). Admins read and write every row; the person reads theirs, answers, and
--   changes their topics while they review.
-- public.track_conflicts: the conflicts a reviewer declares with proposals of a cycle they review
--   (a reason is optional, for the committee). The reviewer and admins read them.
-- private.track_has_conflict(reviewer, proposal): a declared conflict, or one the database sees:
--   the reviewer proposes it (lead, or co-proposer asked or accepted), speaks or moderates in it,
--   or works at the organisation of one of its proposers or speakers (profiles' current
--   organisation against the speakers' organisation, compared without case and outer spaces).
-- private.track_conflicts_of(cycle): every (reviewer, proposal) pair in conflict, for admins
--   (the assignment never gives one).
-- private.track_reviewer_proposals(cycle): what a reviewer may read of a cycle's submitted
--   proposals: never one they have a conflict with, never who proposes or speaks in it (the
--   table's own policy still lets only proposers and admins read it). Only for accepted reviewers.

insert into private.notification_kinds (kind, about) values
  ('track_reviewer_invited', 'admins invited the person to review a track cycle''s proposals; they accept or decline');

create table public.track_reviewers (
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  status text not null default 'invited'
    constraint track_reviewers_status_check check (status in ('invited', 'accepted', 'declined')),
  topics text[] not null default '{}'
    constraint track_reviewers_topics_check check (cardinality(topics) <= 12
      and array_to_string(topics, ',') ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'),
  invited_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  primary key (cycle_id, profile_id)
);
comment on table public.track_reviewers is
  'People invited to review a track cycle''s proposals (invited → accepted or declined), with their topic preferences; admins and the person read them.';

alter table public.track_reviewers enable row level security;
create index track_reviewers_profile_id_idx on public.track_reviewers (profile_id, status);
create index track_reviewers_invited_by_idx on public.track_reviewers (invited_by);

-- Security definer: whether the signed-in person reviews a cycle (accepted), past the reviewers'
-- own policy.
create function private.is_track_reviewer(cycle uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.track_reviewers r
    where r.cycle_id = cycle and r.profile_id = (select auth.uid()) and r.status = 'accepted'
  )
$$;
comment on function private.is_track_reviewer(uuid) is
  'Whether the signed-in person has accepted to review a track cycle.';
revoke all on function private.is_track_reviewer(uuid) from public;
grant execute on function private.is_track_reviewer(uuid) to anon, authenticated, service_role;

-- The person answers once (accepted or declined) and then changes only their topics; admins
-- invite (the row starts invited) and may take an invitation back (delete).
create function private.track_reviewers_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.status := 'invited';
    new.invited_by := (select auth.uid());
    new.created_at := now();
    new.decided_at := null;
    return new;
  end if;
  if new.profile_id <> old.profile_id or new.cycle_id <> old.cycle_id then
    raise exception 'a reviewer stays who and where they are' using errcode = '55000';
  end if;
  if new.status is distinct from old.status then
    if old.status <> 'invited' or new.status not in ('accepted', 'declined') then
      raise exception 'a reviewer answers once' using errcode = '55000';
    end if;
    new.decided_at := now();
  end if;
  return new;
end
$$;
revoke all on function private.track_reviewers_guard() from public, anon, authenticated;
create trigger track_reviewers_guard before insert or update on public.track_reviewers
  for each row execute function private.track_reviewers_guard();

-- Security definer: writes the invited person's notification.
create function private.track_reviewers_tell() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (recipient_id, kind, payload)
  select new.profile_id, 'track_reviewer_invited', jsonb_build_object(
    'cycle_slug', c.slug, 'cycle_title', c.title,
    'person_name', (select pr.display_name from public.profiles pr where pr.id = new.invited_by))
  from public.track_cycles c where c.id = new.cycle_id;
  return null;
end
$$;
revoke all on function private.track_reviewers_tell() from public, anon, authenticated;
-- Only those still asked (the demo world's reviewers are seeded answered).
create trigger track_reviewers_tell after insert on public.track_reviewers
  for each row when (new.status = 'invited') execute function private.track_reviewers_tell();

create policy "admins and the person read reviewers" on public.track_reviewers
  for select to authenticated
  using (track_reviewers.profile_id = (select auth.uid()) or (select private.is_platform_admin()));
create policy "admins invite reviewers" on public.track_reviewers
  for insert to authenticated
  with check ((select private.is_platform_admin()));
create policy "the person answers and sets their topics" on public.track_reviewers
  for update to authenticated
  using (track_reviewers.profile_id = (select auth.uid()))
  with check (track_reviewers.profile_id = (select auth.uid()));
create policy "admins take invitations back" on public.track_reviewers
  for delete to authenticated
  using ((select private.is_platform_admin()));

revoke all on public.track_reviewers from anon, authenticated;
grant select, delete on public.track_reviewers to authenticated;
grant insert (cycle_id, profile_id), update (status, topics) on public.track_reviewers to authenticated;
grant all on public.track_reviewers to service_role;

-- ─── declared conflicts ──────────────────────────────────────────────────────────────────────────

create table public.track_conflicts (
  proposal_id uuid not null references public.track_proposals (id) on delete cascade,
  reviewer_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  reason text constraint track_conflicts_reason_check check (char_length(reason) <= 500),
  created_at timestamptz not null default now(),
  primary key (reviewer_id, proposal_id)
);
comment on table public.track_conflicts is
  'Conflicts of interest a reviewer declares with proposals of a cycle they review; read by the reviewer and admins.';

alter table public.track_conflicts enable row level security;
create index track_conflicts_proposal_id_idx on public.track_conflicts (proposal_id);

-- Security definer: the cycle of a proposal, for people who may not read the proposal itself.
create function private.track_proposal_cycle(proposal uuid) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.cycle_id from public.track_proposals p where p.id = proposal
$$;
comment on function private.track_proposal_cycle(uuid) is
  'The cycle of a track proposal (for the policies of reviewers, who do not read proposals themselves).';
revoke all on function private.track_proposal_cycle(uuid) from public;
grant execute on function private.track_proposal_cycle(uuid) to anon, authenticated, service_role;

create policy "reviewers and admins read conflicts" on public.track_conflicts
  for select to authenticated
  using (track_conflicts.reviewer_id = (select auth.uid()) or (select private.is_platform_admin()));
create policy "reviewers declare conflicts" on public.track_conflicts
  for insert to authenticated
  with check (track_conflicts.reviewer_id = (select auth.uid())
              and private.is_track_reviewer(private.track_proposal_cycle(track_conflicts.proposal_id)));
create policy "reviewers take back their conflicts" on public.track_conflicts
  for delete to authenticated
  using (track_conflicts.reviewer_id = (select auth.uid()));

revoke all on public.track_conflicts from anon, authenticated;
grant select, delete, insert (proposal_id, reason) on public.track_conflicts to authenticated;
grant all on public.track_conflicts to service_role;

-- ─── conflicts the database sees ─────────────────────────────────────────────────────────────────

-- Security definer: reads proposals, co-proposers, speakers and profiles past their policies.
-- Organisations are free text; they match when equal without case and outer spaces.
create function private.track_has_conflict(reviewer uuid, proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  with p as (select id, proposer_id from public.track_proposals where id = proposal),
  people as (
    select p.proposer_id as id from p
    union
    select c.profile_id from public.track_co_proposers c where c.proposal_id = proposal and c.status <> 'declined'
  ),
  organisations as (
    select lower(btrim(pr.current_organisation)) as name
    from people join public.profiles pr on pr.id = people.id
    where nullif(btrim(pr.current_organisation), '') is not null
    union
    select lower(btrim(s.organisation)) from public.track_speakers s
    where s.proposal_id = proposal and nullif(btrim(s.organisation), '') is not null
  )
  select exists (select 1 from public.track_conflicts d where d.reviewer_id = reviewer and d.proposal_id = proposal)
    or exists (select 1 from people where people.id = reviewer)
    or exists (select 1 from public.track_speakers s where s.proposal_id = proposal and s.profile_id = reviewer)
    or exists (
      select 1 from public.profiles me join organisations o on o.name = lower(btrim(me.current_organisation))
      where me.id = reviewer
    )
$$;
comment on function private.track_has_conflict(uuid, uuid) is
  'Whether a reviewer has a conflict with a track proposal: declared, or seen (proposes it, speaks in it, works where one of its proposers or speakers works).';
revoke all on function private.track_has_conflict(uuid, uuid) from public;
grant execute on function private.track_has_conflict(uuid, uuid) to anon, authenticated, service_role;

-- Security definer: every reviewer × proposal pair of a cycle in conflict, with why; admins only
-- (an empty answer for anyone else).
create function private.track_conflicts_of(cycle uuid)
returns table (reviewer_id uuid, proposal_id uuid, declared boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select r.profile_id, p.id,
         exists (select 1 from public.track_conflicts d where d.reviewer_id = r.profile_id and d.proposal_id = p.id)
  from public.track_reviewers r
  join public.track_proposals p on p.cycle_id = r.cycle_id
  where r.cycle_id = cycle and r.status <> 'declined' and (select private.is_platform_admin())
    and private.track_has_conflict(r.profile_id, p.id)
$$;
comment on function private.track_conflicts_of(uuid) is
  'The (reviewer, proposal) pairs of a track cycle in conflict, declared or seen; answers admins only.';
revoke all on function private.track_conflicts_of(uuid) from public;
grant execute on function private.track_conflicts_of(uuid) to anon, authenticated, service_role;

-- Security definer: what an accepted reviewer reads of a cycle's proposals: the submitted ones
-- they have no conflict with, and only these columns — no proposer, co-proposer or speaker.
create function private.track_reviewer_proposals(cycle uuid)
returns table (id uuid, title text, format text, duration_minutes integer, topics text[], languages text[])
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.title, p.format, p.duration_minutes, p.topics, p.languages
  from public.track_proposals p
  where p.cycle_id = cycle and p.status not in ('draft', 'withdrawn')
    and private.is_track_reviewer(cycle)
    and not private.track_has_conflict((select auth.uid()), p.id)
  order by p.title, p.id
$$;
comment on function private.track_reviewer_proposals(uuid) is
  'The submitted proposals of a track cycle an accepted reviewer may read (none they have a conflict with), without who proposes or speaks in them.';
revoke all on function private.track_reviewer_proposals(uuid) from public;
grant execute on function private.track_reviewer_proposals(uuid) to anon, authenticated, service_role;
