-- Proposals to the capacity-building track, who proposes them and who speaks in them.
--
-- public.track_proposals: a session proposed to a cycle: title, format, duration, policy
--   questions, description, expected outcomes, interaction (online and onsite), target audience,
--   languages, topics and related programmes, and its status: draft → submitted → (screened_out
--   by admins, or later accepted / waitlisted / rejected / merged by the decisions), or withdrawn
--   by its proposers. A draft may be incomplete; a submitted proposal has every part. Proposers
--   (the lead and the co-proposers who accepted) and admins read it; a co-proposer still asked
--   reads it to decide; no one else until the programme is published (a later migration).
--   Proposers change it only while the cycle's phases allow (private.track_may_edit) and submit
--   only while the call is open, checked by the guard trigger; they withdraw at any time before a
--   decision. Proposals are never deleted: withdrawn ones stay with their proposers.
-- public.track_co_proposers: members named on a proposal by its proposers, who must accept
--   (invited → accepted or declined); told by a notification (track_co_proposer_invited).
-- public.track_speakers: the speakers and the moderator, members or not: name, organisation,
--   stakeholder group, region, onsite or online, confirmed or not. Read and written by the
--   proposers (writes while the phase allows) and read by admins.
-- public.track_speaker_genders: a speaker's self-described gender, optional, apart from the
--   speaker so that no later policy that publishes speakers can reveal it: proposers and admins
--   only, never public.
-- private.is_track_proposer(proposal): the lead or an accepted co-proposer.

insert into private.notification_kinds (kind, about) values
  ('track_co_proposer_invited', 'a proposer of a track proposal named the person as co-proposer; they accept or decline');

