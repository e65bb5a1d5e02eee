-- Profiles: one per person, 1:1 with auth.users, created with the account by handle_new_user.
-- Who may see a profile is decided here, by row level security, for every reader.

create extension if not exists unaccent with schema extensions;

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  handle text not null unique
    check (handle ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
  display_name text not null
    check (char_length(btrim(display_name)) between 1 and 120),
  headline text check (char_length(headline) <= 160),
  bio text check (char_length(bio) <= 8000),
  country_code char(2) references public.countries (code),
  city text check (char_length(city) <= 120),
  stakeholder_group text references public.stakeholder_groups (slug),
  -- IANA name (e.g. Africa/Nairobi); validated by the app against Intl's list.
  time_zone text check (char_length(time_zone) <= 64),
  -- Who may see the profile at all; per-field visibility narrows it further.
  visibility text not null default 'members'
    check (visibility in ('public', 'members', 'private')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.profiles is
  'One per person (1:1 with auth.users): how they present themselves to the network. Created by handle_new_user.';
comment on column public.profiles.visibility is
  'public: anyone, signed in or not; members: signed-in members; private: only the person.';

create index profiles_country_code_idx on public.profiles (country_code);
create index profiles_stakeholder_group_idx on public.profiles (stakeholder_group);

alter table public.profiles enable row level security;

create policy "anyone reads public profiles" on public.profiles
  for select to anon
  using (visibility = 'public');

create policy "members read shared profiles and their own" on public.profiles
  for select to authenticated
  using (visibility in ('public', 'members') or id = (select auth.uid()));

create policy "people update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- Rows are created by handle_new_user and removed with the account: no insert or delete for the
-- API roles. Updates are limited to the columns a person edits (not id, not timestamps).
revoke insert, delete, truncate on public.profiles from anon, authenticated;
revoke update on public.profiles from anon, authenticated;
grant update (handle, display_name, headline, bio, country_code, city, stakeholder_group, time_zone, visibility)
  on public.profiles to authenticated;

create function public.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function public.touch_updated_at() is 'Keeps updated_at true on every update.';

create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function public.touch_updated_at();

-- A readable, unique handle for /people/<handle>: the name in ASCII, or "member" for names with
-- no Latin letters, plus a short suffix when taken.
create function public.unique_handle(name text) returns text
language plpgsql
set search_path = ''
as $$
declare
  base text;
  candidate text;
  attempt int := 0;
begin
  base := lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(name, '')));
  base := btrim(regexp_replace(base, '[^a-z0-9]+', '-', 'g'), '-');
  base := left(base, 32);
  base := btrim(base, '-');
  if char_length(base) < 3 then
    base := 'member';
  end if;
  candidate := base;
  while exists (select 1 from public.profiles where handle = candidate) loop
    attempt := attempt + 1;
    candidate := base || '-' || substr(md5(random()::text), 1, case when attempt < 5 then 4 else 8 end);
  end loop;
  return candidate;
end;
$$;
comment on function public.unique_handle(text) is 'Derives an unused profile handle from a display name.';
revoke execute on function public.unique_handle(text) from public, anon, authenticated;

-- Security definer: it runs as the auth service (or a seed) inserts into auth.users, a role that
-- may not write public.profiles; search_path is pinned so no caller can shadow what it uses.
create function public.handle_new_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  name text;
begin
  name := nullif(btrim(coalesce(
    new.raw_user_meta_data ->> 'display_name',
    new.raw_user_meta_data ->> 'full_name',
    new.raw_user_meta_data ->> 'name',
    split_part(new.email, '@', 1)
  )), '');
  insert into public.profiles (id, handle, display_name)
  values (new.id, public.unique_handle(name), left(coalesce(name, 'New member'), 120));
  return new;
end;
$$;
comment on function public.handle_new_user() is 'Creates the profile of a new auth.users row.';
revoke execute on function public.handle_new_user() from public, anon, authenticated;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_user();
