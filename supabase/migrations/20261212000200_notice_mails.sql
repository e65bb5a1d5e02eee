-- E-mail about notices (src/lib/server/notices/mail.ts): mentions and replies, posts in what a
-- person watches, and a coordinator's claims, suggested edits and accepted invitations, mailed
-- as each happens or gathered into a daily or weekly digest, per public.mail_settings.
--
-- public.notice_mails: one row per notice that may be mailed, written by a trigger when the
--   notification is. The job claims due rows `for update skip locked` and marks each done with
--   its outcome in the same transaction as the mail it queued, so a notice is mailed at most once
--   whichever instances run. A notice deleted before it was mailed leaves with its row.
-- public.notice_digests: one row per (person, cadence, period): the digest of that period was
--   built. Its primary key makes the digest job idempotent: two instances, or a retried run,
--   never send a person the same day's or week's digest twice.
-- public.mail_outbox.headers: a mail's own headers (Message-ID, In-Reply-To, References,
--   List-Unsubscribe, List-Unsubscribe-Post), stored with the row so any sender sends them.
-- All service only: the job is a background job writing other people's mail.

insert into private.mail_kinds (kind, about) values
  ('space_notice', 'to a person mentioned, replied to or watching: a post, as it happens'),
  ('coordination_notice', 'to a programme''s coordinators: a claim, a suggested edit or an accepted invitation, as it happens'),
  ('notice_digest', 'to a person: the notices of a day or a week in one mail');

alter table public.mail_outbox
  add column headers jsonb not null default '{}'::jsonb
    constraint mail_outbox_headers_check check (jsonb_typeof(headers) = 'object');
comment on column public.mail_outbox.headers is
  'Extra headers of the mail (name → value), e.g. Message-ID, References, List-Unsubscribe.';

create table public.notice_mails (
  notification_id uuid primary key references public.notifications (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  family text not null constraint notice_mails_family_check check (family in ('mentions', 'watching', 'coordination')),
  created_at timestamptz not null default now(),
  done_at timestamptz,
  outcome text constraint notice_mails_outcome_check check (outcome in ('mailed', 'digested', 'off', 'unreadable', 'stale')),
  constraint notice_mails_done_with_outcome check ((done_at is null) = (outcome is null))
);
comment on table public.notice_mails is
  'Notices that may be mailed (as each happens or in a digest), claimed by the job with skip locked and marked done with what became of them.';

alter table public.notice_mails enable row level security;
create index notice_mails_due_idx on public.notice_mails (created_at) where done_at is null;
create index notice_mails_profile_due_idx on public.notice_mails (profile_id, created_at) where done_at is null;
revoke all on public.notice_mails from public, anon, authenticated;
grant all on public.notice_mails to service_role;

create table public.notice_digests (
  profile_id uuid not null references public.profiles (id) on delete cascade,
  cadence text not null constraint notice_digests_cadence_check check (cadence in ('daily', 'weekly')),
  period_start date not null,
  notices integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (profile_id, cadence, period_start)
);
comment on table public.notice_digests is
  'Which digest (person, daily or weekly, the period''s first day in their zone) was built, once: what makes the digests idempotent.';

alter table public.notice_digests enable row level security;
revoke all on public.notice_digests from public, anon, authenticated;
grant all on public.notice_digests to service_role;

-- The family of mail a kind of notification belongs to (null: never mailed by this job).
create function private.notice_mail_family(kind text) returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when kind in ('space_mention', 'space_reply') then 'mentions'
    when kind = 'space_post' then 'watching'
    when kind in ('claim_received', 'suggestion_received', 'invitation_accepted') then 'coordination'
  end
$$;
comment on function private.notice_mail_family(text) is
  'The mail settings'' family of a notification kind: mentions, watching, coordination, or null.';
revoke all on function private.notice_mail_family(text) from public, anon, authenticated;
grant execute on function private.notice_mail_family(text) to service_role;

-- Security definer: a notification is written by other security definer triggers on behalf of
-- whoever acted; the queue is service only.
create function private.notifications_queue_mail() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  family text := private.notice_mail_family(new.kind);
begin
  if family is not null then
    insert into public.notice_mails (notification_id, profile_id, family, created_at)
      values (new.id, new.recipient_id, family, new.created_at)
      on conflict do nothing;
  end if;
  return null;
end
$$;
comment on function private.notifications_queue_mail() is
  'Queues a new notice of a mailed kind for the notice mail job.';
revoke all on function private.notifications_queue_mail() from public, anon, authenticated;

create trigger notifications_queue_mail after insert on public.notifications
  for each row execute function private.notifications_queue_mail();
