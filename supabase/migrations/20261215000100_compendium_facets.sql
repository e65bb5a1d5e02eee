-- The compendium's facets kept with each programme, and the counts of the whole compendium kept
-- once for everyone. Before, every page of /programmes gathered each programme's topics, target
-- groups, languages, regions and countries with five subqueries per programme and counted them
-- all, twice (the page, then the counts): at 5,000 programmes a visitor's page cost hundreds of
-- milliseconds of database time.

-- ─── The facets of a programme, as tokens "facet:value" ──────────────────────────────────────────

alter table public.programmes add column facets text[] not null default '{}';
comment on column public.programmes.facets is
  'The programme''s facet values as "facet:value" tokens (cost, format, level, component, scope, status, topic, audience, language, region, country), kept by triggers from its columns and its facet tables: the compendium filters and counts by them. Whether applications are open is not among them (it depends on the day).';

create index programmes_facets_idx on public.programmes using gin (facets);

-- A programme's tokens, from its own columns and the rows of its five facet tables.
create function private.facets_of(p public.programmes)
returns text[]
language sql
stable
set search_path = ''
as $$
  select array_remove(array[
           case when p.cost = 'free' then 'cost:free' end,
           case when p.fellowships_available then 'cost:fellowships' end,
           'format:' || p.format, 'level:' || p.level, 'scope:' || p.scope, 'status:' || p.status
         ], null)
    || array(select 'component:' || c from unnest(p.components) c)
    || array(select 'topic:' || t.topic_slug from public.programme_topics t where t.programme_id = p.id)
    || array(select 'audience:' || t.target_group_slug from public.programme_target_groups t
             where t.programme_id = p.id)
    || array(select 'language:' || t.language_code from public.programme_languages t
             where t.programme_id = p.id)
    || array(select 'region:' || t.region_code from public.programme_regions t where t.programme_id = p.id)
    || array(select 'country:' || t.country_code from public.programme_countries t
             where t.programme_id = p.id)
$$;
revoke all on function private.facets_of(public.programmes) from public;
grant execute on function private.facets_of(public.programmes) to anon, authenticated, service_role;

create function private.programmes_keep_facets()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.facets := private.facets_of(new);
  return new;
end
$$;
revoke all on function private.programmes_keep_facets() from public;
grant execute on function private.programmes_keep_facets() to anon, authenticated, service_role;

create trigger programmes_keep_facets before insert or update on public.programmes
  for each row execute function private.programmes_keep_facets();

-- Definer: a coordinator adding a topic may not write the programme's facets column (it is not in
-- their column grants), yet their change must reach it.
create function private.programme_facet_rows_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.programmes p set facets = private.facets_of(p)
  where p.id in (select c.programme_id from changed c);
  return null;
end
$$;
revoke all on function private.programme_facet_rows_changed() from public;
grant execute on function private.programme_facet_rows_changed() to anon, authenticated, service_role;

create trigger programme_topics_added after insert on public.programme_topics
  referencing new table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_topics_removed after delete on public.programme_topics
  referencing old table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_target_groups_added after insert on public.programme_target_groups
  referencing new table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_target_groups_removed after delete on public.programme_target_groups
  referencing old table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_languages_added after insert on public.programme_languages
  referencing new table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_languages_removed after delete on public.programme_languages
  referencing old table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_regions_added after insert on public.programme_regions
  referencing new table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_regions_removed after delete on public.programme_regions
  referencing old table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_countries_added after insert on public.programme_countries
  referencing new table as changed for each statement
  execute function private.programme_facet_rows_changed();
create trigger programme_countries_removed after delete on public.programme_countries
  referencing old table as changed for each statement
  execute function private.programme_facet_rows_changed();

update public.programmes p set facets = private.facets_of(p);

-- ─── The counts of the whole compendium ──────────────────────────────────────────────────────────

