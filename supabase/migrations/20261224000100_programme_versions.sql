-- A programme page's history: every change to its fields or facets is kept as a version (who,
-- when, how: edited, a suggestion applied, an earlier version restored, and the whole page as it
-- stood after it), so its coordinators can see what it was and restore any version.
--
-- Versions are written by the database, not by the app: a deferred constraint trigger on the
-- programme and on each of its facet tables runs once the transaction's statements are done,
-- so an edit that saves the fields and replaces five facet lists is one version with the final
-- state, whoever made it and through whichever path. How the change came is a transaction-local
-- setting the app sets (`app.programme_change`: 'suggestion', or 'restored:<number>'); it only
-- labels the version, the author is always auth.uid().

create table public.programme_versions (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references public.programmes (id) on delete cascade,
  number integer not null constraint programme_versions_number_check check (number > 0),
  fields jsonb not null,
  changed_by uuid references public.profiles (id) on delete set null,
  source text not null
    constraint programme_versions_source_check check (source in ('created', 'edited', 'suggestion', 'restored')),
  restored_from integer,
  created_at timestamptz not null default now(),
  -- The transaction that wrote it: one version per programme per transaction.
  txid bigint not null default txid_current(),
  constraint programme_versions_number_unique unique (programme_id, number),
  constraint programme_versions_restored_from check ((source = 'restored') = (restored_from is not null))
);
comment on table public.programme_versions is
  'Each version of a programme''s page (its fields and facets after a change), who made it and how; read by its coordinators and admins, written only by the database.';
create index programme_versions_changed_by_idx on public.programme_versions (changed_by);
create index programme_versions_txid_idx on public.programme_versions (programme_id, txid);

alter table public.programme_versions enable row level security;
-- Read by signed-in coordinators and admins (the policy); written by no API role at all.
revoke all on public.programme_versions from anon;
revoke insert, update, delete on public.programme_versions from authenticated;

create policy "coordinators and admins read their programmes' history" on public.programme_versions
  for select to authenticated
  using (private.is_coordinator_of(programme_id) or (select private.is_platform_admin()));

-- The page as its edit form holds it: the programme's own columns and its five facet lists.
create function private.programme_snapshot(programme uuid) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'name', p.name, 'kind', p.kind, 'summary', p.summary, 'description', p.description,
    'text_language', p.text_language, 'website', p.website, 'format', p.format,
    'level', p.level, 'scope', p.scope, 'status', p.status, 'components', to_jsonb(p.components),
    'duration_weeks', p.duration_weeks, 'hours_per_week', p.hours_per_week, 'cost', p.cost,
    'fee_amount', p.fee_amount, 'fee_currency', p.fee_currency,
    'fellowships_available', p.fellowships_available, 'fellowship_notes', p.fellowship_notes,
    'applications_open_on', p.applications_open_on, 'applications_close_on', p.applications_close_on,
    'topics', coalesce((select jsonb_agg(t.topic_slug order by t.topic_slug)
      from public.programme_topics t where t.programme_id = p.id), '[]'),
    'audiences', coalesce((select jsonb_agg(t.target_group_slug order by t.target_group_slug)
      from public.programme_target_groups t where t.programme_id = p.id), '[]'),
    'languages', coalesce((select jsonb_agg(t.language_code order by t.language_code)
      from public.programme_languages t where t.programme_id = p.id), '[]'),
    'regions', coalesce((select jsonb_agg(t.region_code order by t.region_code)
      from public.programme_regions t where t.programme_id = p.id), '[]'),
    'countries', coalesce((select jsonb_agg(t.country_code order by t.country_code)
      from public.programme_countries t where t.programme_id = p.id), '[]')
  )
  from public.programmes p
  where p.id = programme
$$;
revoke all on function private.programme_snapshot(uuid) from public;
grant execute on function private.programme_snapshot(uuid) to service_role;

-- Records the programme's page as it stands at the end of the transaction, once per transaction,
-- and only when it differs from the last version (a save that changed nothing adds none).
-- Security definer: the table takes no writes from API roles.
create function private.programme_record_version() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  programme uuid;
  change text := coalesce(current_setting('app.programme_change', true), '');
  now_fields jsonb;
  last_version public.programme_versions;
begin
  -- Each branch reads only the record the event has (plpgsql evaluates every field it names).
  if tg_table_name = 'programmes' then
    programme := new.id;
  elsif tg_op = 'DELETE' then
    programme := old.programme_id;
  else
    programme := new.programme_id;
  end if;
  if exists (select 1 from public.programme_versions v
             where v.programme_id = programme and v.txid = txid_current()) then
    return null;
  end if;
  -- Two transactions changing one programme number their versions one after the other.
  perform 1 from public.programmes p where p.id = programme for update;
  now_fields := private.programme_snapshot(programme);
  -- The programme itself went in this transaction (its facet rows with it).
  if now_fields is null then return null; end if;
  select * into last_version from public.programme_versions v
  where v.programme_id = programme order by v.number desc limit 1;
  if last_version.fields = now_fields then return null; end if;
  insert into public.programme_versions (programme_id, number, fields, changed_by, source, restored_from)
  values (
    programme, coalesce(last_version.number, 0) + 1, now_fields, (select auth.uid()),
    case when last_version.id is null then 'created'
         when change = 'suggestion' then 'suggestion'
         when change like 'restored:%' then 'restored'
         else 'edited' end,
    case when last_version.id is not null and change ~ '^restored:[0-9]{1,9}$'
         then split_part(change, ':', 2)::integer end
  );
  return null;
end
$$;
revoke all on function private.programme_record_version() from public;
grant execute on function private.programme_record_version() to anon, authenticated, service_role;

create constraint trigger programmes_record_version after insert or update on public.programmes
  deferrable initially deferred for each row execute function private.programme_record_version();
create constraint trigger programme_topics_record_version after insert or delete on public.programme_topics
  deferrable initially deferred for each row execute function private.programme_record_version();
create constraint trigger programme_target_groups_record_version after insert or delete on public.programme_target_groups
  deferrable initially deferred for each row execute function private.programme_record_version();
create constraint trigger programme_languages_record_version after insert or delete on public.programme_languages
  deferrable initially deferred for each row execute function private.programme_record_version();
create constraint trigger programme_regions_record_version after insert or delete on public.programme_regions
  deferrable initially deferred for each row execute function private.programme_record_version();
create constraint trigger programme_countries_record_version after insert or delete on public.programme_countries
  deferrable initially deferred for each row execute function private.programme_record_version();

-- The pages that exist already start their history here.
insert into public.programme_versions (programme_id, number, fields, source)
select p.id, 1, private.programme_snapshot(p.id), 'created' from public.programmes p;
