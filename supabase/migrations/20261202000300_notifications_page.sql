-- /notifications lists all of a person's notifications, newest first, in keyset pages on
-- (created_at, id): `where recipient_id = $1 and (created_at, id) < ($2, $3) order by created_at
-- desc, id desc`. The index of 20261122000800 orders id ascending within a timestamp, so it could
-- serve the row comparison only on its created_at column and the order only with a sort on top. This
-- one matches the query column for column (both descending), so a page is one index range read
-- that stops after its rows; it serves the newest-first list of /account/memberships as well, and
-- replaces the old one, which nothing else needs.
create index notifications_recipient_id_created_at_id_idx
  on public.notifications (recipient_id, created_at desc, id desc);
drop index public.notifications_recipient_id_created_at_idx;
