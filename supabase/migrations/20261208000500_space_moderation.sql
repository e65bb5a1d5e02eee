-- Keeping spaces healthy: reports, a moderators' log, and limits for new accounts.
--
-- public.post_reports: a reader reports a post with a reason; the space's moderators (and the
--   platform's, for spaces that are not private) see the reports of their spaces in a queue and
--   decide: hide the post (its author is told why, by the posts trigger) or dismiss the report.
--   The reporter reads their own reports; nobody else does (a report is not public).
-- public.space_moderation_log: every moderator's action in a space — hiding and showing a post,
--   pinning, locking, slow mode, moving a thread, suspending a person, deciding a report —
--   written by triggers (never by hand), read by the space's moderators.
-- New accounts (less than a week old, or a month with fewer than five posts) post at most ten times an hour,
--   with at most two links a post, so that a spammer's first hour does little harm.

create table public.post_reports (
  id uuid primary key default gen_random_uuid(),
  post_id uuid not null references public.posts (id) on delete cascade,
  space_id uuid not null references public.spaces (id) on delete cascade,
  reporter_id uuid references public.profiles (id) on delete set null,
  reason text not null
    constraint post_reports_reason_check check (reason in ('spam', 'harassment', 'off_topic', 'private_information', 'other')),
  note text constraint post_reports_note_check check (char_length(note) <= 500),
  status text not null default 'pending'
    constraint post_reports_status_check check (status in ('pending', 'hidden', 'dismissed')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  constraint post_reports_decision_recorded check (status = 'pending' or decided_at is not null)
);
comment on table public.post_reports is
  'Reports of posts, with a reason; decided by the space''s moderators (hide the post, or dismiss).';
create unique index post_reports_one_pending on public.post_reports (post_id, reporter_id) where status = 'pending';
create index post_reports_queue_idx on public.post_reports (space_id, status, created_at);
create index post_reports_post_id_idx on public.post_reports (post_id);
create index post_reports_reporter_id_idx on public.post_reports (reporter_id);
create index post_reports_decided_by_idx on public.post_reports (decided_by);

create table public.space_moderation_log (
  id bigint generated always as identity primary key,
  space_id uuid not null references public.spaces (id) on delete cascade,
  actor_id uuid references public.profiles (id) on delete set null,
  action text not null constraint space_moderation_log_action_check check (action in (
    'hide', 'unhide', 'pin', 'unpin', 'lock', 'unlock', 'slow_mode', 'move_in', 'move_out',
    'suspend', 'unsuspend', 'dismiss_report', 'make_moderator', 'remove_moderator', 'remove_member')),
  thread_id uuid references public.threads (id) on delete set null,
  post_id uuid references public.posts (id) on delete set null,
  profile_id uuid references public.profiles (id) on delete set null,
  reason text,
  created_at timestamptz not null default now()
);
comment on table public.space_moderation_log is
  'Every moderator''s action in a space, written by triggers; read by the space''s moderators.';
create index space_moderation_log_space_idx on public.space_moderation_log (space_id, created_at desc);
create index space_moderation_log_actor_id_idx on public.space_moderation_log (actor_id);
create index space_moderation_log_thread_id_idx on public.space_moderation_log (thread_id);
create index space_moderation_log_post_id_idx on public.space_moderation_log (post_id);
create index space_moderation_log_profile_id_idx on public.space_moderation_log (profile_id);

-- A report's space is its post's; it starts pending and undecided, whatever a client sent.
-- Security definer: reads the post (whose row the reporter may read, but this runs first).
create function private.post_reports_before_insert() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select p.space_id into new.space_id from public.posts p where p.id = new.post_id;
  if current_setting('role') in ('authenticated', 'anon') then
    new.status := 'pending';
    new.decided_by := null;
    new.decided_at := null;
    new.created_at := now();
  end if;
  return new;
end
$$;
revoke all on function private.post_reports_before_insert() from public, anon, authenticated;

create trigger post_reports_before_insert before insert on public.post_reports
  for each row execute function private.post_reports_before_insert();

-- Deciding: once, by a moderator, who is named with the time.
create function private.post_reports_before_update() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if old.status <> 'pending' then
    raise exception 'this report was already decided' using errcode = '55000';
  end if;
  if new.post_id <> old.post_id or new.space_id <> old.space_id or new.reporter_id is distinct from old.reporter_id
     or new.reason <> old.reason or new.note is distinct from old.note or new.created_at <> old.created_at then
    raise exception 'a report''s words do not change' using errcode = '42501';
  end if;
  new.decided_by := (select auth.uid());
  new.decided_at := now();
  return new;
end
$$;
revoke all on function private.post_reports_before_update() from public, anon;
grant execute on function private.post_reports_before_update() to authenticated, service_role;

create trigger post_reports_before_update before update on public.post_reports
  for each row execute function private.post_reports_before_update();

alter table public.post_reports enable row level security;
create policy "readers report posts they may read, not their own" on public.post_reports
  for insert to authenticated
  with check (
    post_reports.reporter_id = (select auth.uid())
    and exists (
      select 1 from public.posts p
      where p.id = post_reports.post_id
        and p.space_id = any ((select private.readable_space_ids())::uuid[])
        and p.author_id is distinct from (select auth.uid())
    )
  );
create policy "reporters and the space's moderators read reports" on public.post_reports
  for select to authenticated
  using (post_reports.reporter_id = (select auth.uid()) or private.is_space_moderator(post_reports.space_id));
create policy "the space's moderators decide reports" on public.post_reports
  for update to authenticated
  using (post_reports.status = 'pending' and private.is_space_moderator(post_reports.space_id))
  with check (post_reports.status in ('hidden', 'dismissed') and private.is_space_moderator(post_reports.space_id));
revoke all on public.post_reports from anon, authenticated;
grant select on public.post_reports to authenticated;
grant insert (post_id, reporter_id, reason, note) on public.post_reports to authenticated;
grant update (status) on public.post_reports to authenticated;
grant all on public.post_reports to service_role;

alter table public.space_moderation_log enable row level security;
create policy "the space's moderators read its log" on public.space_moderation_log
  for select to authenticated
  using (private.is_space_moderator(space_moderation_log.space_id));
revoke all on public.space_moderation_log from anon, authenticated;
grant select on public.space_moderation_log to authenticated;
grant all on public.space_moderation_log to service_role;

-- ─── the log, from the changes themselves ────────────────────────────────────────────────────────

-- Security definer: writes the log, which no API role may write.
create function private.log_moderation(space uuid, action text, thread uuid, post uuid, person uuid, reason text)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.space_moderation_log (space_id, actor_id, action, thread_id, post_id, profile_id, reason)
  values (space, (select auth.uid()), action, thread, post, person, reason)
$$;
revoke all on function private.log_moderation(uuid, text, uuid, uuid, uuid, text) from public, anon, authenticated;

create function private.posts_log_moderation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if pg_trigger_depth() > 1 then
    return null;
  end if;
  if old.hidden_at is null and new.hidden_at is not null then
    perform private.log_moderation(new.space_id, 'hide', new.thread_id, new.id, new.author_id, new.hidden_reason);
  elsif old.hidden_at is not null and new.hidden_at is null then
    perform private.log_moderation(new.space_id, 'unhide', new.thread_id, new.id, new.author_id, null);
  end if;
  return null;
end
$$;
revoke all on function private.posts_log_moderation() from public, anon, authenticated;
create trigger posts_log_moderation after update of hidden_at on public.posts
  for each row execute function private.posts_log_moderation();

create function private.threads_log_moderation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if pg_trigger_depth() > 1 or current_setting('role') not in ('authenticated', 'anon') then
    return null;
  end if;
  if (old.pinned_at is null) <> (new.pinned_at is null) then
    perform private.log_moderation(new.space_id, case when new.pinned_at is null then 'unpin' else 'pin' end, new.id, null, null, null);
  end if;
  if (old.locked_at is null) <> (new.locked_at is null) then
    perform private.log_moderation(new.space_id, case when new.locked_at is null then 'unlock' else 'lock' end, new.id, null, null, null);
  end if;
  if old.slow_mode_minutes is distinct from new.slow_mode_minutes then
    perform private.log_moderation(new.space_id, 'slow_mode', new.id, null, null, new.slow_mode_minutes::text);
  end if;
  if old.space_id <> new.space_id then
    perform private.log_moderation(old.space_id, 'move_out', new.id, null, null, null);
    perform private.log_moderation(new.space_id, 'move_in', new.id, null, null, null);
  end if;
  return null;
end
$$;
revoke all on function private.threads_log_moderation() from public, anon, authenticated;
create trigger threads_log_moderation after update on public.threads
  for each row execute function private.threads_log_moderation();

create function private.space_members_log_moderation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if pg_trigger_depth() > 1 or current_setting('role') not in ('authenticated', 'anon') then
    return null;
  end if;
  if tg_op = 'DELETE' then
    if old.profile_id <> (select auth.uid()) then
      perform private.log_moderation(old.space_id, 'remove_member', null, null, old.profile_id, null);
    end if;
    return null;
  end if;
  if old.suspended_until is distinct from new.suspended_until then
    perform private.log_moderation(new.space_id,
      case when new.suspended_until is null or new.suspended_until <= now() then 'unsuspend' else 'suspend' end,
      null, null, new.profile_id, new.suspension_reason);
  end if;
  if old.role <> new.role then
    perform private.log_moderation(new.space_id,
      case when new.role = 'moderator' then 'make_moderator' else 'remove_moderator' end,
      null, null, new.profile_id, null);
  end if;
  return null;
end
$$;
revoke all on function private.space_members_log_moderation() from public, anon, authenticated;
create trigger space_members_log_moderation after update or delete on public.space_members
  for each row execute function private.space_members_log_moderation();

create function private.post_reports_log() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'dismissed' then
    perform private.log_moderation(new.space_id, 'dismiss_report', null, new.post_id, null, new.reason);
  end if;
  return null;
end
$$;
revoke all on function private.post_reports_log() from public, anon, authenticated;
create trigger post_reports_log after update of status on public.post_reports
  for each row when (old.status = 'pending' and new.status <> 'pending')
  execute function private.post_reports_log();

-- ─── new accounts' limits ────────────────────────────────────────────────────────────────────────

-- Whether the person is new here: an account less than a week old, or less than a month old with
-- fewer than five posts. Security definer: reads auth.users.
create function private.is_new_poster(person uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select u.created_at > now() - interval '7 days'
      or (u.created_at > now() - interval '30 days'
          and (select count(*) from (select 1 from public.posts p where p.author_id = person limit 5) x) < 5)
    from auth.users u where u.id = person
  ), true)
$$;
comment on function private.is_new_poster(uuid) is
  'Whether a person is new (account under a week old, or under a month with fewer than five posts): their posts are limited.';
revoke all on function private.is_new_poster(uuid) from public, anon, authenticated;

create function private.posts_new_account_limits() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  links integer;
begin
  if current_setting('role') not in ('authenticated', 'anon') or not private.is_new_poster(new.author_id) then
    return new;
  end if;
  select count(*) into links from regexp_matches(new.body, 'https?://', 'gi');
  if links > 2 then
    raise exception 'too many links for a new account' using errcode = 'CC005';
  end if;
  if (select count(*) from public.posts p
      where p.author_id = new.author_id and p.created_at > now() - interval '1 hour') >= 10 then
    raise exception 'too many posts this hour for a new account' using errcode = 'CC004';
  end if;
  return new;
end
$$;
revoke all on function private.posts_new_account_limits() from public, anon, authenticated;

-- Before posts_before_insert (alphabetical): a refused post takes no number.
create trigger posts_aa_new_account_limits before insert on public.posts
  for each row execute function private.posts_new_account_limits();