-- The page a visitor lands on counts every programme by every facet value. Every programme is
-- readable by everyone ("anyone reads programmes" is using (true)), so those counts are the same
-- for every viewer: they are kept once per language of the labels and day (the "applications
-- open" count changes with the day), and forgotten whenever a programme or its facets change.
create table private.compendium_counts (
  locale text not null,
  day date not null,
  facet text not null,
  size int not null,
  top jsonb not null,
  counts jsonb not null,
  computed_at timestamptz not null default now(),
  constraint compendium_counts_pkey primary key (locale, day, facet)
);
comment on table private.compendium_counts is
  'The facet counts of the whole compendium (no words, no filters), per label language, day and facet (its number of values, its first few and all of them, most frequent first; facet  holds the total): the same for every viewer, since every programme is public. Forgotten when a programme or its facets change.';
alter table private.compendium_counts enable row level security;
-- No policies: only the definer functions below read and write it.

-- Tokens and their counts as rows, labelled where the value is a taxonomy row, in the request's
-- language (app.locale).
create function private.compendium_count_rows(tokens text[], counts int[])
returns table (facet text, value text, label text, count int)
language sql
stable
set search_path = ''
as $$
  select k.facet, k.value,
         coalesce(
           coalesce(t.names ->> nullif(current_setting('app.locale', true), ''), t.name),
           coalesce(g.names ->> nullif(current_setting('app.locale', true), ''), g.name),
           coalesce(l.names ->> nullif(current_setting('app.locale', true), ''), l.name),
           coalesce(r.names ->> nullif(current_setting('app.locale', true), ''), r.name),
           coalesce(n.names ->> nullif(current_setting('app.locale', true), ''), n.name)
         ) as label,
         k.count
  from (
    select split_part(x.token, ':', 1) as facet, substr(x.token, strpos(x.token, ':') + 1) as value,
           x.count
    from unnest(tokens, counts) as x(token, count)
  ) k
  left join public.topics t on k.facet = 'topic' and t.slug = k.value
  left join public.target_groups g on k.facet = 'audience' and g.slug = k.value
  left join public.languages l on k.facet = 'language' and l.code = k.value
  left join public.regions r on k.facet = 'region' and r.code = k.value
  left join public.countries n on k.facet = 'country' and n.code = k.value
$$;
revoke all on function private.compendium_count_rows(text[], int[]) from public;
grant execute on function private.compendium_count_rows(text[], int[]) to anon, authenticated, service_role;

-- Definer: the kept counts are written for everyone by whoever asks first; the caller chooses
-- nothing but the language and which facets to list in full, and the counts are of every
-- programme (see the table's comment). `shown` values of each facet longer than `long`, all of
-- the others' and of those in `expand`.
create function private.whole_compendium_counts(expand text[], shown int, long int)
returns table (facet text, size int, counts jsonb)
language plpgsql
security definer
set search_path = ''
as $$
declare
  lang text := coalesce(nullif(current_setting('app.locale', true), ''), 'en');
begin
  if not exists (select 1 from private.compendium_counts c where c.locale = lang and c.day = current_date) then
    delete from private.compendium_counts c where c.day < current_date;
    insert into private.compendium_counts (locale, day, facet, size, top, counts)
    with tokens as (
      select t.token, count(*)::int as count
      from public.programmes p,
           unnest(p.facets || case when current_date between p.applications_open_on
                                                         and p.applications_close_on
                                   then array['open:now'] else '{}'::text[] end) as t(token)
      group by t.token
    ),
    labelled as (
      select r.facet, r.value, r.label, r.count
      from private.compendium_count_rows(
             array(select token from tokens order by token),
             array(select count from tokens order by token)) r
      union all
      select '', '', null, (select count(*)::int from public.programmes)
    ),
    ranked as (
      select l.*, row_number() over (partition by l.facet order by l.count desc, l.label, l.value) as n
      from labelled l
    )
    select lang, current_date, r.facet, count(*)::int,
           coalesce(jsonb_agg(jsonb_build_object('value', r.value, 'label', r.label, 'count', r.count)
                              order by r.n) filter (where r.n <= greatest(shown, 1)), '[]'),
           jsonb_agg(jsonb_build_object('value', r.value, 'label', r.label, 'count', r.count)
                     order by r.n)
    from ranked r group by r.facet
    on conflict do nothing;
  end if;
  return query
    select c.facet, c.size,
           case when c.facet = any(expand) or c.size <= long then c.counts else c.top end
    from private.compendium_counts c
    where c.locale = lang and c.day = current_date
    order by c.facet;
end
$$;
revoke all on function private.whole_compendium_counts(text[], int, int) from public;
grant execute on function private.whole_compendium_counts(text[], int, int) to anon, authenticated, service_role;

-- Definer: whoever changes a programme (a coordinator, an admin) may not write the kept counts.
create function private.forget_compendium_counts()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from private.compendium_counts;
  return null;
end
$$;
revoke all on function private.forget_compendium_counts() from public;
grant execute on function private.forget_compendium_counts() to anon, authenticated, service_role;

-- The facet tables change the programme's facets column, so this one trigger sees every change.
create trigger programmes_forget_compendium_counts after insert or update or delete
  on public.programmes for each statement execute function private.forget_compendium_counts();
