-- What a person wants by e-mail (issue 16's /account/notifications, issue 19's coordinators):
-- for each family of notices, how often a mail comes. The events' own settings stay in
-- public.event_message_settings; this table holds the others.
--
-- public.mail_settings: mentions and replies (each as it happens, a daily or a weekly digest, or
--   off; by default each), posts in what the person watches (the same; daily by default), and a
--   coordinator's work: claims, suggested edits, accepted invitations (each, a daily summary, or
--   off; daily by default). No row: the defaults. Each person reads and writes their own.

create table public.mail_settings (
  profile_id uuid primary key references public.profiles (id) on delete cascade,
  mentions text not null default 'each'
    constraint mail_settings_mentions_check check (mentions in ('each', 'daily', 'weekly', 'off')),
  watching text not null default 'daily'
    constraint mail_settings_watching_check check (watching in ('each', 'daily', 'weekly', 'off')),
  coordination text not null default 'daily'
    constraint mail_settings_coordination_check check (coordination in ('each', 'daily', 'off')),
  updated_at timestamptz not null default now()
);
comment on table public.mail_settings is
  'How often a person is mailed about mentions and replies, posts in what they watch, and their coordinator''s work (no row: the defaults).';

alter table public.mail_settings enable row level security;

create policy "people read their mail settings" on public.mail_settings
  for select to authenticated using (mail_settings.profile_id = (select auth.uid()));
create policy "people make their mail settings" on public.mail_settings
  for insert to authenticated with check (mail_settings.profile_id = (select auth.uid()));
create policy "people change their mail settings" on public.mail_settings
  for update to authenticated
  using (mail_settings.profile_id = (select auth.uid()))
  with check (mail_settings.profile_id = (select auth.uid()));

revoke all on public.mail_settings from anon, authenticated;
grant select, insert (profile_id, mentions, watching, coordination),
  update (mentions, watching, coordination, updated_at) on public.mail_settings to authenticated;
grant all on public.mail_settings to service_role;
