-- The compendium's version: private.compendium_version holds one random value that every change
-- of what the compendium's counts read gives a new one — the programmes (their facets column
-- follows their facet tables, so those changes reach it too) and the taxonomies that label the
-- counts (topics, target groups, languages, regions, countries: a rename relabels them). The new
-- value is written inside the writer's transaction, so a reader sees it only once that commits.
-- The server keeps each search's counts by (version, day, language, role, filters) and reads the
-- version with the page (private.compendium_version(), callable by the API roles; the table
-- itself by nobody but the service and the definer functions). The same statement-level trigger
-- function, private.compendium_changed(), forgets the whole compendium's kept counts
-- (private.compendium_counts) as private.forget_compendium_counts() did, now on the taxonomies'
-- changes too.

create table private.compendium_version (
  one boolean primary key default true constraint compendium_version_one check (one),
  value uuid not null default gen_random_uuid()
);
comment on table private.compendium_version is
  'One row: a random value that changes, inside the writer''s transaction, with every insert, update, delete or truncate of the programmes and of the taxonomies that label the compendium''s counts. The server keeps counts by it.';
alter table private.compendium_version enable row level security;
-- No policies: only the service and the definer functions below read and write it.
insert into private.compendium_version default values;

-- Definer: the API roles read the value, never the table.
create function private.compendium_version()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select v.value from private.compendium_version v
$$;
revoke all on function private.compendium_version() from public;
grant execute on function private.compendium_version() to anon, authenticated, service_role;

-- Definer: whoever changes a programme (a coordinator, an admin) may not write the version or the
-- kept counts. Before each statement, so that a writer holds the version's row before any row of
-- the table it changes: two writers wait for each other in one order and never deadlock on it.
create function private.compendium_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.compendium_version set value = gen_random_uuid();
  delete from private.compendium_counts;
  return null;
end
$$;
revoke all on function private.compendium_changed() from public;
grant execute on function private.compendium_changed() to anon, authenticated, service_role;

drop trigger programmes_forget_compendium_counts on public.programmes;
drop function private.forget_compendium_counts();

create trigger programmes_compendium_changed before insert or update or delete
  on public.programmes for each statement execute function private.compendium_changed();
create trigger programmes_compendium_truncated before truncate
  on public.programmes for each statement execute function private.compendium_changed();

create trigger topics_compendium_changed before insert or update or delete
  on public.topics for each statement execute function private.compendium_changed();
create trigger topics_compendium_truncated before truncate
  on public.topics for each statement execute function private.compendium_changed();
create trigger target_groups_compendium_changed before insert or update or delete
  on public.target_groups for each statement execute function private.compendium_changed();
create trigger target_groups_compendium_truncated before truncate
  on public.target_groups for each statement execute function private.compendium_changed();
create trigger languages_compendium_changed before insert or update or delete
  on public.languages for each statement execute function private.compendium_changed();
create trigger languages_compendium_truncated before truncate
  on public.languages for each statement execute function private.compendium_changed();
create trigger regions_compendium_changed before insert or update or delete
  on public.regions for each statement execute function private.compendium_changed();
create trigger regions_compendium_truncated before truncate
  on public.regions for each statement execute function private.compendium_changed();
create trigger countries_compendium_changed before insert or update or delete
  on public.countries for each statement execute function private.compendium_changed();
create trigger countries_compendium_truncated before truncate
  on public.countries for each statement execute function private.compendium_changed();
