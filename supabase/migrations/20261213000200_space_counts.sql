-- /spaces without counting every thread on every visit: each person's new and unread counts per
-- space are kept once computed, as long as nothing they count has changed.
--
-- Counting them means looking at every thread active in a space since the person joined and at
-- their read state of each (a member of twenty long-lived spaces: thousands of threads, 23 ms).
-- What changes the counts: a post or a thread in the space (its last_posted_at moves), the
-- person's reading or watch levels, a thread moving in or out, and time (a thread is new for
-- NEW_FOR_DAYS days). So the counts are kept with the space's last_posted_at they were computed
-- for and the instant the first counted new thread stops being new: while both hold, they are
-- still true. The person's own reading and watch levels delete the row (triggers below); a
-- thread that moves deletes its two spaces' rows.
--
-- Each person's own rows only: their counts say which threads they have read, which is theirs.

create table public.space_counts (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  space_id uuid not null references public.spaces (id) on delete cascade,
  counted_for timestamptz,
  new_until timestamptz,
  new_threads integer not null,
  unread_threads integer not null,
  primary key (profile_id, space_id)
);
comment on table public.space_counts is
  'A person''s new and unread counts for a space as last computed, true while the space''s last_posted_at equals counted_for and new_until has not passed.';
create index space_counts_space_id_idx on public.space_counts (space_id);

alter table public.space_counts enable row level security;

create policy "people read their counts" on public.space_counts
  for select to authenticated using (space_counts.profile_id = (select auth.uid()));
create policy "people keep their counts" on public.space_counts
  for insert to authenticated with check (space_counts.profile_id = (select auth.uid()));
create policy "people renew their counts" on public.space_counts
  for update to authenticated
  using (space_counts.profile_id = (select auth.uid()))
  with check (space_counts.profile_id = (select auth.uid()));

revoke all on public.space_counts from anon, authenticated;
grant select, insert, update on public.space_counts to authenticated;
grant all on public.space_counts to service_role;

-- Reading a thread or changing how closely one follows it forgets the counts of its space.
-- Security definer: deletes the person's counts, which they may not delete themselves (a row
-- they could delete, they could also keep wrong; they can only make it true again).
create function private.thread_reads_forget_counts() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.space_counts c
  using public.threads t
  where t.id = new.thread_id and c.space_id = t.space_id and c.profile_id = new.profile_id;
  return null;
end
$$;
revoke all on function private.thread_reads_forget_counts() from public, anon, authenticated;

create trigger thread_reads_forget_counts after insert or update on public.thread_reads
  for each row execute function private.thread_reads_forget_counts();

-- A space's watch level, or leaving and joining again, forgets the person's counts of it.
create function private.space_members_forget_counts() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    delete from public.space_counts c where c.space_id = old.space_id and c.profile_id = old.profile_id;
  elsif tg_op = 'INSERT' or new.watch_level <> old.watch_level then
    delete from public.space_counts c where c.space_id = new.space_id and c.profile_id = new.profile_id;
  end if;
  return null;
end
$$;
revoke all on function private.space_members_forget_counts() from public, anon, authenticated;

create trigger space_members_forget_counts after insert or update or delete on public.space_members
  for each row execute function private.space_members_forget_counts();

-- A thread moved to another space changes both spaces' counts for everyone.
create function private.threads_forget_counts() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.space_counts c where c.space_id in (old.space_id, new.space_id);
  return null;
end
$$;
revoke all on function private.threads_forget_counts() from public, anon, authenticated;

create trigger threads_forget_counts after update of space_id on public.threads
  for each row when (old.space_id is distinct from new.space_id)
  execute function private.threads_forget_counts();
