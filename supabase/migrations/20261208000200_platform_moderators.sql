-- The platform's moderators: people whom an admin gives the role, who keep every space healthy
-- (the queue of reports from every space, hiding, locking, suspending), beside each space's own
-- moderators. Like admins, the role is read from Auth's current record of the person
-- (app_metadata.platform_role, written only by the service), never from the token, so a withdrawn
-- role holds from the next statement on. Admins moderate too.
-- Security definer because auth.users is not readable by the API roles; search_path is empty.

create function private.is_platform_moderator() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select u.raw_app_meta_data ->> 'platform_role' in ('moderator', 'admin')
    from auth.users u
    where u.id = (select auth.uid())
  ), false)
$$;
comment on function private.is_platform_moderator() is
  'True when the signed-in person is a platform moderator or admin now (app_metadata.platform_role in auth.users, not in their token).';


-- Policies for visitors and members call it (a visitor is never a moderator).
revoke all on function private.is_platform_moderator() from public;
grant execute on function private.is_platform_moderator() to anon, authenticated, service_role;
