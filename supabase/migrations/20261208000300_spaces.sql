-- Discussion spaces: where alumni across programmes keep talking.
--
-- public.spaces: a programme's space (made with the programme; its verified people are its members
--   and its coordinators moderate), a cohort's (optional, made by a coordinator), a topic's, a
--   region's, and working groups that members propose and an admin approves (status proposed →
--   open, or declined). Visibility: public (anyone reads), members (signed-in people read), private
--   (only its members read its threads; its name and description are listed for signed-in people,
--   who may ask to join). Counters (threads, posts, last activity) are kept by triggers.
-- public.space_members: who belongs to a space, as member or moderator, how they joined (from a
--   programme — kept in step with verified memberships by a trigger — by joining an open space, or
--   added by a moderator), how closely they follow it (watch_level) and whether they are suspended.
-- public.threads: a conversation in a space: title, its number (global and stable, so a moved
--   thread keeps its address), pinned, locked, slow mode, and last_post_number, the number of its
--   last post: posts are numbered 1, 2, 3… per thread, so what is unread for a person is one
--   subtraction (last_post_number − their last read number), never a count over posts.
-- public.posts: the opening post (number 1) and the replies, flat and in order, with reply_to (a
--   number in the same thread). Its body is the author's Markdown, rendered and sanitised by the
--   server on the way out (never HTML from a client). An edit keeps the earlier text in
--   post_revisions; an author's removal keeps the post as "removed" (its text emptied, kept in the
--   revisions for the author and moderators); a moderator's hiding leaves it readable by its author
--   and the moderators only. space_id is the thread's, set by a trigger, so that the read policy
--   needs no join.
-- public.post_revisions: earlier texts of a post, read by its author and the space's moderators.
-- public.post_reactions: a small fixed set of reactions, one of each per person per post.
-- public.thread_reads: per person per thread, the last post number read (only ever rising) and
--   the person's watch level for the thread (watching, tracking, normal, muted; null = the space's).
--
-- Who may read is one predicate, private.readable_space_ids(): the spaces the viewer may read,
-- computed once per statement (policies call it as an initPlan), so a page of posts or a search
-- over a million posts checks an array, not a function per row.
--
-- Live: a new or changed post is broadcast on the thread's private topic (thread:<id>) and its
-- thread's activity on the space's (space:<id>), carrying numbers and ids only, never text: the
-- page fetches what changed through the server, under RLS, so nothing rides the socket that a
-- person may no longer read. realtime.messages policies authorise joining those topics (checked
-- at join), and presence and typing (client broadcast) for those who may read the thread.

-- ─── spaces ──────────────────────────────────────────────────────────────────────────────────────

create table public.spaces (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    constraint spaces_slug_check check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and char_length(slug) <= 80),
  kind text not null
    constraint spaces_kind_check check (kind in ('programme', 'cohort', 'topic', 'region', 'working_group')),
  name text not null constraint spaces_name_check check (char_length(btrim(name)) between 2 and 120),
  description text constraint spaces_description_check check (char_length(description) <= 4000),
  text_language text not null default 'en' references public.languages (code),
  visibility text not null default 'members'
    constraint spaces_visibility_check check (visibility in ('public', 'members', 'private')),
  status text not null default 'open'
    constraint spaces_status_check check (status in ('proposed', 'open', 'declined', 'archived')),
  programme_id uuid references public.programmes (id) on delete cascade,
  cohort_id uuid references public.cohorts (id) on delete cascade,
  topic_slug text references public.topics (slug),
  region_code character(3) references public.regions (code),
  proposed_by uuid references public.profiles (id) on delete set null,
  thread_count integer not null default 0,
  post_count integer not null default 0,
  last_posted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint spaces_kind_fits check (case kind
    when 'programme' then programme_id is not null and cohort_id is null
    when 'cohort' then programme_id is not null and cohort_id is not null
    when 'topic' then topic_slug is not null and programme_id is null
    when 'region' then region_code is not null and programme_id is null
    else programme_id is null and cohort_id is null
  end)
);
comment on table public.spaces is
  'A discussion space: a programme''s or a cohort''s, a topic''s, a region''s, or a working group''s; public, members or private.';

create unique index spaces_one_per_programme on public.spaces (programme_id) where kind = 'programme';
create unique index spaces_one_per_cohort on public.spaces (cohort_id) where kind = 'cohort';
create index spaces_listing_idx on public.spaces (status, kind, name);
create index spaces_cohort_id_idx on public.spaces (cohort_id);
create index spaces_topic_slug_idx on public.spaces (topic_slug);
create index spaces_region_code_idx on public.spaces (region_code);
create index spaces_proposed_by_idx on public.spaces (proposed_by);
create index spaces_text_language_idx on public.spaces (text_language);

create trigger spaces_touch_updated_at before update on public.spaces
  for each row execute function public.touch_updated_at();

-- ─── members ─────────────────────────────────────────────────────────────────────────────────────

