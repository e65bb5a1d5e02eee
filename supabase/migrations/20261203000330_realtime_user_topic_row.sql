-- A person's private topic is read by its row's own topic, not only by the topic asked for.
--
-- The policy on realtime.messages compared realtime.topic() with the person's topic. That is a
-- setting (realtime.topic) which any signed-in role may set for itself: one that set it to its
-- own topic and read realtime.messages got every row, whatever its topic, other people's
-- notifications included. The row's topic must now be the person's too. Realtime's own check reads
-- back a row it wrote with the channel's topic, so joining user:<id> works as before.

drop policy "people listen to their own user topic" on realtime.messages;

create policy "people listen to their own user topic" on realtime.messages
  for select to authenticated
  using (
    messages.topic = 'user:' || (select auth.uid())::text
    and messages.topic = (select realtime.topic())
  );
