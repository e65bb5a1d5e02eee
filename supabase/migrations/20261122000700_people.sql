-- People: the rest of a profile, who may see each part of it, and the directory's search.
--
-- Every part of a profile has an audience: anyone (public), signed-in members, members who share a
-- verified programme with the person (programmes), or only the person (private). What a viewer
-- gets of a field is decided here, in the database, never in the app:
--   * public.profile_cards masks each field the viewer may not see (null, never sent);
--   * the child tables (topics, languages, positions, links) have row policies per field;
--   * public.search_directory matches text and filters only against what the viewer may see,
--     through search vectors and facet arrays kept per audience by a trigger.
-- A field's audience is the narrower of the profile's own visibility and the field's setting.

create extension if not exists pg_trgm with schema extensions;

create type public.audience as enum ('public', 'members', 'programmes', 'private');
comment on type public.audience is
  'Who may see something, widest first: anyone; signed-in members; members who share a verified programme with the person; only the person.';

-- ─── profiles: the visibility column becomes an audience ─────────────────────────────────────────

drop policy "anyone reads public profiles" on public.profiles;
drop policy "members read shared profiles and their own" on public.profiles;
alter table public.profiles drop constraint profiles_visibility_check;
alter table public.profiles alter column visibility drop default;
alter table public.profiles alter column visibility type public.audience using visibility::public.audience;
alter table public.profiles alter column visibility set default 'members';

alter table public.profiles
  add column current_position text check (char_length(current_position) <= 160),
  add column current_organisation text check (char_length(current_organisation) <= 200),
  add column open_to text[] not null default '{}'
    check (open_to <@ array['mentoring', 'being-mentored', 'speaking', 'collaborating']),
  add column aggregate_consent boolean not null default false,
  add column onboarded_at timestamptz,
  -- Per-field audiences. The defaults protect people: members only, the city only to programme
  -- peers, the e-mail address only to the person.
  add column headline_visibility public.audience not null default 'members',
  add column bio_visibility public.audience not null default 'members',
  add column location_visibility public.audience not null default 'members',
  add column city_visibility public.audience not null default 'programmes',
  add column stakeholder_visibility public.audience not null default 'members',
  add column work_visibility public.audience not null default 'members',
  add column positions_visibility public.audience not null default 'members',
  add column topics_visibility public.audience not null default 'members',
  add column languages_visibility public.audience not null default 'members',
  add column time_zone_visibility public.audience not null default 'members',
  add column links_visibility public.audience not null default 'members',
  add column open_to_visibility public.audience not null default 'members',
  add column email_visibility public.audience not null default 'private',
  -- Kept by profiles_index(); never readable by the API roles.
  add column name_search text,
  add column search_public tsvector,
  add column search_members tsvector,
  add column search_programmes tsvector,
  add column facets_public text[],
  add column facets_members text[],
  add column facets_programmes text[],
  add column directory_score real not null default 0;

comment on column public.profiles.visibility is
  'Who may see the profile at all (and so the widest any of its fields can be seen).';
comment on column public.profiles.aggregate_consent is
  'The person agrees to be counted in aggregate statistics (impact metrics).';
comment on column public.profiles.search_members is
  'What a signed-in member may find this person by; null when members may not see the profile.';
comment on column public.profiles.search_programmes is
  'What a programme peer may find this person by, when it is more than members may; else null.';
comment on column public.profiles.facets_members is
  'Filter tokens (country:SN, region:202, group:…, topic:…, lang:…, open:…) members may filter on.';
comment on column public.profiles.directory_score is
  'How complete the profile is (0–1): the directory lists fuller profiles first.';

-- ─── the parts of a profile that are lists ───────────────────────────────────────────────────────

create table public.profile_topics (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  topic_slug text not null references public.topics (slug),
  primary key (profile_id, topic_slug)
);
comment on table public.profile_topics is 'The topics a person has expertise in (audience: topics_visibility).';
create index profile_topics_topic_slug_idx on public.profile_topics (topic_slug);

