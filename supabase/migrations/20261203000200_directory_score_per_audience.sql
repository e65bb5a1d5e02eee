-- The directory's order and cursors count only the parts of a profile its viewer may see.
--
-- A profile's completeness (directory_score) counted every part whatever its audience, and the
-- directory ordered by it and sent it in its cursors: a visitor paging through public profiles
-- learnt that one showing only a name has nine of ten parts filled in for members, and a member
-- that someone's programme-only parts are there. There are now two scores, each from the parts
-- its readers may see: directory_score_public for visitors (null unless the profile is public),
-- and directory_score for signed-in members, counted from what members may see (or, for a profile
-- only programme peers may see at all, from what those peers may see). A peer who may see more of
-- a profile than members still gets it in the members' order: it tells them nothing they may not
-- see. Each score is a column with its own index, read in index order as before, so the search
-- does no more work per row than it did.

alter table public.profiles add column directory_score_public real;
comment on column public.profiles.directory_score is
  'How complete the profile is (0–1) in what signed-in members may see of it (for a profile only programme peers see, in what they see): the directory lists fuller profiles first.';
comment on column public.profiles.directory_score_public is
  'How complete the profile is (0–1) in what visitors may see of it; null unless the profile is public.';

-- Before every insert or update of a profile: what each audience may find it by. The list tables
-- touch their profile after a change (below), which runs this again.
create or replace function public.profiles_index() returns trigger
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
    -- Completeness, per audience, from the parts it may see: each of ten parts counts a tenth.
    -- Visitors count public parts (of a public profile); members the parts members may see, or
    -- for a profile only peers may see, the parts peers may see. A profile kept to its owner is
    -- in nobody's directory and counts nothing.
    case when new.visibility <= 'public' then
      count(distinct part) filter (where part in ('headline', 'work', 'bio', 'location', 'stakeholder',
        'topics', 'languages', 'positions', 'open_to', 'time_zone') and audience <= 'public')::real / 10
    end,
    case when new.visibility <= 'programmes' then
      count(distinct part) filter (where part in ('headline', 'work', 'bio', 'location', 'stakeholder',
        'topics', 'languages', 'positions', 'open_to', 'time_zone')
        and audience <= greatest(new.visibility, 'members'))::real / 10
    else 0 end
  into new.search_public, new.search_members, new.search_programmes,
       new.facets_public, new.facets_members, new.facets_programmes,
       new.directory_score_public, new.directory_score
  from piece;

  return new;
end;
$$;
comment on function public.profiles_index() is
  'Keeps a profile''s search vectors, filter tokens and completeness true for each audience.';


-- Recounted for every profile (the trigger above); updated_at is left as it was.
alter table public.profiles disable trigger profiles_touch_updated_at;
update public.profiles set directory_score = directory_score;
alter table public.profiles enable trigger profiles_touch_updated_at;

-- Visitors' directory, in their order: only public profiles have a public score.
create index profiles_directory_public_order_idx on public.profiles (directory_score_public desc, id desc)
  where search_public is not null;
analyze public.profiles (directory_score_public, directory_score);

-- search_directory orders visitors by the public score and members by theirs; the rest is as in
-- 20261202000700.
create or replace function public.search_directory(
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
  names_found int := 0;
  -- The completeness the viewer's order and cursors use: of what they may see (see above).
  score text := case when me is null then 'p.directory_score_public' else 'p.directory_score' end;
begin
  if sort not in ('relevance', 'newest') then
    raise exception 'unknown sort %', sort using errcode = '22023';
  end if;
  page_size := least(greatest(page_size, 1), 101);
  query := nullif(btrim(query), '');
  if query is not null then
    -- websearch syntax ("quoted phrases", -excluded, or); the last word, the one being typed, also
    -- matches as a prefix.
    words := to_tsquery('simple', regexp_replace(
      websearch_to_tsquery('simple', extensions.unaccent('extensions.unaccent'::regdictionary, query))::text,
      '''([^'']+)''(?!.*'')', '''\1'':*'));
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
    -- "is not null" first: NULL @@ … is NULL, and AND goes on past a NULL to the peer check.
    matches_text := format(
      '(p.search_members @@ $1 or (p.search_programmes is not null and p.search_programmes @@ $1 and %s))', peer);
    if cardinality(tokens) > 0 then
      filters := format(
        '(p.facets_members @> $3 or (p.facets_programmes is not null and p.facets_programmes @> $3 and %s))', peer);
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
    order_key := case when sort = 'newest' then 'p.created_at' else score end;
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
    -- query never ranks every match; and when names fill the page, the words are not looked up.
    if after_tier is distinct from 1 then
      return query execute format(
        'select p.id, 2, extensions.word_similarity($2, p.name_search)::text from public.profiles p'
        || ' where %1$s and %2$s and %3$s'
        || ' order by extensions.word_similarity($2, p.name_search) desc, p.id desc limit $10',
        matches_name, filters,
        case when after_tier = 2
          then '(extensions.word_similarity($2, p.name_search), p.id) < ($8::real, $9)'
          else 'true' end)
        using words, query, tokens, my_programmes, programme, cohort, membership_role,
              after_key, after_id, page_size;
      get diagnostics names_found = row_count;
      if names_found >= page_size then
        return;
      end if;
    end if;
    return query execute format(
      'select p.id, 1, %5$s::text from public.profiles p'
      || ' where %1$s and not (%2$s) and %3$s and %4$s'
      || ' order by %5$s desc, p.id desc limit $10',
      matches_text, matches_name, filters,
      case when after_tier = 1 then format('(%s, p.id) < ($8::real, $9)', score) else 'true' end,
      score)
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size - names_found;
  end if;
end;
$$;
