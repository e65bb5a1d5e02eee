-- The search's candidates through its index: under RLS the words could not use it.
--
-- The operator that matches words (@@) is not leakproof, so under a row-level policy the database
-- may not test it before the policy's own condition, and no index can answer it: a search read
-- every post of the spaces the viewer may read and tested its words one by one (1.2 s for a rare
-- word among 1.2 million posts). private.search_candidates finds them as the owner, through the
-- index, with the policies' one predicate said explicitly (private.readable_space_ids(), the
-- spaces the viewer may read; hidden and removed posts have no words): the post ids only, which
-- the search then reads under RLS (src/lib/server/db/space-search.ts), so what it shows is what
-- the policies allow even if this function were wrong.
--
-- A bounded look first counts up to `lim` + 1 matches. Fewer, and all are returned; as many (a
-- common word), and the newest `lim`, read in date order until there are enough (the condition
-- wrapped so that the words' index does not answer it). Threads found by their titles count as
-- their first posts. `newest` says which it was.

create function private.search_candidates(words tsquery, space uuid, lim integer)
returns table (post_id uuid, newest boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  readable uuid[] := private.readable_space_ids();
  found integer;
begin
  if space is not null then
    if not space = any (readable) then
      return;
    end if;
    readable := array[space];
  end if;
  select count(*) into found from (
    select p.id from public.posts p where p.search @@ words and p.space_id = any (readable)
    union all
    select t.id from public.threads t where t.search @@ words and t.space_id = any (readable)
    limit lim + 1
  ) as f;
  if found <= lim then
    return query
      select p.id, false from public.posts p
      where p.search @@ words and p.space_id = any (readable)
      union
      select p.id, false from public.threads t
      join public.posts p on p.thread_id = t.id and p.number = 1 and p.search is not null
      where t.search @@ words and t.space_id = any (readable);
  else
    return query
      select c.id, true from (
        (select p.id, p.created_at from public.posts p
         where coalesce(p.search @@ words, false) and p.space_id = any (readable)
         order by p.created_at desc limit lim)
        union
        (select p.id, p.created_at from public.threads t
         join public.posts p on p.thread_id = t.id and p.number = 1 and p.search is not null
         where coalesce(t.search @@ words, false) and t.space_id = any (readable)
         order by t.created_at desc limit lim)
      ) as c
      order by c.created_at desc
      limit lim;
  end if;
end
$$;
comment on function private.search_candidates(tsquery, uuid, integer) is
  'The ids of the posts whose words (or whose thread''s title) match, among those the viewer may read: all when at most lim, else the newest lim.';
revoke all on function private.search_candidates(tsquery, uuid, integer) from public;
grant execute on function private.search_candidates(tsquery, uuid, integer) to anon, authenticated, service_role;

-- The words' statistics, so that the planner knows a rare word from a common one.
analyze public.posts (search);
analyze public.threads (search);