create table public.profile_languages (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  language_code char(2) not null references public.languages (code),
  level text not null check (level in ('basic', 'conversational', 'professional', 'native')),
  primary key (profile_id, language_code)
);
comment on table public.profile_languages is 'The languages a person speaks, with a level (audience: languages_visibility).';
create index profile_languages_language_code_idx on public.profile_languages (language_code);

create table public.positions (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  title text not null check (char_length(btrim(title)) between 1 and 160),
  organisation text not null check (char_length(btrim(organisation)) between 1 and 200),
  kind text not null check (kind in (
    'government', 'regulator', 'parliament', 'intergovernmental', 'private-sector',
    'civil-society', 'academia', 'technical-community'
  )),
  starts_on date,
  ends_on date,
  created_at timestamptz not null default now(),
  constraint positions_dates_in_order check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
comment on table public.positions is
  'Positions a person has held over time (audience: positions_visibility): the raw material of impact metrics.';
create index positions_profile_id_idx on public.positions (profile_id, starts_on desc nulls first);

create table public.profile_links (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind in ('website', 'linkedin', 'mastodon', 'bluesky', 'github', 'orcid', 'other')),
  url text not null check (url ~ '^https?://[^\s]+$' and char_length(url) <= 500),
  label text check (char_length(label) <= 80),
  created_at timestamptz not null default now()
);
comment on table public.profile_links is 'A person''s links: website, LinkedIn, Mastodon and others (audience: links_visibility).';
create index profile_links_profile_id_idx on public.profile_links (profile_id);

-- ─── who is looking ──────────────────────────────────────────────────────────────────────────────

-- Security definer: it reads memberships, whose policies would otherwise apply to the question.
create function public.shares_programme_with(owner uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.memberships mine
    join public.memberships theirs on theirs.programme_id = mine.programme_id
    where mine.profile_id = (select auth.uid()) and mine.status = 'verified'
      and theirs.profile_id = owner and theirs.status = 'verified'
  )
$$;
comment on function public.shares_programme_with(uuid) is
  'True when the signed-in person and this one share a programme in which both are verified.';

-- The narrowest audience the signed-in viewer belongs to for this person's profile.
create function public.viewer_reach(owner uuid) returns public.audience
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when (select auth.uid()) is null then 'public'::public.audience
    when owner = (select auth.uid()) then 'private'::public.audience
    when public.shares_programme_with(owner) then 'programmes'::public.audience
    else 'members'::public.audience
  end
$$;
comment on function public.viewer_reach(uuid) is
  'What the viewer may see of this person: public (a visitor), members, programmes (a peer) or private (the person).';

