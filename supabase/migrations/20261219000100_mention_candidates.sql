-- Who a writer may @mention in a space, suggested as they type: people who read the space, by the
-- start of their handle or of a word of their name. Only names the writer could already see are
-- suggested: the space's members (whose names the space shows its readers, as
-- private.author_in_space does) and, in a space everyone reads, the profiles whose audience
-- reaches the writer (the profiles policy's own test, private.viewer_reach). The function answers
-- only about a space the writer reads, so it tells nobody who belongs to a private space they are
-- not in, and it never suggests someone who could not read what mentions them (a private space's
-- members are its only readers; a public or members' space is read by every member).
--
-- Fast at 100,000 people: the words go through the names' word index (a prefix query) and the
-- handles' unique index (a prefix LIKE under the C collation), each list is cut to its first few
-- by name before anything else is asked, and a profile's audience is asked of the database only
-- for the few kept to programmes (a member may see every public and members' profile).

create function private.mention_candidates(space uuid, words text, how_many integer default 8)
returns table (display_name text, handle text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  typed text := lower(extensions.unaccent('extensions.unaccent'::regdictionary, btrim(coalesce(words, ''))));
  pattern text;
  prefix tsquery;
  everyone_reads boolean;
  most integer := least(greatest(how_many, 1), 20);
  me uuid := (select auth.uid());
begin
  if me is null or char_length(typed) not between 2 and 60 or not private.can_read_space(space) then
    return;
  end if;
  pattern := replace(replace(replace(typed, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  select to_tsquery('simple', string_agg(quote_literal(w) || ':*', ' & '))
  into prefix
  from regexp_split_to_table(typed, '[^[:alnum:]]+') as w
  where w <> '';
  select s.visibility in ('public', 'members') into everyone_reads from public.spaces s where s.id = space;

  return query
  with members as (
    select p.display_name, p.handle, 0 as tier
    from public.space_members m
    join public.profiles p on p.id = m.profile_id
    where m.space_id = space and p.id <> me
      and (p.handle like pattern or to_tsvector('simple'::regconfig, p.name_search) @@ prefix)
    order by p.display_name, p.handle
    limit most
  ), others as (
    select p.display_name, p.handle, 1 as tier
    from public.profiles p
    where everyone_reads and p.id <> me
      and (p.handle like pattern or to_tsvector('simple'::regconfig, p.name_search) @@ prefix)
      and case when p.visibility <= 'members'::public.audience then true
               else p.visibility <= private.viewer_reach(p.id) end
    order by p.display_name, p.handle
    limit most * 2
  ), found as (
    select distinct on (f.handle) f.display_name, f.handle, f.tier
    from (select * from members union all select * from others) f
    order by f.handle, f.tier
  )
  select f.display_name, f.handle from found f
  order by f.tier, f.display_name, f.handle
  limit most;
end
$$;
comment on function private.mention_candidates(uuid, text, integer) is
  'People the caller may @mention in a space they read: who reads it, among the names the caller may see.';
revoke all on function private.mention_candidates(uuid, text, integer) from public;
grant execute on function private.mention_candidates(uuid, text, integer) to authenticated, service_role;
