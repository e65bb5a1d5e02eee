-- The kinds of notification and of the app's mail become rows, not check constraints: each domain's
-- migration adds its own kinds with one insert, and two domains built side by side never rewrite
-- (and so drop) each other's list, as redefining one check constraint in each would.
--
-- In the schema private: no API role reads them (the pages name a kind through the message
-- catalogue), and the foreign keys keep a row from naming a kind that no migration added.

create table private.notification_kinds (
  kind text primary key,
  about text not null
);
comment on table private.notification_kinds is
  'Every kind of in-app notification; a domain''s migration adds its own. notifications.kind references it.';

insert into private.notification_kinds (kind, about) values
  ('membership_verified', 'a coordinator verified the person''s claim to a programme'),
  ('membership_declined', 'a coordinator declined the person''s claim'),
  ('invitation', 'a coordinator invited the person to a programme'),
  ('suggestion_applied', 'a coordinator applied the person''s suggested edit'),
  ('suggestion_dismissed', 'a coordinator dismissed the person''s suggested edit'),
  ('claim_received', 'to coordinators: someone claims to have taken part in their programme'),
  ('suggestion_received', 'to coordinators: someone suggested an edit to their programme'),
  ('invitation_accepted', 'to coordinators: an invited person accepted'),
  ('event_seat_confirmed', 'the person was promoted from an event''s waitlist to a seat');

alter table public.notifications
  drop constraint notifications_kind_check,
  add constraint notifications_kind_fkey foreign key (kind) references private.notification_kinds (kind);

create table private.mail_kinds (
  kind text primary key,
  about text not null
);
comment on table private.mail_kinds is
  'Every kind of mail the app sends through its outbox; a domain''s migration adds its own. mail_outbox.kind references it.';

insert into private.mail_kinds (kind, about) values
  ('invitation', 'to a person who already has an account, invited to a programme'),
  ('account_exists', 'to the owner of an address that someone tried to sign up with');

alter table public.mail_outbox
  drop constraint mail_outbox_kind_check,
  add constraint mail_outbox_kind_fkey foreign key (kind) references private.mail_kinds (kind);

comment on column public.notifications.kind is 'One of private.notification_kinds.';
comment on column public.mail_outbox.kind is 'One of private.mail_kinds.';

-- Read by foreign-key checks only (which run as the owner); no API role needs them.
alter table private.notification_kinds enable row level security;
alter table private.mail_kinds enable row level security;
revoke all on private.notification_kinds, private.mail_kinds from anon, authenticated;