-- For the row policies of the list tables: may the viewer see this field of this person?
create function public.can_see_field(owner uuid, field text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select greatest(p.visibility, case field
      when 'topics' then p.topics_visibility
      when 'languages' then p.languages_visibility
      when 'positions' then p.positions_visibility
      when 'links' then p.links_visibility
    end) <= public.viewer_reach(owner)
  from public.profiles p
  where p.id = owner
$$;
comment on function public.can_see_field(uuid, text) is
  'True when the viewer may see the named list field (topics, languages, positions, links) of the person.';

revoke execute on function public.shares_programme_with(uuid), public.viewer_reach(uuid),
  public.can_see_field(uuid, text) from public;
grant execute on function public.shares_programme_with(uuid), public.viewer_reach(uuid),
  public.can_see_field(uuid, text) to anon, authenticated, service_role;

-- ─── row access to profiles ──────────────────────────────────────────────────────────────────────

create policy "people see profiles shared with them, and their own" on public.profiles
  for select to anon, authenticated
  using (visibility <= public.viewer_reach(id));

-- The API roles read only the identity columns directly; every other column only through
-- profile_cards, which masks it per viewer.
revoke select on public.profiles from anon, authenticated;
grant select (id, handle, display_name, visibility, created_at) on public.profiles to anon, authenticated;
revoke update on public.profiles from anon, authenticated;
grant update (
  handle, display_name, headline, bio, country_code, city, stakeholder_group, time_zone, visibility,
  current_position, current_organisation, open_to, aggregate_consent, onboarded_at,
  headline_visibility, bio_visibility, location_visibility, city_visibility, stakeholder_visibility,
  work_visibility, positions_visibility, topics_visibility, languages_visibility,
  time_zone_visibility, links_visibility, open_to_visibility, email_visibility
) on public.profiles to authenticated;

-- ─── the lists' policies: read per field audience, written only by the person ────────────────────

alter table public.profile_topics enable row level security;
alter table public.profile_languages enable row level security;
alter table public.positions enable row level security;
alter table public.profile_links enable row level security;

create policy "people see topics they may see" on public.profile_topics
  for select to anon, authenticated using (public.can_see_field(profile_id, 'topics'));
create policy "people see languages they may see" on public.profile_languages
  for select to anon, authenticated using (public.can_see_field(profile_id, 'languages'));
create policy "people see positions they may see" on public.positions
  for select to anon, authenticated using (public.can_see_field(profile_id, 'positions'));
create policy "people see links they may see" on public.profile_links
  for select to anon, authenticated using (public.can_see_field(profile_id, 'links'));

create policy "people add their own topics" on public.profile_topics
  for insert to authenticated with check (profile_id = (select auth.uid()));
create policy "people remove their own topics" on public.profile_topics
  for delete to authenticated using (profile_id = (select auth.uid()));
create policy "people add their own languages" on public.profile_languages
  for insert to authenticated with check (profile_id = (select auth.uid()));
create policy "people change their own languages" on public.profile_languages
  for update to authenticated
  using (profile_id = (select auth.uid())) with check (profile_id = (select auth.uid()));
create policy "people remove their own languages" on public.profile_languages
  for delete to authenticated using (profile_id = (select auth.uid()));
create policy "people add their own positions" on public.positions
  for insert to authenticated with check (profile_id = (select auth.uid()));
create policy "people change their own positions" on public.positions
  for update to authenticated
  using (profile_id = (select auth.uid())) with check (profile_id = (select auth.uid()));
create policy "people remove their own positions" on public.positions
  for delete to authenticated using (profile_id = (select auth.uid()));
create policy "people add their own links" on public.profile_links
  for insert to authenticated with check (profile_id = (select auth.uid()));
create policy "people remove their own links" on public.profile_links
  for delete to authenticated using (profile_id = (select auth.uid()));

revoke all on public.profile_topics, public.profile_languages, public.positions, public.profile_links
  from anon, authenticated;
grant select on public.profile_topics, public.profile_languages, public.positions, public.profile_links
  to anon, authenticated;
grant insert, delete on public.profile_topics, public.profile_links to authenticated;
grant insert, update, delete on public.profile_languages, public.positions to authenticated;
grant all on public.profile_topics, public.profile_languages, public.positions, public.profile_links
  to service_role;

-- ─── what a viewer gets of a profile ─────────────────────────────────────────────────────────────

-- Owned by the migration role, so it reads every column; it returns a row only when the viewer may
-- see the profile and each field only when the viewer may see that field. security_barrier keeps a
-- caller's own conditions (other than leakproof ones like handle = …) from running before the mask.
create view public.profile_cards with (security_barrier) as
select
  p.id,
  p.handle,
  p.display_name,
  case when r.reach = 'private' then p.visibility end as visibility,
  r.reach = 'private' as is_me,
  case when greatest(p.visibility, p.headline_visibility) <= r.reach then p.headline end as headline,
  case when greatest(p.visibility, p.bio_visibility) <= r.reach then p.bio end as bio,
  case when greatest(p.visibility, p.location_visibility) <= r.reach then p.country_code end as country_code,
  case when greatest(p.visibility, p.location_visibility) <= r.reach then c.name end as country_name,
  case when greatest(p.visibility, p.location_visibility) <= r.reach then coalesce(sr.name, rg.name) end as region_name,
  case when greatest(p.visibility, p.city_visibility) <= r.reach then p.city end as city,
  case when greatest(p.visibility, p.stakeholder_visibility) <= r.reach then p.stakeholder_group end as stakeholder_group,
  case when greatest(p.visibility, p.stakeholder_visibility) <= r.reach then sg.name end as stakeholder_group_name,
  case when greatest(p.visibility, p.work_visibility) <= r.reach then p.current_position end as current_position,
  case when greatest(p.visibility, p.work_visibility) <= r.reach then p.current_organisation end as current_organisation,
  case when greatest(p.visibility, p.time_zone_visibility) <= r.reach then p.time_zone end as time_zone,
  case when greatest(p.visibility, p.open_to_visibility) <= r.reach then p.open_to end as open_to,
  case when greatest(p.visibility, p.email_visibility) <= r.reach
    then (select u.email from auth.users u where u.id = p.id)::text end as email,
  case when r.reach = 'private' then p.aggregate_consent end as aggregate_consent,
  case when r.reach = 'private' then p.onboarded_at end as onboarded_at,
  -- The topics' names, for lists of people (the profile page reads profile_topics itself).
  case when greatest(p.visibility, p.topics_visibility) <= r.reach then (
    select array_agg(t.name order by t.sort_order, t.name)
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = p.id
  ) end as topics,
  case when r.reach = 'private' then jsonb_build_object(
    'headline', p.headline_visibility, 'bio', p.bio_visibility, 'location', p.location_visibility,
    'city', p.city_visibility, 'stakeholder', p.stakeholder_visibility, 'work', p.work_visibility,
    'positions', p.positions_visibility, 'topics', p.topics_visibility,
    'languages', p.languages_visibility, 'time_zone', p.time_zone_visibility,
    'links', p.links_visibility, 'open_to', p.open_to_visibility, 'email', p.email_visibility
  ) end as field_visibility,
  p.created_at
from public.profiles p
-- viewer_reach(), written out: a function call per row costs more than the lookups themselves.
cross join lateral (
  select case
    when (select auth.uid()) is null then 'public'::public.audience
    when p.id = (select auth.uid()) then 'private'::public.audience
    when exists (
      select 1
      from public.memberships mine
      join public.memberships theirs on theirs.programme_id = mine.programme_id
      where mine.profile_id = (select auth.uid()) and mine.status = 'verified'
        and theirs.profile_id = p.id and theirs.status = 'verified'
    ) then 'programmes'::public.audience
    else 'members'::public.audience
  end as reach
) r
left join public.countries c on c.code = p.country_code
left join public.regions rg on rg.code = c.region_code
left join public.regions sr on sr.code = c.sub_region_code
left join public.stakeholder_groups sg on sg.slug = p.stakeholder_group
where p.visibility <= r.reach;

comment on view public.profile_cards is
  'Profiles as the viewer may see them: a row only when the profile is shared with them, each field null unless its audience includes them.';
revoke all on public.profile_cards from anon, authenticated;
grant select on public.profile_cards to anon, authenticated, service_role;

-- ─── the directory's index: search vectors and filter tokens per audience ────────────────────────

create function public.weighted_vector(a text, b text, c text, d text) returns tsvector
language sql
stable
set search_path = ''
as $$
  select setweight(to_tsvector('simple', extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(a, ''))), 'A')
      || setweight(to_tsvector('simple', extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(b, ''))), 'B')
      || setweight(to_tsvector('simple', extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(c, ''))), 'C')
      || setweight(to_tsvector('simple', extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(d, ''))), 'D')
