-- How long the longest event still to end lasts: the calendar's lists read it (an index scan
-- from the longest down to the first that has not ended) to bound their scan of events by start.
-- An event not over yet started less than that long ago, so a list of what is not over begins
-- its walk of the (sort_at, id) index there, not at the first event ever held.
create index events_length_idx on public.events ((until_at - sort_at));
