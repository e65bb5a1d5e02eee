-- Who an event is for: target groups, from the same taxonomy as the programmes' audiences
-- (public.target_groups: youth, diplomats, regulators…), kept as slugs like the event's topics and
-- languages. The check refuses a slug the taxonomy does not hold, so a filter by target group
-- (GIN-indexed, `target_groups @> array[…]`) finds every event filed under one.

-- Whether every slug names a target group. Read by the check as the writing role; target groups
-- are readable by everyone, so no security definer is needed.
create function private.are_target_groups(slugs text[]) returns boolean
language sql
stable
set search_path = ''
as $$
  select not exists (
    select 1 from unnest(slugs) s
    where not exists (select 1 from public.target_groups g where g.slug = s)
  )
$$;
comment on function private.are_target_groups(text[]) is
  'Whether every slug names a target group (the check on events.target_groups).';
revoke all on function private.are_target_groups(text[]) from public, anon, authenticated;
-- The check on events runs as the role that writes the row.
grant execute on function private.are_target_groups(text[]) to authenticated, service_role;

alter table public.events
  add column target_groups text[] not null default '{}'
    constraint events_target_groups_check check (cardinality(target_groups) <= 12
      and array_to_string(target_groups, ',') ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'
      and private.are_target_groups(target_groups));
comment on column public.events.target_groups is
  'Who the event is for: slugs of public.target_groups.';

create index events_target_groups_idx on public.events using gin (target_groups);

grant insert (target_groups), update (target_groups) on public.events to authenticated;