$$;
comment on function public.weighted_vector(text, text, text, text) is
  'A search vector from texts of weight A to D, accent-insensitive, for any language (simple configuration).';

-- Before every insert or update of a profile: what each audience may find it by. The list tables
-- touch their profile after a change (below), which runs this again.
create function public.profiles_index() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.name_search := lower(extensions.unaccent('extensions.unaccent'::regdictionary, new.display_name));

  -- Every piece of the profile: which part it is, who may see it, its weight in the search, its
  -- words, and its filter token.
  with piece (part, audience, weight, body, token) as (
    select v.part, greatest(new.visibility, v.field_audience), v.weight, v.body, null::text
    from (
      values
        ('name', new.visibility, 'A'::"char", new.display_name),
        ('headline', new.headline_visibility, 'B', new.headline),
        ('work', new.work_visibility, 'B',
          nullif(concat_ws(' ', new.current_position, new.current_organisation), '')),
        ('bio', new.bio_visibility, 'D', new.bio),
        ('city', new.city_visibility, 'C', new.city),
        ('time_zone', new.time_zone_visibility, null, new.time_zone)
    ) as v (part, field_audience, weight, body)
    where v.body is not null
    union all
    -- The country, its region and sub-region, as words and as filter tokens.
    select 'location', greatest(new.visibility, new.location_visibility), 'C',
           case when t.token like 'country:%' then c.name end, t.token
    from public.countries c
    cross join lateral unnest(array[
      'country:' || c.code, 'region:' || c.region_code, 'region:' || c.sub_region_code,
      'region:' || c.intermediate_region_code
    ]) as t (token)
    where c.code = new.country_code and t.token is not null
    union all
    select 'stakeholder', greatest(new.visibility, new.stakeholder_visibility), 'C', g.name, 'group:' || g.slug
    from public.stakeholder_groups g where g.slug = new.stakeholder_group
    union all
    -- A topic is found by its name, and filtering on its basket finds it too.
    select 'topics', greatest(new.visibility, new.topics_visibility), 'B', t.name, 'topic:' || t.slug
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = new.id
    union all
    select 'topics', greatest(new.visibility, new.topics_visibility), null, null, 'topic:' || t.parent_slug
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = new.id and t.parent_slug is not null
    union all
    select 'languages', greatest(new.visibility, new.languages_visibility), 'C', l.name, 'lang:' || l.code
    from public.profile_languages pl join public.languages l on l.code = pl.language_code
    where pl.profile_id = new.id
    union all
    select 'positions', greatest(new.visibility, new.positions_visibility), 'C',
           concat_ws(' ', p.title, p.organisation), null
    from public.positions p where p.profile_id = new.id
    union all
    select 'open_to', greatest(new.visibility, new.open_to_visibility), null, null, 'open:' || o
    from unnest(new.open_to) as o
  )
  select
    case when new.visibility <= 'public' then public.weighted_vector(
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'public')) end,
    case when new.visibility <= 'members' then public.weighted_vector(
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'members')) end,
    -- Kept only when peers may find more than members may (or only peers see the profile).
    case when new.visibility = 'programmes'
           or (new.visibility <= 'members' and bool_or(audience = 'programmes' and weight is not null))
      then public.weighted_vector(
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'programmes'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'programmes'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'programmes'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'programmes')) end,
    case when new.visibility <= 'public'
      then coalesce(array_agg(distinct token) filter (where token is not null and audience <= 'public'), '{}') end,
    case when new.visibility <= 'members'
      then coalesce(array_agg(distinct token) filter (where token is not null and audience <= 'members'), '{}') end,
    case when new.visibility = 'programmes'
           or (new.visibility <= 'members' and bool_or(audience = 'programmes' and token is not null))
      then coalesce(array_agg(distinct token) filter (where token is not null and audience <= 'programmes'), '{}') end,
    -- Completeness: each of ten parts filled in counts a tenth.
    count(distinct part) filter (where part in ('headline', 'work', 'bio', 'location', 'stakeholder',
      'topics', 'languages', 'positions', 'open_to', 'time_zone'))::real / 10
  into new.search_public, new.search_members, new.search_programmes,
       new.facets_public, new.facets_members, new.facets_programmes, new.directory_score
  from piece;

  return new;
