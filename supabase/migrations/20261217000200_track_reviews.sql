-- Reviews of track proposals, and what each role sees of them in each phase.
--
-- public.track_phases gains two of pretalx's flags:
--   reviewers_may_review: assigned reviewers write (and, once submitted, still change) their
--     reviews while this phase lasts;
--   proposers_see_reviews: the proposers read the comments to them from this phase's start on
--     (publication is not taken back when the phase ends).
--   The existing reviewers_see_reviews lets reviewers read each other's submitted reviews while the
--   phase lasts (and never before they submitted their own); blind_review, while the phase lasts,
--   also hides the other reviewers' names from a reviewer (both sides blind).
-- public.track_reviews: one per assignment (proposal, reviewer): a comment to the proposers, a
--   private comment to the committee (admins and the proposal's other reviewers, never the
--   proposers), draft → submitted, timestamps. Only the assigned reviewer writes it, while the
--   phase allows it (private.track_may_review: assigned, accepted, no conflict, the proposal still
--   submitted); a submitted review may be changed (and stays submitted) until that phase ends;
--   reviews are never deleted by people. The reviewer and admins read the rows; other reviewers
--   and proposers only through the functions below, which choose the columns.
-- public.track_review_scores: a score per criterion of the review's cycle, within its scale
--   (0 … labels − 1), checked by a trigger for every writer. Submitting needs a score for every
--   criterion of the cycle (the reviews' guard checks it). A criterion with scores keeps its scale
--   and cannot be removed (its name, description, weight, position and independence may change).
-- private.track_other_reviews(proposal): the other submitted reviews of a proposal, for one of its
--   reviewers, only when the phase lets reviewers see reviews and they submitted their own; the
--   reviewers' names only when the phase is not blind.
-- private.track_feedback(proposal): the comments to the proposers, for the proposers, once a phase
--   that publishes them has started (never the committee comment, never scores, never names).
-- private.track_reviewer_proposal(proposal) and private.track_reviewer_speakers(proposal): what a
--   reviewer reads of one proposal to review it: its words and its speakers' stakeholder groups,
--   regions and attendance, never a name or an organisation.

alter table public.track_phases
  add column reviewers_may_review boolean not null default false,
  add column proposers_see_reviews boolean not null default false;
comment on column public.track_phases.reviewers_may_review is
  'Assigned reviewers write and change their reviews while this phase lasts.';
comment on column public.track_phases.proposers_see_reviews is
  'Proposers read the reviewers'' comments to them from this phase''s start on.';
grant insert (reviewers_may_review, proposers_see_reviews), update (reviewers_may_review, proposers_see_reviews)
  on public.track_phases to authenticated;

-- Security definer: reads the phases, reviewers, assignments and proposals past their policies;
-- answers only about the signed-in person.
create function private.track_may_review(proposal uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.track_proposals p
    join public.track_assignments a on a.proposal_id = p.id and a.reviewer_id = (select auth.uid())
    join public.track_reviewers r on r.cycle_id = p.cycle_id and r.profile_id = a.reviewer_id and r.status = 'accepted'
    where p.id = proposal and p.status = 'submitted'
      and exists (
        select 1 from public.track_phases ph
        where ph.cycle_id = p.cycle_id and ph.reviewers_may_review and now() >= ph.starts_at and now() < ph.ends_at
      )
      and not private.track_has_conflict(a.reviewer_id, p.id)
  )
$$;
comment on function private.track_may_review(uuid) is
  'Whether the signed-in person may write their review of a track proposal now: assigned, accepted, no conflict, the proposal submitted, a phase that allows reviewing lasting.';
revoke all on function private.track_may_review(uuid) from public;
grant execute on function private.track_may_review(uuid) to anon, authenticated, service_role;

create table public.track_reviews (
  id uuid primary key default gen_random_uuid(),
  proposal_id uuid not null,
  reviewer_id uuid not null default auth.uid(),
  state text not null default 'draft' constraint track_reviews_state_check check (state in ('draft', 'submitted')),
  comment_to_proposers text
    constraint track_reviews_comment_to_proposers_check check (char_length(comment_to_proposers) <= 5000),
  comment_to_committee text
    constraint track_reviews_comment_to_committee_check check (char_length(comment_to_committee) <= 5000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  constraint track_reviews_once unique (proposal_id, reviewer_id),
  -- The assignment stays while its review does (a re-run of the assignment keeps it).
  constraint track_reviews_assignment_fkey foreign key (proposal_id, reviewer_id)
    references public.track_assignments (proposal_id, reviewer_id),
  constraint track_reviews_submitted_at check ((state = 'submitted') = (submitted_at is not null))
);
comment on table public.track_reviews is
  'A reviewer''s review of a track proposal they are assigned: comments to the proposers and to the committee, draft or submitted. Read by the reviewer and admins; others through functions that choose what they see.';

alter table public.track_reviews enable row level security;
create index track_reviews_reviewer_idx on public.track_reviews (reviewer_id, proposal_id);
create trigger track_reviews_touch_updated_at before update on public.track_reviews
  for each row execute function public.touch_updated_at();

create table public.track_review_scores (
  review_id uuid not null references public.track_reviews (id) on delete cascade,
  criterion_id uuid not null references public.track_criteria (id),
  score integer not null constraint track_review_scores_score_check check (score >= 0),
  primary key (review_id, criterion_id)
);
comment on table public.track_review_scores is
  'A review''s score on one criterion of its cycle''s rubric (an index into the criterion''s scale). Read and written as the review is.';

alter table public.track_review_scores enable row level security;
create index track_review_scores_criterion_idx on public.track_review_scores (criterion_id);

-- The review's guard, for people: the row stays whose and where it is; submitting sets the
-- instant and needs a score for every criterion; a submitted review stays submitted.
create function private.track_reviews_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.reviewer_id := (select auth.uid());
    new.created_at := now();
    new.state := 'draft';
    new.submitted_at := null;
    return new;
  end if;
  if new.proposal_id <> old.proposal_id or new.reviewer_id <> old.reviewer_id then
    raise exception 'a review stays whose and where it is' using errcode = '55000';
  end if;
  if old.state = 'submitted' and new.state <> 'submitted' then
    raise exception 'a submitted review stays submitted' using errcode = '55000';
  end if;
  if new.state = 'submitted' then
    new.submitted_at := coalesce(old.submitted_at, now());
  end if;
  return new;
end
$$;
revoke all on function private.track_reviews_guard() from public, anon, authenticated;
create trigger track_reviews_guard before insert or update on public.track_reviews
  for each row execute function private.track_reviews_guard();

-- Security definer: reads the rubric and the scores. A submitted review has a score for every
-- criterion of its cycle (checked at the end of the transaction, when the scores are written).
create function private.track_reviews_complete() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if exists (
    select 1 from public.track_criteria c
    where c.cycle_id = private.track_proposal_cycle(new.proposal_id)
      and not exists (select 1 from public.track_review_scores s where s.review_id = new.id and s.criterion_id = c.id)
  ) then
    raise exception 'a submitted review scores every criterion' using errcode = 'CC105';
  end if;
  return null;
end
$$;
revoke all on function private.track_reviews_complete() from public, anon, authenticated;
create constraint trigger track_reviews_complete after insert or update on public.track_reviews
  deferrable initially deferred
  for each row when (new.state = 'submitted') execute function private.track_reviews_complete();

-- Every writer: a score is on a criterion of the review's cycle, within the criterion's scale.
create function private.track_review_scores_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  points integer;
begin
  select jsonb_array_length(c.scale) into points
  from public.track_criteria c
  join public.track_reviews r on r.id = new.review_id
  where c.id = new.criterion_id and c.cycle_id = private.track_proposal_cycle(r.proposal_id);
  if points is null then
    raise exception 'this criterion is not of the review''s cycle' using errcode = 'CC103';
  end if;
  if new.score >= points then
    raise exception 'this score is outside the criterion''s scale' using errcode = 'CC103';
  end if;
  return new;
end
$$;
revoke all on function private.track_review_scores_guard() from public, anon, authenticated;
create trigger track_review_scores_guard before insert or update on public.track_review_scores
  for each row execute function private.track_review_scores_guard();

-- Every writer: a criterion with scores keeps its scale (the scores would change meaning).
create function private.track_criteria_keep_scale() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.scale is distinct from old.scale
     and exists (select 1 from public.track_review_scores s where s.criterion_id = old.id) then
    raise exception 'a criterion with scores keeps its scale' using errcode = 'CC104';
  end if;
  return new;
end
$$;
revoke all on function private.track_criteria_keep_scale() from public, anon, authenticated;
create trigger track_criteria_keep_scale before update of scale on public.track_criteria
  for each row execute function private.track_criteria_keep_scale();

-- Security definer: whether a criterion has scores (not whose nor which), for the rubric's page.
create function private.track_criterion_scored(criterion uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.track_review_scores s where s.criterion_id = criterion)
$$;
comment on function private.track_criterion_scored(uuid) is
  'Whether some review scores a rubric criterion (then its scale stays and it is not removed).';
revoke all on function private.track_criterion_scored(uuid) from public;
grant execute on function private.track_criterion_scored(uuid) to anon, authenticated, service_role;

-- Security definer: the review of a score row, for the scores' policies.
create function private.track_review_writable(review uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.track_reviews r
    where r.id = review and r.reviewer_id = (select auth.uid()) and private.track_may_review(r.proposal_id)
  )
$$;
comment on function private.track_review_writable(uuid) is
  'Whether the signed-in person may write the scores of a review now (theirs, and the phase allows it).';
revoke all on function private.track_review_writable(uuid) from public;
grant execute on function private.track_review_writable(uuid) to anon, authenticated, service_role;

create function private.track_review_readable(review uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.track_reviews r
    where r.id = review and (r.reviewer_id = (select auth.uid()) or (select private.is_platform_admin()))
  )
$$;
comment on function private.track_review_readable(uuid) is
  'Whether the signed-in person reads a review''s rows directly: its reviewer, or an admin.';
revoke all on function private.track_review_readable(uuid) from public;
grant execute on function private.track_review_readable(uuid) to anon, authenticated, service_role;

create policy "the reviewer and admins read reviews" on public.track_reviews
  for select to authenticated
  using (track_reviews.reviewer_id = (select auth.uid()) or (select private.is_platform_admin()));
create policy "assigned reviewers write their review while the phase allows" on public.track_reviews
  for insert to authenticated
  with check (track_reviews.reviewer_id = (select auth.uid()) and private.track_may_review(track_reviews.proposal_id));
create policy "reviewers change their review while the phase allows" on public.track_reviews
  for update to authenticated
  using (track_reviews.reviewer_id = (select auth.uid()) and private.track_may_review(track_reviews.proposal_id))
  with check (track_reviews.reviewer_id = (select auth.uid()) and private.track_may_review(track_reviews.proposal_id));

revoke all on public.track_reviews from anon, authenticated;
grant select, insert (proposal_id, comment_to_proposers, comment_to_committee, state),
  update (comment_to_proposers, comment_to_committee, state) on public.track_reviews to authenticated;
grant all on public.track_reviews to service_role;

create policy "the reviewer and admins read scores" on public.track_review_scores
  for select to authenticated using (private.track_review_readable(track_review_scores.review_id));
create policy "reviewers score while the phase allows" on public.track_review_scores
  for insert to authenticated with check (private.track_review_writable(track_review_scores.review_id));
create policy "reviewers change scores while the phase allows" on public.track_review_scores
  for update to authenticated
  using (private.track_review_writable(track_review_scores.review_id))
  with check (private.track_review_writable(track_review_scores.review_id));
create policy "reviewers take a score back while the phase allows" on public.track_review_scores
  for delete to authenticated using (private.track_review_writable(track_review_scores.review_id));

revoke all on public.track_review_scores from anon, authenticated;
grant select, delete, insert (review_id, criterion_id, score), update (score)
  on public.track_review_scores to authenticated;
grant all on public.track_review_scores to service_role;

-- ─── what others read ────────────────────────────────────────────────────────────────────────────

-- Security definer: the other submitted reviews of a proposal, for one of its reviewers: only
-- while a phase lets reviewers see reviews, only once their own is submitted, never one they have
-- a conflict with; a reviewer's name only while no lasting phase is blind (none lasting: blind).
create function private.track_other_reviews(proposal uuid)
returns table (id uuid, reviewer_name text, scores jsonb, comment_to_proposers text,
               comment_to_committee text, submitted_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select (select auth.uid()) as id),
  allowed as (
    select p.cycle_id,
           exists (
             select 1 from public.track_phases ph
             where ph.cycle_id = p.cycle_id and ph.reviewers_see_reviews and now() >= ph.starts_at and now() < ph.ends_at
           ) as see,
           not exists (
             select 1 from public.track_phases ph
             where ph.cycle_id = p.cycle_id and now() >= ph.starts_at and now() < ph.ends_at
           ) or exists (
             select 1 from public.track_phases ph
             where ph.cycle_id = p.cycle_id and now() >= ph.starts_at and now() < ph.ends_at and ph.blind_review
           ) as blind
    from public.track_proposals p, me
    where p.id = proposal
      and exists (
        select 1 from public.track_reviews mine
        where mine.proposal_id = p.id and mine.reviewer_id = me.id and mine.state = 'submitted'
      )
      and private.is_track_reviewer(p.cycle_id)
      and not private.track_has_conflict(me.id, p.id)
  )
  select r.id,
         case when allowed.blind then null else pr.display_name end,
         coalesce((select jsonb_object_agg(s.criterion_id, s.score) from public.track_review_scores s where s.review_id = r.id), '{}'),
         r.comment_to_proposers, r.comment_to_committee, r.submitted_at
  from allowed
  join public.track_reviews r on r.proposal_id = proposal and r.state = 'submitted'
  join public.profiles pr on pr.id = r.reviewer_id
  cross join me
  where allowed.see and r.reviewer_id <> me.id
  order by r.submitted_at, r.id
$$;
comment on function private.track_other_reviews(uuid) is
  'The other reviewers'' submitted reviews of a track proposal, for a reviewer who submitted theirs, while the phase lets reviewers see reviews; names only when no lasting phase is blind.';
revoke all on function private.track_other_reviews(uuid) from public;
grant execute on function private.track_other_reviews(uuid) to anon, authenticated, service_role;

-- Security definer: the comments to the proposers of a proposal, for its proposers, once a phase
-- that publishes them has started; only submitted reviews, only that comment.
create function private.track_feedback(proposal uuid)
returns table (comment_to_proposers text, submitted_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select r.comment_to_proposers, r.submitted_at
  from public.track_proposals p
  join public.track_reviews r on r.proposal_id = p.id and r.state = 'submitted'
  where p.id = proposal and private.is_track_proposer(p.id)
    and nullif(btrim(r.comment_to_proposers), '') is not null
    and exists (
      select 1 from public.track_phases ph
      where ph.cycle_id = p.cycle_id and ph.proposers_see_reviews and now() >= ph.starts_at
    )
  order by r.submitted_at, r.id
$$;
comment on function private.track_feedback(uuid) is
  'The reviewers'' comments to the proposers of a track proposal, for its proposers, once a phase that publishes them has started.';
revoke all on function private.track_feedback(uuid) from public;
grant execute on function private.track_feedback(uuid) to anon, authenticated, service_role;

-- Security definer: one proposal as a reviewer reads it to review: its words, never who proposes
-- or speaks in it; only for an accepted reviewer without a conflict, a submitted proposal.
create function private.track_reviewer_proposal(proposal uuid)
returns table (id uuid, cycle_id uuid, title text, format text, duration_minutes integer, policy_questions text,
               description text, expected_outcomes text, interaction text, target_audience text,
               topics text[], languages text[])
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.cycle_id, p.title, p.format, p.duration_minutes, p.policy_questions, p.description,
         p.expected_outcomes, p.interaction, p.target_audience, p.topics, p.languages
  from public.track_proposals p
  where p.id = proposal and p.status not in ('draft', 'withdrawn')
    and private.is_track_reviewer(p.cycle_id)
    and not private.track_has_conflict((select auth.uid()), p.id)
$$;
comment on function private.track_reviewer_proposal(uuid) is
  'One submitted track proposal as an accepted reviewer without a conflict reads it: its words, without who proposes or speaks in it.';
revoke all on function private.track_reviewer_proposal(uuid) from public;
grant execute on function private.track_reviewer_proposal(uuid) to anon, authenticated, service_role;

-- Security definer: a proposal's speakers as a reviewer reads them for the diversity criterion:
-- role, stakeholder group, region, attendance and confirmation; never a name, an organisation or a
-- gender.
create function private.track_reviewer_speakers(proposal uuid)
returns table (role text, stakeholder_group text, region_code text, attendance text, confirmed boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select s.role, s.stakeholder_group, s.region_code, s.attendance, s.confirmed
  from public.track_speakers s
  join public.track_proposals p on p.id = s.proposal_id
  where p.id = proposal and p.status not in ('draft', 'withdrawn')
    and private.is_track_reviewer(p.cycle_id)
    and not private.track_has_conflict((select auth.uid()), p.id)
  order by s.role = 'moderator', s.position, s.id
$$;
comment on function private.track_reviewer_speakers(uuid) is
  'The speakers of a track proposal as a reviewer reads them: role, stakeholder group, region, attendance, confirmed; no name, organisation or gender.';
revoke all on function private.track_reviewer_speakers(uuid) from public;
grant execute on function private.track_reviewer_speakers(uuid) to anon, authenticated, service_role;
