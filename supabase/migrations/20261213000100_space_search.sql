-- Search in the spaces: the words of threads' titles and of posts, in the language of the text, as
-- the compendium and the directory read theirs (20261206000100_search_in_languages: as written,
-- accents aside; stemmed in the text's language; Chinese, Japanese and Korean in pairs).
--
-- Who finds what is the read policies' business, not the search's: the search runs as the viewer
-- under RLS, so a private space's words never match for someone outside it, and a hidden or
-- removed post has no words to match (its vector is null) for anyone.
--
-- A post's language is its thread's unless its author says otherwise (a reply in French in an
-- English thread); the threads' is chosen when they start.

alter table public.posts add column text_language text references public.languages (code);
comment on column public.posts.text_language is
  'The language the post is written in (ISO 639-1): its words are stemmed in it and pages mark it (lang). Its thread''s unless given.';
update public.posts p set text_language = t.text_language from public.threads t where t.id = p.thread_id;
alter table public.posts alter column text_language set not null;
create index posts_text_language_idx on public.posts (text_language);
grant insert (text_language) on public.posts to authenticated;

-- Security definer: reads the thread's language whoever writes (the writer may read it anyway,
-- since they may post in it; the definer keeps it one lookup without the read policy).
create function private.posts_text_language() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.text_language is null then
    select t.text_language into new.text_language from public.threads t where t.id = new.thread_id;
  end if;
  return new;
end
$$;
revoke all on function private.posts_text_language() from public, anon, authenticated;

create trigger posts_text_language before insert on public.posts
  for each row execute function private.posts_text_language();

alter table public.posts add column search tsvector generated always as (
  case when removed_at is null and hidden_at is null
    then private.search_vector(body, text_language, 'B') end
) stored;
comment on column public.posts.search is
  'The post''s words for the search (null while it is hidden or removed: it matches nothing).';
create index posts_search_idx on public.posts using gin (search);
-- A common word is looked for newest first, in order, until a page of candidates is found.
create index posts_created_at_idx on public.posts (created_at desc);
create index posts_space_created_at_idx on public.posts (space_id, created_at desc);

alter table public.threads add column search tsvector generated always as (
  private.search_vector(title, text_language, 'A')
) stored;
comment on column public.threads.search is 'The title''s words for the search, at the first weight.';
create index threads_search_idx on public.threads using gin (search);

-- The spaces' own pages (/spaces/search, /spaces/propose, /spaces/proposals) are no space's address.
create or replace function private.programmes_make_space() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  address text := new.slug;
  n integer := 1;
begin
  -- The programme's address, or the first free one after it (a topic's space may hold it, and
  -- a few addresses are the spaces' own pages).
  while address in ('search', 'propose', 'proposals') or exists (select 1 from public.spaces s where s.slug = address) loop
    n := n + 1;
    address := left(new.slug, 76) || '-' || n;
  end loop;
  insert into public.spaces (slug, kind, name, description, text_language, programme_id)
  values (address, 'programme', left(new.name, 120), left(new.summary, 4000), new.text_language, new.id);
  return null;
end
$$;
revoke all on function private.programmes_make_space() from public, anon, authenticated;

alter table public.spaces add constraint spaces_slug_not_a_page check (slug not in ('search', 'propose', 'proposals'));

-- A snippet of a hit is cut in the words of its language, for visitors too.
grant execute on function private.search_config(text) to anon;