end;
$$;
comment on function public.profiles_index() is
  'Keeps a profile''s search vectors, filter tokens and completeness true for each audience.';
revoke execute on function public.profiles_index() from public, anon, authenticated;

create trigger profiles_index before insert or update on public.profiles
  for each row execute function public.profiles_index();

-- After a change to a list, its profiles are indexed again (once per statement, for bulk loads).
create function public.touch_profiles_of_changed_rows() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- A bulk load (the seeder) that updates the profiles afterwards anyway says so, to index once.
  if current_setting('capacity.defer_profile_index', true) = 'on' then
    return null;
  end if;
  update public.profiles p set updated_at = now()
  where p.id in (select profile_id from changed_rows);
  return null;
end;
$$;
comment on function public.touch_profiles_of_changed_rows() is
  'Re-indexes the profiles whose topics, languages or positions changed.';
revoke execute on function public.touch_profiles_of_changed_rows() from public, anon, authenticated;

create trigger profile_topics_inserted after insert on public.profile_topics
  referencing new table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger profile_topics_deleted after delete on public.profile_topics
  referencing old table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger profile_languages_inserted after insert on public.profile_languages
  referencing new table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger profile_languages_updated after update on public.profile_languages
  referencing new table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger profile_languages_deleted after delete on public.profile_languages
  referencing old table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger positions_inserted after insert on public.positions
  referencing new table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger positions_updated after update on public.positions
  referencing new table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();
