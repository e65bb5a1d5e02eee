-- Whether someone is a platform admin is read from Auth's record of them, not from their token.
--
-- is_platform_admin() read app_metadata.platform_role from the access token's claims, so an admin
-- who was demoted kept every admin right until their token expired (up to an hour), and the claim
-- was only as good as the token. It now reads the person's current app_metadata in auth.users, for
-- auth.uid(): a demotion holds from the next statement on. app_metadata is written only by the
-- service (user_metadata, which people write themselves, is never read). The policies call it as
-- (select private.is_platform_admin()), so it is one index lookup per statement, not per row.
-- Security definer because auth.users is not readable by the API roles; search_path is empty.

create or replace function private.is_platform_admin() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select u.raw_app_meta_data ->> 'platform_role' = 'admin'
    from auth.users u
    where u.id = (select auth.uid())
  ), false)
$$;
comment on function private.is_platform_admin() is
  'True when the signed-in person is a platform admin now (app_metadata.platform_role = admin in auth.users, not in their token).';
