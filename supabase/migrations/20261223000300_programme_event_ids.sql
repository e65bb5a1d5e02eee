-- The events a person's programmes organise, for their personal feed, as one array read once.
-- Read through public.event_organisers, the feed asked the organisers' own policy (is the event
-- readable?) of every organiser row, which the planner answered by reading every event; the ids
-- come from here instead, and the feed reads those events by id under RLS as before.

-- Security definer: reads event_organisers and memberships past their policies. It answers only
-- about the signed-in person, and only with events organised by a programme they are a verified
-- member of, which they may read whatever their visibility (their audience): it reveals nothing.
create function private.programme_event_ids() returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(distinct o.event_id), '{}')
  from public.memberships m
  join public.event_organisers o on o.programme_id = m.programme_id
  where m.profile_id = (select auth.uid()) and m.status = 'verified'
$$;
comment on function private.programme_event_ids() is
  'The events organised by the programmes the signed-in person is a verified member of (their personal feed''s).';
revoke all on function private.programme_event_ids() from public, anon, authenticated;
grant execute on function private.programme_event_ids() to authenticated, service_role;