create trigger positions_deleted after delete on public.positions
  referencing old table as changed_rows for each statement execute function public.touch_profiles_of_changed_rows();

-- Index the profiles that exist already.
update public.profiles set updated_at = updated_at;

-- Names by their words (what the directory tries first), then by trigrams (typos).
create index profiles_name_words_idx on public.profiles using gin (to_tsvector('simple'::regconfig, name_search));
create index profiles_name_search_trgm_idx on public.profiles using gin (name_search extensions.gin_trgm_ops);
create index profiles_search_public_idx on public.profiles using gin (search_public) where search_public is not null;
create index profiles_search_members_idx on public.profiles using gin (search_members) where search_members is not null;
create index profiles_search_programmes_idx on public.profiles using gin (search_programmes) where search_programmes is not null;
create index profiles_facets_public_idx on public.profiles using gin (facets_public) where facets_public is not null;
create index profiles_facets_members_idx on public.profiles using gin (facets_members) where facets_members is not null;
create index profiles_facets_programmes_idx on public.profiles using gin (facets_programmes) where facets_programmes is not null;
create index profiles_directory_order_idx on public.profiles (directory_score desc, id desc);
create index profiles_newest_idx on public.profiles (created_at desc, id desc);

-- ─── the directory ───────────────────────────────────────────────────────────────────────────────

-- Whether a person is verified in one of the given programmes (the viewer's own, in the search
-- below). A function the planner cannot inline, with a high cost, so that it is asked last and per
-- row, not by hashing every member of the viewer's programmes first. Only the search calls it.
create function public.is_verified_in_any(person uuid, programmes uuid[]) returns boolean
language sql
stable
security definer
set search_path = ''
cost 1000
as $$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = person and m.status = 'verified' and m.programme_id = any(programmes)
  )
$$;
comment on function public.is_verified_in_any(uuid, uuid[]) is
  'True when the person is verified in one of the programmes (for search_directory''s peer checks).';
revoke execute on function public.is_verified_in_any(uuid, uuid[]) from public, anon, authenticated;

-- Finds people for the signed-in viewer (or a visitor), matching text and filters only against what
-- that viewer may see of each person. Security definer because the search columns are not readable
-- by the API roles; every branch below is limited to the viewer's audience.
--   query: names (trigram, typo-tolerant, accent-insensitive) and everything else (full text);
--   tokens: filter tokens all of which must match (country:SN, topic:cybersecurity, lang:fr, …);
--   programme / cohort / membership_role: verified memberships (members only);
--   sort: 'relevance' (names first by similarity, then fuller profiles) or 'newest';
--   after_*: the keyset cursor of the last row of the previous page (no OFFSET).
create function public.search_directory(
  query text default null,
  tokens text[] default '{}',
  programme uuid default null,
  cohort uuid default null,
  membership_role text default null,
  sort text default 'relevance',
  after_tier int default null,
  after_key text default null,
  after_id uuid default null,
  page_size int default 21
) returns table (id uuid, tier int, sort_key text)
language plpgsql
stable
security definer
set search_path = ''
rows 21
as $$
declare
  me uuid := (select auth.uid());
  words tsquery;
  name_found boolean;
  my_programmes uuid[];
  peer text := 'false';
  visible text;
  matches_text text;
  matches_name text;
  filters text := 'true';
  order_key text;
  cursor_on text;
  statement text;
