-- Each person's private Realtime topic, user:<id>: the server tells their open pages about their
-- account (e.g. "signed out everywhere") through realtime.send. Only the person may listen; nobody
-- may send on it from a browser (no insert policy), so the topic carries only what the server says.

create policy "people listen to their own user topic" on realtime.messages
  for select to authenticated
  using (realtime.topic() = 'user:' || (select auth.uid())::text);
