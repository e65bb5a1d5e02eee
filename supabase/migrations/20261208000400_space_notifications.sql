-- What a new post tells people: the people it mentions (@handle), the author of the post it
-- replies to (or the thread's author), and those who watch the thread or its space — each once,
-- in that order of precedence, never the author, never someone who muted the thread, and only
-- people who may read the space.
--
-- A notification about a post carries ids and numbers only (thread, post number, who wrote it),
-- never the thread's title or the post's words: the notifications page reads those through RLS
-- when it shows them, so someone who has left a private space sees nothing of it any more.
--
-- public.post_mentions: who a post mentions, read by the mentioned person and the post's readers;
-- written by the trigger only.

insert into private.notification_kinds (kind, about) values
  ('space_mention', 'someone mentioned the person in a post'),
  ('space_reply', 'someone replied to the person''s post or thread'),
  ('space_post', 'a new post in a thread or space the person watches'),
  ('post_hidden', 'a moderator hid the person''s post, with the reason');

-- Whether a given person (not the viewer) may read a space: for telling them about it.
-- Security definer: reads spaces and space_members for someone else.
create function private.person_reads_space(person uuid, space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open'
      and (s.visibility in ('public', 'members')
           or exists (select 1 from public.space_members m where m.space_id = s.id and m.profile_id = person))
  )
$$;
comment on function private.person_reads_space(uuid, uuid) is
  'Whether a given person may read a space (for deciding whom a post may be told to).';
revoke all on function private.person_reads_space(uuid, uuid) from public, anon, authenticated;
grant execute on function private.person_reads_space(uuid, uuid) to service_role;

create table public.post_mentions (
  post_id uuid not null references public.posts (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  primary key (post_id, profile_id)
);
comment on table public.post_mentions is 'Who a post mentions (@handle), among the people who may read its space.';
create index post_mentions_profile_id_idx on public.post_mentions (profile_id);

alter table public.post_mentions enable row level security;
create policy "the mentioned and the post's readers read mentions" on public.post_mentions
  for select to authenticated
  using (
    post_mentions.profile_id = (select auth.uid())
    or exists (
      select 1 from public.posts p
      where p.id = post_mentions.post_id and p.space_id = any ((select private.readable_space_ids())::uuid[])
    )
  );
revoke all on public.post_mentions from anon, authenticated;
grant select on public.post_mentions to authenticated;
grant all on public.post_mentions to service_role;

-- The handles a text mentions: @ then a handle, not inside a word or an address (a@b.org).
create function private.mentioned_handles(body text) returns text[]
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_agg(distinct lower(m[1])), '{}')
  from regexp_matches(body, '(?:^|[^A-Za-z0-9_.@/])@([a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9]))(?![A-Za-z0-9-])', 'gi') as m
$$;
comment on function private.mentioned_handles(text) is 'The @handles a post mentions, lower-cased, each once.';
revoke all on function private.mentioned_handles(text) from public, anon, authenticated;
grant execute on function private.mentioned_handles(text) to service_role;

-- Whether a person has muted a thread (its own level, else its space's).
create function private.mutes_thread(person uuid, thread uuid, space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select r.watch_level = 'muted' from public.thread_reads r
     where r.profile_id = person and r.thread_id = thread and r.watch_level is not null),
    (select m.watch_level = 'muted' from public.space_members m
     where m.profile_id = person and m.space_id = space),
    false
  )
$$;
comment on function private.mutes_thread(uuid, uuid, uuid) is 'Whether a person muted a thread, or its space (and set nothing for the thread).';
revoke all on function private.mutes_thread(uuid, uuid, uuid) from public, anon, authenticated;

-- Security definer: reads other people's read state and watch levels, writes mentions and
-- notifications (through public.notify).
create function private.posts_tell() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  t public.threads;
  payload jsonb;
  told uuid[] := array[new.author_id];
  target uuid;
  person uuid;
begin
  if new.author_id is null then
    return null;
  end if;
  select * into t from public.threads where id = new.thread_id;
  payload := jsonb_build_object('thread_id', new.thread_id, 'post_number', new.number, 'actor_id', new.author_id);

  -- Mentions.
  for person in
    select p.id from public.profiles p
    where p.handle = any (private.mentioned_handles(new.body))
      and p.id <> new.author_id
      and private.person_reads_space(p.id, new.space_id)
  loop
    insert into public.post_mentions (post_id, profile_id) values (new.id, person) on conflict do nothing;
    if not private.mutes_thread(person, t.id, t.space_id) then
      perform public.notify(person, 'space_mention', payload);
    end if;
    told := told || person;
  end loop;

  -- The reply's target: the post it answers, else the thread's opening post.
  if new.number > 1 then
    select p.author_id into target from public.posts p
    where p.thread_id = new.thread_id and p.number = coalesce(new.reply_to, 1);
    if target is not null and not target = any (told)
       and private.person_reads_space(target, new.space_id)
       and not private.mutes_thread(target, t.id, t.space_id) then
      perform public.notify(target, 'space_reply', payload);
      told := told || target;
    end if;
  end if;

  -- Those who watch the thread, or its space without a level of their own for the thread.
  for person in
    select r.profile_id from public.thread_reads r
    where r.thread_id = new.thread_id and r.watch_level = 'watching'
    union
    select m.profile_id from public.space_members m
    where m.space_id = new.space_id and m.watch_level = 'watching'
      and not exists (
        select 1 from public.thread_reads r
        where r.thread_id = new.thread_id and r.profile_id = m.profile_id and r.watch_level is not null
      )
  loop
    if not person = any (told) and private.person_reads_space(person, new.space_id) then
      perform public.notify(person, 'space_post', payload);
      told := told || person;
    end if;
  end loop;
  return null;
end
$$;
revoke all on function private.posts_tell() from public, anon, authenticated;

-- After the counters (posts_after_insert), so that the author's own read state is written first.
create trigger posts_tell after insert on public.posts
  for each row execute function private.posts_tell();

-- A hidden post's author is told why.
create function private.posts_tell_hidden() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.author_id is not null and new.author_id is distinct from new.hidden_by then
    perform public.notify(new.author_id, 'post_hidden', jsonb_build_object(
      'thread_id', new.thread_id, 'post_number', new.number, 'reason', new.hidden_reason));
  end if;
  return null;
end
$$;
revoke all on function private.posts_tell_hidden() from public, anon, authenticated;

create trigger posts_tell_hidden after update of hidden_at on public.posts
  for each row when (old.hidden_at is null and new.hidden_at is not null)
  execute function private.posts_tell_hidden();
