-- search_directory reads the words only when names leave room on the page.
--
-- A search found people in two tiers, names first and then everyone else the words find, as one
-- statement: both were read every time. For a common surname ("Khalil": 354 names among 100,000
-- people) the names fill the page, yet the second tier still looked up every profile whose text
-- has the word (the same 354, whose text has their name) and worked out each one's name words
-- again to leave it out: 3.6 ms of a 7 ms search, for rows no one would see on that page. Now the
-- names are read first, and the words only for what room is left. The order, the pages and what
-- each viewer may find are unchanged (the statement that reads names also lost a second copy of
-- the visibility test, which matches_name already has).

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
      'select p.id, 1, p.directory_score::text from public.profiles p'
      || ' where %1$s and not (%2$s) and %3$s and %4$s'
      || ' order by p.directory_score desc, p.id desc limit $10',
      matches_text, matches_name, filters,
      case when after_tier = 1 then '(p.directory_score, p.id) < ($8::real, $9)' else 'true' end)
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size - names_found;
  end if;
end;
$$;

