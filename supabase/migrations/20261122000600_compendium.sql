-- The compendium: what each programme offers (components, duration, cost, fellowships, application
-- window), what it is filed under (topics, target groups, languages, regions, countries), full-text
-- search, curation by platform admins and coordinators, and members' suggested edits.

-- ─── Who curates ────────────────────────────────────────────────────────────────────────────────

-- Security definer only so that it can be called from policies of any table; it reads nothing but
-- the caller's own verified token claims. Admins are made by the service (app_metadata).
create function public.is_platform_admin() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'platform_role' = 'admin', false)
$$;
comment on function public.is_platform_admin() is
  'True when the signed-in person is a platform admin (app_metadata.platform_role = admin in their token).';
revoke execute on function public.is_platform_admin() from public, anon;
grant execute on function public.is_platform_admin() to authenticated, service_role;

-- ─── What a programme offers ────────────────────────────────────────────────────────────────────

alter table public.programmes
  add column components text[] not null default '{}'
    check (components <@ array[
      'online-learning', 'in-situ-learning', 'coaching-tutoring', 'training-for-trainers',
      'policy-immersion', 'research', 'peer-evaluation', 'community-building'
    ]::text[]),
  add column duration_weeks smallint check (duration_weeks between 1 and 520),
  add column hours_per_week smallint check (hours_per_week between 1 and 80),
  add column cost text not null default 'free' check (cost in ('free', 'fee')),
  add column fee_amount numeric(10, 2) check (fee_amount > 0),
  add column fee_currency char(3) check (fee_currency ~ '^[A-Z]{3}$'),
  add column fellowships_available boolean not null default false,
  add column fellowship_notes text check (char_length(fellowship_notes) <= 1000),
  add column applications_open_on date,
  add column applications_close_on date,
  add constraint programmes_fee_only_when_paid
    check (cost = 'fee' or (fee_amount is null and fee_currency is null)),
  add constraint programmes_fee_amount_has_currency
    check ((fee_amount is null) = (fee_currency is null)),
  add constraint programmes_application_window_in_order
    check (applications_close_on >= applications_open_on),
  add constraint programmes_application_window_complete
    check ((applications_open_on is null) = (applications_close_on is null));

comment on column public.programmes.components is
  'How the programme teaches: online-learning, in-situ-learning, coaching-tutoring, training-for-trainers, policy-immersion, research, peer-evaluation, community-building.';

-- unaccent is only stable (its dictionary could change), so a generated column cannot call it
-- directly; this wrapper pins the dictionary, which is what makes calling it immutable safe.
create function public.unaccented(value text) returns text
language sql
immutable
parallel safe
strict
set search_path = ''
as $$
  select extensions.unaccent('extensions.unaccent'::regdictionary, value)
$$;
comment on function public.unaccented(text) is
  'Text without accents, for full-text search that finds "Fundacion" and "Fundación" alike.';

-- 'simple' rather than a language's stemmer: programmes are written in many languages.
alter table public.programmes add column search tsvector generated always as (
  setweight(to_tsvector('simple'::regconfig, public.unaccented(coalesce(name, ''))), 'A')
  || setweight(to_tsvector('simple'::regconfig, public.unaccented(coalesce(summary, ''))), 'B')
  || setweight(to_tsvector('simple'::regconfig, public.unaccented(coalesce(description, ''))), 'C')
) stored;
create index programmes_search_idx on public.programmes using gin (search);
-- Keyset pages of the compendium in name order.
create index programmes_name_id_idx on public.programmes (name, id);
create index organisations_country_code_idx on public.organisations (country_code);
create index organisations_stakeholder_group_idx on public.organisations (stakeholder_group);
create index cohorts_country_code_idx on public.cohorts (country_code);

-- ─── What a programme is filed under ────────────────────────────────────────────────────────────

create table public.programme_topics (
  programme_id uuid not null references public.programmes (id) on delete cascade,
  topic_slug text not null references public.topics (slug) on delete cascade,
  primary key (programme_id, topic_slug)
);
comment on table public.programme_topics is 'The Internet governance topics a programme teaches.';
create index programme_topics_topic_slug_idx on public.programme_topics (topic_slug);

