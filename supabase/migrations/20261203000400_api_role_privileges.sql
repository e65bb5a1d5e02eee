-- Privileges no API role needs, taken back.
--
-- Supabase's default privileges in schema public grant anon and authenticated everything on each
-- new table, and RLS guards rows, not these: TRUNCATE empties a table past every policy (the
-- memberships kept it for authenticated), TRIGGER lets a role hang its own trigger on a table
-- (anon could on programmes), REFERENCES lets it probe a table's keys with foreign keys of its own.
-- The default privileges lose them too, so tables to come (spaces, events…) start without them;
-- tests/db/advisor.test.ts checks every table.

revoke truncate, trigger, references on all tables in schema public from anon, authenticated;
alter default privileges in schema public revoke truncate, trigger, references on tables from anon, authenticated;

-- An invitation's expiry is the table's default (30 days), not the inviting coordinator's choice.
revoke insert (expires_at) on public.membership_invitations from authenticated;
