-- Who a writer may @mention in a space, suggested as they type: people who read the space, by the
-- start of their handle or a part of their name. Only names the writer could already see are
-- suggested: the space's members and authors (whose names the space shows its readers, as
-- private.author_in_space does), and profiles whose audience reaches the writer (the profiles
-- policy's own test, private.viewer_reach). The function answers only about a space the writer
-- reads, so it tells nobody who belongs to a private space they are not in, and it never
-- suggests someone who could not read what mentions them.

create function private.mention_candidates(space uuid, words text, how_many integer default 8)
returns table (display_name text, handle text)
language sql
stable
security definer
set search_path = ''
as $$
  with typed as (
    select replace(replace(replace(lower(extensions.unaccent('extensions.unaccent'::regdictionary, words)),
      '\', '\\'), '%', '\%'), '_', '\_') as w
  ), found as (
    select p.id, p.display_name, p.handle,
      exists (select 1 from public.space_members m where m.space_id = space and m.profile_id = p.id)
        or exists (select 1 from public.posts x where x.space_id = space and x.author_id = p.id) as in_space
    from public.profiles p, typed
    -- Asked once (an initplan), not for every profile.
    where (select private.can_read_space(space))
      and char_length(typed.w) between 2 and 60
      and p.id is distinct from (select auth.uid())
      and (p.handle like typed.w || '%' or p.name_search like '%' || typed.w || '%')
  )
  select f.display_name, f.handle
  from found f
  where private.person_reads_space(f.id, space)
    and (f.in_space or (select p.visibility from public.profiles p where p.id = f.id) <= private.viewer_reach(f.id))
  order by f.in_space desc, f.display_name, f.handle
  limit least(greatest(how_many, 1), 20)
$$;
comment on function private.mention_candidates(uuid, text, integer) is
  'People the caller may @mention in a space they read: who reads it, among the names the caller may see.';
revoke all on function private.mention_candidates(uuid, text, integer) from public;
grant execute on function private.mention_candidates(uuid, text, integer) to authenticated, service_role;
