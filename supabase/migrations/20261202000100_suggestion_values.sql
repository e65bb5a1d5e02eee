-- Suggested edits that carry a value: for one plain part of a programme's page (its name, summary,
-- website, duration, cost…) a member proposes the new value, which the programme's coordinators or
-- an admin apply with one click, and the member is told what was decided. Free-text suggestions
-- (topics, cohorts, anything else) keep working as before and are marked done by hand.

-- ─── Which columns each part of the page is ─────────────────────────────────────────────────────

-- The app's SUGGESTION_VALUE_COLUMNS (src/lib/schemas/compendium.ts) says the same; a db test
-- checks that the two agree.
create function public.suggestion_columns(field text) returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case field
    when 'name' then array['name']
    when 'summary' then array['summary']
    when 'description' then array['description']
    when 'website' then array['website']
    when 'kind' then array['kind']
    when 'format' then array['format']
    when 'level' then array['level']
    when 'status' then array['status']
    when 'components' then array['components']
    when 'duration' then array['duration_weeks', 'hours_per_week']
    when 'cost' then array['cost', 'fee_amount', 'fee_currency']
    when 'fellowships' then array['fellowships_available', 'fellowship_notes']
    when 'applications' then array['applications_open_on', 'applications_close_on']
  end
$$;
comment on function public.suggestion_columns(text) is
  'The programmes columns that a suggestion about this part of the page sets; null for parts that take free text.';

-- A proposed value is an object with exactly the part's columns as keys.
create function public.suggestion_value_fits(field text, value jsonb) returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select value is null or (
    jsonb_typeof(value) = 'object'
    and public.suggestion_columns(field) is not null
    and array(select k from jsonb_object_keys(value) as k order by k)
      = array(select c from unnest(public.suggestion_columns(field)) as c order by c)
  )
$$;
comment on function public.suggestion_value_fits(text, jsonb) is
  'Whether a proposed value has exactly the columns of the part of the page it is for.';

-- What a part of the page says now, in the shape of a proposed value.
create function public.programme_field_value(programme public.programmes, field text) returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_object_agg(c, to_jsonb(programme) -> c)
  from unnest(public.suggestion_columns(field)) as c
$$;
comment on function public.programme_field_value(public.programmes, text) is
  'The current value of one part of a programme''s page, as {column: value}; null for free-text parts.';

-- ─── Suggestions carry a value, what the page said then, and the reason for a decision ──────────

alter table public.programme_suggestions
  drop constraint programme_suggestions_field_check,
  add constraint programme_suggestions_field_check check (field in (
    'name', 'summary', 'description', 'website', 'kind', 'format', 'level', 'components',
    'duration', 'cost', 'fellowships', 'applications', 'status', 'topics', 'target-groups',
    'languages', 'scope', 'cohorts'
  )),
  -- With a proposed value the text is an optional note (why, or a source).
  alter column proposal drop not null,
  add column proposed_value jsonb,
  -- Written by the insert trigger below, never by the member: what the part said when suggested.
  add column based_on jsonb,
  add column decision_reason text check (char_length(btrim(decision_reason)) between 1 and 500),
  add constraint programme_suggestions_value_fits
    check (public.suggestion_value_fits(field, proposed_value)),
  add constraint programme_suggestions_says_something
    check (proposed_value is not null or proposal is not null),
  add constraint programme_suggestions_changes_something
    check (proposed_value is null or proposed_value is distinct from based_on);

comment on column public.programme_suggestions.proposed_value is
  'The new value of the part of the page, as {column: value} (see suggestion_columns); null for a free-text suggestion.';
comment on column public.programme_suggestions.based_on is
  'What that part of the page said when the suggestion was made; a suggestion is stale once the page says something else.';
comment on column public.programme_suggestions.decision_reason is
  'Why it was dismissed (or a word on how it was taken up), as the person who suggested it is told.';

create function public.programme_suggestions_based_on() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.based_on := case when new.proposed_value is null then null else (
    select public.programme_field_value(p, new.field) from public.programmes p where p.id = new.programme_id
  ) end;
  return new;
end;
$$;
comment on function public.programme_suggestions_based_on() is
  'Records what the part of the page said when a suggestion with a value was made.';
create trigger programme_suggestions_based_on before insert on public.programme_suggestions
  for each row execute function public.programme_suggestions_based_on();

-- Once decided, a suggestion is history; and "accepted" for a suggestion with a value means the
-- page says it (apply_programme_suggestion writes it first), not merely that someone clicked.
create function public.programme_suggestions_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.status <> 'pending' then
    raise exception 'This suggestion was already %.', old.status using errcode = '55000';
  end if;
  if new.status = 'accepted' and new.proposed_value is not null and new.proposed_value is distinct from (
    select public.programme_field_value(p, new.field) from public.programmes p where p.id = new.programme_id
  ) then
    raise exception 'Apply this suggestion to accept it: the page does not say it yet.'
      using errcode = '55000';
  end if;
  return new;
