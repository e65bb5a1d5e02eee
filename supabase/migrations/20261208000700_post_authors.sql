-- A page of posts names its authors in one call: private.post_authors(posts) checks once which
-- spaces the viewer may read (not once per post, as private.author_in_space does when it is called
-- for each row) and gives the name and handle of the author of each of those posts that the
-- viewer may read. A post's author has written in its space, so no membership need be checked.
-- Security definer: profiles of other audiences are not readable by the viewer.

create function private.post_authors(posts uuid[])
returns table (post_id uuid, display_name text, handle text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, pr.display_name, pr.handle
  from public.posts p
  join public.profiles pr on pr.id = p.author_id
  where p.id = any (posts)
    and p.space_id = any (private.readable_space_ids())
$$;
comment on function private.post_authors(uuid[]) is
  'The name and handle of each given post''s author, for the posts the viewer may read.';
revoke all on function private.post_authors(uuid[]) from public;
grant execute on function private.post_authors(uuid[]) to anon, authenticated, service_role;

-- Whether the viewer may read one space, asked of that space alone (one index lookup), and the
-- spaces the viewer may read as the set of those for which it holds: one predicate, two shapes.
-- The policies use the set, computed once per statement; a function that asks about one space
-- per row (private.author_in_space, for a list of threads) uses the single question, not the set.
-- Security definer: reads space_members of private spaces.
create or replace function private.can_read_space(space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open'
      and (
        s.visibility = 'public'
        or (s.visibility = 'members' and (select auth.uid()) is not null)
        or exists (
          select 1 from public.space_members m
          where m.space_id = s.id and m.profile_id = (select auth.uid())
        )
      )
  )
$$;

create or replace function private.readable_space_ids() returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(s.id), '{}') from public.spaces s where private.can_read_space(s.id)
$$;

create or replace function private.author_in_space(author uuid, space uuid)
returns table (display_name text, handle text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.display_name, p.handle
  from public.profiles p
  where p.id = author
    and private.can_read_space(space)
    and (exists (select 1 from public.space_members m where m.space_id = space and m.profile_id = author)
         or exists (select 1 from public.posts x where x.space_id = space and x.author_id = author))
$$;
