-- Search respects language: the compendium's and the directory's words are also matched stemmed in
-- the language of the text, accents aside, and Chinese, Japanese and Korean by their pairs of
-- characters.
--
-- Both searches matched words only as written (the 'simple' configuration, without accents): a
-- French search for "formations" missed a programme that teaches "formation", a Spanish one for
-- "políticas" missed "política", and a Chinese word inside a sentence (written without spaces) was
-- found only as the whole sentence. Now every text is indexed three ways at its weight: as written,
-- stemmed by Postgres' stemmer for its language (English, French, Spanish, Russian, Arabic,
-- Portuguese and a few more; none for Chinese), and for CJK scripts as overlapping pairs. A query
-- is read the same ways: as written, stemmed in each of those languages (a search may be written
-- in any of them, whatever the page's language), and in pairs. A programme's text is in the
-- language its editors say (programmes.text_language, English by default); a profile's in its
-- person's language of the site (profiles.locale), else English. The taxonomies' names a profile
-- is found by (its country, stakeholder group, topics, languages) are indexed in all six
-- languages, so "Sénégal" and "السنغال" find the people of Senegal.

-- The stemmer Postgres has for a language (an ISO 639-1 code), or none ('simple').
create function private.search_config(language text) returns regconfig
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case language
    when 'en' then 'pg_catalog.english'::regconfig
    when 'fr' then 'pg_catalog.french'::regconfig
    when 'es' then 'pg_catalog.spanish'::regconfig
    when 'ru' then 'pg_catalog.russian'::regconfig
    when 'ar' then 'pg_catalog.arabic'::regconfig
    when 'pt' then 'pg_catalog.portuguese'::regconfig
    when 'de' then 'pg_catalog.german'::regconfig
    when 'it' then 'pg_catalog.italian'::regconfig
    when 'tr' then 'pg_catalog.turkish'::regconfig
    when 'id' then 'pg_catalog.indonesian'::regconfig
    else 'pg_catalog.simple'::regconfig
  end
$$;

-- Chinese, Japanese and Korean write words without spaces: each run of their characters becomes
-- its overlapping pairs ("数据保护" → "数据 据保 保护"), so a word inside a sentence is found.
create function private.cjk_bigrams(value text) returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select string_agg(
    case when length(run[1]) = 1 then run[1]
         else (select string_agg(substr(run[1], i, 2), ' ' order by i)
               from generate_series(1, length(run[1]) - 1) as i) end, ' ')
  from regexp_matches(coalesce(value, ''),
    '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+', 'g') as run
$$;

-- A query's text with each run of those characters in pairs, the other words kept as they are
-- (with their quotes and minus signs): "Li 数据保护" → "Li  数据 据保 保护 ".
create function private.cjk_pairs(value text) returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select string_agg(
    case when part[1] is null then part[2]
         when length(part[1]) = 1 then ' ' || part[1] || ' '
         else ' ' || (select string_agg(substr(part[1], i, 2), ' ' order by i)
                      from generate_series(1, length(part[1]) - 1) as i) || ' ' end,
    '' order by n)
  from regexp_matches(coalesce(value, ''), '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)|([^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)', 'g')
    with ordinality as m (part, n)
$$;

-- A text's words for the search, at one weight: as written (without accents), stemmed in the
-- text's language where Postgres has a stemmer, and Chinese, Japanese and Korean in pairs.
create function private.search_vector(body text, language text, weight "char") returns tsvector
language sql
immutable
parallel safe
set search_path = ''
as $$
  select setweight(
    to_tsvector('pg_catalog.simple', public.unaccented(coalesce(body, '')))
    || to_tsvector(private.search_config(language), public.unaccented(coalesce(body, '')))
    || to_tsvector('pg_catalog.simple', coalesce(private.cjk_bigrams(body), '')),
    weight)
$$;

-- What a search for `query` also matches beyond its words as written: the words stemmed in each
-- language texts are written in (a search is written in any of them), and Chinese, Japanese and
-- Korean in pairs with the query's other words. Only the readings that differ from the words as
-- written, each once: the planner adds up the branches of an "or", and seven copies of a rare
-- name made it expect thousands of matches and read the directory in its order instead of through
-- the index (a name search of 1 ms took 1.4 s at 100,000 people). Stop words of one language leave
-- its reading empty, silently.
create function private.stemmed_query(query text) returns tsquery
language sql
stable
parallel safe
set search_path = ''
set client_min_messages = 'warning'
as $$
  with q (u) as (select public.unaccented(coalesce(query, ''))),
  reading (words) as (
    select websearch_to_tsquery(c, q.u)
    from q, unnest(array['pg_catalog.english', 'pg_catalog.french', 'pg_catalog.spanish',
      'pg_catalog.russian', 'pg_catalog.arabic', 'pg_catalog.portuguese']::regconfig[]) as c
    union all
    select websearch_to_tsquery('pg_catalog.simple', private.cjk_pairs(q.u))
    from q where q.u ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]'
  )
  select coalesce(string_agg(distinct '(' || r.words::text || ')', ' | ')::tsquery, ''::tsquery)
  from reading r, q
  where r.words::text not in ('', websearch_to_tsquery('pg_catalog.simple', q.u)::text)
$$;

-- Every name of a taxonomy's row, English and its translations, as one text to index.
create function private.every_name(names jsonb, name text) returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select concat_ws(' ', name, (select string_agg(v, ' ') from jsonb_each_text(names) as e (k, v)))
$$;