begin
  if sort not in ('relevance', 'newest') then
    raise exception 'unknown sort %', sort using errcode = '22023';
  end if;
  page_size := least(greatest(page_size, 1), 101);
  query := nullif(btrim(query), '');
  if query is not null then
    -- websearch syntax ("quoted phrases", -excluded, or); each word also matches as a prefix.
    words := to_tsquery('simple', regexp_replace(
      websearch_to_tsquery('simple', extensions.unaccent('extensions.unaccent'::regdictionary, query))::text,
      '''([^'']+)''', '''\1'':*', 'g'));
    query := lower(extensions.unaccent('extensions.unaccent'::regdictionary, query));
  end if;

  if me is null then
    visible := 'p.search_public is not null';
    matches_text := 'p.search_public @@ $1';
    if cardinality(tokens) > 0 then filters := 'p.facets_public @> $3'; end if;
    if programme is not null or cohort is not null or membership_role is not null then
      filters := 'false';  -- memberships are for members to see
    end if;
  else
    select coalesce(array_agg(distinct m.programme_id), '{}') into my_programmes
    from public.memberships m where m.profile_id = me and m.status = 'verified';
    if cardinality(my_programmes) > 0 then
      peer := 'public.is_verified_in_any(p.id, $4)';
    end if;
    visible := format('(p.search_members is not null or (p.search_programmes is not null and %s))', peer);
    matches_text := format('(p.search_members @@ $1 or (p.search_programmes @@ $1 and %s))', peer);
    if cardinality(tokens) > 0 then
      filters := format('(p.facets_members @> $3 or (p.facets_programmes @> $3 and %s))', peer);
    end if;
    if programme is not null or cohort is not null or membership_role is not null then
      filters := filters || ' and p.id in (select m.profile_id from public.memberships m'
        || ' where m.status = ''verified'''
        || case when programme is not null then ' and m.programme_id = $5' else '' end
        || case when cohort is not null then ' and m.cohort_id = $6' else '' end
        || case when membership_role is not null then ' and m.role = $7' else '' end
        || ')';
    end if;
  end if;
  -- Names are found by their words (and word beginnings) through the search index. Only when no
  -- name has them does the search fall back to trigrams, which forgive typos but cost more.
  matches_name := format('(to_tsvector(''simple''::regconfig, p.name_search) @@ $1 and %s)', visible);
  if query is not null then
    execute format('select exists (select 1 from public.profiles p where %s)', matches_name)
      into name_found using words, query, tokens, my_programmes, programme, cohort, membership_role,
                            after_key, after_id, page_size;
    if not name_found then
      matches_name := '$2 operator(extensions.<%) p.name_search and ' || visible;
    end if;
  end if;

  if sort = 'newest' or query is null then
    order_key := case when sort = 'newest' then 'p.created_at' else 'p.directory_score' end;
    cursor_on := case when after_id is null then 'true' else format(
      '(%s, p.id) < ($8::%s, $9)', order_key,
      case when sort = 'newest' then 'timestamptz' else 'real' end) end;
    return query execute format(
      'select p.id, 0, %1$s::text from public.profiles p where %2$s and %3$s and %4$s'
      || ' order by %1$s desc, p.id desc limit $10',
      order_key,
      case when query is null then visible else format('(%s or (%s and %s))', matches_text, matches_name, visible) end,
      filters, cursor_on)
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size;
  else
    -- Relevance: people whose name matches come first, by how well; then everyone else the words
    -- find, fuller profiles first. Each tier is read in index order and stops at a page, so a broad
    -- query never ranks every match.
    statement := format(
      '(select p.id, 2 as tier, extensions.word_similarity($2, p.name_search)::text from public.profiles p'
      || ' where %1$s and %2$s and %3$s and %4$s'
      || ' order by extensions.word_similarity($2, p.name_search) desc, p.id desc limit $10)'
      || ' union all '
      || '(select p.id, 1, p.directory_score::text from public.profiles p'
      || ' where %5$s and not (%1$s) and %3$s and %6$s'
      || ' order by p.directory_score desc, p.id desc limit $10)',
      matches_name, visible, filters,
      case when after_tier = 1 then 'false'
           when after_tier = 2 then '(extensions.word_similarity($2, p.name_search), p.id) < ($8::real, $9)'
           else 'true' end,
      matches_text,
      case when after_tier = 1 then '(p.directory_score, p.id) < ($8::real, $9)' else 'true' end);
    return query execute
      'select s.id, s.tier, s.key from (' || statement || ') as s (id, tier, key)'
      || ' order by s.tier desc, s.key::real desc, s.id desc limit $10'
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size;
  end if;
end;
$$;
comment on function public.search_directory(text, text[], uuid, uuid, text, text, int, text, uuid, int) is
  'The directory: people the viewer may see, found by name, text and filters the viewer may see, a keyset page at a time.';
revoke execute on function public.search_directory(text, text[], uuid, uuid, text, text, int, text, uuid, int) from public;
grant execute on function public.search_directory(text, text[], uuid, uuid, text, text, int, text, uuid, int)
  to anon, authenticated, service_role;

-- "People like you in other programmes": members who share the viewer's topics (and, better, region
-- and languages) and are verified in a programme the viewer is not in. Uses only what members may
-- see of them (they are not the viewer's programme peers by definition).
create function public.people_like_me(how_many int default 6)
returns table (id uuid, shared_topics int, same_region boolean, shared_languages int)
language sql
stable
security definer
set search_path = ''
rows 6
as $$
  with me as (
    select p.id, coalesce(p.facets_programmes, p.facets_members, p.facets_public, '{}') as tokens
    from public.profiles p where p.id = (select auth.uid())
  ),
  mine as (
    select coalesce(array_agg(m.programme_id), '{}') as programmes
    from public.memberships m, me where m.profile_id = me.id and m.status = 'verified'
  ),
  wanted as (
    select me.id,
           -- The person's own topics, not the baskets they belong to.
           array(select 'topic:' || pt.topic_slug from public.profile_topics pt where pt.profile_id = me.id) as topics,
           array(select t from unnest(me.tokens) t where t like 'region:%') as regions,
           array(select t from unnest(me.tokens) t where t like 'lang:%') as languages
    from me
  ),
  -- Suggestions come from the network's 2,000 fullest profiles (read in index order): bounded
  -- work whatever the network's size, and full profiles make the best introductions.
  fullest as (
    select p.id, p.facets_members, p.directory_score
    from public.profiles p
    where p.facets_members is not null
    order by p.directory_score desc, p.id desc
    limit 2000
  ),
  candidates as (
    select f.*
    from fullest f, wanted w, mine
    where f.facets_members && w.topics
      and f.id <> w.id
      and exists (select 1 from public.memberships o where o.profile_id = f.id and o.status = 'verified')
      and not public.is_verified_in_any(f.id, mine.programmes)
  )
  select c.id,
         cardinality(array(select unnest(c.facets_members) intersect select unnest(w.topics)))::int,
         c.facets_members && w.regions,
         cardinality(array(select unnest(c.facets_members) intersect select unnest(w.languages)))::int
  from candidates c, wanted w
  order by 2 desc, 3 desc, 4 desc, c.directory_score desc, c.id
  limit least(greatest(how_many, 1), 24)
$$;
comment on function public.people_like_me(int) is
  'Suggestions for the signed-in member: people in other programmes who share their topics, region and languages.';
revoke execute on function public.people_like_me(int) from public, anon;
grant execute on function public.people_like_me(int) to authenticated, service_role;
