-- A profile is seen by nobody but its person until that person has joined: confirmed their
-- address (followed the link of their sign-up or invitation mail, which also signs them in).
--
-- An invitation to an address without an account makes one (Auth's inviteUserByEmail), and its
-- profile, named as the coordinator typed it: a roster of 2,000 made 2,000 profiles of people who
-- had never come, each found by the directory, listed and counted. Now such a profile is private
-- until its person confirms; every read path (the profiles policy, profile_cards, the directory's
-- search vectors, programme_people, the memberships that follow the profile's visibility) already
-- decides by profiles.visibility, so holding that at 'private' is the one rule they all obey. The
-- person cannot widen it before joining: they cannot sign in before confirming, and the trigger
-- below puts it back. On confirming, the profile opens to members, the default audience.

alter table public.profiles add column joined_at timestamptz;
comment on column public.profiles.joined_at is
  'When the person first confirmed their address (joined); until then the profile is private, whatever else it says.';

-- The profiles that exist: joined when their account is confirmed. The search index does not
-- change for them, so it is not rebuilt row by row.
alter table public.profiles disable trigger profiles_index;
update public.profiles p set joined_at = u.email_confirmed_at
from auth.users u
where u.id = p.id and u.email_confirmed_at is not null;
alter table public.profiles enable trigger profiles_index;
-- The others (invited or signed up, never confirmed) are private, and their index says so.
update public.profiles set visibility = 'private' where joined_at is null;

-- Before profiles_index (triggers fire by name): a profile whose person has not joined is private.
-- A new profile has joined if its account was confirmed when made (a seed, an admin's account).
create function public.profiles_hidden_until_joined() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    select u.email_confirmed_at into new.joined_at from auth.users u where u.id = new.id;
  end if;
  if new.joined_at is null then
    new.visibility := 'private';
  end if;
  return new;
end;
$$;
comment on function public.profiles_hidden_until_joined() is
  'Keeps the profile of a person who has not confirmed their address private (nobody else sees it).';
revoke execute on function public.profiles_hidden_until_joined() from public, anon, authenticated;

create trigger profiles_hidden_until_joined before insert or update on public.profiles
  for each row execute function public.profiles_hidden_until_joined();

-- Security definer: it runs as Auth confirms an address (Auth's role may not write profiles);
-- search_path pinned. Opens the profile to members, the default audience, when the person joins.
create function public.profiles_join_on_confirm() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles p
  set joined_at = new.email_confirmed_at, visibility = 'members'
  where p.id = new.id and p.joined_at is null;
  return null;
end;
$$;
comment on function public.profiles_join_on_confirm() is
  'Marks a person joined when Auth confirms their address, and opens their profile to members.';
revoke execute on function public.profiles_join_on_confirm() from public, anon, authenticated;

create trigger on_auth_user_confirmed after update of email_confirmed_at on auth.users
  for each row
  when (old.email_confirmed_at is null and new.email_confirmed_at is not null)
  execute function public.profiles_join_on_confirm();