create table public.programme_target_groups (
  programme_id uuid not null references public.programmes (id) on delete cascade,
  target_group_slug text not null references public.target_groups (slug) on delete cascade,
  primary key (programme_id, target_group_slug)
);
comment on table public.programme_target_groups is 'The audiences a programme is designed for.';
create index programme_target_groups_target_group_slug_idx
  on public.programme_target_groups (target_group_slug);

create table public.programme_languages (
  programme_id uuid not null references public.programmes (id) on delete cascade,
  language_code char(2) not null references public.languages (code) on delete cascade,
  primary key (programme_id, language_code)
);
comment on table public.programme_languages is 'The languages a programme is taught in.';
create index programme_languages_language_code_idx on public.programme_languages (language_code);

create table public.programme_regions (
  programme_id uuid not null references public.programmes (id) on delete cascade,
  region_code char(3) not null references public.regions (code) on delete cascade,
  primary key (programme_id, region_code)
);
comment on table public.programme_regions is
  'The UN M49 regions whose people a programme takes (a regional programme''s scope).';
create index programme_regions_region_code_idx on public.programme_regions (region_code);

create table public.programme_countries (
  programme_id uuid not null references public.programmes (id) on delete cascade,
  country_code char(2) not null references public.countries (code) on delete cascade,
  primary key (programme_id, country_code)
);
comment on table public.programme_countries is
  'The countries whose people a programme takes (a national or local programme''s scope).';
create index programme_countries_country_code_idx on public.programme_countries (country_code);

-- ─── Suggested edits ────────────────────────────────────────────────────────────────────────────

create table public.programme_suggestions (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references public.programmes (id) on delete cascade,
  author_id uuid not null default auth.uid() references public.profiles (id) on delete cascade,
  -- Which part of the page it is about; null for anything else.
  field text check (field in (
    'name', 'summary', 'description', 'website', 'components', 'duration', 'cost', 'fellowships',
    'applications', 'status', 'topics', 'target-groups', 'languages', 'scope', 'cohorts'
  )),
  proposal text not null check (char_length(btrim(proposal)) between 1 and 4000),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'dismissed')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  constraint programme_suggestions_decision_recorded check (status = 'pending' or decided_at is not null)
);
comment on table public.programme_suggestions is
  'A member''s suggested correction to a programme''s page, decided on by its coordinators or an admin.';
create index programme_suggestions_programme_id_status_idx
  on public.programme_suggestions (programme_id, status, created_at desc);
create index programme_suggestions_author_id_idx on public.programme_suggestions (author_id);
create index programme_suggestions_decided_by_idx on public.programme_suggestions (decided_by);

-- ─── Guards ─────────────────────────────────────────────────────────────────────────────────────

-- Column grants cannot tell coordinators from admins (both are `authenticated`): a programme's
-- address and organisation are the admins' to change, so this refuses anyone else.
create function public.programmes_guard_curated_columns() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and not public.is_platform_admin()
     and (new.slug, new.organisation_id) is distinct from (old.slug, old.organisation_id) then
    raise exception 'only platform admins change a programme''s address or organisation'
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger programmes_guard_curated_columns before update on public.programmes
  for each row execute function public.programmes_guard_curated_columns();

-- ─── Row level security ─────────────────────────────────────────────────────────────────────────

alter table public.programme_topics enable row level security;
alter table public.programme_target_groups enable row level security;
alter table public.programme_languages enable row level security;
alter table public.programme_regions enable row level security;
alter table public.programme_countries enable row level security;
alter table public.programme_suggestions enable row level security;

-- Organisations: admins curate.
create policy "admins add organisations" on public.organisations
  for insert to authenticated with check ((select public.is_platform_admin()));
create policy "admins edit organisations" on public.organisations
  for update to authenticated
  using ((select public.is_platform_admin())) with check ((select public.is_platform_admin()));
grant insert (slug, name, short_name, stakeholder_group, country_code, website, description),
      update (slug, name, short_name, stakeholder_group, country_code, website, description)
  on public.organisations to authenticated;

-- Programmes: admins add them; their coordinators and admins keep them up to date.
create policy "admins add programmes" on public.programmes
  for insert to authenticated with check ((select public.is_platform_admin()));
