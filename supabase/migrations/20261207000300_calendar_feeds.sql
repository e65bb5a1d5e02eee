-- Personal calendar feeds: public.calendar_feeds holds, per person, the SHA-256 of the secret in
-- their feed's address (the secret itself is shown to them once and kept nowhere). The person
-- reads whether they have one (not the hash: no column grant), makes, replaces and removes it.
-- private.calendar_feed_owner(hash) says whose feed an address opens, for anyone holding the
-- address (a calendar app fetches it without signing in); the app then reads the feed as that
-- person, so RLS decides what it holds.

create table public.calendar_feeds (
  profile_id uuid primary key references public.profiles (id) on delete cascade,
  token_hash text not null unique constraint calendar_feeds_token_hash_check check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);
comment on table public.calendar_feeds is
  'The hash of the secret in each person''s personal calendar feed address (what I go to, my programmes'' events).';

alter table public.calendar_feeds enable row level security;

create policy "people see whether they have a feed" on public.calendar_feeds
  for select to authenticated using (calendar_feeds.profile_id = (select auth.uid()));
create policy "people make their feed" on public.calendar_feeds
  for insert to authenticated with check (calendar_feeds.profile_id = (select auth.uid()));
create policy "people replace their feed's address" on public.calendar_feeds
  for update to authenticated
  using (calendar_feeds.profile_id = (select auth.uid()))
  with check (calendar_feeds.profile_id = (select auth.uid()));
create policy "people remove their feed" on public.calendar_feeds
  for delete to authenticated using (calendar_feeds.profile_id = (select auth.uid()));

revoke all on public.calendar_feeds from anon, authenticated;
grant select (profile_id, created_at), delete on public.calendar_feeds to authenticated;
grant insert (profile_id, token_hash), update (token_hash, created_at) on public.calendar_feeds to authenticated;
grant all on public.calendar_feeds to service_role;

-- Security definer: whoever holds a feed's address learns whose feed it is, and nothing else
-- (the hash of 32 random bytes cannot be guessed); the table's policies show no one else's row.
create function private.calendar_feed_owner(hash text) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select f.profile_id from public.calendar_feeds f where f.token_hash = hash
$$;
comment on function private.calendar_feed_owner(text) is
  'Whose personal calendar feed the hash of an address''s secret opens (null for none).';
revoke all on function private.calendar_feed_owner(text) from public, anon, authenticated;
grant execute on function private.calendar_feed_owner(text) to anon, authenticated;
