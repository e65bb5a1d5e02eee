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
-- Bounded either way. The planner's own estimate of the matches (from the words' statistics)
-- says whether the words are common. A rare word's matches are all found through the words'
-- index, and the newest `lim` of them are the candidates, threads found by their titles counting
-- as their first posts. A common word is not asked of that index, which reads all of a word's
-- matches at once (for a word in most posts, a bitmap of a million): the newest posts the viewer
-- may read are looked at in date order until `lim` match (at most `walk` posts; when fewer match
-- among them, the estimate was wrong and the index is asked after all). `newest` says whether
-- there were more matches than candidates.

create function private.search_candidates(words tsquery, space uuid, lim integer, walk integer default 20000)
returns table (post_id uuid, newest boolean)
language plpgsql
-- Volatile only because it asks the planner (EXPLAIN) how many posts the words match.
volatile
security definer
set search_path = ''
as $$
declare
  readable uuid[] := private.readable_space_ids();
  newest_ids uuid[];
  plan jsonb;
begin
  if space is not null then
    if not space = any (readable) then
      return;
    end if;
    readable := array[space];
  end if;
  execute 'explain (format json) select 1 from public.posts p where p.search @@ $1'
    into plan using words;
  if (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric < lim * 5 then
    walk := 0;
  end if;
  -- The readable set is said as "<@", which no index answers: the dates' index is walked (or,
  -- for one space, its own), and a rare word's few matches are checked one by one, where "= any"
  -- made the planner read the spaces' index of every readable post to intersect with them.
  if walk = 0 then
    null;
  elsif space is null then
    select array_agg(w.id) into newest_ids from (
      select r.id from (
        select p.id, p.search from public.posts p
        where array[p.space_id] <@ readable
        order by p.created_at desc limit walk
      ) as r
      where r.search @@ words
      limit lim
    ) as w;
  else
    select array_agg(w.id) into newest_ids from (
      select r.id from (
        select p.id, p.search from public.posts p
        where p.space_id = space
        order by p.created_at desc limit walk
      ) as r
      where r.search @@ words
      limit lim
    ) as w;
  end if;
  if cardinality(newest_ids) >= lim then
    return query select i, true from unnest(newest_ids) as i;
    return;
  end if;
  return query
    select c.id, c.total > lim from (
      select m.id, m.created_at, count(*) over () as total from (
        select p.id, p.created_at from public.posts p
        where p.search @@ words and array[p.space_id] <@ readable
        union
        select p.id, p.created_at from public.threads t
        join public.posts p on p.thread_id = t.id and p.number = 1 and p.search is not null
        where t.search @@ words and array[t.space_id] <@ readable
      ) as m
    ) as c
    order by c.created_at desc
    limit lim;
end
$$;
comment on function private.search_candidates(tsquery, uuid, integer, integer) is
  'The ids of the posts whose words (or whose thread''s title) match, among those the viewer may read: all when at most lim, else the newest lim.';
revoke all on function private.search_candidates(tsquery, uuid, integer, integer) from public;
grant execute on function private.search_candidates(tsquery, uuid, integer, integer) to anon, authenticated, service_role;

-- The words' statistics, so that the planner knows a rare word from a common one.
analyze public.posts (search);
analyze public.threads (search);