-- A profile's four weights of words in its language (as public.weighted_vector did, as written).
create function private.weighted_vector(language text, a text, b text, c text, d text)
returns tsvector
language sql
immutable
parallel safe
set search_path = ''
as $$
  select private.search_vector(a, coalesce(language, 'en'), 'A')
      || private.search_vector(b, coalesce(language, 'en'), 'B')
      || private.search_vector(c, coalesce(language, 'en'), 'C')
      || private.search_vector(d, coalesce(language, 'en'), 'D')
$$;

-- Run inside the tables' own statements (the programmes' generated column, the profiles' trigger)
-- by whoever writes them; search_directory runs as its owner.
revoke all on function private.search_config(text), private.cjk_bigrams(text),
  private.cjk_pairs(text), private.search_vector(text, text, "char"), private.stemmed_query(text),
  private.every_name(jsonb, text), private.weighted_vector(text, text, text, text, text)
  from public, anon, authenticated;
grant execute on function private.search_config(text), private.cjk_bigrams(text),
  private.search_vector(text, text, "char"), private.every_name(jsonb, text),
  private.weighted_vector(text, text, text, text, text)
  to authenticated, service_role;
-- The compendium's search, for visitors too.
grant execute on function private.stemmed_query(text), private.cjk_pairs(text)
  to anon, authenticated, service_role;

-- ─── The compendium ──────────────────────────────────────────────────────────────────────────────

alter table public.programmes
  add column text_language text not null default 'en' references public.languages (code);
comment on column public.programmes.text_language is
  'The language the programme''s name, summary and description are written in (ISO 639-1): their words are stemmed in it, and pages mark them with it (lang).';
-- Its editors say it as they write the texts (the other columns' grants: 20261122000600).
grant insert (text_language), update (text_language) on public.programmes to authenticated;

alter table public.programmes drop column search;
alter table public.programmes add column search tsvector generated always as (
  private.search_vector(name, text_language, 'A')
  || private.search_vector(summary, text_language, 'B')
  || private.search_vector(description, text_language, 'C')
) stored;
create index programmes_search_idx on public.programmes using gin (search);

-- ─── The directory ───────────────────────────────────────────────────────────────────────────────

-- As in 20261203000200, with the words in the profile's language and every name of the taxonomies.
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
           case when t.token like 'country:%' then private.every_name(c.names, c.name) end, t.token
    from public.countries c
    cross join lateral unnest(array[
      'country:' || c.code, 'region:' || c.region_code, 'region:' || c.sub_region_code,
      'region:' || c.intermediate_region_code
    ]) as t (token)
    where c.code = new.country_code and t.token is not null
    union all
    select 'stakeholder', greatest(new.visibility, new.stakeholder_visibility), 'C', private.every_name(g.names, g.name), 'group:' || g.slug
    from public.stakeholder_groups g where g.slug = new.stakeholder_group
    union all
    -- A topic is found by its name, and filtering on its basket finds it too.
    select 'topics', greatest(new.visibility, new.topics_visibility), 'B', private.every_name(t.names, t.name), 'topic:' || t.slug
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = new.id
    union all
    select 'topics', greatest(new.visibility, new.topics_visibility), null, null, 'topic:' || t.parent_slug
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = new.id and t.parent_slug is not null
    union all
    select 'languages', greatest(new.visibility, new.languages_visibility), 'C', private.every_name(l.names, l.name), 'lang:' || l.code
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
    case when new.visibility <= 'public' then private.weighted_vector(new.locale,
      
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'public')) end,
    case when new.visibility <= 'members' then private.weighted_vector(new.locale,
      
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'members')) end,
    -- Kept only when peers may find more than members may (or only peers see the profile).
    case when new.visibility = 'programmes'
           or (new.visibility <= 'members' and bool_or(audience = 'programmes' and weight is not null))
      then private.weighted_vector(new.locale,
      
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

-- (It runs before every update of a profile: a change of language indexes it anew.)

-- As in 20261203000200, with the query's words also stemmed and in pairs.
create or replace function private.search_directory(
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
  words_found int;
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
      '''([^'']+)''(?!.*'')', '''\1'':*'))
      || private.stemmed_query(query);
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
    -- Words that few profiles have (a surname, a rare term) are read through the search index
    -- and sorted; words that many have, in the order of the page until it is full. The planner
    -- cannot tell the two apart once the words have several readings (each stemmed reading of a
    -- name it has no statistics for counts as a common word), and read 100,000 profiles in order
    -- to find none: so a bounded look decides.
    execute format('select count(*) from (select 1 from public.profiles p where %s limit 60) as f',
      matches_text)
      into words_found using words, query, tokens, my_programmes;
    return query execute format(
      case when words_found < 60
        then 'with found as materialized (select p.id, %5$s as score from public.profiles p'
          || ' where %1$s and not (%2$s) and %3$s and %4$s)'
          || ' select f.id, 1, f.score::text from found f order by f.score desc, f.id desc limit $10'
        else 'select p.id, 1, %5$s::text from public.profiles p'
          || ' where %1$s and not (%2$s) and %3$s and %4$s'
          || ' order by %5$s desc, p.id desc limit $10' end,
      matches_text, matches_name, filters,
      case when after_tier = 1 then format('(%s, p.id) < ($8::real, $9)', score) else 'true' end,
      score)
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size - names_found;
  end if;
end;
$$;

drop function public.weighted_vector(text, text, text, text);

-- Every profile indexed anew (the trigger above); updated_at is left as it was.
alter table public.profiles disable trigger profiles_touch_updated_at;
update public.profiles set directory_score = directory_score;
alter table public.profiles enable trigger profiles_touch_updated_at;