create table public.track_proposals (
  id uuid primary key default gen_random_uuid(),
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  proposer_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  title text not null
    constraint track_proposals_title_check check (char_length(btrim(title)) between 2 and 200),
  format text
    constraint track_proposals_format_check check (format in ('workshop', 'roundtable', 'lightning-talk', 'open-forum', 'training')),
  duration_minutes integer
    constraint track_proposals_duration_check check (duration_minutes between 15 and 180),
  policy_questions text constraint track_proposals_policy_questions_check check (char_length(policy_questions) <= 3000),
  description text constraint track_proposals_description_check check (char_length(description) <= 10000),
  expected_outcomes text constraint track_proposals_outcomes_check check (char_length(expected_outcomes) <= 3000),
  interaction text constraint track_proposals_interaction_check check (char_length(interaction) <= 3000),
  target_audience text constraint track_proposals_audience_check check (char_length(target_audience) <= 2000),
  languages text[] not null default '{}'
    constraint track_proposals_languages_check check (cardinality(languages) <= 6
      and array_to_string(languages, ',') ~ '^([a-z]{2}(,[a-z]{2})*)?$'),
  topics text[] not null default '{}'
    constraint track_proposals_topics_check check (cardinality(topics) <= 8
      and array_to_string(topics, ',') ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'),
  programmes text[] not null default '{}'
    constraint track_proposals_programmes_check check (cardinality(programmes) <= 8
      and array_to_string(programmes, ',') ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'),
  status text not null default 'draft'
    constraint track_proposals_status_check check (status in ('draft', 'submitted', 'withdrawn', 'screened_out',
      'accepted', 'waitlisted', 'rejected', 'merged')),
  submitted_at timestamptz,
  withdrawn_at timestamptz,
  -- Screening (its own migration lets admins do it): why the proposal misses the minimum criteria.
  screening_reason text constraint track_proposals_screening_reason_check check (char_length(screening_reason) <= 2000),
  screened_by uuid references public.profiles (id) on delete set null,
  screened_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint track_proposals_complete_when_submitted check (status in ('draft', 'withdrawn') or (
    format is not null and duration_minutes is not null and policy_questions is not null
    and description is not null and expected_outcomes is not null and interaction is not null
    and target_audience is not null and cardinality(languages) > 0 and submitted_at is not null)),
  constraint track_proposals_screened_with_reason check (status <> 'screened_out' or (
    screening_reason is not null and char_length(btrim(screening_reason)) > 0 and screened_at is not null))
);
comment on table public.track_proposals is
  'Sessions proposed to a track cycle, from draft to submission, screening and (later) decision; read by their proposers and admins.';

alter table public.track_proposals enable row level security;
create index track_proposals_cycle_status_idx on public.track_proposals (cycle_id, status, created_at, id);
create index track_proposals_screened_by_idx on public.track_proposals (screened_by);
create index track_proposals_proposer_id_idx on public.track_proposals (proposer_id, created_at desc);

create table public.track_co_proposers (
  proposal_id uuid not null references public.track_proposals (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  status text not null default 'invited'
    constraint track_co_proposers_status_check check (status in ('invited', 'accepted', 'declined')),
  invited_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  primary key (proposal_id, profile_id)
);
comment on table public.track_co_proposers is
  'Members named as co-proposers of a track proposal; named only once they accept.';

alter table public.track_co_proposers enable row level security;
create index track_co_proposers_profile_id_idx on public.track_co_proposers (profile_id, status);
create index track_co_proposers_invited_by_idx on public.track_co_proposers (invited_by);

-- Security definer: reads proposals and co-proposers past their own policies (which ask it);
-- answers only about the signed-in person.
create function private.is_track_proposer(proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select (select auth.uid()) is not null and (
    exists (select 1 from public.track_proposals p where p.id = proposal and p.proposer_id = (select auth.uid()))
    or exists (
      select 1 from public.track_co_proposers c
      where c.proposal_id = proposal and c.profile_id = (select auth.uid()) and c.status = 'accepted'
    )
  )
$$;
comment on function private.is_track_proposer(uuid) is
  'Whether the signed-in person proposes a track proposal: its lead proposer or a co-proposer who accepted.';
revoke all on function private.is_track_proposer(uuid) from public;
grant execute on function private.is_track_proposer(uuid) to anon, authenticated, service_role;

-- Security definer: a co-proposer still asked reads the proposal they are asked about.
create function private.is_asked_to_co_propose(proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.track_co_proposers c
    where c.proposal_id = proposal and c.profile_id = (select auth.uid()) and c.status = 'invited'
  )
$$;
comment on function private.is_asked_to_co_propose(uuid) is
  'Whether the signed-in person is asked to co-propose a track proposal and has not answered yet.';
revoke all on function private.is_asked_to_co_propose(uuid) from public;
grant execute on function private.is_asked_to_co_propose(uuid) to anon, authenticated, service_role;

-- Security definer: the cycle of a proposal, for the phase checks on speakers and co-proposers.
create function private.track_proposal_may_edit(proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select private.track_may_edit(p.cycle_id) and p.status in ('draft', 'submitted')
    from public.track_proposals p where p.id = proposal
  ), false)
$$;
comment on function private.track_proposal_may_edit(uuid) is
  'Whether a proposal''s parts may change now: its cycle''s phase lets proposers edit and it is a draft or submitted.';
revoke all on function private.track_proposal_may_edit(uuid) from public;
grant execute on function private.track_proposal_may_edit(uuid) to anon, authenticated, service_role;

-- The rules of a proposal's life, for the API roles (the service seeds as it likes). Its lead is
-- the person who writes it. Its proposers change its words while the phase allows and it is a
-- draft or submitted, submit it while the call is open, withdraw it at any time before a decision
-- and take it up again (as a draft) while the phase allows. Admins screen a submitted proposal
-- out, with a reason, or back in; they change nothing else. Decisions come with their own rules.
create function private.track_proposals_guard() returns trigger
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
revoke all on function private.track_proposals_guard() from public, anon, authenticated;

create trigger track_proposals_guard before insert or update on public.track_proposals
  for each row execute function private.track_proposals_guard();

create policy "proposers and admins read proposals" on public.track_proposals
  for select to authenticated
  using (
    -- The lead by the row itself: a new row (insert … returning) is not yet there for the helper.
    track_proposals.proposer_id = (select auth.uid())
    or private.is_track_proposer(track_proposals.id)
    or private.is_asked_to_co_propose(track_proposals.id)
    or (select private.is_platform_admin())
  );
create policy "members propose" on public.track_proposals
  for insert to authenticated
  with check (track_proposals.proposer_id = (select auth.uid()));
create policy "proposers change their proposals" on public.track_proposals
  for update to authenticated
  using (private.is_track_proposer(track_proposals.id))
  with check (private.is_track_proposer(track_proposals.id));

revoke all on public.track_proposals from anon, authenticated;
grant select on public.track_proposals to authenticated;
grant insert (cycle_id, title, format, duration_minutes, policy_questions, description, expected_outcomes,
  interaction, target_audience, languages, topics, programmes, status),
  update (title, format, duration_minutes, policy_questions, description, expected_outcomes,
  interaction, target_audience, languages, topics, programmes, status)
  on public.track_proposals to authenticated;
grant all on public.track_proposals to service_role;

-- ─── co-proposers ────────────────────────────────────────────────────────────────────────────────

-- Proposers name co-proposers while the proposal may change; a co-proposer only answers
-- (accepted or declined, once), and the answer is timed. Security definer: tells the person.
create function private.track_co_proposers_guard() returns trigger
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
    if new.profile_id = (select p.proposer_id from public.track_proposals p where p.id = new.proposal_id) then
      raise exception 'the lead proposer is not a co-proposer' using errcode = '23514';
    end if;
    return new;
  end if;
  if old.status <> 'invited' or new.status not in ('accepted', 'declined')
     or new.profile_id <> old.profile_id or new.proposal_id <> old.proposal_id then
    raise exception 'a co-proposer answers once' using errcode = '55000';
  end if;
  new.decided_at := now();
  return new;
end
$$;
revoke all on function private.track_co_proposers_guard() from public, anon, authenticated;
create trigger track_co_proposers_guard before insert or update on public.track_co_proposers
  for each row execute function private.track_co_proposers_guard();

create function private.track_co_proposers_tell() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (recipient_id, kind, payload)
  select new.profile_id, 'track_co_proposer_invited', jsonb_build_object(
    'proposal_id', p.id, 'proposal_title', p.title, 'cycle_slug', c.slug,
    'person_name', (select pr.display_name from public.profiles pr where pr.id = p.proposer_id))
  from public.track_proposals p join public.track_cycles c on c.id = p.cycle_id
  where p.id = new.proposal_id;
  return null;
end
$$;
revoke all on function private.track_co_proposers_tell() from public, anon, authenticated;
-- Only those still asked (the API's rows always are; the demo world's are seeded answered).
create trigger track_co_proposers_tell after insert on public.track_co_proposers
  for each row when (new.status = 'invited') execute function private.track_co_proposers_tell();

create policy "proposers and the asked read co-proposers" on public.track_co_proposers
  for select to authenticated
  using (
    track_co_proposers.profile_id = (select auth.uid())
    or private.is_track_proposer(track_co_proposers.proposal_id)
    or (select private.is_platform_admin())
  );
create policy "proposers name co-proposers while they may edit" on public.track_co_proposers
  for insert to authenticated
  with check (
    private.is_track_proposer(track_co_proposers.proposal_id)
    and private.track_proposal_may_edit(track_co_proposers.proposal_id)
  );
create policy "co-proposers answer" on public.track_co_proposers
  for update to authenticated
  using (track_co_proposers.profile_id = (select auth.uid()))
  with check (track_co_proposers.profile_id = (select auth.uid()));
create policy "proposers remove co-proposers, co-proposers themselves" on public.track_co_proposers
  for delete to authenticated
  using (
    track_co_proposers.profile_id = (select auth.uid())
    or (private.is_track_proposer(track_co_proposers.proposal_id)
        and private.track_proposal_may_edit(track_co_proposers.proposal_id))
  );

revoke all on public.track_co_proposers from anon, authenticated;
grant select, delete on public.track_co_proposers to authenticated;
grant insert (proposal_id, profile_id), update (status) on public.track_co_proposers to authenticated;
grant all on public.track_co_proposers to service_role;

-- ─── speakers ────────────────────────────────────────────────────────────────────────────────────

create table public.track_speakers (
  id uuid primary key default gen_random_uuid(),
  proposal_id uuid not null references public.track_proposals (id) on delete cascade,
  role text not null default 'speaker'
    constraint track_speakers_role_check check (role in ('speaker', 'moderator')),
  position smallint not null default 0,
  name text not null constraint track_speakers_name_check check (char_length(btrim(name)) between 1 and 200),
  profile_id uuid references public.profiles (id) on delete set null,
  organisation text constraint track_speakers_organisation_check check (char_length(organisation) <= 200),
  stakeholder_group text references public.stakeholder_groups (slug),
  region_code char(3) references public.regions (code),
  attendance text not null default 'onsite'
    constraint track_speakers_attendance_check check (attendance in ('onsite', 'online')),
  confirmed boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.track_speakers is
  'The speakers and the moderator of a track proposal, members or not, with what the minimum criteria count (group, region, onsite, confirmed).';

alter table public.track_speakers enable row level security;
create index track_speakers_proposal_id_idx on public.track_speakers (proposal_id, position);
create index track_speakers_profile_id_idx on public.track_speakers (profile_id);
create index track_speakers_stakeholder_group_idx on public.track_speakers (stakeholder_group);
create index track_speakers_region_code_idx on public.track_speakers (region_code);

create policy "proposers and admins read speakers" on public.track_speakers
  for select to authenticated
  using (private.is_track_proposer(track_speakers.proposal_id) or (select private.is_platform_admin()));
create policy "proposers add speakers while they may edit" on public.track_speakers
  for insert to authenticated
  with check (private.is_track_proposer(track_speakers.proposal_id)
              and private.track_proposal_may_edit(track_speakers.proposal_id));
create policy "proposers change speakers while they may edit" on public.track_speakers
  for update to authenticated
  using (private.is_track_proposer(track_speakers.proposal_id)
         and private.track_proposal_may_edit(track_speakers.proposal_id))
  with check (private.is_track_proposer(track_speakers.proposal_id)
              and private.track_proposal_may_edit(track_speakers.proposal_id));
create policy "proposers remove speakers while they may edit" on public.track_speakers
  for delete to authenticated
  using (private.is_track_proposer(track_speakers.proposal_id)
         and private.track_proposal_may_edit(track_speakers.proposal_id));

revoke all on public.track_speakers from anon, authenticated;
grant select, delete on public.track_speakers to authenticated;
grant insert (proposal_id, role, position, name, profile_id, organisation, stakeholder_group, region_code,
  attendance, confirmed),
  update (role, position, name, profile_id, organisation, stakeholder_group, region_code, attendance, confirmed)
  on public.track_speakers to authenticated;
grant all on public.track_speakers to service_role;

create table public.track_speaker_genders (
  speaker_id uuid primary key references public.track_speakers (id) on delete cascade,
  gender text not null constraint track_speaker_genders_gender_check check (char_length(btrim(gender)) between 1 and 60)
);
comment on table public.track_speaker_genders is
  'A track speaker''s self-described gender, optional: for the minimum criteria and the track''s totals, read by the proposers and admins, never public.';

alter table public.track_speaker_genders enable row level security;

-- Security definer: the proposal of a speaker, past the speakers' policy (which asks the same).
create function private.track_speaker_proposal(speaker uuid) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select s.proposal_id from public.track_speakers s where s.id = speaker
$$;
comment on function private.track_speaker_proposal(uuid) is
  'The proposal a track speaker speaks in (for the policies on their gender).';
revoke all on function private.track_speaker_proposal(uuid) from public;
grant execute on function private.track_speaker_proposal(uuid) to anon, authenticated, service_role;

create policy "proposers and admins read genders" on public.track_speaker_genders
  for select to authenticated
  using (private.is_track_proposer(private.track_speaker_proposal(track_speaker_genders.speaker_id))
         or (select private.is_platform_admin()));
create policy "proposers write genders while they may edit" on public.track_speaker_genders
  for insert to authenticated
  with check (private.is_track_proposer(private.track_speaker_proposal(track_speaker_genders.speaker_id))
              and private.track_proposal_may_edit(private.track_speaker_proposal(track_speaker_genders.speaker_id)));
create policy "proposers change genders while they may edit" on public.track_speaker_genders
  for update to authenticated
  using (private.is_track_proposer(private.track_speaker_proposal(track_speaker_genders.speaker_id))
         and private.track_proposal_may_edit(private.track_speaker_proposal(track_speaker_genders.speaker_id)))
  with check (private.is_track_proposer(private.track_speaker_proposal(track_speaker_genders.speaker_id)));
create policy "proposers remove genders while they may edit" on public.track_speaker_genders
  for delete to authenticated
  using (private.is_track_proposer(private.track_speaker_proposal(track_speaker_genders.speaker_id))
         and private.track_proposal_may_edit(private.track_speaker_proposal(track_speaker_genders.speaker_id)));

revoke all on public.track_speaker_genders from anon, authenticated;
grant select, insert (speaker_id, gender), update (gender), delete on public.track_speaker_genders to authenticated;
grant all on public.track_speaker_genders to service_role;
