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
    and p.space_id = any ((select private.readable_space_ids())::uuid[])
$$;
comment on function private.post_authors(uuid[]) is
  'The name and handle of each given post''s author, for the posts the viewer may read.';
revoke all on function private.post_authors(uuid[]) from public;
grant execute on function private.post_authors(uuid[]) to anon, authenticated, service_role;

-- Whether the viewer may read one space, asked of that space alone (one index lookup), beside the
-- set of the spaces they may read (private.readable_space_ids, which the policies compute once per
-- statement): a function that asks about one space per row (private.author_in_space, for a list of
-- threads) asks the single question instead of building the set each time. Two shapes of one
-- predicate: tests/db/spaces.test.ts checks that they agree for every role and space.
-- Security definer: reads space_members of private spaces.
create or replace function private.can_read_space(space uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
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
  );
end
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

-- The helpers every spaces page calls, several times a request, in PL/pgSQL: a PL/pgSQL function
-- keeps its statements' plans for the connection, where an SQL function that is not inlined (a
-- security definer one never is) plans its query again in every statement that calls it — which
-- cost more than running it.
create or replace function private.readable_space_ids() returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(s.id), '{}')
    from public.spaces s
    where s.status = 'open'
      and (
        s.visibility = 'public'
        or (s.visibility = 'members' and (select auth.uid()) is not null)
        or exists (
          select 1 from public.space_members m
          where m.space_id = s.id and m.profile_id = (select auth.uid())
        )
      )
  );
end
$$;

create or replace function private.is_space_moderator(space uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
      select 1 from public.space_members m
      where m.space_id = space and m.profile_id = (select auth.uid()) and m.role = 'moderator'
    )
    -- The platform's moderators keep every space that is not private.
    or ((select private.is_platform_moderator())
        and exists (select 1 from public.spaces s where s.id = space and s.visibility <> 'private'));
end
$$;
