-- The app's own mail (e.g. an invitation to a person who already has an account), as rows: a mail
-- is written in the same transaction as what it is about (a rolled-back invitation mails nothing),
-- and any server instance sends what is due, claimed with `for update skip locked`, retrying
-- failures with backoff. Nothing waits in one process's memory.

create table public.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('invitation')),
  recipient text not null
    check (recipient ~ '^[^@\s]+@[^@\s]+$' and char_length(recipient) <= 255),
  subject text not null check (char_length(subject) between 1 and 300),
  text text not null check (char_length(text) between 1 and 20000),
  html text not null check (char_length(html) between 1 and 50000),
  -- Tries so far; a sender counts one when it claims the row, so a crash mid-send counts too.
  attempts integer not null default 0 check (attempts >= 0),
  -- When a sender may take the row: now for a new mail, later after a failure (backoff) or while
  -- a sender holds it (a lease, so that a sender that died leaves the row to another).
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  -- The last failure in the SMTP server's words (never shown to people), for whoever runs the site.
  last_error text check (char_length(last_error) <= 1000),
  created_at timestamptz not null default now()
);
comment on table public.mail_outbox is
  'Mail the app sends itself through SMTP, one row per message: queued with what it belongs to, claimed by a sender with for update skip locked, retried with backoff. Service-only: it holds other people''s addresses and invitation links, so no API role may read or write it (RLS on, no policies); the server writes and sends it as the service.';

-- The senders' claim: unsent rows in the order they fall due (sent rows leave the index).
create index mail_outbox_due_idx on public.mail_outbox (next_attempt_at, id) where sent_at is null;

alter table public.mail_outbox enable row level security;
-- No policies: anon and authenticated get nothing even if a grant slipped back in. The default
-- privileges of schema public (Supabase's) grant the API roles everything, so take it back.
revoke all on public.mail_outbox from public, anon, authenticated;
