-- The rubric of a track cycle: the criteria reviewers score proposals on.
--
-- public.track_criteria: per cycle, admin-defined criteria: a name and an optional description, a
--   weight (a positive number; the IGF publishes none, so they are equal by default and
--   configurable), a labelled scale (a jsonb array of 2 to 11 labels: point i is the i-th label,
--   from 0), a position, and whether the criterion is independent (reported apart from the
--   weighted total, e.g. diversity). Everyone reads a cycle's criteria (proposers may know how they
--   are judged); admins write them. A later migration (track_reviews) keeps a criterion that has
--   scores from being removed or having its scale changed.
-- A cycle created without criteria of its own gets the IGF's defaults (relevance to the track,
--   clarity of the policy question, content, diversity, format and interaction), written by a
--   trigger; admins then change them.

-- Immutable: whether a scale is an array of 2 to 11 labels of 1 to 80 characters.
create function private.track_scale_valid(scale jsonb) returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(scale) = 'array'
    and jsonb_array_length(scale) between 2 and 11
    and not exists (
      select 1 from jsonb_array_elements(scale) as e(label)
      where jsonb_typeof(e.label) <> 'string' or char_length(btrim(e.label #>> '{}')) not between 1 and 80
    )
$$;
comment on function private.track_scale_valid(jsonb) is
  'Whether a rubric scale is a jsonb array of 2 to 11 labels (strings of 1 to 80 characters).';
revoke all on function private.track_scale_valid(jsonb) from public;
grant execute on function private.track_scale_valid(jsonb) to anon, authenticated, service_role;

create table public.track_criteria (
  id uuid primary key default gen_random_uuid(),
  cycle_id uuid not null references public.track_cycles (id) on delete cascade,
  position integer not null default 0 constraint track_criteria_position_check check (position between 0 and 1000),
  name text not null
    constraint track_criteria_name_check check (char_length(btrim(name)) between 2 and 120),
  description text constraint track_criteria_description_check check (char_length(description) <= 2000),
  weight numeric(6, 2) not null default 1
    constraint track_criteria_weight_check check (weight > 0 and weight <= 100),
  scale jsonb not null default '["Not at all", "Weakly", "Fairly", "Well", "Excellently"]'
    constraint track_criteria_scale_check check (private.track_scale_valid(scale)),
  independent boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.track_criteria is
  'The rubric of a track cycle: criteria with a weight, a labelled scale (point i is label i, from 0), a position and an independent flag. Read by everyone, written by admins.';
comment on column public.track_criteria.scale is
  'The labels of the scale''s points, lowest first: a score is an index into this array.';
comment on column public.track_criteria.independent is
  'Reported apart from the weighted total (the aggregation leaves it out of the total).';

alter table public.track_criteria enable row level security;
create index track_criteria_cycle_idx on public.track_criteria (cycle_id, position, id);
create trigger track_criteria_touch_updated_at before update on public.track_criteria
  for each row execute function public.touch_updated_at();

create policy "everyone reads track criteria" on public.track_criteria
  for select to anon, authenticated using (true);
create policy "admins add track criteria" on public.track_criteria
  for insert to authenticated with check ((select private.is_platform_admin()));
create policy "admins change track criteria" on public.track_criteria
  for update to authenticated
  using ((select private.is_platform_admin())) with check ((select private.is_platform_admin()));
create policy "admins remove track criteria" on public.track_criteria
  for delete to authenticated using ((select private.is_platform_admin()));

revoke all on public.track_criteria from anon, authenticated;
grant select on public.track_criteria to anon, authenticated;
grant insert (cycle_id, position, name, description, weight, scale, independent),
  update (position, name, description, weight, scale, independent), delete
  on public.track_criteria to authenticated;
grant all on public.track_criteria to service_role;

-- Security definer: writes the defaults past the criteria's policies (the cycle's creator is an
-- admin, or the service). The IGF's criteria, equal weights, a 0–4 scale.
create function private.track_default_criteria() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.track_criteria (cycle_id, position, name, description, independent)
  values
    (new.id, 0, 'Relevance to the track', 'How well the session serves capacity building in Internet governance.', false),
    (new.id, 1, 'Clarity of the policy question', 'Whether the policy question(s) are clear, focused and open to debate.', false),
    (new.id, 2, 'Content', 'The substance of the session: its description, expected outcomes and speakers'' expertise.', false),
    (new.id, 3, 'Diversity', 'Speakers and moderator across genders, stakeholder groups and regions, and newcomers.', false),
    (new.id, 4, 'Format and interaction', 'Whether the format suits the aim, and how participants onsite and online take part.', false);
  return null;
end
$$;
comment on function private.track_default_criteria() is
  'Gives a new track cycle the IGF''s default rubric (relevance, clarity of the policy question, content, diversity, format and interaction).';
revoke all on function private.track_default_criteria() from public, anon, authenticated;
create trigger track_cycles_default_criteria after insert on public.track_cycles
  for each row execute function private.track_default_criteria();

-- Cycles already there get the defaults too.
insert into public.track_criteria (cycle_id, position, name, description)
select c.id, d.position, d.name, d.description
from public.track_cycles c
cross join (values
  (0, 'Relevance to the track', 'How well the session serves capacity building in Internet governance.'),
  (1, 'Clarity of the policy question', 'Whether the policy question(s) are clear, focused and open to debate.'),
  (2, 'Content', 'The substance of the session: its description, expected outcomes and speakers'' expertise.'),
  (3, 'Diversity', 'Speakers and moderator across genders, stakeholder groups and regions, and newcomers.'),
  (4, 'Format and interaction', 'Whether the format suits the aim, and how participants onsite and online take part.')
) as d(position, name, description)
where not exists (select 1 from public.track_criteria t where t.cycle_id = c.id);