create table public.space_members (
  space_id uuid not null references public.spaces (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member' constraint space_members_role_check check (role in ('member', 'moderator')),
  via text not null default 'joined'
    constraint space_members_via_check check (via in ('programme', 'joined', 'added')),
  watch_level text not null default 'tracking'
    constraint space_members_watch_level_check check (watch_level in ('watching', 'tracking', 'normal', 'muted')),
  suspended_until timestamptz,
  suspension_reason text constraint space_members_suspension_reason_check check (char_length(suspension_reason) <= 500),
  joined_at timestamptz not null default now(),
  primary key (space_id, profile_id)
);
comment on table public.space_members is
  'Who belongs to a space (member or moderator), how they came in, how closely they follow it, and any suspension.';
create index space_members_profile_id_idx on public.space_members (profile_id, space_id);

-- ─── threads and posts ───────────────────────────────────────────────────────────────────────────

create table public.threads (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity unique,
  space_id uuid not null references public.spaces (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  title text not null constraint threads_title_check check (char_length(btrim(title)) between 3 and 200),
  slug text not null default 'thread'
    constraint threads_slug_check check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and char_length(slug) <= 80),
  text_language text not null default 'en' references public.languages (code),
  pinned_at timestamptz,
  locked_at timestamptz,
  slow_mode_minutes smallint constraint threads_slow_mode_check check (slow_mode_minutes between 1 and 1440),
  last_post_number integer not null default 0,
  post_count integer not null default 0,
  last_posted_at timestamptz not null default now(),
  last_poster_id uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.threads is
  'A conversation in a space. last_post_number is the number of its last post (posts are numbered per thread).';
comment on column public.threads.number is 'The thread''s number in its address; global, so a moved thread keeps it.';

-- The space page: pinned first, then latest activity, keyset-paged.
create index threads_space_activity_idx on public.threads (space_id, (pinned_at is null), last_posted_at desc, id desc);
create index threads_space_created_idx on public.threads (space_id, created_at desc);
create index threads_space_last_posted_idx on public.threads (space_id, last_posted_at desc);
create index threads_author_id_idx on public.threads (author_id);
create index threads_last_poster_id_idx on public.threads (last_poster_id);
create index threads_text_language_idx on public.threads (text_language);

create table public.posts (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references public.threads (id) on delete cascade,
  space_id uuid not null references public.spaces (id) on delete cascade,
  number integer not null,
  author_id uuid references public.profiles (id) on delete set null,
  reply_to integer,
  body text not null constraint posts_body_check check (char_length(body) <= 20000),
  edited_at timestamptz,
  removed_at timestamptz,
  hidden_at timestamptz,
  hidden_by uuid references public.profiles (id) on delete set null,
  hidden_reason text constraint posts_hidden_reason_check check (char_length(hidden_reason) <= 500),
  created_at timestamptz not null default now(),
  constraint posts_number_unique unique (thread_id, number),
  constraint posts_reply_before check (reply_to is null or (reply_to >= 1 and reply_to < number)),
  constraint posts_hidden_with_reason check ((hidden_at is null) = (hidden_reason is null))
);
comment on table public.posts is
  'A thread''s posts, numbered 1, 2, 3… (1 opens it). The body is Markdown, rendered and sanitised by the server when read.';
comment on column public.posts.space_id is 'The thread''s space, set by a trigger (the read policy needs no join).';
create index posts_space_author_idx on public.posts (space_id, author_id);
create index posts_author_id_idx on public.posts (author_id, created_at desc);
create index posts_hidden_by_idx on public.posts (hidden_by);

create table public.post_revisions (
  id bigint generated always as identity primary key,
  post_id uuid not null references public.posts (id) on delete cascade,
  body text not null,
  revised_at timestamptz not null default now(),
  revised_by uuid references public.profiles (id) on delete set null
);
comment on table public.post_revisions is
  'The earlier texts of an edited or removed post, read by its author and the space''s moderators.';
create index post_revisions_post_id_idx on public.post_revisions (post_id, revised_at);
create index post_revisions_revised_by_idx on public.post_revisions (revised_by);

create table public.post_reactions (
  post_id uuid not null references public.posts (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  reaction text not null
    constraint post_reactions_reaction_check check (reaction in ('like', 'thanks', 'insightful', 'agree', 'question')),
  created_at timestamptz not null default now(),
  primary key (post_id, reaction, profile_id)
);
comment on table public.post_reactions is 'Reactions to a post, from a small fixed set; one of each per person per post.';
create index post_reactions_profile_id_idx on public.post_reactions (profile_id);

create table public.thread_reads (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  thread_id uuid not null references public.threads (id) on delete cascade,
  last_read_number integer not null default 0 constraint thread_reads_number_check check (last_read_number >= 0),
  watch_level text constraint thread_reads_watch_level_check check (watch_level in ('watching', 'tracking', 'normal', 'muted')),
  updated_at timestamptz not null default now(),
  primary key (profile_id, thread_id)
);
comment on table public.thread_reads is
  'Per person per thread: the last post number read (only rises) and a watch level (null: the space''s).';
create index thread_reads_thread_id_idx on public.thread_reads (thread_id);

-- ─── who may read, post and moderate ─────────────────────────────────────────────────────────────

-- The spaces the viewer may read: open public ones; open members' ones when signed in; private
-- ones they belong to. One array per statement (policies call it as (select …)).
-- Security definer: it reads space_members, whose rows of private spaces members may not all read.
create function private.readable_space_ids() returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
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
$$;
comment on function private.readable_space_ids() is
  'The spaces the signed-in person (or a visitor) may read: the one predicate of every spaces policy.';

create function private.can_read_space(space uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select space = any (private.readable_space_ids())
$$;
comment on function private.can_read_space(uuid) is 'Whether the viewer may read a space''s threads and posts.';

-- Security definer: reads space_members and auth.users (through is_platform_moderator).
create function private.is_space_moderator(space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
      select 1 from public.space_members m
      where m.space_id = space and m.profile_id = (select auth.uid()) and m.role = 'moderator'
    )
    -- The platform's moderators keep every space that is not private (a private space's words
    -- reach its members only, moderators of the platform included).
    or ((select private.is_platform_moderator())
        and exists (select 1 from public.spaces s where s.id = space and s.visibility <> 'private'))
$$;
comment on function private.is_space_moderator(uuid) is
  'Whether the signed-in person moderates a space: its own moderators, and the platform''s for spaces that are not private.';

-- Security definer: reads space_members.
create function private.can_post_in_space(space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.space_members m
    join public.spaces s on s.id = m.space_id
    where m.space_id = space
      and m.profile_id = (select auth.uid())
      and s.status = 'open'
      and (m.suspended_until is null or m.suspended_until <= now())
  )
$$;
comment on function private.can_post_in_space(uuid) is
  'Whether the signed-in person may start threads, reply and react in a space: a member, not suspended, of an open space.';

-- Security definer: reads threads of the space (used by the realtime policies, which are checked
-- with the topic, not a row of threads).
create function private.can_read_thread(thread uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.threads t
    where t.id = thread and t.space_id = any (private.readable_space_ids())
  )
$$;
comment on function private.can_read_thread(uuid) is 'Whether the viewer may read a thread (its space is readable).';

-- Whether a space is one that any signed-in person may join with one click.
create function private.is_open_to_join(space uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open' and s.visibility <> 'private'
      and s.kind in ('topic', 'region', 'working_group')
  )
$$;
comment on function private.is_open_to_join(uuid) is
  'Whether any signed-in person may join a space by themselves (open topic, region and working-group spaces that are not private).';

-- Who wrote in a space is named to its readers, whatever their profile's audience: a
-- conversation needs its speakers (as on every forum). Only their name and handle, and only for a
-- space the viewer may read in which the person is a member or has written.
-- Security definer: profiles of other audiences are not readable by the viewer.
create function private.author_in_space(author uuid, space uuid)
returns table (display_name text, handle text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.display_name, p.handle
  from public.profiles p
  where p.id = author
    and space = any (private.readable_space_ids())
    and (exists (select 1 from public.space_members m where m.space_id = space and m.profile_id = author)
         or exists (select 1 from public.posts x where x.space_id = space and x.author_id = author))
$$;
comment on function private.author_in_space(uuid, uuid) is
  'The name and handle of someone who belongs to or wrote in a space, for the viewers who may read it.';
revoke all on function private.author_in_space(uuid, uuid) from public;
grant execute on function private.author_in_space(uuid, uuid) to anon, authenticated, service_role;

revoke all on function private.readable_space_ids(), private.can_read_space(uuid),
  private.is_space_moderator(uuid), private.can_post_in_space(uuid), private.can_read_thread(uuid),
  private.is_open_to_join(uuid) from public;
grant execute on function private.readable_space_ids(), private.can_read_space(uuid),
  private.is_space_moderator(uuid), private.can_post_in_space(uuid), private.can_read_thread(uuid),
  private.is_open_to_join(uuid) to anon, authenticated, service_role;

-- ─── programme spaces follow memberships ────────────────────────────────────────────────────────

-- A person's place in a programme's space and its cohorts' spaces, made to match their verified
-- memberships: verified → member (coordinators: moderator); no verified membership left → out.
-- Rows that came another way (joined, added) are left alone.
-- Security definer: writes other people's space_members rows, from a trigger on memberships.
create function private.sync_programme_spaces(person uuid, programme uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  with wanted as (
    select s.id as space_id,
      case when bool_or(m.role = 'coordinator') then 'moderator' else 'member' end as role
    from public.spaces s
    join public.memberships m
      on m.programme_id = s.programme_id and m.profile_id = person and m.status = 'verified'
      and (s.kind = 'programme' or m.cohort_id = s.cohort_id or m.role = 'coordinator')
    where s.programme_id = programme
    group by s.id
  ),
  gone as (
    delete from public.space_members sm
    using public.spaces s
    where sm.space_id = s.id and s.programme_id = programme and sm.profile_id = person
      and sm.via = 'programme'
      and not exists (select 1 from wanted w where w.space_id = sm.space_id)
    returning sm.space_id
  )
  insert into public.space_members (space_id, profile_id, role, via)
  select w.space_id, person, w.role, 'programme' from wanted w
  on conflict (space_id, profile_id) do update
    set role = excluded.role
    where public.space_members.via = 'programme' and public.space_members.role <> excluded.role;
end
$$;
comment on function private.sync_programme_spaces(uuid, uuid) is
  'Makes a person''s membership of a programme''s spaces match their verified memberships of it.';
revoke all on function private.sync_programme_spaces(uuid, uuid) from public, anon, authenticated;

create function private.memberships_sync_spaces() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.sync_programme_spaces(old.profile_id, old.programme_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.profile_id <> old.profile_id
      or new.programme_id <> old.programme_id or new.status <> old.status or new.role <> old.role
      or new.cohort_id is distinct from old.cohort_id) then
    perform private.sync_programme_spaces(new.profile_id, new.programme_id);
  end if;
  return null;
end
$$;
revoke all on function private.memberships_sync_spaces() from public, anon, authenticated;

create trigger memberships_sync_spaces after insert or update or delete on public.memberships
  for each row execute function private.memberships_sync_spaces();

-- Every programme has its space, made with it (members' visibility: signed-in people read, its
-- verified people post). Security definer: the space is the programme's, not its creator's.
create function private.programmes_make_space() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  address text := new.slug;
  n integer := 1;
begin
  -- The programme's address, or the first free one after it (a topic's space may hold it).
  while exists (select 1 from public.spaces s where s.slug = address) loop
    n := n + 1;
    address := left(new.slug, 76) || '-' || n;
  end loop;
  insert into public.spaces (slug, kind, name, description, text_language, programme_id)
  values (address, 'programme', left(new.name, 120), left(new.summary, 4000), new.text_language, new.id);
  return null;
end
$$;
revoke all on function private.programmes_make_space() from public, anon, authenticated;

create trigger programmes_make_space after insert on public.programmes
  for each row execute function private.programmes_make_space();

-- A programme renamed or readdressed renames its space.
create function private.programmes_rename_space() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.spaces
  set name = left(new.name, 120), slug = new.slug
  where programme_id = new.id and kind = 'programme';
  return null;
end
$$;
revoke all on function private.programmes_rename_space() from public, anon, authenticated;

create trigger programmes_rename_space after update of name, slug on public.programmes
  for each row when (old.name is distinct from new.name or old.slug is distinct from new.slug)
  execute function private.programmes_rename_space();

-- A new programme's or cohort's space takes in the programme's verified people it concerns.
create function private.spaces_take_in_programme() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.sync_programme_spaces(m.profile_id, new.programme_id)
  from (select distinct profile_id from public.memberships
        where programme_id = new.programme_id and status = 'verified') m;
  return null;
end
$$;
revoke all on function private.spaces_take_in_programme() from public, anon, authenticated;

create trigger spaces_take_in_programme after insert on public.spaces
  for each row when (new.programme_id is not null)
  execute function private.spaces_take_in_programme();

-- An approved working group: its proposer moderates it.
create function private.spaces_approved() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.proposed_by is not null then
    insert into public.space_members (space_id, profile_id, role, via)
    values (new.id, new.proposed_by, 'moderator', 'added')
    on conflict (space_id, profile_id) do update set role = 'moderator';
  end if;
  return null;
end
$$;
revoke all on function private.spaces_approved() from public, anon, authenticated;

create trigger spaces_approved after update of status on public.spaces
  for each row when (old.status = 'proposed' and new.status = 'open')
  execute function private.spaces_approved();

-- Existing programmes get their spaces (and, through the trigger above, their people).
insert into public.spaces (slug, kind, name, description, text_language, programme_id)
select p.slug, 'programme', left(p.name, 120), left(p.summary, 4000), p.text_language, p.id
from public.programmes p;

-- ─── counters, numbers and guards ────────────────────────────────────────────────────────────────

-- A new post: its space is its thread's, its number the thread's next; the thread refuses replies
-- when locked (except from moderators) and in slow mode within the wait. Runs before the insert
-- policy's check, so the check sees the true space_id. The update of threads takes the thread's
-- row lock, so numbers are given one at a time per thread and never twice.
-- Security definer: threads' counters are not writable by the API roles.
create function private.posts_before_insert() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  t public.threads;
  moderator boolean;
  last_mine timestamptz;
begin
  update public.threads
  set last_post_number = last_post_number + 1
  where id = new.thread_id
  returning * into t;
  if not found then
    raise exception 'no such thread' using errcode = '23503';
  end if;
  new.space_id := t.space_id;
  new.number := t.last_post_number;
  -- From the API a post is new and untouched; the seeder (the service) writes the demo's history.
  if current_setting('role') in ('authenticated', 'anon') then
    new.created_at := now();
    new.edited_at := null;
    new.removed_at := null;
    new.hidden_at := null;
    new.hidden_by := null;
    new.hidden_reason := null;
  end if;
  if new.number > 1 and (t.locked_at is not null or t.slow_mode_minutes is not null) then
    moderator := private.is_space_moderator(t.space_id);
    if t.locked_at is not null and not moderator then
      raise exception 'thread locked' using errcode = 'CC002';
    end if;
    if t.slow_mode_minutes is not null and not moderator then
      select max(p.created_at) into last_mine
      from public.posts p
      where p.thread_id = t.id and p.author_id = new.author_id;
      if last_mine > now() - make_interval(mins => t.slow_mode_minutes) then
        raise exception 'slow mode' using errcode = 'CC003';
      end if;
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.posts_before_insert() from public, anon, authenticated;

create trigger posts_before_insert before insert on public.posts
  for each row execute function private.posts_before_insert();

-- After a post: the thread's and space's counters and last activity, the author's read state
-- (they have read up to their own post; they watch what they start or reply to unless they said
-- otherwise), and the live signals.
-- Security definer: counters, other tables' rows and realtime.send.
create function private.posts_after_insert() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.threads
  set post_count = post_count + 1, last_posted_at = new.created_at, last_poster_id = new.author_id
  where id = new.thread_id;
  update public.spaces
  set post_count = post_count + 1, last_posted_at = new.created_at,
      thread_count = thread_count + (new.number = 1)::int
  where id = new.space_id;
  if new.author_id is not null then
    insert into public.thread_reads (profile_id, thread_id, last_read_number, watch_level)
    values (new.author_id, new.thread_id, new.number, 'watching')
    on conflict (profile_id, thread_id) do update
      set last_read_number = greatest(public.thread_reads.last_read_number, excluded.last_read_number),
          watch_level = coalesce(public.thread_reads.watch_level, 'watching'),
          updated_at = now();
  end if;
  perform realtime.send(
    jsonb_build_object('thread_id', new.thread_id, 'post_id', new.id, 'number', new.number),
    'post', 'thread:' || new.thread_id::text, true);
  perform realtime.send(
    jsonb_build_object('thread_id', new.thread_id, 'last_post_number', new.number),
    'activity', 'space:' || new.space_id::text, true);
  return null;
end
$$;
revoke all on function private.posts_after_insert() from public, anon, authenticated;

create trigger posts_after_insert after insert on public.posts
  for each row execute function private.posts_after_insert();

-- A post's edit, removal or hiding: who may change what (the policy lets both author and
-- moderators update; this says which columns each may touch), the earlier text kept, and a live
-- signal that the post changed. Security definer: writes post_revisions.
create function private.posts_before_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  author boolean := old.author_id is not distinct from me and me is not null;
  moderator boolean;
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if new.thread_id <> old.thread_id or new.number <> old.number or new.author_id is distinct from old.author_id
     or new.created_at <> old.created_at or new.reply_to is distinct from old.reply_to then
    raise exception 'a post''s place cannot change' using errcode = '42501';
  end if;
  -- space_id follows the thread when a moderator moves it (the threads trigger updates posts).
  if new.space_id <> old.space_id and pg_trigger_depth() < 2 then
    raise exception 'a post''s space follows its thread' using errcode = '42501';
  end if;
  if new.body is distinct from old.body or new.removed_at is distinct from old.removed_at then
    if not author then
      raise exception 'only the author edits or removes a post' using errcode = '42501';
    end if;
    if old.removed_at is not null then
      raise exception 'a removed post stays removed' using errcode = '42501';
    end if;
    insert into public.post_revisions (post_id, body, revised_by) values (old.id, old.body, me);
    if new.removed_at is not null then
      new.removed_at := now();
      new.body := '';
    end if;
  end if;
  if new.hidden_at is distinct from old.hidden_at or new.hidden_reason is distinct from old.hidden_reason
     or new.hidden_by is distinct from old.hidden_by then
    moderator := private.is_space_moderator(old.space_id);
    if not moderator then
      raise exception 'only moderators hide posts' using errcode = '42501';
    end if;
    if new.hidden_at is not null then
      new.hidden_at := now();
      new.hidden_by := me;
    else
      new.hidden_by := null;
      new.hidden_reason := null;
    end if;
  end if;
  new.edited_at := case when new.body is distinct from old.body and new.removed_at is null then now() else old.edited_at end;
  return new;
end
$$;
revoke all on function private.posts_before_update() from public, anon, authenticated;

create trigger posts_before_update before update on public.posts
  for each row execute function private.posts_before_update();

create function private.posts_after_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.body is distinct from old.body or new.removed_at is distinct from old.removed_at
     or new.hidden_at is distinct from old.hidden_at then
    perform realtime.send(
      jsonb_build_object('thread_id', new.thread_id, 'post_id', new.id, 'number', new.number),
      'post_changed', 'thread:' || new.thread_id::text, true);
  end if;
  return null;
end
$$;
revoke all on function private.posts_after_update() from public, anon, authenticated;

create trigger posts_after_update after update on public.posts
  for each row execute function private.posts_after_update();

-- A thread's changes: its author may retitle it; only moderators pin, lock, set slow mode or move
-- it (and only to a space they moderate too); its counters are the triggers' alone. A move
-- carries its posts along. Security definer: updates posts' space_id and the spaces' counters.
create function private.threads_before_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if current_setting('role') not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  if new.number <> old.number or new.author_id is distinct from old.author_id
     or new.created_at <> old.created_at or new.last_post_number <> old.last_post_number
     or new.post_count <> old.post_count or new.last_posted_at <> old.last_posted_at
     or new.last_poster_id is distinct from old.last_poster_id then
    raise exception 'a thread''s counters are kept by the database' using errcode = '42501';
  end if;
  if (new.title <> old.title or new.slug <> old.slug or new.text_language <> old.text_language)
     and not (old.author_id is not distinct from me or private.is_space_moderator(old.space_id)) then
    raise exception 'only the author or a moderator retitles a thread' using errcode = '42501';
  end if;
  if (new.pinned_at is distinct from old.pinned_at or new.locked_at is distinct from old.locked_at
      or new.slow_mode_minutes is distinct from old.slow_mode_minutes or new.space_id <> old.space_id)
     and not private.is_space_moderator(old.space_id) then
    raise exception 'only moderators pin, lock, slow or move a thread' using errcode = '42501';
  end if;
  if new.space_id <> old.space_id and not private.is_space_moderator(new.space_id) then
    raise exception 'a thread moves only to a space its mover moderates' using errcode = '42501';
  end if;
  if new.pinned_at is not null and old.pinned_at is null then new.pinned_at := now(); end if;
  if new.locked_at is not null and old.locked_at is null then new.locked_at := now(); end if;
  return new;
end
$$;
revoke all on function private.threads_before_update() from public, anon, authenticated;

create trigger threads_before_update before update on public.threads
  for each row execute function private.threads_before_update();

create function private.threads_after_move() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.posts set space_id = new.space_id where thread_id = new.id;
  update public.spaces
  set thread_count = thread_count - 1, post_count = post_count - new.post_count
  where id = old.space_id;
  update public.spaces
  set thread_count = thread_count + 1, post_count = post_count + new.post_count,
      last_posted_at = greatest(last_posted_at, new.last_posted_at)
  where id = new.space_id;
  perform realtime.send(
    jsonb_build_object('thread_id', new.id, 'space_id', new.space_id),
    'thread_changed', 'thread:' || new.id::text, true);
  return null;
end
$$;
revoke all on function private.threads_after_move() from public, anon, authenticated;

create trigger threads_after_move after update of space_id on public.threads
  for each row when (old.space_id <> new.space_id) execute function private.threads_after_move();

-- A new thread's counters start at nothing, whatever a client sent.
create function private.threads_before_insert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.last_post_number := 0;
  new.post_count := 0;
  new.last_posted_at := now();
  new.last_poster_id := new.author_id;
  new.created_at := now();
  new.pinned_at := null;
  new.locked_at := null;
  new.slow_mode_minutes := null;
  return new;
end
$$;
revoke all on function private.threads_before_insert() from public, anon, authenticated;
grant execute on function private.threads_before_insert() to authenticated, service_role;

create trigger threads_before_insert before insert on public.threads
  for each row when (current_setting('role') in ('authenticated', 'anon'))
  execute function private.threads_before_insert();

-- A space's kind, address, programme and status are set by admins (and the programme triggers):
-- moderators edit its name, description, language and visibility.
create function private.spaces_before_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if current_setting('role') not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  if (new.kind <> old.kind or new.slug <> old.slug or new.status <> old.status
      or new.programme_id is distinct from old.programme_id or new.cohort_id is distinct from old.cohort_id
      or new.topic_slug is distinct from old.topic_slug or new.region_code is distinct from old.region_code
      or new.proposed_by is distinct from old.proposed_by)
     and not (select private.is_platform_admin()) then
    raise exception 'only admins change what a space is' using errcode = '42501';
  end if;
  if new.thread_count <> old.thread_count or new.post_count <> old.post_count
     or new.last_posted_at is distinct from old.last_posted_at then
    raise exception 'a space''s counters are kept by the database' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke all on function private.spaces_before_update() from public, anon, authenticated;

create trigger spaces_before_update before update on public.spaces
  for each row execute function private.spaces_before_update();

-- Someone who joins by themselves is a plain member who follows by unread counts; only moderators
-- (of the space) name moderators, suspend and add people.
create function private.space_members_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
begin
  if current_setting('role') not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if not private.is_space_moderator(new.space_id) then
      new.role := 'member';
      new.via := 'joined';
      new.suspended_until := null;
      new.suspension_reason := null;
    elsif new.profile_id <> me then
      new.via := 'added';
    end if;
    new.joined_at := now();
    return new;
  end if;
  if new.space_id <> old.space_id or new.profile_id <> old.profile_id or new.via <> old.via
     or new.joined_at <> old.joined_at then
    raise exception 'a membership''s space, person and origin do not change' using errcode = '42501';
  end if;
  if (new.role <> old.role or new.suspended_until is distinct from old.suspended_until
      or new.suspension_reason is distinct from old.suspension_reason)
     and not private.is_space_moderator(old.space_id) then
    raise exception 'only moderators change roles and suspensions' using errcode = '42501';
  end if;
  if new.watch_level <> old.watch_level and old.profile_id <> me then
    raise exception 'a watch level is the person''s own' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke all on function private.space_members_guard() from public, anon, authenticated;

create trigger space_members_guard before insert or update on public.space_members
  for each row execute function private.space_members_guard();

-- Read state only rises.
create function private.thread_reads_rise() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.last_read_number := greatest(old.last_read_number, new.last_read_number);
  new.updated_at := now();
  return new;
end
$$;
revoke all on function private.thread_reads_rise() from public, anon;
grant execute on function private.thread_reads_rise() to authenticated, service_role;

create trigger thread_reads_rise before update on public.thread_reads
  for each row execute function private.thread_reads_rise();

-- ─── policies ────────────────────────────────────────────────────────────────────────────────────

alter table public.spaces enable row level security;
alter table public.space_members enable row level security;
alter table public.threads enable row level security;
alter table public.posts enable row level security;
alter table public.post_revisions enable row level security;
alter table public.post_reactions enable row level security;
alter table public.thread_reads enable row level security;

-- Spaces: open public ones to anyone; every open one's name to signed-in people (a private
-- space's threads stay its members'); proposed and declined ones to their proposer and admins.
create policy "visitors read open public spaces" on public.spaces
  for select to anon
  using (spaces.status = 'open' and spaces.visibility = 'public');
create policy "members read open spaces, their proposals, and admins all" on public.spaces
  for select to authenticated
  using (
    spaces.status = 'open'
    or spaces.proposed_by = (select auth.uid())
    or (select private.is_platform_admin())
  );
create policy "members propose working groups, admins add spaces" on public.spaces
  for insert to authenticated
  with check (
    (spaces.kind = 'working_group' and spaces.status = 'proposed' and spaces.proposed_by = (select auth.uid()))
    or (spaces.kind = 'cohort' and spaces.status = 'open' and private.is_coordinator_of(spaces.programme_id)
        and exists (select 1 from public.cohorts c
                    where c.id = spaces.cohort_id and c.programme_id = spaces.programme_id))
    or (select private.is_platform_admin())
  );
create policy "moderators and admins edit spaces" on public.spaces
  for update to authenticated
  using (private.is_space_moderator(spaces.id) or (select private.is_platform_admin()))
  with check (private.is_space_moderator(spaces.id) or (select private.is_platform_admin()));
create policy "admins remove spaces" on public.spaces
  for delete to authenticated
  using ((select private.is_platform_admin()));

revoke all on public.spaces from anon, authenticated;
grant select on public.spaces to anon, authenticated;
grant insert (slug, kind, name, description, text_language, visibility, status, programme_id, cohort_id,
  topic_slug, region_code, proposed_by) on public.spaces to authenticated;
grant update (slug, kind, name, description, text_language, visibility, status, programme_id, cohort_id,
  topic_slug, region_code, proposed_by) on public.spaces to authenticated;
grant delete on public.spaces to authenticated;
grant all on public.spaces to service_role;

-- Members: a space's member list is read by signed-in people who may read the space (a private
-- space's by its members only); one's own rows always.
create policy "members read the members of spaces they may read" on public.space_members
  for select to authenticated
  using (
    space_members.profile_id = (select auth.uid())
    or space_members.space_id = any ((select private.readable_space_ids())::uuid[])
  );
create policy "people join open spaces, moderators add people" on public.space_members
  for insert to authenticated
  with check (
    (space_members.profile_id = (select auth.uid()) and private.is_open_to_join(space_members.space_id))
    or private.is_space_moderator(space_members.space_id)
  );
create policy "people set their own watch level, moderators roles and suspensions" on public.space_members
  for update to authenticated
  using (space_members.profile_id = (select auth.uid()) or private.is_space_moderator(space_members.space_id))
  with check (space_members.profile_id = (select auth.uid()) or private.is_space_moderator(space_members.space_id));
-- Leaving: one's own place, unless it comes from a programme (mute it instead: it follows the
-- person's verified membership); moderators remove anyone who did not come from a programme.
create policy "people leave, moderators remove" on public.space_members
  for delete to authenticated
  using (
    space_members.via <> 'programme'
    and (space_members.profile_id = (select auth.uid()) or private.is_space_moderator(space_members.space_id))
  );

revoke all on public.space_members from anon, authenticated;
-- Visitors' queries join it (to say "not a member"); no policy lets them read a row.
grant select on public.space_members to anon;
grant select, delete on public.space_members to authenticated;
grant insert (space_id, profile_id, role, watch_level) on public.space_members to authenticated;
grant update (role, watch_level, suspended_until, suspension_reason) on public.space_members to authenticated;
grant all on public.space_members to service_role;

-- Threads: read with their space; started by its members; edited as the guard trigger says.
create policy "people read threads of spaces they may read" on public.threads
  for select to anon, authenticated
  using (threads.space_id = any ((select private.readable_space_ids())::uuid[]));
create policy "members start threads in their spaces" on public.threads
  for insert to authenticated
  with check (threads.author_id = (select auth.uid()) and private.can_post_in_space(threads.space_id));
create policy "authors and moderators edit threads" on public.threads
  for update to authenticated
  using (
    threads.space_id = any ((select private.readable_space_ids())::uuid[])
    and (threads.author_id = (select auth.uid()) or private.is_space_moderator(threads.space_id))
  )
  with check (threads.author_id = (select auth.uid()) or private.is_space_moderator(threads.space_id));

revoke all on public.threads from anon, authenticated;
grant select on public.threads to anon, authenticated;
grant insert (id, space_id, author_id, title, slug, text_language) on public.threads to authenticated;
grant update (space_id, title, slug, text_language, pinned_at, locked_at, slow_mode_minutes) on public.threads to authenticated;
grant all on public.threads to service_role;

-- Posts: read with their space; a hidden one by its author and the moderators only.
create policy "people read posts of spaces they may read" on public.posts
  for select to anon, authenticated
  using (
    posts.space_id = any ((select private.readable_space_ids())::uuid[])
    and (posts.hidden_at is null
         or posts.author_id = (select auth.uid())
         or private.is_space_moderator(posts.space_id))
  );
create policy "members post in their spaces" on public.posts
  for insert to authenticated
  with check (posts.author_id = (select auth.uid()) and private.can_post_in_space(posts.space_id));
create policy "authors edit and remove, moderators hide" on public.posts
  for update to authenticated
  using (
    posts.space_id = any ((select private.readable_space_ids())::uuid[])
    and (posts.author_id = (select auth.uid()) or private.is_space_moderator(posts.space_id))
  )
  with check (posts.author_id = (select auth.uid()) or private.is_space_moderator(posts.space_id));

revoke all on public.posts from anon, authenticated;
grant select on public.posts to anon, authenticated;
grant insert (id, thread_id, author_id, reply_to, body) on public.posts to authenticated;
grant update (body, removed_at, hidden_at, hidden_reason) on public.posts to authenticated;
grant all on public.posts to service_role;

create policy "authors and moderators read earlier texts" on public.post_revisions
  for select to authenticated
  using (exists (
    select 1 from public.posts p
    where p.id = post_revisions.post_id
      and (p.author_id = (select auth.uid()) or private.is_space_moderator(p.space_id))
  ));
revoke all on public.post_revisions from anon, authenticated;
grant select on public.post_revisions to authenticated;
grant all on public.post_revisions to service_role;

create policy "people read reactions to posts they may read" on public.post_reactions
  for select to anon, authenticated
  using (exists (
    select 1 from public.posts p
    where p.id = post_reactions.post_id and p.space_id = any ((select private.readable_space_ids())::uuid[])
  ));
create policy "members react to posts in their spaces" on public.post_reactions
  for insert to authenticated
  with check (
    post_reactions.profile_id = (select auth.uid())
    and exists (
      select 1 from public.posts p
      where p.id = post_reactions.post_id and p.hidden_at is null and p.removed_at is null
        and private.can_post_in_space(p.space_id)
    )
  );
create policy "people take back their reactions" on public.post_reactions
  for delete to authenticated
  using (post_reactions.profile_id = (select auth.uid()));
revoke all on public.post_reactions from anon, authenticated;
grant select on public.post_reactions to anon, authenticated;
grant insert (post_id, profile_id, reaction), delete on public.post_reactions to authenticated;
grant all on public.post_reactions to service_role;

create policy "people read their own read state" on public.thread_reads
  for select to authenticated
  using (thread_reads.profile_id = (select auth.uid()));
create policy "people record what they read" on public.thread_reads
  for insert to authenticated
  with check (thread_reads.profile_id = (select auth.uid()) and private.can_read_thread(thread_reads.thread_id));
create policy "people update their own read state" on public.thread_reads
  for update to authenticated
  using (thread_reads.profile_id = (select auth.uid()))
  with check (thread_reads.profile_id = (select auth.uid()));
create policy "people forget their own read state" on public.thread_reads
  for delete to authenticated
  using (thread_reads.profile_id = (select auth.uid()));
revoke all on public.thread_reads from anon, authenticated;
-- Visitors' queries join it (to say "never read"); no policy lets them read a row.
grant select on public.thread_reads to anon;
grant select, delete on public.thread_reads to authenticated;
grant insert (profile_id, thread_id, last_read_number, watch_level) on public.thread_reads to authenticated;
grant update (last_read_number, watch_level) on public.thread_reads to authenticated;
grant all on public.thread_reads to service_role;

-- ─── realtime topics ─────────────────────────────────────────────────────────────────────────────

-- The uuid in a topic such as 'thread:<uuid>', or null when it is not one (never an error: a
-- malformed topic is simply not readable).
create function private.topic_id(topic text, prefix text) returns uuid
language sql
immutable
set search_path = ''
as $$
  select case
    when topic ~ ('^' || prefix || ':[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
    then substr(topic, char_length(prefix) + 2)::uuid
  end
$$;
revoke all on function private.topic_id(text, text) from public;
grant execute on function private.topic_id(text, text) to authenticated, service_role;

-- Joining thread:<id> or space:<id> (the database's broadcasts, presence) needs read access to it;
-- sending presence and typing on a thread too. The row's own topic must be the one asked for (see
-- the user topic's policy).
create policy "readers listen to their threads and spaces" on realtime.messages
  for select to authenticated
  using (
    messages.topic = (select realtime.topic())
    and (
      private.can_read_thread(private.topic_id(messages.topic, 'thread'))
      or private.can_read_space(private.topic_id(messages.topic, 'space'))
    )
  );
create policy "readers say they are here and typing" on realtime.messages
  for insert to authenticated
  with check (
    messages.topic = (select realtime.topic())
    and messages.extension in ('broadcast', 'presence')
    and private.can_read_thread(private.topic_id(messages.topic, 'thread'))
  );
