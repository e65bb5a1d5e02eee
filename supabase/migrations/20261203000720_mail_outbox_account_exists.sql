-- The app's outbox carries a second kind of mail: to the owner of an address that someone tried to
-- sign up with (Auth, with confirmations on, answers such a sign-up as if it were new and mails
-- nothing, so the owner would never know).

alter table public.mail_outbox drop constraint mail_outbox_kind_check;
alter table public.mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('invitation', 'account_exists'));
comment on column public.mail_outbox.kind is
  'invitation: to a person who already has an account; account_exists: someone tried to sign up with the owner''s address.';
