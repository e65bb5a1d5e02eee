-- The upcoming list's filters by topic and by language (`topics @> array[…]`, `languages @> …`)
-- are answered from GIN indexes rather than by reading every upcoming event.
create index events_topics_idx on public.events using gin (topics);
create index events_languages_idx on public.events using gin (languages);