create policy "coordinators and admins edit programmes" on public.programmes
  for update to authenticated
  using (public.is_coordinator_of(id) or (select public.is_platform_admin()))
  with check (public.is_coordinator_of(id) or (select public.is_platform_admin()));
grant insert (slug, organisation_id, name, kind, summary, description, format, level, scope, website,
              status, first_year, components, duration_weeks, hours_per_week, cost, fee_amount,
              fee_currency, fellowships_available, fellowship_notes, applications_open_on,
              applications_close_on),
      update (slug, organisation_id, name, kind, summary, description, format, level, scope, website,
              status, first_year, components, duration_weeks, hours_per_week, cost, fee_amount,
              fee_currency, fellowships_available, fellowship_notes, applications_open_on,
              applications_close_on)
  on public.programmes to authenticated;

-- Cohorts: coordinators and admins add, correct and remove editions.
create policy "coordinators and admins add cohorts" on public.cohorts
  for insert to authenticated
  with check (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()));
create policy "coordinators and admins edit cohorts" on public.cohorts
  for update to authenticated
  using (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()))
  with check (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()));
create policy "coordinators and admins remove cohorts" on public.cohorts
  for delete to authenticated
  using (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()));
grant insert (programme_id, edition, starts_on, ends_on, place, country_code, online),
      update (edition, starts_on, ends_on, place, country_code, online),
      delete
  on public.cohorts to authenticated;

-- The facets: everyone reads; coordinators of the programme and admins add and remove rows.
do $$
declare
  facet text;
begin
  foreach facet in array array[
    'programme_topics', 'programme_target_groups', 'programme_languages', 'programme_regions',
    'programme_countries'
  ] loop
    execute format(
      'create policy "anyone reads %1$s" on public.%1$I for select to anon, authenticated using (true)',
      facet);
    execute format(
      'create policy "coordinators and admins add %1$s" on public.%1$I for insert to authenticated
         with check (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()))',
      facet);
    execute format(
      'create policy "coordinators and admins remove %1$s" on public.%1$I for delete to authenticated
         using (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()))',
      facet);
    execute format('revoke all on public.%I from anon, authenticated', facet);
    execute format('grant select on public.%I to anon, authenticated', facet);
    execute format('grant insert, delete on public.%I to authenticated', facet);
    execute format('grant all on public.%I to service_role', facet);
  end loop;
end
$$;

-- Suggestions: members write their own; the programme's coordinators and admins read and decide.
create policy "members, coordinators and admins read suggestions" on public.programme_suggestions
  for select to authenticated
  using (
    author_id = (select auth.uid())
    or public.is_coordinator_of(programme_id)
    or (select public.is_platform_admin())
  );
create policy "members suggest edits as themselves" on public.programme_suggestions
  for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and status = 'pending'
    and decided_by is null
    and decided_at is null
  );
create policy "coordinators and admins decide on suggestions" on public.programme_suggestions
  for update to authenticated
  using (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()))
  with check (
    (public.is_coordinator_of(programme_id) or (select public.is_platform_admin()))
    and decided_by = (select auth.uid())
  );
revoke all on public.programme_suggestions from anon, authenticated;
grant select on public.programme_suggestions to authenticated;
grant insert (programme_id, author_id, field, proposal) on public.programme_suggestions to authenticated;
grant update (status, decided_by, decided_at) on public.programme_suggestions to authenticated;
grant all on public.programme_suggestions to service_role;

-- ─── Public figures ─────────────────────────────────────────────────────────────────────────────

-- Security definer because visitors may not read memberships; it returns only a number, never who.
create function public.verified_people_count(programme uuid) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(distinct m.profile_id)::integer
  from public.memberships m
  where m.programme_id = programme
    and m.status = 'verified'
    and m.role in ('alumnus', 'trainer')
$$;
comment on function public.verified_people_count(uuid) is
  'How many people are verified alumni or trainers of the programme: a public figure, not a list.';
revoke execute on function public.verified_people_count(uuid) from public;
grant execute on function public.verified_people_count(uuid) to anon, authenticated, service_role;
