-- Organisations, their capacity-building programmes, the cohorts (editions) of each programme, and
-- memberships: a person's claimed role in a programme or cohort, verified by its coordinators.
-- The compendium's facets (topics, target groups, languages, regions) come with the compendium.

create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and char_length(slug) <= 80),
  name text not null check (char_length(btrim(name)) between 2 and 200),
  short_name text check (char_length(short_name) <= 40),
  stakeholder_group text references public.stakeholder_groups (slug),
  country_code char(2) references public.countries (code),
  website text check (website ~ '^https?://'),
  description text check (char_length(description) <= 8000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.organisations is
  'Universities, foundations, intergovernmental bodies, IGF initiatives and others that run capacity-building programmes.';

create table public.programmes (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and char_length(slug) <= 80),
  organisation_id uuid not null references public.organisations (id) on delete restrict,
  name text not null check (char_length(btrim(name)) between 2 and 200),
  kind text not null check (kind in (
    'diploma', 'fellowship', 'ambassador-scheme', 'school-of-internet-governance', 'course'
  )),
  summary text check (char_length(summary) <= 300),
  description text check (char_length(description) <= 20000),
  format text not null check (format in ('online', 'in-situ', 'blended')),
  level text check (level in ('introductory', 'intermediate', 'advanced')),
  scope text not null check (scope in ('local', 'national', 'regional', 'global')),
  website text check (website ~ '^https?://'),
  status text not null default 'active' check (status in ('active', 'paused', 'closed')),
  first_year smallint check (first_year between 1990 and 2100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.programmes is
  'The compendium: capacity-building programmes in Internet governance and digital policy.';
create index programmes_organisation_id_idx on public.programmes (organisation_id);

create table public.cohorts (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references public.programmes (id) on delete cascade,
  edition text not null check (char_length(btrim(edition)) between 1 and 80),
  starts_on date not null,
  ends_on date not null,
  place text check (char_length(place) <= 200),
  country_code char(2) references public.countries (code),
  online boolean not null default false,
  created_at timestamptz not null default now(),
  constraint cohorts_dates_in_order check (ends_on >= starts_on),
  constraint cohorts_edition_unique unique (programme_id, edition)
);
comment on table public.cohorts is 'One edition of a programme: its dates and where it took place.';
create index cohorts_programme_id_starts_on_idx on public.cohorts (programme_id, starts_on desc);

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  programme_id uuid not null references public.programmes (id) on delete cascade,
  cohort_id uuid references public.cohorts (id) on delete set null,
  role text not null check (role in ('alumnus', 'trainer', 'coordinator')),
  status text not null default 'pending' check (status in ('pending', 'verified', 'declined')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  decline_reason text check (char_length(decline_reason) <= 500),
  created_at timestamptz not null default now(),
  constraint memberships_one_claim unique nulls not distinct (profile_id, programme_id, cohort_id, role),
  constraint memberships_decision_recorded check (status = 'pending' or decided_at is not null)
);
comment on table public.memberships is
  'A person''s role (alumnus, trainer, coordinator) in a programme or one of its cohorts, claimed by them and verified by its coordinators.';
create index memberships_profile_id_idx on public.memberships (profile_id);
create index memberships_programme_id_status_idx on public.memberships (programme_id, status);
create index memberships_cohort_id_idx on public.memberships (cohort_id);
create index memberships_decided_by_idx on public.memberships (decided_by);

create trigger organisations_touch_updated_at before update on public.organisations
  for each row execute function public.touch_updated_at();
create trigger programmes_touch_updated_at before update on public.programmes
  for each row execute function public.touch_updated_at();

-- Security definer so that policies on memberships can ask about memberships without recursing
-- into their own policies; search_path pinned; it only answers for the calling person.
create function public.is_coordinator_of(programme uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.programme_id = programme
      and m.profile_id = (select auth.uid())
      and m.role = 'coordinator'
      and m.status = 'verified'
  )
$$;
comment on function public.is_coordinator_of(uuid) is
  'True when the signed-in person is a verified coordinator of the programme.';
revoke execute on function public.is_coordinator_of(uuid) from public, anon;
grant execute on function public.is_coordinator_of(uuid) to authenticated;

alter table public.organisations enable row level security;
alter table public.programmes enable row level security;
alter table public.cohorts enable row level security;
alter table public.memberships enable row level security;

-- The compendium is public. Curation (admins, coordinators) comes with the compendium issue;
-- until then only migrations and the seeder (service connection) write these tables.
create policy "anyone reads organisations" on public.organisations
  for select to anon, authenticated using (true);
create policy "anyone reads programmes" on public.programmes
  for select to anon, authenticated using (true);
create policy "anyone reads cohorts" on public.cohorts
  for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.organisations, public.programmes, public.cohorts
  from anon, authenticated;

-- Memberships: members see verified ones (badges, alumni lists) and their own claims;
-- coordinators see every claim on their programmes.
create policy "members read verified memberships, their own and those they coordinate" on public.memberships
  for select to authenticated
  using (
    status = 'verified'
    or profile_id = (select auth.uid())
    or public.is_coordinator_of(programme_id)
  );

create policy "members claim memberships for themselves" on public.memberships
  for insert to authenticated
  with check (
    profile_id = (select auth.uid())
    and status = 'pending'
    and decided_by is null
    and decided_at is null
  );

create policy "coordinators decide on claims to their programmes" on public.memberships
  for update to authenticated
  using (public.is_coordinator_of(programme_id))
  with check (public.is_coordinator_of(programme_id) and decided_by = (select auth.uid()));

create policy "members withdraw their own memberships" on public.memberships
  for delete to authenticated
  using (profile_id = (select auth.uid()));

revoke all on public.memberships from anon;
revoke update on public.memberships from authenticated;
grant update (status, decided_by, decided_at, decline_reason) on public.memberships to authenticated;
