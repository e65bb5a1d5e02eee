-- Rate limits the app keeps in Postgres, so every app instance behind a load balancer sees the same
-- counts (an in-memory counter would only know its own instance's requests).

create schema if not exists private;
comment on schema private is 'Internal bookkeeping; not exposed to the API roles.';
revoke all on schema private from public, anon, authenticated;

create table private.rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);
comment on table private.rate_limits is 'Fixed-window hit counters for throttling sign-in and mail requests, by key.';
alter table private.rate_limits enable row level security;

-- Counts a hit on `key`; returns 0 when allowed, else the seconds until the window ends.
create function private.hit_rate_limit(key text, max_hits integer, window_seconds integer)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  window_length interval := make_interval(secs => window_seconds);
  started timestamptz;
  hit_count integer;
begin
  insert into private.rate_limits as r (key, window_start, hits)
  values (hit_rate_limit.key, now(), 1)
  on conflict on constraint rate_limits_pkey do update set
    window_start = case when r.window_start <= now() - window_length then now() else r.window_start end,
    hits = case when r.window_start <= now() - window_length then 1 else r.hits + 1 end
  returning r.window_start, r.hits into started, hit_count;

  -- Expired counters are cleared now and then, so the table stays small without a scheduler.
  if random() < 0.01 then
    delete from private.rate_limits where window_start < now() - interval '1 day';
  end if;

  if hit_count > max_hits then
    return greatest(1, ceil(extract(epoch from started + window_length - now())))::integer;
  end if;
  return 0;
end;
$$;
comment on function private.hit_rate_limit(text, integer, integer) is
  'Counts a hit; returns 0 when allowed or the seconds to wait.';

create function private.clear_rate_limit(key text) returns void
language sql
set search_path = ''
as $$
  delete from private.rate_limits where rate_limits.key = clear_rate_limit.key
$$;
comment on function private.clear_rate_limit(text) is 'Forgets the hits on a key (e.g. after a successful sign-in).';

revoke all on all functions in schema private from public, anon, authenticated;