end;
$$;
comment on function public.programme_suggestions_guard() is
  'Refuses changes to decided suggestions, and accepting a value that is not on the page.';
create trigger programme_suggestions_guard before update on public.programme_suggestions
  for each row execute function public.programme_suggestions_guard();

-- ─── Applying one ───────────────────────────────────────────────────────────────────────────────

-- Security invoker on purpose: it runs as the coordinator, so RLS decides whether they may read the
-- suggestion, change the programme and decide; it only saves them three round trips and keeps
-- the write and the decision in one statement's transaction. Returns 'applied', or 'stale' (and
-- changes nothing) when the part of the page changed since the suggestion was made and the caller
-- has not confirmed overwriting what it says now (`confirmed` = that current value).
create function public.apply_programme_suggestion(suggestion uuid, confirmed jsonb default null)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  s public.programme_suggestions;
  now_says jsonb;
  assignments text;
begin
  select * into s from public.programme_suggestions where id = suggestion;
  if not found then
    raise exception 'That suggestion is not there.' using errcode = 'P0002';
  end if;
  if s.status <> 'pending' then
    raise exception 'This suggestion was already %.', s.status using errcode = '55000';
  end if;
  if s.proposed_value is null then
    raise exception 'This suggestion has no value to apply: make the change in the editor, then mark it done.'
      using errcode = '22023';
  end if;

  -- FOR UPDATE is refused by the update policy's USING clause: only the programme's coordinators
  -- and admins get the row (locked, so the staleness check holds until the write).
  select public.programme_field_value(p, s.field) into now_says
  from public.programmes p where p.id = s.programme_id
  for update;
  if not found then
    raise exception 'Only the coordinators of this programme and platform admins change its page.'
      using errcode = '42501';
  end if;
  if s.based_on is distinct from now_says and now_says is distinct from s.proposed_value
     and confirmed is distinct from now_says then
    return 'stale';
  end if;

  select string_agg(format('%I = v.%I', c, c), ', ') into assignments
  from unnest(public.suggestion_columns(s.field)) as c;
  execute format(
    'update public.programmes p set %s from jsonb_populate_record(null::public.programmes, $1) v where p.id = $2',
    assignments
  ) using s.proposed_value, s.programme_id;

  update public.programme_suggestions
  set status = 'accepted', decided_by = (select auth.uid()), decided_at = now()
  where id = s.id;
  return 'applied';
end;
$$;
comment on function public.apply_programme_suggestion(uuid, jsonb) is
  'Writes a suggestion''s value to its programme and accepts it, as the caller under RLS; ''stale'' when the page changed since and the caller did not confirm.';
revoke execute on function public.apply_programme_suggestion(uuid, jsonb) from public, anon;
grant execute on function public.apply_programme_suggestion(uuid, jsonb) to authenticated;

-- ─── Telling the person who suggested it ────────────────────────────────────────────────────────

alter table public.notifications
  drop constraint notifications_kind_check,
  add constraint notifications_kind_check check (kind in (
    'membership_verified', 'membership_declined', 'invitation', 'suggestion_applied',
    'suggestion_dismissed'
  ));

-- Security definer (through notify): the coordinator's decision writes the member's notification.
create function public.programme_suggestions_notify_decision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.notify(
    new.author_id,
    case new.status when 'accepted' then 'suggestion_applied' else 'suggestion_dismissed' end,
    (
      select jsonb_build_object('programme_slug', p.slug, 'programme_name', p.name)
      from public.programmes p where p.id = new.programme_id
    ) || jsonb_build_object(
      'suggestion_id', new.id,
      'field', new.field,
      'value_applied', new.proposed_value is not null and new.status = 'accepted',
      'reason', new.decision_reason
    )
  );
  return null;
end;
$$;
comment on function public.programme_suggestions_notify_decision() is
  'Tells a member that their suggested edit was applied (or taken up) or dismissed, and why.';
revoke execute on function public.programme_suggestions_notify_decision() from public, anon, authenticated;

-- Nobody is told about their own decision on their own suggestion.
create trigger programme_suggestions_notify_decision after update of status on public.programme_suggestions
  for each row
  when (old.status = 'pending' and new.status in ('accepted', 'dismissed')
        and new.author_id is distinct from new.decided_by)
  execute function public.programme_suggestions_notify_decision();

-- ─── Grants ─────────────────────────────────────────────────────────────────────────────────────

-- Members send a value and a note; based_on is the trigger's. Deciders may give a reason.
grant insert (proposed_value) on public.programme_suggestions to authenticated;
grant update (decision_reason) on public.programme_suggestions to authenticated;
