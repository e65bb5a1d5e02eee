-- Each person's language: profiles.locale, one of the site's six (en, ar, zh, fr, ru, es), or null
-- until they have one. It is the language of the mail and notices sent to them. Its owner sets it
-- (the language switcher and sign-up); no API role may select it (no column grant): the owner
-- reads their own with private.my_locale(), the app reads it as the service when it writes to
-- them. handle_new_user takes it from the sign-up's metadata (the page's language), ignoring
-- anything that is not one of the six.
-- Also: anon and authenticated lose MAINTAIN (VACUUM, ANALYZE, REINDEX, CLUSTER, REFRESH, LOCK) on
-- the public tables, which PostgreSQL 17 added to what Supabase's default privileges grant; the
-- default privileges lose it too, for the tables to come.

alter table public.profiles
  add column locale text
  constraint profiles_locale_check check (locale in ('en', 'ar', 'zh', 'fr', 'ru', 'es'));
comment on column public.profiles.locale is
  'The person''s language for what is sent to them (mail, notices): one of the site''s locales, or null for English.';

grant update (locale) on table public.profiles to authenticated;

create function private.my_locale() returns text
  language sql stable security definer
  set search_path = ''
as $$
  select p.locale from public.profiles p where p.id = (select auth.uid())
$$;
comment on function private.my_locale() is
  'The signed-in person''s own language (profiles.locale), which no API role may select.';
revoke execute on function private.my_locale() from public, anon;
grant execute on function private.my_locale() to authenticated;

create or replace function public.handle_new_user()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  name text;
  language text;
begin
  name := nullif(btrim(coalesce(
    new.raw_user_meta_data ->> 'display_name',
    new.raw_user_meta_data ->> 'full_name',
    new.raw_user_meta_data ->> 'name',
    split_part(new.email, '@', 1)
  )), '');
  language := new.raw_user_meta_data ->> 'locale';
  if language not in ('en', 'ar', 'zh', 'fr', 'ru', 'es') then
    language := null;
  end if;
  insert into public.profiles (id, handle, display_name, locale)
  values (new.id, public.unique_handle(name), left(coalesce(name, 'New member'), 120), language);
  return new;
end;
$$;

revoke maintain on all tables in schema public from anon, authenticated;
alter default privileges in schema public revoke maintain on tables from anon, authenticated;
