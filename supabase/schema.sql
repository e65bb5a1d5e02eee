-- The schema of Capacity Commons as every migration in supabase/migrations leaves it, generated
-- from a migrated database by `npm run db:schema`. Read it to see what is there now; change it
-- with a new migration, then run the command again (tests/db/schema.test.ts fails while this
-- file is stale). Supabase's own schemas (auth, realtime, storage) are left out, except what we
-- put on them.

-- ==============================================================================================
-- Extensions and schemas

create extension btree_gist with schema extensions;

create extension pg_trgm with schema extensions;

create extension pgcrypto with schema extensions;

create extension unaccent with schema extensions;

create extension "uuid-ossp" with schema extensions;

create schema if not exists private;
grant usage on schema private to anon;
grant usage on schema private to authenticated;
grant usage on schema private to service_role;

create schema if not exists public;
grant usage on schema public to public;
grant usage on schema public to anon;
grant usage on schema public to authenticated;
grant usage on schema public to service_role;

-- ==============================================================================================
-- Types

create type public.audience as enum ('public', 'members', 'programmes', 'private');

-- ==============================================================================================
-- Tables

create table private.compendium_counts (
  locale text not null,
  day date not null,
  facet text not null,
  size integer not null,
  top jsonb not null,
  counts jsonb not null,
  computed_at timestamp with time zone default now() not null,
  constraint compendium_counts_pkey PRIMARY KEY (locale, day, facet)
);
comment on table private.compendium_counts is 'The facet counts of the whole compendium (no words, no filters), per label language, day and facet (its number of values, its first few and all of them, most frequent first; facet  holds the total): the same for every viewer, since every programme is public. Forgotten when a programme or its facets change.';
alter table private.compendium_counts enable row level security;

create table private.compendium_version (
  one boolean default true not null,
  value uuid default gen_random_uuid() not null,
  constraint compendium_version_pkey PRIMARY KEY (one),
  constraint compendium_version_one CHECK (one)
);
comment on table private.compendium_version is 'One row: a random value that changes, inside the writer''s transaction, with every insert, update, delete or truncate of the programmes and of the taxonomies that label the compendium''s counts. The server keeps counts by it.';
alter table private.compendium_version enable row level security;

create table private.mail_kinds (
  kind text not null,
  about text not null,
  constraint mail_kinds_pkey PRIMARY KEY (kind)
);
comment on table private.mail_kinds is 'Every kind of mail the app sends through its outbox; a domain''s migration adds its own. mail_outbox.kind references it.';
alter table private.mail_kinds enable row level security;

create table private.notification_kinds (
  kind text not null,
  about text not null,
  constraint notification_kinds_pkey PRIMARY KEY (kind)
);
comment on table private.notification_kinds is 'Every kind of in-app notification; a domain''s migration adds its own. notifications.kind references it.';
alter table private.notification_kinds enable row level security;

create table private.rate_limits (
  key text not null,
  window_start timestamp with time zone not null,
  hits integer not null,
  constraint rate_limits_pkey PRIMARY KEY (key)
);
comment on table private.rate_limits is 'Fixed-window hit counters for throttling sign-in and mail requests, by key.';
alter table private.rate_limits enable row level security;

create table private.time_zone_names (
  name text not null,
  constraint time_zone_names_pkey PRIMARY KEY (name)
);
comment on table private.time_zone_names is 'The IANA zone names Postgres knew when this migration ran: the fast path of private.is_time_zone.';
alter table private.time_zone_names enable row level security;
grant select on table private.time_zone_names to service_role;

create table public.admin_audit (
  id uuid default gen_random_uuid() not null,
  at timestamp with time zone default now() not null,
  actor_id uuid,
  actor_name text,
  action text not null,
  subject_id uuid,
  subject_name text,
  subject_email text,
  role text,
  programme_id uuid,
  programme_name text,
  constraint admin_audit_pkey PRIMARY KEY (id),
  constraint admin_audit_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint admin_audit_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE SET NULL,
  constraint admin_audit_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint admin_audit_action_check CHECK (action = ANY (ARRAY['role_granted'::text, 'role_withdrawn'::text, 'coordinator_named'::text, 'coordinator_removed'::text])),
  constraint admin_audit_role_check CHECK (role = ANY (ARRAY['admin'::text, 'moderator'::text]))
);
comment on table public.admin_audit is 'Every change admins make to who runs the platform (platform roles, programme coordinators): who, when, to whom. Written only by the private.admin_* functions; admins read it.';
alter table public.admin_audit enable row level security;
create policy "admins read the audit log" on public.admin_audit
  for select
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
CREATE INDEX admin_audit_actor_id_idx ON public.admin_audit USING btree (actor_id);
CREATE INDEX admin_audit_at_id_idx ON public.admin_audit USING btree (at DESC, id DESC);
CREATE INDEX admin_audit_programme_id_idx ON public.admin_audit USING btree (programme_id);
CREATE INDEX admin_audit_subject_id_idx ON public.admin_audit USING btree (subject_id);
grant delete, insert, select, update on table public.admin_audit to anon;
grant delete, insert, select, update on table public.admin_audit to authenticated;
grant all on table public.admin_audit to service_role;

create table public.calendar_feeds (
  profile_id uuid not null,
  token_hash text not null,
  created_at timestamp with time zone default now() not null,
  constraint calendar_feeds_pkey PRIMARY KEY (profile_id),
  constraint calendar_feeds_token_hash_key UNIQUE (token_hash),
  constraint calendar_feeds_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint calendar_feeds_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'::text)
);
comment on table public.calendar_feeds is 'The hash of the secret in each person''s personal calendar feed address (what I go to, my programmes'' events).';
alter table public.calendar_feeds enable row level security;
create policy "people make their feed" on public.calendar_feeds
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people remove their feed" on public.calendar_feeds
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people replace their feed's address" on public.calendar_feeds
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people see whether they have a feed" on public.calendar_feeds
  for select
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
grant delete on table public.calendar_feeds to authenticated;
grant all on table public.calendar_feeds to service_role;
grant insert (profile_id, token_hash) on table public.calendar_feeds to authenticated;
grant select (profile_id, created_at) on table public.calendar_feeds to authenticated;
grant update (token_hash, created_at) on table public.calendar_feeds to authenticated;

create table public.cohorts (
  id uuid default gen_random_uuid() not null,
  programme_id uuid not null,
  edition text not null,
  starts_on date not null,
  ends_on date not null,
  place text,
  country_code character(2),
  online boolean default false not null,
  created_at timestamp with time zone default now() not null,
  constraint cohorts_pkey PRIMARY KEY (id),
  constraint cohorts_edition_unique UNIQUE (programme_id, edition),
  constraint cohorts_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code),
  constraint cohorts_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint cohorts_dates_in_order CHECK (ends_on >= starts_on),
  constraint cohorts_edition_check CHECK (char_length(btrim(edition)) >= 1 AND char_length(btrim(edition)) <= 80),
  constraint cohorts_place_check CHECK (char_length(place) <= 200)
);
comment on table public.cohorts is 'One edition of a programme: its dates and where it took place.';
alter table public.cohorts enable row level security;
create policy "anyone reads cohorts" on public.cohorts
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins add cohorts" on public.cohorts
  for insert
  to authenticated
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins edit cohorts" on public.cohorts
  for update
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)))
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins remove cohorts" on public.cohorts
  for delete
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX cohorts_country_code_idx ON public.cohorts USING btree (country_code);
CREATE INDEX cohorts_programme_id_starts_on_idx ON public.cohorts USING btree (programme_id, starts_on DESC);
grant select on table public.cohorts to anon;
grant delete, select on table public.cohorts to authenticated;
grant all on table public.cohorts to service_role;
grant insert (programme_id, edition, starts_on, ends_on, place, country_code, online) on table public.cohorts to authenticated;
grant update (edition, starts_on, ends_on, place, country_code, online) on table public.cohorts to authenticated;

create table public.countries (
  code character(2) not null,
  iso3 character(3) not null,
  m49 character(3) not null,
  name text not null,
  region_code character(3),
  sub_region_code character(3),
  intermediate_region_code character(3),
  is_developing boolean not null,
  is_ldc boolean not null,
  is_lldc boolean not null,
  is_sids boolean not null,
  names jsonb default '{}'::jsonb not null,
  constraint countries_pkey PRIMARY KEY (code),
  constraint countries_iso3_key UNIQUE (iso3),
  constraint countries_m49_key UNIQUE (m49),
  constraint countries_intermediate_region_code_fkey FOREIGN KEY (intermediate_region_code) REFERENCES public.regions(code),
  constraint countries_region_code_fkey FOREIGN KEY (region_code) REFERENCES public.regions(code),
  constraint countries_sub_region_code_fkey FOREIGN KEY (sub_region_code) REFERENCES public.regions(code),
  constraint countries_code_check CHECK (code ~ '^[A-Z]{2}$'::text),
  constraint countries_iso3_check CHECK (iso3 ~ '^[A-Z]{3}$'::text),
  constraint countries_m49_check CHECK (m49 ~ '^[0-9]{3}$'::text),
  constraint countries_names_by_locale CHECK (private.are_names(names)),
  constraint countries_region_and_sub_region_together CHECK ((region_code IS NULL) = (sub_region_code IS NULL))
);
comment on table public.countries is 'UN M49 countries and areas (code: ISO 3166-1 alpha-2), their M49 regions and UN development groupings.';
alter table public.countries enable row level security;
create policy "anyone reads countries" on public.countries
  for select
  to anon, authenticated
  using (true);
CREATE INDEX countries_intermediate_region_code_idx ON public.countries USING btree (intermediate_region_code);
CREATE INDEX countries_region_code_idx ON public.countries USING btree (region_code);
CREATE INDEX countries_sub_region_code_idx ON public.countries USING btree (sub_region_code);
CREATE TRIGGER countries_compendium_changed BEFORE INSERT OR DELETE OR UPDATE ON public.countries FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER countries_compendium_truncated BEFORE TRUNCATE ON public.countries FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
grant select on table public.countries to anon;
grant select on table public.countries to authenticated;
grant all on table public.countries to service_role;

create table public.event_deliveries (
  event_id uuid not null,
  profile_id uuid not null,
  kind text not null,
  sequence integer not null,
  created_at timestamp with time zone default now() not null,
  constraint event_deliveries_pkey PRIMARY KEY (event_id, profile_id, kind, sequence),
  constraint event_deliveries_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint event_deliveries_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint event_deliveries_kind_check CHECK (kind = ANY (ARRAY['announcement'::text, 'update'::text, 'cancellation'::text, 'reminder_day'::text, 'reminder_hour'::text]))
);
comment on table public.event_deliveries is 'Who was sent which message about an event, once per (event, person, kind, SEQUENCE): what makes the job idempotent.';
alter table public.event_deliveries enable row level security;
CREATE INDEX event_deliveries_profile_id_idx ON public.event_deliveries USING btree (profile_id);
grant all on table public.event_deliveries to service_role;

create table public.event_dispatches (
  id uuid default gen_random_uuid() not null,
  event_id uuid not null,
  kind text not null,
  sequence integer not null,
  requested_by uuid,
  created_at timestamp with time zone default now() not null,
  done_at timestamp with time zone,
  sent integer,
  constraint event_dispatches_pkey PRIMARY KEY (id),
  constraint event_dispatches_once UNIQUE (event_id, kind, sequence),
  constraint event_dispatches_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint event_dispatches_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint event_dispatches_kind_check CHECK (kind = ANY (ARRAY['announcement'::text, 'update'::text, 'cancellation'::text]))
);
comment on table public.event_dispatches is 'Messages to send about an event (announcement, update, cancellation), claimed by the job with skip locked and marked done.';
alter table public.event_dispatches enable row level security;
create policy "organisers read their events' dispatches" on public.event_dispatches
  for select
  to authenticated
  using (private.can_manage_event(event_id));
CREATE INDEX event_dispatches_due_idx ON public.event_dispatches USING btree (created_at) WHERE (done_at IS NULL);
CREATE INDEX event_dispatches_requested_by_idx ON public.event_dispatches USING btree (requested_by);
grant select on table public.event_dispatches to authenticated;
grant all on table public.event_dispatches to service_role;

create table public.event_join_links (
  event_id uuid not null,
  join_url text not null,
  updated_at timestamp with time zone default now() not null,
  constraint event_join_links_pkey PRIMARY KEY (event_id),
  constraint event_join_links_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint event_join_links_join_url_check CHECK (join_url ~ '^https?://[^\s]+$'::text AND char_length(join_url) <= 500)
);
comment on table public.event_join_links is 'The online join link of an event, for its organisers and the people with a seat (going, not waitlisted) only.';
alter table public.event_join_links enable row level security;
create policy "organisers and seated people read the join link" on public.event_join_links
  for select
  to authenticated
  using ((private.can_manage_event(event_id) OR (EXISTS ( SELECT 1
   FROM public.event_rsvps r
  WHERE ((r.event_id = event_join_links.event_id) AND (r.profile_id = ( SELECT auth.uid() AS uid)) AND (r.response = 'going'::text) AND (r.waitlist_position IS NULL))))));
create policy "organisers change the join link" on public.event_join_links
  for update
  to authenticated
  using (private.can_manage_event(event_id))
  with check (private.can_manage_event(event_id));
create policy "organisers remove the join link" on public.event_join_links
  for delete
  to authenticated
  using (private.can_manage_event(event_id));
create policy "organisers set the join link" on public.event_join_links
  for insert
  to authenticated
  with check (private.can_manage_event(event_id));
CREATE TRIGGER event_join_links_touch_updated_at BEFORE UPDATE ON public.event_join_links FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant delete, select on table public.event_join_links to authenticated;
grant all on table public.event_join_links to service_role;
grant insert (event_id, join_url) on table public.event_join_links to authenticated;
grant update (join_url) on table public.event_join_links to authenticated;

create table public.event_message_settings (
  profile_id uuid not null,
  announcements boolean default true not null,
  day_before boolean default true not null,
  hour_before boolean default false not null,
  updated_at timestamp with time zone default now() not null,
  constraint event_message_settings_pkey PRIMARY KEY (profile_id),
  constraint event_message_settings_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE
);
comment on table public.event_message_settings is 'What a person wants to hear about events: announcements, a reminder a day before, an hour before (no row: the defaults).';
alter table public.event_message_settings enable row level security;
create policy "people change their event settings" on public.event_message_settings
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people make their event settings" on public.event_message_settings
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people read their event settings" on public.event_message_settings
  for select
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
grant select on table public.event_message_settings to authenticated;
grant all on table public.event_message_settings to service_role;
grant insert (profile_id, announcements, day_before, hour_before) on table public.event_message_settings to authenticated;
grant update (announcements, day_before, hour_before, updated_at) on table public.event_message_settings to authenticated;

create table public.event_organisers (
  id uuid default gen_random_uuid() not null,
  event_id uuid not null,
  programme_id uuid,
  organisation_id uuid,
  created_at timestamp with time zone default clock_timestamp() not null,
  space_id uuid,
  constraint event_organisers_pkey PRIMARY KEY (id),
  constraint event_organisers_once UNIQUE NULLS NOT DISTINCT (event_id, programme_id, organisation_id, space_id),
  constraint event_organisers_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint event_organisers_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES public.organisations(id) ON DELETE CASCADE,
  constraint event_organisers_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint event_organisers_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint event_organisers_exactly_one CHECK (num_nonnulls(programme_id, organisation_id, space_id) = 1)
);
comment on table public.event_organisers is 'Who organises an event: programmes, organisations and spaces (exactly one per row); their coordinators or the space''s moderators edit it.';
alter table public.event_organisers enable row level security;
create policy "organisers add co-organisers" on public.event_organisers
  for insert
  to authenticated
  with check ((private.can_manage_event(event_id) AND (( SELECT private.is_platform_admin() AS is_platform_admin) OR private.is_coordinator_of(programme_id) OR private.moderates_open_space(space_id) OR private.event_is_organised(event_id)) AND ((space_id IS NULL) OR (ARRAY[space_id] <@ ( SELECT private.readable_space_ids() AS readable_space_ids)))));
create policy "organisers remove co-organisers" on public.event_organisers
  for delete
  to authenticated
  using (private.can_manage_event(event_id));
create policy "whoever reads the event reads its organisers" on public.event_organisers
  for select
  to anon, authenticated
  using (((EXISTS ( SELECT 1
   FROM public.events e
  WHERE (e.id = event_organisers.event_id))) AND ((space_id IS NULL) OR (ARRAY[space_id] <@ ( SELECT private.readable_space_ids() AS readable_space_ids)))));
CREATE INDEX event_organisers_organisation_id_idx ON public.event_organisers USING btree (organisation_id);
CREATE INDEX event_organisers_programme_id_idx ON public.event_organisers USING btree (programme_id);
CREATE INDEX event_organisers_space_id_idx ON public.event_organisers USING btree (space_id);
CREATE TRIGGER event_organisers_copy_added AFTER INSERT ON public.event_organisers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.event_organisers_copy();
CREATE TRIGGER event_organisers_copy_changed AFTER UPDATE ON public.event_organisers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.event_organisers_copy();
CREATE TRIGGER event_organisers_copy_removed AFTER DELETE ON public.event_organisers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION private.event_organisers_copy();
grant select on table public.event_organisers to anon;
grant delete, select on table public.event_organisers to authenticated;
grant all on table public.event_organisers to service_role;
grant insert (event_id, programme_id, organisation_id, space_id) on table public.event_organisers to authenticated;

create table public.event_rsvps (
  event_id uuid not null,
  profile_id uuid not null,
  response text not null,
  waitlist_position integer,
  note text,
  created_at timestamp with time zone default clock_timestamp() not null,
  updated_at timestamp with time zone default clock_timestamp() not null,
  constraint event_rsvps_pkey PRIMARY KEY (event_id, profile_id),
  constraint event_rsvps_one_place_in_line UNIQUE (event_id, waitlist_position) DEFERRABLE,
  constraint event_rsvps_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint event_rsvps_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint event_rsvps_note_check CHECK (char_length(note) <= 280),
  constraint event_rsvps_response_check CHECK (response = ANY (ARRAY['going'::text, 'interested'::text, 'not-going'::text])),
  constraint event_rsvps_waiting_only_when_going CHECK (waitlist_position IS NULL OR response = 'going'::text),
  constraint event_rsvps_waitlist_position_check CHECK (waitlist_position >= 1)
);
comment on table public.event_rsvps is 'A person''s answer to an event (going, interested, not going), their place on its waitlist while waiting for a seat, and a short note for the organisers. Written only through private.rsvp.';
alter table public.event_rsvps enable row level security;
create policy "people read their own answers, organisers every answer" on public.event_rsvps
  for select
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR private.can_manage_event(event_id)));
CREATE INDEX event_rsvps_profile_id_idx ON public.event_rsvps USING btree (profile_id);
grant select on table public.event_rsvps to authenticated;
grant all on table public.event_rsvps to service_role;

create table public.event_series (
  id uuid default gen_random_uuid() not null,
  rrule text not null,
  time_zone text not null,
  first_start timestamp without time zone not null,
  minutes integer not null,
  created_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  constraint event_series_pkey PRIMARY KEY (id),
  constraint event_series_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint event_series_minutes_check CHECK (minutes >= 1 AND minutes <= 10080),
  constraint event_series_rrule_check CHECK (char_length(rrule) <= 300 AND rrule ~ '^FREQ=(WEEKLY|MONTHLY)(;[A-Z]+=[A-Z0-9,+-]+)*$'::text AND rrule ~ ';(COUNT=[0-9]+|UNTIL=[0-9]{8}T[0-9]{6}Z)(;|$)'::text),
  constraint event_series_time_zone_check CHECK (char_length(time_zone) <= 64 AND private.is_time_zone(time_zone))
);
comment on table public.event_series is 'A recurring series: its RRULE (which ends), first start on its zone''s wall clock and length; its occurrences are events.';
alter table public.event_series enable row level security;
create policy "organisers make series" on public.event_series
  for insert
  to authenticated
  with check (((created_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_platform_admin() AS is_platform_admin) OR ( SELECT private.organises_any() AS organises_any))));
create policy "whoever reads an occurrence reads its series" on public.event_series
  for select
  to anon, authenticated
  using (((created_by = ( SELECT auth.uid() AS uid)) OR (EXISTS ( SELECT 1
   FROM public.events e
  WHERE (e.series_id = event_series.id)))));
CREATE INDEX event_series_created_by_idx ON public.event_series USING btree (created_by);
grant select on table public.event_series to anon;
grant select on table public.event_series to authenticated;
grant all on table public.event_series to service_role;
grant insert (rrule, time_zone, first_start, minutes) on table public.event_series to authenticated;

create table public.events (
  id uuid default gen_random_uuid() not null,
  slug text not null,
  title text not null,
  description text,
  kind text not null,
  format text not null,
  venue_name text,
  venue_address text,
  venue_city text,
  country_code character(2),
  time_zone text not null,
  all_day boolean default false not null,
  starts_at timestamp with time zone,
  ends_at timestamp with time zone,
  starts_on date,
  ends_on date,
  sort_at timestamp with time zone generated always as (COALESCE(starts_at, ((starts_on)::timestamp without time zone AT TIME ZONE 'UTC'::text))) stored not null,
  until_at timestamp with time zone generated always as (COALESCE(ends_at, (((ends_on + 1))::timestamp without time zone AT TIME ZONE 'Etc/GMT+12'::text))) stored not null,
  languages text[] default '{}'::text[] not null,
  topics text[] default '{}'::text[] not null,
  capacity integer,
  seats_taken integer default 0 not null,
  registration_opens_at timestamp with time zone,
  registration_closes_at timestamp with time zone,
  visibility text default 'public'::text not null,
  status text default 'scheduled'::text not null,
  created_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  sequence integer default 0 not null,
  series_id uuid,
  recurrence_id timestamp with time zone,
  target_groups text[] default '{}'::text[] not null,
  organiser_ids uuid[] default '{}'::uuid[] not null,
  constraint events_pkey PRIMARY KEY (id),
  constraint events_occurrence_once UNIQUE (series_id, recurrence_id),
  constraint events_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code),
  constraint events_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint events_series_id_fkey FOREIGN KEY (series_id) REFERENCES public.event_series(id) ON DELETE CASCADE,
  constraint events_capacity_check CHECK (capacity >= 1 AND capacity <= 100000),
  constraint events_description_check CHECK (char_length(description) <= 20000),
  constraint events_ends_after_start CHECK (ends_at > starts_at),
  constraint events_format_check CHECK (format = ANY (ARRAY['online'::text, 'in-person'::text, 'hybrid'::text])),
  constraint events_kind_check CHECK (kind = ANY (ARRAY['webinar'::text, 'workshop'::text, 'consultation'::text, 'nri-meeting'::text, 'school'::text, 'igf-session'::text, 'deadline'::text, 'other'::text])),
  constraint events_languages_check CHECK (cardinality(languages) <= 12 AND array_to_string(languages, ','::text) ~ '^([a-z]{2}(,[a-z]{2})*)?$'::text),
  constraint events_last_day_in_order CHECK (ends_on >= starts_on),
  constraint events_occurrence_of_series CHECK ((series_id IS NULL) = (recurrence_id IS NULL)),
  constraint events_registration_in_order CHECK (registration_closes_at > registration_opens_at),
  constraint events_seats_taken_check CHECK (seats_taken >= 0),
  constraint events_sequence_check CHECK (sequence >= 0),
  constraint events_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text AND char_length(slug) <= 80),
  constraint events_status_check CHECK (status = ANY (ARRAY['scheduled'::text, 'moved'::text, 'cancelled'::text])),
  constraint events_target_groups_check CHECK (cardinality(target_groups) <= 12 AND array_to_string(target_groups, ','::text) ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'::text AND private.are_target_groups(target_groups)),
  constraint events_time_zone_check CHECK (char_length(time_zone) <= 64 AND private.is_time_zone(time_zone)),
  constraint events_times_or_days CHECK (NOT all_day AND starts_at IS NOT NULL AND ends_at IS NOT NULL AND starts_on IS NULL AND ends_on IS NULL OR all_day AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND starts_at IS NULL AND ends_at IS NULL),
  constraint events_title_check CHECK (char_length(btrim(title)) >= 2 AND char_length(btrim(title)) <= 200),
  constraint events_topics_check CHECK (cardinality(topics) <= 12 AND array_to_string(topics, ','::text) ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'::text),
  constraint events_venue_address_check CHECK (char_length(venue_address) <= 500),
  constraint events_venue_city_check CHECK (char_length(venue_city) <= 120),
  constraint events_venue_name_check CHECK (char_length(venue_name) <= 200),
  constraint events_venue_when_in_person CHECK (format = 'online'::text OR venue_name IS NOT NULL),
  constraint events_visibility_check CHECK (visibility = ANY (ARRAY['public'::text, 'members'::text, 'programmes'::text]))
);
comment on table public.events is 'The intersessional calendar: webinars, consultations, NRI meetings, schools, deadlines… at instants in their own time zone or on all-day dates, with capacity, visibility and status.';
alter table public.events enable row level security;
create policy "members read public, members' and their own audience's events" on public.events
  for select
  to authenticated
  using (((visibility = ANY (ARRAY['public'::text, 'members'::text])) OR (created_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_platform_admin() AS is_platform_admin) OR (organiser_ids && ( SELECT private.event_audience_ids() AS event_audience_ids))));
create policy "organisers add events" on public.events
  for insert
  to authenticated
  with check (((created_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_platform_admin() AS is_platform_admin) OR ( SELECT private.organises_any() AS organises_any)) AND ((series_id IS NULL) OR private.made_series(series_id))));
create policy "organisers edit their events" on public.events
  for update
  to authenticated
  using (private.can_manage_event(id))
  with check (private.can_manage_event(id));
create policy "visitors read public events" on public.events
  for select
  to anon
  using ((visibility = 'public'::text));
CREATE INDEX events_country_code_idx ON public.events USING btree (country_code);
CREATE INDEX events_created_by_idx ON public.events USING btree (created_by);
CREATE INDEX events_kind_sort_at_idx ON public.events USING btree (kind, sort_at, id);
CREATE INDEX events_languages_idx ON public.events USING gin (languages);
CREATE INDEX events_length_idx ON public.events USING btree (((until_at - sort_at)));
CREATE INDEX events_sort_at_id_idx ON public.events USING btree (sort_at, id);
CREATE INDEX events_target_groups_idx ON public.events USING gin (target_groups);
CREATE INDEX events_topics_idx ON public.events USING gin (topics);
CREATE INDEX events_until_at_idx ON public.events USING btree (until_at);
CREATE TRIGGER events_dispatch_changes AFTER UPDATE ON public.events FOR EACH ROW WHEN (new.sequence > old.sequence) EXECUTE FUNCTION public.events_dispatch_changes();
CREATE TRIGGER events_fill_seats AFTER UPDATE OF capacity ON public.events FOR EACH ROW WHEN (new.capacity IS NULL OR new.capacity > COALESCE(old.capacity, 0)) EXECUTE FUNCTION public.events_fill_seats();
CREATE TRIGGER events_raise_sequence BEFORE UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.events_raise_sequence();
CREATE TRIGGER events_series_bounded BEFORE INSERT ON public.events FOR EACH ROW WHEN (new.series_id IS NOT NULL) EXECUTE FUNCTION public.events_series_bounded();
CREATE TRIGGER events_touch_updated_at BEFORE UPDATE ON public.events FOR EACH ROW WHEN (NOT old.organiser_ids IS DISTINCT FROM new.organiser_ids) EXECUTE FUNCTION public.touch_updated_at();
grant all on table public.events to service_role;
grant select (id, slug, title, description, kind, format, venue_name, venue_address, venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, sort_at, until_at, languages, topics, capacity, seats_taken, registration_opens_at, registration_closes_at, visibility, status, created_by, created_at, updated_at, sequence, series_id, recurrence_id, target_groups) on table public.events to anon;
grant insert (slug, title, description, kind, format, venue_name, venue_address, venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, languages, topics, capacity, registration_opens_at, registration_closes_at, visibility, status, series_id, recurrence_id, target_groups) on table public.events to authenticated;
grant select (id, slug, title, description, kind, format, venue_name, venue_address, venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, sort_at, until_at, languages, topics, capacity, seats_taken, registration_opens_at, registration_closes_at, visibility, status, created_by, created_at, updated_at, sequence, series_id, recurrence_id, target_groups) on table public.events to authenticated;
grant update (slug, title, description, kind, format, venue_name, venue_address, venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, languages, topics, capacity, registration_opens_at, registration_closes_at, visibility, status, target_groups) on table public.events to authenticated;

create table public.igf_meetings (
  year smallint not null,
  city text not null,
  country_code character(2) not null,
  starts_on date not null,
  ends_on date not null,
  constraint igf_meetings_pkey PRIMARY KEY (year),
  constraint igf_meetings_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code),
  constraint igf_meetings_city_check CHECK (char_length(btrim(city)) >= 1 AND char_length(btrim(city)) <= 120),
  constraint igf_meetings_days_in_order CHECK (ends_on >= starts_on),
  constraint igf_meetings_in_its_year CHECK (EXTRACT(year FROM starts_on) = year::numeric),
  constraint igf_meetings_year_check CHECK (year >= 2006 AND year <= 2100)
);
comment on table public.igf_meetings is 'The IGF''s annual meetings (year, host city and country, first and last day): the bounds of the intersessional period.';
alter table public.igf_meetings enable row level security;
create policy "anyone reads the IGF's annual meetings" on public.igf_meetings
  for select
  to anon, authenticated
  using (true);
CREATE INDEX igf_meetings_country_code_idx ON public.igf_meetings USING btree (country_code);
grant select on table public.igf_meetings to anon;
grant select on table public.igf_meetings to authenticated;
grant all on table public.igf_meetings to service_role;

create table public.languages (
  code character(2) not null,
  name text not null,
  native_name text not null,
  is_un_official boolean default false not null,
  names jsonb default '{}'::jsonb not null,
  constraint languages_pkey PRIMARY KEY (code),
  constraint languages_code_check CHECK (code ~ '^[a-z]{2}$'::text),
  constraint languages_names_by_locale CHECK (private.are_names(names))
);
comment on table public.languages is 'ISO 639-1 languages with English and native names; the six official UN languages are marked.';
alter table public.languages enable row level security;
create policy "anyone reads languages" on public.languages
  for select
  to anon, authenticated
  using (true);
CREATE TRIGGER languages_compendium_changed BEFORE INSERT OR DELETE OR UPDATE ON public.languages FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER languages_compendium_truncated BEFORE TRUNCATE ON public.languages FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
grant select on table public.languages to anon;
grant select on table public.languages to authenticated;
grant all on table public.languages to service_role;

create table public.mail_outbox (
  id uuid default gen_random_uuid() not null,
  kind text not null,
  recipient text not null,
  subject text not null,
  text text not null,
  html text not null,
  attempts integer default 0 not null,
  next_attempt_at timestamp with time zone default now() not null,
  sent_at timestamp with time zone,
  last_error text,
  created_at timestamp with time zone default now() not null,
  headers jsonb default '{}'::jsonb not null,
  constraint mail_outbox_pkey PRIMARY KEY (id),
  constraint mail_outbox_kind_fkey FOREIGN KEY (kind) REFERENCES private.mail_kinds(kind),
  constraint mail_outbox_attempts_check CHECK (attempts >= 0),
  constraint mail_outbox_headers_check CHECK (jsonb_typeof(headers) = 'object'::text),
  constraint mail_outbox_html_check CHECK (char_length(html) >= 1 AND char_length(html) <= 50000),
  constraint mail_outbox_last_error_check CHECK (char_length(last_error) <= 1000),
  constraint mail_outbox_recipient_check CHECK (recipient ~ '^[^@\s]+@[^@\s]+$'::text AND char_length(recipient) <= 255),
  constraint mail_outbox_subject_check CHECK (char_length(subject) >= 1 AND char_length(subject) <= 300),
  constraint mail_outbox_text_check CHECK (char_length(text) >= 1 AND char_length(text) <= 20000)
);
comment on table public.mail_outbox is 'Mail the app sends itself through SMTP, one row per message: queued with what it belongs to, claimed by a sender with for update skip locked, retried with backoff. Service-only: it holds other people''s addresses and invitation links, so no API role may read or write it (RLS on, no policies); the server writes and sends it as the service.';
alter table public.mail_outbox enable row level security;
CREATE INDEX mail_outbox_due_idx ON public.mail_outbox USING btree (next_attempt_at, id) WHERE (sent_at IS NULL);
grant all on table public.mail_outbox to service_role;

create table public.mail_settings (
  profile_id uuid not null,
  mentions text default 'each'::text not null,
  watching text default 'daily'::text not null,
  coordination text default 'daily'::text not null,
  updated_at timestamp with time zone default now() not null,
  constraint mail_settings_pkey PRIMARY KEY (profile_id),
  constraint mail_settings_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint mail_settings_coordination_check CHECK (coordination = ANY (ARRAY['each'::text, 'daily'::text, 'off'::text])),
  constraint mail_settings_mentions_check CHECK (mentions = ANY (ARRAY['each'::text, 'daily'::text, 'weekly'::text, 'off'::text])),
  constraint mail_settings_watching_check CHECK (watching = ANY (ARRAY['each'::text, 'daily'::text, 'weekly'::text, 'off'::text]))
);
comment on table public.mail_settings is 'How often a person is mailed about mentions and replies, posts in what they watch, and their coordinator''s work (no row: the defaults).';
alter table public.mail_settings enable row level security;
create policy "people change their mail settings" on public.mail_settings
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people make their mail settings" on public.mail_settings
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people read their mail settings" on public.mail_settings
  for select
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
grant select on table public.mail_settings to authenticated;
grant all on table public.mail_settings to service_role;
grant insert (profile_id, mentions, watching, coordination) on table public.mail_settings to authenticated;
grant update (mentions, watching, coordination, updated_at) on table public.mail_settings to authenticated;

create table public.membership_invitations (
  id uuid default gen_random_uuid() not null,
  programme_id uuid not null,
  cohort_id uuid,
  role text not null,
  email text not null,
  name text,
  token_hash text not null,
  invited_by uuid,
  status text default 'pending'::text not null,
  expires_at timestamp with time zone default (now() + '30 days'::interval) not null,
  accepted_by uuid,
  accepted_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  constraint membership_invitations_pkey PRIMARY KEY (id),
  constraint membership_invitations_token_hash_key UNIQUE (token_hash),
  constraint membership_invitations_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint membership_invitations_cohort_id_fkey FOREIGN KEY (cohort_id) REFERENCES public.cohorts(id) ON DELETE CASCADE,
  constraint membership_invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint membership_invitations_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint membership_invitations_acceptance_recorded CHECK ((status = 'accepted'::text) = (accepted_at IS NOT NULL)),
  constraint membership_invitations_email_check CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'::text AND char_length(email) <= 255),
  constraint membership_invitations_name_check CHECK (char_length(btrim(name)) >= 1 AND char_length(btrim(name)) <= 120),
  constraint membership_invitations_role_check CHECK (role = ANY (ARRAY['alumnus'::text, 'trainer'::text, 'coordinator'::text])),
  constraint membership_invitations_status_check CHECK (status = ANY (ARRAY['pending'::text, 'accepted'::text, 'revoked'::text])),
  constraint membership_invitations_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'::text)
);
comment on table public.membership_invitations is 'Invitations by a programme''s coordinators to join it in a role (and cohort); accepted with a token that only the invitee''s mail carries.';
alter table public.membership_invitations enable row level security;
create policy "coordinators and admins invite" on public.membership_invitations
  for insert
  to authenticated
  with check (((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)) AND (invited_by = ( SELECT auth.uid() AS uid)) AND (status = 'pending'::text) AND (accepted_by IS NULL)));
create policy "coordinators and admins withdraw invitations" on public.membership_invitations
  for update
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)))
  with check (((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)) AND (status = 'revoked'::text)));
create policy "coordinators, admins and invitees read invitations" on public.membership_invitations
  for select
  to authenticated
  using ((((status = 'pending'::text) AND (email = ( SELECT private.my_email() AS my_email))) OR private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX membership_invitations_accepted_by_idx ON public.membership_invitations USING btree (accepted_by);
CREATE INDEX membership_invitations_cohort_id_idx ON public.membership_invitations USING btree (cohort_id);
CREATE INDEX membership_invitations_email_idx ON public.membership_invitations USING btree (email) WHERE (status = 'pending'::text);
CREATE INDEX membership_invitations_invited_by_idx ON public.membership_invitations USING btree (invited_by);
CREATE UNIQUE INDEX membership_invitations_one_pending ON public.membership_invitations USING btree (programme_id, email, role, cohort_id) NULLS NOT DISTINCT WHERE (status = 'pending'::text);
CREATE INDEX membership_invitations_programme_id_created_at_idx ON public.membership_invitations USING btree (programme_id, created_at DESC, id);
CREATE TRIGGER membership_invitations_answered AFTER UPDATE OF status ON public.membership_invitations FOR EACH ROW WHEN (old.status = 'pending'::text AND new.status <> 'pending'::text) EXECUTE FUNCTION private.invitation_notice_clears();
CREATE TRIGGER membership_invitations_cohort_in_programme BEFORE INSERT OR UPDATE OF programme_id, cohort_id ON public.membership_invitations FOR EACH ROW EXECUTE FUNCTION public.check_cohort_in_programme();
CREATE TRIGGER membership_invitations_guard BEFORE UPDATE ON public.membership_invitations FOR EACH ROW EXECUTE FUNCTION public.membership_invitations_guard();
CREATE TRIGGER membership_invitations_notify AFTER INSERT ON public.membership_invitations FOR EACH ROW EXECUTE FUNCTION public.membership_invitations_notify();
CREATE TRIGGER membership_invitations_notify_accepted AFTER UPDATE OF status ON public.membership_invitations FOR EACH ROW WHEN (old.status IS DISTINCT FROM new.status AND new.status = 'accepted'::text) EXECUTE FUNCTION public.membership_invitations_notify_accepted();
CREATE TRIGGER membership_invitations_within_allowance AFTER INSERT ON public.membership_invitations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.membership_invitations_within_allowance();
grant select on table public.membership_invitations to authenticated;
grant all on table public.membership_invitations to service_role;
grant insert (programme_id, cohort_id, role, email, name, token_hash, invited_by) on table public.membership_invitations to authenticated;
grant update (status) on table public.membership_invitations to authenticated;

create table public.memberships (
  id uuid default gen_random_uuid() not null,
  profile_id uuid not null,
  programme_id uuid not null,
  cohort_id uuid,
  role text not null,
  status text default 'pending'::text not null,
  decided_by uuid,
  decided_at timestamp with time zone,
  decline_reason text,
  created_at timestamp with time zone default now() not null,
  constraint memberships_pkey PRIMARY KEY (id),
  constraint memberships_one_claim UNIQUE NULLS NOT DISTINCT (profile_id, programme_id, cohort_id, role),
  constraint memberships_cohort_id_fkey FOREIGN KEY (cohort_id) REFERENCES public.cohorts(id) ON DELETE SET NULL,
  constraint memberships_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint memberships_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint memberships_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint memberships_decision_recorded CHECK (status = 'pending'::text OR decided_at IS NOT NULL),
  constraint memberships_decline_reason_check CHECK (char_length(decline_reason) <= 500),
  constraint memberships_role_check CHECK (role = ANY (ARRAY['alumnus'::text, 'trainer'::text, 'coordinator'::text])),
  constraint memberships_status_check CHECK (status = ANY (ARRAY['pending'::text, 'verified'::text, 'declined'::text]))
);
comment on table public.memberships is 'A person''s role (alumnus, trainer, coordinator) in a programme or one of its cohorts, claimed by them and verified by its coordinators.';
alter table public.memberships enable row level security;
create policy "coordinators and admins verify or decline pending claims" on public.memberships
  for update
  to authenticated
  using (((status = 'pending'::text) AND (private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin))))
  with check (((status = ANY (ARRAY['verified'::text, 'declined'::text])) AND (decided_by = ( SELECT auth.uid() AS uid)) AND (decided_at IS NOT NULL) AND (private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin))));
create policy "members claim memberships for themselves" on public.memberships
  for insert
  to authenticated
  with check (((profile_id = ( SELECT auth.uid() AS uid)) AND (status = 'pending'::text) AND (decided_by IS NULL) AND (decided_at IS NULL)));
create policy "members read visible verified memberships, own and coordinated" on public.memberships
  for select
  to authenticated
  using ((((status = 'verified'::text) AND private.can_see_profile(profile_id)) OR (profile_id = ( SELECT auth.uid() AS uid)) OR private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "members withdraw their own memberships" on public.memberships
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX memberships_cohort_id_idx ON public.memberships USING btree (cohort_id);
CREATE INDEX memberships_decided_by_idx ON public.memberships USING btree (decided_by);
CREATE INDEX memberships_profile_id_idx ON public.memberships USING btree (profile_id);
CREATE INDEX memberships_programme_id_status_idx ON public.memberships USING btree (programme_id, status);
CREATE TRIGGER memberships_cohort_in_programme BEFORE INSERT OR UPDATE OF programme_id, cohort_id ON public.memberships FOR EACH ROW EXECUTE FUNCTION public.check_cohort_in_programme();
CREATE TRIGGER memberships_notify_claim AFTER INSERT ON public.memberships FOR EACH ROW WHEN (new.status = 'pending'::text) EXECUTE FUNCTION public.memberships_notify_claim();
CREATE TRIGGER memberships_notify_decision AFTER UPDATE OF status ON public.memberships FOR EACH ROW WHEN (old.status IS DISTINCT FROM new.status AND (new.status = ANY (ARRAY['verified'::text, 'declined'::text]))) EXECUTE FUNCTION public.memberships_notify_decision();
CREATE TRIGGER memberships_sync_spaces AFTER INSERT OR DELETE OR UPDATE ON public.memberships FOR EACH ROW EXECUTE FUNCTION private.memberships_sync_spaces();
grant delete, insert, select on table public.memberships to authenticated;
grant all on table public.memberships to service_role;
grant update (status, decided_by, decided_at, decline_reason) on table public.memberships to authenticated;

create table public.notice_digests (
  profile_id uuid not null,
  cadence text not null,
  period_start date not null,
  notices integer default 0 not null,
  created_at timestamp with time zone default now() not null,
  constraint notice_digests_pkey PRIMARY KEY (profile_id, cadence, period_start),
  constraint notice_digests_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint notice_digests_cadence_check CHECK (cadence = ANY (ARRAY['daily'::text, 'weekly'::text]))
);
comment on table public.notice_digests is 'Which digest (person, daily or weekly, the period''s first day in their zone) was built, once: what makes the digests idempotent.';
alter table public.notice_digests enable row level security;
grant all on table public.notice_digests to service_role;

create table public.notice_mails (
  notification_id uuid not null,
  profile_id uuid not null,
  family text not null,
  created_at timestamp with time zone default now() not null,
  done_at timestamp with time zone,
  outcome text,
  constraint notice_mails_pkey PRIMARY KEY (notification_id),
  constraint notice_mails_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES public.notifications(id) ON DELETE CASCADE,
  constraint notice_mails_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint notice_mails_done_with_outcome CHECK ((done_at IS NULL) = (outcome IS NULL)),
  constraint notice_mails_family_check CHECK (family = ANY (ARRAY['mentions'::text, 'watching'::text, 'coordination'::text])),
  constraint notice_mails_outcome_check CHECK (outcome = ANY (ARRAY['mailed'::text, 'digested'::text, 'off'::text, 'unreadable'::text, 'stale'::text]))
);
comment on table public.notice_mails is 'Notices that may be mailed (as each happens or in a digest), claimed by the job with skip locked and marked done with what became of them.';
alter table public.notice_mails enable row level security;
CREATE INDEX notice_mails_due_idx ON public.notice_mails USING btree (created_at) WHERE (done_at IS NULL);
CREATE INDEX notice_mails_profile_due_idx ON public.notice_mails USING btree (profile_id, created_at) WHERE (done_at IS NULL);
grant all on table public.notice_mails to service_role;

create table public.notifications (
  id uuid default gen_random_uuid() not null,
  recipient_id uuid not null,
  kind text not null,
  payload jsonb default '{}'::jsonb not null,
  created_at timestamp with time zone default now() not null,
  read_at timestamp with time zone,
  constraint notifications_pkey PRIMARY KEY (id),
  constraint notifications_kind_fkey FOREIGN KEY (kind) REFERENCES private.notification_kinds(kind),
  constraint notifications_recipient_id_fkey FOREIGN KEY (recipient_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint notifications_payload_check CHECK (jsonb_typeof(payload) = 'object'::text)
);
comment on table public.notifications is 'What the system tells one person (a decision on their claim, an invitation). Written only by security-definer triggers; the recipient reads them and marks them read.';
alter table public.notifications enable row level security;
create policy "people mark their own notifications read" on public.notifications
  for update
  to authenticated
  using ((recipient_id = ( SELECT auth.uid() AS uid)))
  with check ((recipient_id = ( SELECT auth.uid() AS uid)));
create policy "people read their own notifications" on public.notifications
  for select
  to authenticated
  using ((recipient_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX notifications_recipient_id_created_at_id_idx ON public.notifications USING btree (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON public.notifications USING btree (recipient_id) WHERE (read_at IS NULL);
CREATE TRIGGER notifications_queue_mail AFTER INSERT ON public.notifications FOR EACH ROW EXECUTE FUNCTION private.notifications_queue_mail();
grant select on table public.notifications to authenticated;
grant all on table public.notifications to service_role;
grant update (read_at) on table public.notifications to authenticated;

create table public.organisations (
  id uuid default gen_random_uuid() not null,
  slug text not null,
  name text not null,
  short_name text,
  stakeholder_group text,
  country_code character(2),
  website text,
  description text,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint organisations_pkey PRIMARY KEY (id),
  constraint organisations_slug_key UNIQUE (slug),
  constraint organisations_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code),
  constraint organisations_stakeholder_group_fkey FOREIGN KEY (stakeholder_group) REFERENCES public.stakeholder_groups(slug),
  constraint organisations_description_check CHECK (char_length(description) <= 8000),
  constraint organisations_name_check CHECK (char_length(btrim(name)) >= 2 AND char_length(btrim(name)) <= 200),
  constraint organisations_short_name_check CHECK (char_length(short_name) <= 40),
  constraint organisations_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text AND char_length(slug) <= 80),
  constraint organisations_website_check CHECK (website ~ '^https?://'::text)
);
comment on table public.organisations is 'Universities, foundations, intergovernmental bodies, IGF initiatives and others that run capacity-building programmes.';
alter table public.organisations enable row level security;
create policy "admins add organisations" on public.organisations
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins edit organisations" on public.organisations
  for update
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "anyone reads organisations" on public.organisations
  for select
  to anon, authenticated
  using (true);
CREATE INDEX organisations_country_code_idx ON public.organisations USING btree (country_code);
CREATE INDEX organisations_stakeholder_group_idx ON public.organisations USING btree (stakeholder_group);
CREATE TRIGGER organisations_touch_updated_at BEFORE UPDATE ON public.organisations FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.organisations to anon;
grant select on table public.organisations to authenticated;
grant all on table public.organisations to service_role;
grant insert (slug, name, short_name, stakeholder_group, country_code, website, description) on table public.organisations to authenticated;
grant update (slug, name, short_name, stakeholder_group, country_code, website, description) on table public.organisations to authenticated;

create table public.positions (
  id uuid default gen_random_uuid() not null,
  profile_id uuid not null,
  title text not null,
  organisation text not null,
  kind text not null,
  starts_on date,
  ends_on date,
  created_at timestamp with time zone default now() not null,
  constraint positions_pkey PRIMARY KEY (id),
  constraint positions_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint positions_dates_in_order CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  constraint positions_kind_check CHECK (kind = ANY (ARRAY['government'::text, 'regulator'::text, 'parliament'::text, 'intergovernmental'::text, 'private-sector'::text, 'civil-society'::text, 'academia'::text, 'technical-community'::text])),
  constraint positions_organisation_check CHECK (char_length(btrim(organisation)) >= 1 AND char_length(btrim(organisation)) <= 200),
  constraint positions_title_check CHECK (char_length(btrim(title)) >= 1 AND char_length(btrim(title)) <= 160)
);
comment on table public.positions is 'Positions a person has held over time (audience: positions_visibility): the raw material of impact metrics.';
alter table public.positions enable row level security;
create policy "people add their own positions" on public.positions
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people change their own positions" on public.positions
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people remove their own positions" on public.positions
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people see positions they may see" on public.positions
  for select
  to anon, authenticated
  using (private.can_see_field(profile_id, 'positions'::text));
CREATE INDEX positions_profile_id_idx ON public.positions USING btree (profile_id, starts_on DESC);
CREATE TRIGGER positions_deleted AFTER DELETE ON public.positions REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
CREATE TRIGGER positions_inserted AFTER INSERT ON public.positions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
CREATE TRIGGER positions_updated AFTER UPDATE ON public.positions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
grant select on table public.positions to anon;
grant delete, insert, select, update on table public.positions to authenticated;
grant all on table public.positions to service_role;

create table public.post_mentions (
  post_id uuid not null,
  profile_id uuid not null,
  constraint post_mentions_pkey PRIMARY KEY (post_id, profile_id),
  constraint post_mentions_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE,
  constraint post_mentions_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE
);
comment on table public.post_mentions is 'Who a post mentions (@handle), among the people who may read its space.';
alter table public.post_mentions enable row level security;
create policy "the mentioned and the post's readers read mentions" on public.post_mentions
  for select
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR (EXISTS ( SELECT 1
   FROM public.posts p
  WHERE ((p.id = post_mentions.post_id) AND (p.space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[])))))));
CREATE INDEX post_mentions_profile_id_idx ON public.post_mentions USING btree (profile_id);
grant select on table public.post_mentions to authenticated;
grant all on table public.post_mentions to service_role;

create table public.post_reactions (
  post_id uuid not null,
  profile_id uuid not null,
  reaction text not null,
  created_at timestamp with time zone default now() not null,
  constraint post_reactions_pkey PRIMARY KEY (post_id, reaction, profile_id),
  constraint post_reactions_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE,
  constraint post_reactions_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint post_reactions_reaction_check CHECK (reaction = ANY (ARRAY['like'::text, 'thanks'::text, 'insightful'::text, 'agree'::text, 'question'::text]))
);
comment on table public.post_reactions is 'Reactions to a post, from a small fixed set; one of each per person per post.';
alter table public.post_reactions enable row level security;
create policy "members react to posts in their spaces" on public.post_reactions
  for insert
  to authenticated
  with check (((profile_id = ( SELECT auth.uid() AS uid)) AND (EXISTS ( SELECT 1
   FROM public.posts p
  WHERE ((p.id = post_reactions.post_id) AND (p.hidden_at IS NULL) AND (p.removed_at IS NULL) AND private.can_post_in_space(p.space_id))))));
create policy "people read reactions to posts they may read" on public.post_reactions
  for select
  to anon, authenticated
  using ((EXISTS ( SELECT 1
   FROM public.posts p
  WHERE ((p.id = post_reactions.post_id) AND (p.space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[]))))));
create policy "people take back their reactions" on public.post_reactions
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX post_reactions_profile_id_idx ON public.post_reactions USING btree (profile_id);
grant select on table public.post_reactions to anon;
grant delete, select on table public.post_reactions to authenticated;
grant all on table public.post_reactions to service_role;
grant insert (post_id, profile_id, reaction) on table public.post_reactions to authenticated;

create table public.post_reports (
  id uuid default gen_random_uuid() not null,
  post_id uuid not null,
  space_id uuid not null,
  reporter_id uuid,
  reason text not null,
  note text,
  status text default 'pending'::text not null,
  decided_by uuid,
  decided_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  constraint post_reports_pkey PRIMARY KEY (id),
  constraint post_reports_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint post_reports_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE,
  constraint post_reports_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint post_reports_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint post_reports_decision_recorded CHECK (status = 'pending'::text OR decided_at IS NOT NULL),
  constraint post_reports_note_check CHECK (char_length(note) <= 500),
  constraint post_reports_reason_check CHECK (reason = ANY (ARRAY['spam'::text, 'harassment'::text, 'off_topic'::text, 'private_information'::text, 'other'::text])),
  constraint post_reports_status_check CHECK (status = ANY (ARRAY['pending'::text, 'hidden'::text, 'dismissed'::text]))
);
comment on table public.post_reports is 'Reports of posts, with a reason; decided by the space''s moderators (hide the post, or dismiss).';
alter table public.post_reports enable row level security;
create policy "readers report posts they may read, not their own" on public.post_reports
  for insert
  to authenticated
  with check (((reporter_id = ( SELECT auth.uid() AS uid)) AND (EXISTS ( SELECT 1
   FROM public.posts p
  WHERE ((p.id = post_reports.post_id) AND (p.space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[])) AND (p.author_id IS DISTINCT FROM ( SELECT auth.uid() AS uid)))))));
create policy "reporters and the space's moderators read reports" on public.post_reports
  for select
  to authenticated
  using (((reporter_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id)));
create policy "the space's moderators decide reports" on public.post_reports
  for update
  to authenticated
  using (((status = 'pending'::text) AND private.is_space_moderator(space_id)))
  with check (((status = ANY (ARRAY['hidden'::text, 'dismissed'::text])) AND private.is_space_moderator(space_id)));
CREATE INDEX post_reports_decided_by_idx ON public.post_reports USING btree (decided_by);
CREATE UNIQUE INDEX post_reports_one_pending ON public.post_reports USING btree (post_id, reporter_id) WHERE (status = 'pending'::text);
CREATE INDEX post_reports_post_id_idx ON public.post_reports USING btree (post_id);
CREATE INDEX post_reports_queue_idx ON public.post_reports USING btree (space_id, status, created_at);
CREATE INDEX post_reports_reporter_id_idx ON public.post_reports USING btree (reporter_id);
CREATE TRIGGER post_reports_before_insert BEFORE INSERT ON public.post_reports FOR EACH ROW EXECUTE FUNCTION private.post_reports_before_insert();
CREATE TRIGGER post_reports_before_update BEFORE UPDATE ON public.post_reports FOR EACH ROW EXECUTE FUNCTION private.post_reports_before_update();
CREATE TRIGGER post_reports_log AFTER UPDATE OF status ON public.post_reports FOR EACH ROW WHEN (old.status = 'pending'::text AND new.status <> 'pending'::text) EXECUTE FUNCTION private.post_reports_log();
grant select on table public.post_reports to authenticated;
grant all on table public.post_reports to service_role;
grant insert (post_id, reporter_id, reason, note) on table public.post_reports to authenticated;
grant update (status) on table public.post_reports to authenticated;

create table public.post_revisions (
  id bigint generated always as identity not null,
  post_id uuid not null,
  body text not null,
  revised_at timestamp with time zone default now() not null,
  revised_by uuid,
  constraint post_revisions_pkey PRIMARY KEY (id),
  constraint post_revisions_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE,
  constraint post_revisions_revised_by_fkey FOREIGN KEY (revised_by) REFERENCES public.profiles(id) ON DELETE SET NULL
);
comment on table public.post_revisions is 'The earlier texts of an edited or removed post, read by its author and the space''s moderators.';
alter table public.post_revisions enable row level security;
create policy "authors and moderators read earlier texts" on public.post_revisions
  for select
  to authenticated
  using ((EXISTS ( SELECT 1
   FROM public.posts p
  WHERE ((p.id = post_revisions.post_id) AND ((p.author_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(p.space_id))))));
CREATE INDEX post_revisions_post_id_idx ON public.post_revisions USING btree (post_id, revised_at);
CREATE INDEX post_revisions_revised_by_idx ON public.post_revisions USING btree (revised_by);
grant select on table public.post_revisions to authenticated;
grant all on table public.post_revisions to service_role;

create table public.posts (
  id uuid default gen_random_uuid() not null,
  thread_id uuid not null,
  space_id uuid not null,
  number integer not null,
  author_id uuid,
  reply_to integer,
  body text not null,
  edited_at timestamp with time zone,
  removed_at timestamp with time zone,
  hidden_at timestamp with time zone,
  hidden_by uuid,
  hidden_reason text,
  created_at timestamp with time zone default now() not null,
  text_language text not null,
  search tsvector generated always as (
CASE
    WHEN ((removed_at IS NULL) AND (hidden_at IS NULL)) THEN private.search_vector(body, text_language, 'B'::"char")
    ELSE NULL::tsvector
END) stored,
  constraint posts_pkey PRIMARY KEY (id),
  constraint posts_number_unique UNIQUE (thread_id, number),
  constraint posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint posts_hidden_by_fkey FOREIGN KEY (hidden_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint posts_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint posts_text_language_fkey FOREIGN KEY (text_language) REFERENCES public.languages(code),
  constraint posts_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.threads(id) ON DELETE CASCADE,
  constraint posts_body_check CHECK (char_length(body) <= 20000),
  constraint posts_hidden_reason_check CHECK (char_length(hidden_reason) <= 500),
  constraint posts_hidden_with_reason CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL)),
  constraint posts_reply_before CHECK (reply_to IS NULL OR reply_to >= 1 AND reply_to < number)
);
comment on table public.posts is 'A thread''s posts, numbered 1, 2, 3… (1 opens it). The body is Markdown, rendered and sanitised by the server when read.';
alter table public.posts enable row level security;
create policy "authors edit and remove, moderators hide" on public.posts
  for update
  to authenticated
  using (((space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[])) AND ((author_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id))))
  with check (((author_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id)));
create policy "members post in their spaces" on public.posts
  for insert
  to authenticated
  with check (((author_id = ( SELECT auth.uid() AS uid)) AND private.can_post_in_space(space_id)));
create policy "people read posts of spaces they may read" on public.posts
  for select
  to anon, authenticated
  using (((space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[])) AND ((hidden_at IS NULL) OR (author_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id))));
CREATE INDEX posts_author_id_idx ON public.posts USING btree (author_id, created_at DESC);
CREATE INDEX posts_created_at_idx ON public.posts USING btree (created_at DESC);
CREATE INDEX posts_hidden_by_idx ON public.posts USING btree (hidden_by);
CREATE INDEX posts_search_idx ON public.posts USING gin (search);
CREATE INDEX posts_space_author_idx ON public.posts USING btree (space_id, author_id);
CREATE INDEX posts_space_created_at_idx ON public.posts USING btree (space_id, created_at DESC);
CREATE INDEX posts_text_language_idx ON public.posts USING btree (text_language);
CREATE TRIGGER posts_aa_new_account_limits BEFORE INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_new_account_limits();
CREATE TRIGGER posts_after_insert AFTER INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_after_insert();
CREATE TRIGGER posts_after_update AFTER UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_after_update();
CREATE TRIGGER posts_before_insert BEFORE INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_before_insert();
CREATE TRIGGER posts_before_update BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_before_update();
CREATE TRIGGER posts_log_moderation AFTER UPDATE OF hidden_at ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_log_moderation();
CREATE TRIGGER posts_tell AFTER INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_tell();
CREATE TRIGGER posts_tell_hidden AFTER UPDATE OF hidden_at ON public.posts FOR EACH ROW WHEN (old.hidden_at IS NULL AND new.hidden_at IS NOT NULL) EXECUTE FUNCTION private.posts_tell_hidden();
CREATE TRIGGER posts_text_language BEFORE INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION private.posts_text_language();
grant select on table public.posts to anon;
grant select on table public.posts to authenticated;
grant all on table public.posts to service_role;
grant insert (id, thread_id, author_id, reply_to, body, text_language) on table public.posts to authenticated;
grant update (body, removed_at, hidden_at, hidden_reason) on table public.posts to authenticated;

create table public.profile_languages (
  profile_id uuid not null,
  language_code character(2) not null,
  level text not null,
  constraint profile_languages_pkey PRIMARY KEY (profile_id, language_code),
  constraint profile_languages_language_code_fkey FOREIGN KEY (language_code) REFERENCES public.languages(code),
  constraint profile_languages_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint profile_languages_level_check CHECK (level = ANY (ARRAY['basic'::text, 'conversational'::text, 'professional'::text, 'native'::text]))
);
comment on table public.profile_languages is 'The languages a person speaks, with a level (audience: languages_visibility).';
alter table public.profile_languages enable row level security;
create policy "people add their own languages" on public.profile_languages
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people change their own languages" on public.profile_languages
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people remove their own languages" on public.profile_languages
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people see languages they may see" on public.profile_languages
  for select
  to anon, authenticated
  using (private.can_see_field(profile_id, 'languages'::text));
CREATE INDEX profile_languages_language_code_idx ON public.profile_languages USING btree (language_code);
CREATE TRIGGER profile_languages_deleted AFTER DELETE ON public.profile_languages REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
CREATE TRIGGER profile_languages_inserted AFTER INSERT ON public.profile_languages REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
CREATE TRIGGER profile_languages_updated AFTER UPDATE ON public.profile_languages REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
grant select on table public.profile_languages to anon;
grant delete, insert, select, update on table public.profile_languages to authenticated;
grant all on table public.profile_languages to service_role;

create table public.profile_links (
  id uuid default gen_random_uuid() not null,
  profile_id uuid not null,
  kind text not null,
  url text not null,
  label text,
  created_at timestamp with time zone default now() not null,
  constraint profile_links_pkey PRIMARY KEY (id),
  constraint profile_links_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint profile_links_kind_check CHECK (kind = ANY (ARRAY['website'::text, 'linkedin'::text, 'mastodon'::text, 'bluesky'::text, 'github'::text, 'orcid'::text, 'other'::text])),
  constraint profile_links_label_check CHECK (char_length(label) <= 80),
  constraint profile_links_url_check CHECK (url ~ '^https?://[^\s]+$'::text AND char_length(url) <= 500)
);
comment on table public.profile_links is 'A person''s links: website, LinkedIn, Mastodon and others (audience: links_visibility).';
alter table public.profile_links enable row level security;
create policy "people add their own links" on public.profile_links
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people remove their own links" on public.profile_links
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people see links they may see" on public.profile_links
  for select
  to anon, authenticated
  using (private.can_see_field(profile_id, 'links'::text));
CREATE INDEX profile_links_profile_id_idx ON public.profile_links USING btree (profile_id);
grant select on table public.profile_links to anon;
grant delete, insert, select on table public.profile_links to authenticated;
grant all on table public.profile_links to service_role;

create table public.profile_topics (
  profile_id uuid not null,
  topic_slug text not null,
  constraint profile_topics_pkey PRIMARY KEY (profile_id, topic_slug),
  constraint profile_topics_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint profile_topics_topic_slug_fkey FOREIGN KEY (topic_slug) REFERENCES public.topics(slug)
);
comment on table public.profile_topics is 'The topics a person has expertise in (audience: topics_visibility).';
alter table public.profile_topics enable row level security;
create policy "people add their own topics" on public.profile_topics
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people remove their own topics" on public.profile_topics
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people see topics they may see" on public.profile_topics
  for select
  to anon, authenticated
  using (private.can_see_field(profile_id, 'topics'::text));
CREATE INDEX profile_topics_topic_slug_idx ON public.profile_topics USING btree (topic_slug);
CREATE TRIGGER profile_topics_deleted AFTER DELETE ON public.profile_topics REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
CREATE TRIGGER profile_topics_inserted AFTER INSERT ON public.profile_topics REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.touch_profiles_of_changed_rows();
grant select on table public.profile_topics to anon;
grant delete, insert, select on table public.profile_topics to authenticated;
grant all on table public.profile_topics to service_role;

create table public.profiles (
  id uuid not null,
  handle text not null,
  display_name text not null,
  headline text,
  bio text,
  country_code character(2),
  city text,
  stakeholder_group text,
  time_zone text,
  visibility public.audience default 'members'::public.audience not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  current_position text,
  current_organisation text,
  open_to text[] default '{}'::text[] not null,
  aggregate_consent boolean default false not null,
  onboarded_at timestamp with time zone,
  headline_visibility public.audience default 'members'::public.audience not null,
  bio_visibility public.audience default 'members'::public.audience not null,
  location_visibility public.audience default 'members'::public.audience not null,
  city_visibility public.audience default 'programmes'::public.audience not null,
  stakeholder_visibility public.audience default 'members'::public.audience not null,
  work_visibility public.audience default 'members'::public.audience not null,
  positions_visibility public.audience default 'members'::public.audience not null,
  topics_visibility public.audience default 'members'::public.audience not null,
  languages_visibility public.audience default 'members'::public.audience not null,
  time_zone_visibility public.audience default 'members'::public.audience not null,
  links_visibility public.audience default 'members'::public.audience not null,
  open_to_visibility public.audience default 'members'::public.audience not null,
  email_visibility public.audience default 'private'::public.audience not null,
  name_search text,
  search_public tsvector,
  search_members tsvector,
  search_programmes tsvector,
  facets_public text[],
  facets_members text[],
  facets_programmes text[],
  directory_score real default 0 not null,
  directory_score_public real,
  joined_at timestamp with time zone,
  locale text,
  constraint profiles_pkey PRIMARY KEY (id),
  constraint profiles_handle_key UNIQUE (handle),
  constraint profiles_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code),
  constraint profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE,
  constraint profiles_stakeholder_group_fkey FOREIGN KEY (stakeholder_group) REFERENCES public.stakeholder_groups(slug),
  constraint profiles_bio_check CHECK (char_length(bio) <= 8000),
  constraint profiles_city_check CHECK (char_length(city) <= 120),
  constraint profiles_current_organisation_check CHECK (char_length(current_organisation) <= 200),
  constraint profiles_current_position_check CHECK (char_length(current_position) <= 160),
  constraint profiles_display_name_check CHECK (char_length(btrim(display_name)) >= 1 AND char_length(btrim(display_name)) <= 120),
  constraint profiles_handle_check CHECK (handle ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'::text),
  constraint profiles_headline_check CHECK (char_length(headline) <= 160),
  constraint profiles_locale_check CHECK (locale = ANY (ARRAY['en'::text, 'ar'::text, 'zh'::text, 'fr'::text, 'ru'::text, 'es'::text])),
  constraint profiles_open_to_check CHECK (open_to <@ ARRAY['mentoring'::text, 'being-mentored'::text, 'speaking'::text, 'collaborating'::text]),
  constraint profiles_time_zone_check CHECK (char_length(time_zone) <= 64)
);
comment on table public.profiles is 'One per person (1:1 with auth.users): how they present themselves to the network. Created by handle_new_user.';
alter table public.profiles enable row level security;
create policy "people see profiles shared with them, and their own" on public.profiles
  for select
  to anon, authenticated
  using ((visibility <= private.viewer_reach(id)));
create policy "people update their own profile" on public.profiles
  for update
  to authenticated
  using ((id = ( SELECT auth.uid() AS uid)))
  with check ((id = ( SELECT auth.uid() AS uid)));
CREATE INDEX profiles_country_code_idx ON public.profiles USING btree (country_code);
CREATE INDEX profiles_directory_order_idx ON public.profiles USING btree (directory_score DESC, id DESC);
CREATE INDEX profiles_directory_public_order_idx ON public.profiles USING btree (directory_score_public DESC, id DESC) WHERE (search_public IS NOT NULL);
CREATE INDEX profiles_display_name_idx ON public.profiles USING btree (display_name, id);
CREATE INDEX profiles_facets_members_idx ON public.profiles USING gin (facets_members) WHERE (facets_members IS NOT NULL);
CREATE INDEX profiles_facets_programmes_idx ON public.profiles USING gin (facets_programmes) WHERE (facets_programmes IS NOT NULL);
CREATE INDEX profiles_facets_public_idx ON public.profiles USING gin (facets_public) WHERE (facets_public IS NOT NULL);
CREATE INDEX profiles_name_search_trgm_idx ON public.profiles USING gin (name_search extensions.gin_trgm_ops);
CREATE INDEX profiles_name_words_idx ON public.profiles USING gin (to_tsvector('simple'::regconfig, name_search));
CREATE INDEX profiles_newest_idx ON public.profiles USING btree (created_at DESC, id DESC);
CREATE INDEX profiles_search_members_idx ON public.profiles USING gin (search_members) WHERE (search_members IS NOT NULL);
CREATE INDEX profiles_search_programmes_idx ON public.profiles USING gin (search_programmes) WHERE (search_programmes IS NOT NULL);
CREATE INDEX profiles_search_public_idx ON public.profiles USING gin (search_public) WHERE (search_public IS NOT NULL);
CREATE INDEX profiles_stakeholder_group_idx ON public.profiles USING btree (stakeholder_group);
CREATE TRIGGER profiles_hidden_until_joined BEFORE INSERT OR UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.profiles_hidden_until_joined();
CREATE TRIGGER profiles_index BEFORE INSERT OR UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.profiles_index();
CREATE TRIGGER profiles_touch_updated_at BEFORE UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant all on table public.profiles to service_role;
grant select (id, handle, display_name, visibility, created_at) on table public.profiles to anon;
grant select (id, handle, display_name, visibility, created_at) on table public.profiles to authenticated;
grant update (handle, display_name, headline, bio, country_code, city, stakeholder_group, time_zone, visibility, current_position, current_organisation, open_to, aggregate_consent, onboarded_at, headline_visibility, bio_visibility, location_visibility, city_visibility, stakeholder_visibility, work_visibility, positions_visibility, topics_visibility, languages_visibility, time_zone_visibility, links_visibility, open_to_visibility, email_visibility, locale) on table public.profiles to authenticated;

create table public.programme_countries (
  programme_id uuid not null,
  country_code character(2) not null,
  constraint programme_countries_pkey PRIMARY KEY (programme_id, country_code),
  constraint programme_countries_country_code_fkey FOREIGN KEY (country_code) REFERENCES public.countries(code) ON DELETE CASCADE,
  constraint programme_countries_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_countries_record_version TRIGGER DEFERRABLE INITIALLY DEFERRED
);
comment on table public.programme_countries is 'The countries whose people a programme takes (a national or local programme''s scope).';
alter table public.programme_countries enable row level security;
create policy "anyone reads programme_countries" on public.programme_countries
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins add programme_countries" on public.programme_countries
  for insert
  to authenticated
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins remove programme_countries" on public.programme_countries
  for delete
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_countries_country_code_idx ON public.programme_countries USING btree (country_code);
CREATE TRIGGER programme_countries_added AFTER INSERT ON public.programme_countries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
CREATE CONSTRAINT TRIGGER programme_countries_record_version AFTER INSERT OR DELETE ON public.programme_countries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.programme_record_version();
CREATE TRIGGER programme_countries_removed AFTER DELETE ON public.programme_countries REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
grant select on table public.programme_countries to anon;
grant delete, insert, select on table public.programme_countries to authenticated;
grant all on table public.programme_countries to service_role;

create table public.programme_languages (
  programme_id uuid not null,
  language_code character(2) not null,
  constraint programme_languages_pkey PRIMARY KEY (programme_id, language_code),
  constraint programme_languages_language_code_fkey FOREIGN KEY (language_code) REFERENCES public.languages(code) ON DELETE CASCADE,
  constraint programme_languages_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_languages_record_version TRIGGER DEFERRABLE INITIALLY DEFERRED
);
comment on table public.programme_languages is 'The languages a programme is taught in.';
alter table public.programme_languages enable row level security;
create policy "anyone reads programme_languages" on public.programme_languages
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins add programme_languages" on public.programme_languages
  for insert
  to authenticated
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins remove programme_languages" on public.programme_languages
  for delete
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_languages_language_code_idx ON public.programme_languages USING btree (language_code);
CREATE TRIGGER programme_languages_added AFTER INSERT ON public.programme_languages REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
CREATE CONSTRAINT TRIGGER programme_languages_record_version AFTER INSERT OR DELETE ON public.programme_languages DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.programme_record_version();
CREATE TRIGGER programme_languages_removed AFTER DELETE ON public.programme_languages REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
grant select on table public.programme_languages to anon;
grant delete, insert, select on table public.programme_languages to authenticated;
grant all on table public.programme_languages to service_role;

create table public.programme_regions (
  programme_id uuid not null,
  region_code character(3) not null,
  constraint programme_regions_pkey PRIMARY KEY (programme_id, region_code),
  constraint programme_regions_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_regions_region_code_fkey FOREIGN KEY (region_code) REFERENCES public.regions(code) ON DELETE CASCADE,
  constraint programme_regions_record_version TRIGGER DEFERRABLE INITIALLY DEFERRED
);
comment on table public.programme_regions is 'The UN M49 regions whose people a programme takes (a regional programme''s scope).';
alter table public.programme_regions enable row level security;
create policy "anyone reads programme_regions" on public.programme_regions
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins add programme_regions" on public.programme_regions
  for insert
  to authenticated
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins remove programme_regions" on public.programme_regions
  for delete
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_regions_region_code_idx ON public.programme_regions USING btree (region_code);
CREATE TRIGGER programme_regions_added AFTER INSERT ON public.programme_regions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
CREATE CONSTRAINT TRIGGER programme_regions_record_version AFTER INSERT OR DELETE ON public.programme_regions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.programme_record_version();
CREATE TRIGGER programme_regions_removed AFTER DELETE ON public.programme_regions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
grant select on table public.programme_regions to anon;
grant delete, insert, select on table public.programme_regions to authenticated;
grant all on table public.programme_regions to service_role;

create table public.programme_suggestions (
  id uuid default gen_random_uuid() not null,
  programme_id uuid not null,
  author_id uuid default auth.uid() not null,
  field text,
  proposal text,
  status text default 'pending'::text not null,
  decided_by uuid,
  decided_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  proposed_value jsonb,
  based_on jsonb,
  decision_reason text,
  constraint programme_suggestions_pkey PRIMARY KEY (id),
  constraint programme_suggestions_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint programme_suggestions_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint programme_suggestions_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_suggestions_changes_something CHECK (proposed_value IS NULL OR proposed_value IS DISTINCT FROM based_on),
  constraint programme_suggestions_decision_reason_check CHECK (char_length(btrim(decision_reason)) >= 1 AND char_length(btrim(decision_reason)) <= 500),
  constraint programme_suggestions_decision_recorded CHECK (status = 'pending'::text OR decided_at IS NOT NULL),
  constraint programme_suggestions_field_check CHECK (field = ANY (ARRAY['name'::text, 'summary'::text, 'description'::text, 'website'::text, 'kind'::text, 'format'::text, 'level'::text, 'components'::text, 'duration'::text, 'cost'::text, 'fellowships'::text, 'applications'::text, 'status'::text, 'topics'::text, 'target-groups'::text, 'languages'::text, 'scope'::text, 'cohorts'::text])),
  constraint programme_suggestions_proposal_check CHECK (char_length(btrim(proposal)) >= 1 AND char_length(btrim(proposal)) <= 4000),
  constraint programme_suggestions_says_something CHECK (proposed_value IS NOT NULL OR proposal IS NOT NULL),
  constraint programme_suggestions_status_check CHECK (status = ANY (ARRAY['pending'::text, 'accepted'::text, 'dismissed'::text])),
  constraint programme_suggestions_value_fits CHECK (public.suggestion_value_fits(field, proposed_value))
);
comment on table public.programme_suggestions is 'A member''s suggested correction to a programme''s page, decided on by its coordinators or an admin.';
alter table public.programme_suggestions enable row level security;
create policy "coordinators and admins decide on suggestions" on public.programme_suggestions
  for update
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)))
  with check (((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)) AND (decided_by = ( SELECT auth.uid() AS uid))));
create policy "members suggest edits as themselves" on public.programme_suggestions
  for insert
  to authenticated
  with check (((author_id = ( SELECT auth.uid() AS uid)) AND (status = 'pending'::text) AND (decided_by IS NULL) AND (decided_at IS NULL)));
create policy "members, coordinators and admins read suggestions" on public.programme_suggestions
  for select
  to authenticated
  using (((author_id = ( SELECT auth.uid() AS uid)) OR private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_suggestions_author_id_idx ON public.programme_suggestions USING btree (author_id);
CREATE INDEX programme_suggestions_decided_by_idx ON public.programme_suggestions USING btree (decided_by);
CREATE INDEX programme_suggestions_programme_id_status_idx ON public.programme_suggestions USING btree (programme_id, status, created_at DESC);
CREATE TRIGGER programme_suggestions_based_on BEFORE INSERT ON public.programme_suggestions FOR EACH ROW EXECUTE FUNCTION public.programme_suggestions_based_on();
CREATE TRIGGER programme_suggestions_guard BEFORE UPDATE ON public.programme_suggestions FOR EACH ROW EXECUTE FUNCTION public.programme_suggestions_guard();
CREATE TRIGGER programme_suggestions_notify_decision AFTER UPDATE OF status ON public.programme_suggestions FOR EACH ROW WHEN (old.status = 'pending'::text AND (new.status = ANY (ARRAY['accepted'::text, 'dismissed'::text])) AND new.author_id IS DISTINCT FROM new.decided_by) EXECUTE FUNCTION public.programme_suggestions_notify_decision();
CREATE TRIGGER programme_suggestions_notify_received AFTER INSERT ON public.programme_suggestions FOR EACH ROW WHEN (new.status = 'pending'::text) EXECUTE FUNCTION public.programme_suggestions_notify_received();
grant select on table public.programme_suggestions to authenticated;
grant all on table public.programme_suggestions to service_role;
grant insert (programme_id, author_id, field, proposal, proposed_value) on table public.programme_suggestions to authenticated;
grant update (status, decided_by, decided_at, decision_reason) on table public.programme_suggestions to authenticated;

create table public.programme_target_groups (
  programme_id uuid not null,
  target_group_slug text not null,
  constraint programme_target_groups_pkey PRIMARY KEY (programme_id, target_group_slug),
  constraint programme_target_groups_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_target_groups_target_group_slug_fkey FOREIGN KEY (target_group_slug) REFERENCES public.target_groups(slug) ON DELETE CASCADE,
  constraint programme_target_groups_record_version TRIGGER DEFERRABLE INITIALLY DEFERRED
);
comment on table public.programme_target_groups is 'The audiences a programme is designed for.';
alter table public.programme_target_groups enable row level security;
create policy "anyone reads programme_target_groups" on public.programme_target_groups
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins add programme_target_groups" on public.programme_target_groups
  for insert
  to authenticated
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins remove programme_target_groups" on public.programme_target_groups
  for delete
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_target_groups_target_group_slug_idx ON public.programme_target_groups USING btree (target_group_slug);
CREATE TRIGGER programme_target_groups_added AFTER INSERT ON public.programme_target_groups REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
CREATE CONSTRAINT TRIGGER programme_target_groups_record_version AFTER INSERT OR DELETE ON public.programme_target_groups DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.programme_record_version();
CREATE TRIGGER programme_target_groups_removed AFTER DELETE ON public.programme_target_groups REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
grant select on table public.programme_target_groups to anon;
grant delete, insert, select on table public.programme_target_groups to authenticated;
grant all on table public.programme_target_groups to service_role;

create table public.programme_topics (
  programme_id uuid not null,
  topic_slug text not null,
  constraint programme_topics_pkey PRIMARY KEY (programme_id, topic_slug),
  constraint programme_topics_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_topics_topic_slug_fkey FOREIGN KEY (topic_slug) REFERENCES public.topics(slug) ON DELETE CASCADE,
  constraint programme_topics_record_version TRIGGER DEFERRABLE INITIALLY DEFERRED
);
comment on table public.programme_topics is 'The Internet governance topics a programme teaches.';
alter table public.programme_topics enable row level security;
create policy "anyone reads programme_topics" on public.programme_topics
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins add programme_topics" on public.programme_topics
  for insert
  to authenticated
  with check ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "coordinators and admins remove programme_topics" on public.programme_topics
  for delete
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_topics_topic_slug_idx ON public.programme_topics USING btree (topic_slug);
CREATE TRIGGER programme_topics_added AFTER INSERT ON public.programme_topics REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
CREATE CONSTRAINT TRIGGER programme_topics_record_version AFTER INSERT OR DELETE ON public.programme_topics DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.programme_record_version();
CREATE TRIGGER programme_topics_removed AFTER DELETE ON public.programme_topics REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION private.programme_facet_rows_changed();
grant select on table public.programme_topics to anon;
grant delete, insert, select on table public.programme_topics to authenticated;
grant all on table public.programme_topics to service_role;

create table public.programme_versions (
  id uuid default gen_random_uuid() not null,
  programme_id uuid not null,
  number integer not null,
  fields jsonb not null,
  changed_by uuid,
  source text not null,
  restored_from integer,
  created_at timestamp with time zone default now() not null,
  txid bigint default txid_current() not null,
  constraint programme_versions_pkey PRIMARY KEY (id),
  constraint programme_versions_number_unique UNIQUE (programme_id, number),
  constraint programme_versions_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint programme_versions_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_versions_number_check CHECK (number > 0),
  constraint programme_versions_restored_from CHECK ((source = 'restored'::text) = (restored_from IS NOT NULL)),
  constraint programme_versions_source_check CHECK (source = ANY (ARRAY['created'::text, 'edited'::text, 'suggestion'::text, 'restored'::text]))
);
comment on table public.programme_versions is 'Each version of a programme''s page (its fields and facets after a change), who made it and how; read by its coordinators and admins, written only by the database.';
alter table public.programme_versions enable row level security;
create policy "coordinators and admins read their programmes' history" on public.programme_versions
  for select
  to authenticated
  using ((private.is_coordinator_of(programme_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programme_versions_changed_by_idx ON public.programme_versions USING btree (changed_by);
CREATE INDEX programme_versions_txid_idx ON public.programme_versions USING btree (programme_id, txid);
grant select on table public.programme_versions to authenticated;
grant all on table public.programme_versions to service_role;

create table public.programmes (
  id uuid default gen_random_uuid() not null,
  slug text not null,
  organisation_id uuid not null,
  name text not null,
  kind text not null,
  summary text,
  description text,
  format text not null,
  level text,
  scope text not null,
  website text,
  status text default 'active'::text not null,
  first_year smallint,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  components text[] default '{}'::text[] not null,
  duration_weeks smallint,
  hours_per_week smallint,
  cost text default 'free'::text not null,
  fee_amount numeric(10,2),
  fee_currency character(3),
  fellowships_available boolean default false not null,
  fellowship_notes text,
  applications_open_on date,
  applications_close_on date,
  text_language text default 'en'::text not null,
  search tsvector generated always as (((private.search_vector(name, text_language, 'A'::"char") || private.search_vector(summary, text_language, 'B'::"char")) || private.search_vector(description, text_language, 'C'::"char"))) stored,
  facets text[] default '{}'::text[] not null,
  constraint programmes_pkey PRIMARY KEY (id),
  constraint programmes_slug_key UNIQUE (slug),
  constraint programmes_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES public.organisations(id) ON DELETE RESTRICT,
  constraint programmes_text_language_fkey FOREIGN KEY (text_language) REFERENCES public.languages(code),
  constraint programmes_application_window_complete CHECK ((applications_open_on IS NULL) = (applications_close_on IS NULL)),
  constraint programmes_application_window_in_order CHECK (applications_close_on >= applications_open_on),
  constraint programmes_components_check CHECK (components <@ ARRAY['online-learning'::text, 'in-situ-learning'::text, 'coaching-tutoring'::text, 'training-for-trainers'::text, 'policy-immersion'::text, 'research'::text, 'peer-evaluation'::text, 'community-building'::text]),
  constraint programmes_cost_check CHECK (cost = ANY (ARRAY['free'::text, 'fee'::text])),
  constraint programmes_description_check CHECK (char_length(description) <= 20000),
  constraint programmes_duration_weeks_check CHECK (duration_weeks >= 1 AND duration_weeks <= 520),
  constraint programmes_fee_amount_check CHECK (fee_amount > 0::numeric),
  constraint programmes_fee_amount_has_currency CHECK ((fee_amount IS NULL) = (fee_currency IS NULL)),
  constraint programmes_fee_currency_check CHECK (fee_currency ~ '^[A-Z]{3}$'::text),
  constraint programmes_fee_only_when_paid CHECK (cost = 'fee'::text OR fee_amount IS NULL AND fee_currency IS NULL),
  constraint programmes_fellowship_notes_check CHECK (char_length(fellowship_notes) <= 1000),
  constraint programmes_first_year_check CHECK (first_year >= 1990 AND first_year <= 2100),
  constraint programmes_format_check CHECK (format = ANY (ARRAY['online'::text, 'in-situ'::text, 'blended'::text])),
  constraint programmes_hours_per_week_check CHECK (hours_per_week >= 1 AND hours_per_week <= 80),
  constraint programmes_kind_check CHECK (kind = ANY (ARRAY['diploma'::text, 'fellowship'::text, 'ambassador-scheme'::text, 'school-of-internet-governance'::text, 'course'::text])),
  constraint programmes_level_check CHECK (level = ANY (ARRAY['introductory'::text, 'intermediate'::text, 'advanced'::text])),
  constraint programmes_name_check CHECK (char_length(btrim(name)) >= 2 AND char_length(btrim(name)) <= 200),
  constraint programmes_record_version TRIGGER DEFERRABLE INITIALLY DEFERRED,
  constraint programmes_scope_check CHECK (scope = ANY (ARRAY['local'::text, 'national'::text, 'regional'::text, 'global'::text])),
  constraint programmes_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text AND char_length(slug) <= 80),
  constraint programmes_status_check CHECK (status = ANY (ARRAY['active'::text, 'paused'::text, 'closed'::text])),
  constraint programmes_summary_check CHECK (char_length(summary) <= 300),
  constraint programmes_website_check CHECK (website ~ '^https?://'::text)
);
comment on table public.programmes is 'The compendium: capacity-building programmes in Internet governance and digital policy.';
alter table public.programmes enable row level security;
create policy "admins add programmes" on public.programmes
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "anyone reads programmes" on public.programmes
  for select
  to anon, authenticated
  using (true);
create policy "coordinators and admins edit programmes" on public.programmes
  for update
  to authenticated
  using ((private.is_coordinator_of(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)))
  with check ((private.is_coordinator_of(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX programmes_facets_idx ON public.programmes USING gin (facets);
CREATE INDEX programmes_name_id_idx ON public.programmes USING btree (name, id);
CREATE INDEX programmes_organisation_id_idx ON public.programmes USING btree (organisation_id);
CREATE INDEX programmes_search_idx ON public.programmes USING gin (search);
CREATE TRIGGER programmes_compendium_changed BEFORE INSERT OR DELETE OR UPDATE ON public.programmes FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER programmes_compendium_truncated BEFORE TRUNCATE ON public.programmes FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER programmes_guard_curated_columns BEFORE UPDATE ON public.programmes FOR EACH ROW EXECUTE FUNCTION public.programmes_guard_curated_columns();
CREATE TRIGGER programmes_keep_facets BEFORE INSERT OR UPDATE ON public.programmes FOR EACH ROW EXECUTE FUNCTION private.programmes_keep_facets();
CREATE TRIGGER programmes_make_space AFTER INSERT ON public.programmes FOR EACH ROW EXECUTE FUNCTION private.programmes_make_space();
CREATE CONSTRAINT TRIGGER programmes_record_version AFTER INSERT OR UPDATE ON public.programmes DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION private.programme_record_version();
CREATE TRIGGER programmes_rename_space AFTER UPDATE OF name, slug ON public.programmes FOR EACH ROW WHEN (old.name IS DISTINCT FROM new.name OR old.slug IS DISTINCT FROM new.slug) EXECUTE FUNCTION private.programmes_rename_space();
CREATE TRIGGER programmes_touch_updated_at BEFORE UPDATE ON public.programmes FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.programmes to anon;
grant select on table public.programmes to authenticated;
grant all on table public.programmes to service_role;
grant insert (slug, organisation_id, name, kind, summary, description, format, level, scope, website, status, first_year, components, duration_weeks, hours_per_week, cost, fee_amount, fee_currency, fellowships_available, fellowship_notes, applications_open_on, applications_close_on, text_language) on table public.programmes to authenticated;
grant update (slug, organisation_id, name, kind, summary, description, format, level, scope, website, status, first_year, components, duration_weeks, hours_per_week, cost, fee_amount, fee_currency, fellowships_available, fellowship_notes, applications_open_on, applications_close_on, text_language) on table public.programmes to authenticated;

create table public.regions (
  code character(3) not null,
  kind text not null,
  name text not null,
  parent_code character(3),
  names jsonb default '{}'::jsonb not null,
  constraint regions_pkey PRIMARY KEY (code),
  constraint regions_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES public.regions(code),
  constraint regions_code_check CHECK (code ~ '^[0-9]{3}$'::text),
  constraint regions_kind_check CHECK (kind = ANY (ARRAY['world'::text, 'region'::text, 'sub_region'::text, 'intermediate_region'::text])),
  constraint regions_names_by_locale CHECK (private.are_names(names)),
  constraint regions_only_the_world_has_no_parent CHECK ((kind = 'world'::text) = (parent_code IS NULL))
);
comment on table public.regions is 'UN M49 geographic areas above country level: the world, regions, sub-regions and intermediate regions.';
alter table public.regions enable row level security;
create policy "anyone reads regions" on public.regions
  for select
  to anon, authenticated
  using (true);
CREATE INDEX regions_parent_code_idx ON public.regions USING btree (parent_code);
CREATE TRIGGER regions_compendium_changed BEFORE INSERT OR DELETE OR UPDATE ON public.regions FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER regions_compendium_truncated BEFORE TRUNCATE ON public.regions FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
grant select on table public.regions to anon;
grant select on table public.regions to authenticated;
grant all on table public.regions to service_role;

create table public.space_counts (
  profile_id uuid not null,
  space_id uuid not null,
  counted_for timestamp with time zone,
  new_until timestamp with time zone,
  new_threads integer not null,
  unread_threads integer not null,
  constraint space_counts_pkey PRIMARY KEY (profile_id, space_id),
  constraint space_counts_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint space_counts_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE
);
comment on table public.space_counts is 'A person''s new and unread counts for a space as last computed, true while the space''s last_posted_at equals counted_for and new_until has not passed.';
alter table public.space_counts enable row level security;
create policy "people keep their counts" on public.space_counts
  for insert
  to authenticated
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people read their counts" on public.space_counts
  for select
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people renew their counts" on public.space_counts
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX space_counts_space_id_idx ON public.space_counts USING btree (space_id);
grant insert, select, update on table public.space_counts to authenticated;
grant all on table public.space_counts to service_role;

create table public.space_join_requests (
  id uuid default gen_random_uuid() not null,
  space_id uuid not null,
  profile_id uuid not null,
  message text,
  status text default 'pending'::text not null,
  decline_reason text,
  decided_by uuid,
  decided_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  constraint space_join_requests_pkey PRIMARY KEY (id),
  constraint space_join_requests_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint space_join_requests_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint space_join_requests_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint space_join_requests_decision_recorded CHECK (status = 'pending'::text OR decided_at IS NOT NULL),
  constraint space_join_requests_message_check CHECK (char_length(message) <= 500),
  constraint space_join_requests_reason_check CHECK (char_length(decline_reason) <= 500),
  constraint space_join_requests_status_check CHECK (status = ANY (ARRAY['pending'::text, 'approved'::text, 'declined'::text]))
);
comment on table public.space_join_requests is 'Requests to join a private space, decided by its moderators.';
alter table public.space_join_requests enable row level security;
create policy "people ask to join private spaces" on public.space_join_requests
  for insert
  to authenticated
  with check (((profile_id = ( SELECT auth.uid() AS uid)) AND private.may_ask_to_join(space_id)));
create policy "people withdraw their pending requests" on public.space_join_requests
  for delete
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) AND (status = 'pending'::text)));
create policy "the asker and the space's moderators read requests" on public.space_join_requests
  for select
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id)));
create policy "the space's moderators decide requests" on public.space_join_requests
  for update
  to authenticated
  using (((status = 'pending'::text) AND private.is_space_moderator(space_id)))
  with check (((status = ANY (ARRAY['approved'::text, 'declined'::text])) AND private.is_space_moderator(space_id)));
CREATE INDEX space_join_requests_decided_by_idx ON public.space_join_requests USING btree (decided_by);
CREATE UNIQUE INDEX space_join_requests_one_pending ON public.space_join_requests USING btree (space_id, profile_id) WHERE (status = 'pending'::text);
CREATE INDEX space_join_requests_profile_id_idx ON public.space_join_requests USING btree (profile_id);
CREATE TRIGGER space_join_requests_guard BEFORE INSERT OR UPDATE ON public.space_join_requests FOR EACH ROW EXECUTE FUNCTION private.space_join_requests_guard();
CREATE TRIGGER space_join_requests_tell AFTER INSERT OR UPDATE OF status ON public.space_join_requests FOR EACH ROW EXECUTE FUNCTION private.space_join_requests_tell();
grant delete, select on table public.space_join_requests to authenticated;
grant all on table public.space_join_requests to service_role;
grant insert (space_id, profile_id, message) on table public.space_join_requests to authenticated;
grant update (status, decline_reason) on table public.space_join_requests to authenticated;

create table public.space_members (
  space_id uuid not null,
  profile_id uuid not null,
  role text default 'member'::text not null,
  via text default 'joined'::text not null,
  watch_level text default 'tracking'::text not null,
  suspended_until timestamp with time zone,
  suspension_reason text,
  joined_at timestamp with time zone default now() not null,
  constraint space_members_pkey PRIMARY KEY (space_id, profile_id),
  constraint space_members_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint space_members_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint space_members_role_check CHECK (role = ANY (ARRAY['member'::text, 'moderator'::text])),
  constraint space_members_suspension_reason_check CHECK (char_length(suspension_reason) <= 500),
  constraint space_members_via_check CHECK (via = ANY (ARRAY['programme'::text, 'joined'::text, 'added'::text])),
  constraint space_members_watch_level_check CHECK (watch_level = ANY (ARRAY['watching'::text, 'tracking'::text, 'normal'::text, 'muted'::text]))
);
comment on table public.space_members is 'Who belongs to a space (member or moderator), how they came in, how closely they follow it, and any suspension.';
alter table public.space_members enable row level security;
create policy "members read the members of spaces they may read" on public.space_members
  for select
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR (space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[]))));
create policy "people join open spaces, moderators add people" on public.space_members
  for insert
  to authenticated
  with check ((((profile_id = ( SELECT auth.uid() AS uid)) AND private.is_open_to_join(space_id)) OR private.is_space_moderator(space_id)));
create policy "people leave, moderators remove" on public.space_members
  for delete
  to authenticated
  using (((via <> 'programme'::text) AND ((profile_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id))));
create policy "people set their own watch level, moderators roles and suspensi" on public.space_members
  for update
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id)))
  with check (((profile_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id)));
CREATE INDEX space_members_profile_id_idx ON public.space_members USING btree (profile_id, space_id);
CREATE TRIGGER space_members_forget_counts AFTER INSERT OR DELETE OR UPDATE ON public.space_members FOR EACH ROW EXECUTE FUNCTION private.space_members_forget_counts();
CREATE TRIGGER space_members_guard BEFORE INSERT OR UPDATE ON public.space_members FOR EACH ROW EXECUTE FUNCTION private.space_members_guard();
CREATE TRIGGER space_members_log_moderation AFTER DELETE OR UPDATE ON public.space_members FOR EACH ROW EXECUTE FUNCTION private.space_members_log_moderation();
CREATE TRIGGER space_members_tell_added AFTER INSERT ON public.space_members FOR EACH ROW EXECUTE FUNCTION private.space_members_tell_added();
grant select on table public.space_members to anon;
grant delete, select on table public.space_members to authenticated;
grant all on table public.space_members to service_role;
grant insert (space_id, profile_id, role, watch_level) on table public.space_members to authenticated;
grant update (role, watch_level, suspended_until, suspension_reason) on table public.space_members to authenticated;

create table public.space_moderation_log (
  id bigint generated always as identity not null,
  space_id uuid not null,
  actor_id uuid,
  action text not null,
  thread_id uuid,
  post_id uuid,
  profile_id uuid,
  reason text,
  created_at timestamp with time zone default now() not null,
  constraint space_moderation_log_pkey PRIMARY KEY (id),
  constraint space_moderation_log_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint space_moderation_log_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE SET NULL,
  constraint space_moderation_log_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint space_moderation_log_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint space_moderation_log_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.threads(id) ON DELETE SET NULL,
  constraint space_moderation_log_action_check CHECK (action = ANY (ARRAY['hide'::text, 'unhide'::text, 'pin'::text, 'unpin'::text, 'lock'::text, 'unlock'::text, 'slow_mode'::text, 'move_in'::text, 'move_out'::text, 'suspend'::text, 'unsuspend'::text, 'dismiss_report'::text, 'make_moderator'::text, 'remove_moderator'::text, 'remove_member'::text]))
);
comment on table public.space_moderation_log is 'Every moderator''s action in a space, written by triggers; read by the space''s moderators.';
alter table public.space_moderation_log enable row level security;
create policy "the space's moderators read its log" on public.space_moderation_log
  for select
  to authenticated
  using (private.is_space_moderator(space_id));
CREATE INDEX space_moderation_log_actor_id_idx ON public.space_moderation_log USING btree (actor_id);
CREATE INDEX space_moderation_log_post_id_idx ON public.space_moderation_log USING btree (post_id);
CREATE INDEX space_moderation_log_profile_id_idx ON public.space_moderation_log USING btree (profile_id);
CREATE INDEX space_moderation_log_space_idx ON public.space_moderation_log USING btree (space_id, created_at DESC);
CREATE INDEX space_moderation_log_thread_id_idx ON public.space_moderation_log USING btree (thread_id);
grant select on table public.space_moderation_log to authenticated;
grant all on table public.space_moderation_log to service_role;

create table public.spaces (
  id uuid default gen_random_uuid() not null,
  slug text not null,
  kind text not null,
  name text not null,
  description text,
  text_language text default 'en'::text not null,
  visibility text default 'members'::text not null,
  status text default 'open'::text not null,
  programme_id uuid,
  cohort_id uuid,
  topic_slug text,
  region_code character(3),
  proposed_by uuid,
  thread_count integer default 0 not null,
  post_count integer default 0 not null,
  last_posted_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  decline_reason text,
  constraint spaces_pkey PRIMARY KEY (id),
  constraint spaces_slug_key UNIQUE (slug),
  constraint spaces_cohort_id_fkey FOREIGN KEY (cohort_id) REFERENCES public.cohorts(id) ON DELETE CASCADE,
  constraint spaces_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint spaces_proposed_by_fkey FOREIGN KEY (proposed_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint spaces_region_code_fkey FOREIGN KEY (region_code) REFERENCES public.regions(code),
  constraint spaces_text_language_fkey FOREIGN KEY (text_language) REFERENCES public.languages(code),
  constraint spaces_topic_slug_fkey FOREIGN KEY (topic_slug) REFERENCES public.topics(slug),
  constraint spaces_decline_reason_check CHECK (char_length(decline_reason) <= 500),
  constraint spaces_description_check CHECK (char_length(description) <= 4000),
  constraint spaces_kind_check CHECK (kind = ANY (ARRAY['programme'::text, 'cohort'::text, 'topic'::text, 'region'::text, 'working_group'::text])),
  constraint spaces_kind_fits CHECK (
CASE kind
    WHEN 'programme'::text THEN programme_id IS NOT NULL AND cohort_id IS NULL
    WHEN 'cohort'::text THEN programme_id IS NOT NULL AND cohort_id IS NOT NULL
    WHEN 'topic'::text THEN topic_slug IS NOT NULL AND programme_id IS NULL
    WHEN 'region'::text THEN region_code IS NOT NULL AND programme_id IS NULL
    ELSE programme_id IS NULL AND cohort_id IS NULL
END),
  constraint spaces_name_check CHECK (char_length(btrim(name)) >= 2 AND char_length(btrim(name)) <= 120),
  constraint spaces_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text AND char_length(slug) <= 80),
  constraint spaces_slug_not_a_page CHECK (slug <> ALL (ARRAY['search'::text, 'propose'::text, 'proposals'::text])),
  constraint spaces_status_check CHECK (status = ANY (ARRAY['proposed'::text, 'open'::text, 'declined'::text, 'archived'::text])),
  constraint spaces_visibility_check CHECK (visibility = ANY (ARRAY['public'::text, 'members'::text, 'private'::text]))
);
comment on table public.spaces is 'A discussion space: a programme''s or a cohort''s, a topic''s, a region''s, or a working group''s; public, members or private.';
alter table public.spaces enable row level security;
create policy "admins remove spaces" on public.spaces
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "members propose working groups, admins add spaces" on public.spaces
  for insert
  to authenticated
  with check ((((kind = 'working_group'::text) AND (status = 'proposed'::text) AND (proposed_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.my_waiting_proposals() AS my_waiting_proposals) < 3)) OR ((kind = 'cohort'::text) AND (status = 'open'::text) AND private.is_coordinator_of(programme_id) AND (EXISTS ( SELECT 1
   FROM public.cohorts c
  WHERE ((c.id = spaces.cohort_id) AND (c.programme_id = spaces.programme_id))))) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "members read open spaces, their proposals, and admins all" on public.spaces
  for select
  to authenticated
  using (((status = 'open'::text) OR (proposed_by = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "moderators and admins edit spaces" on public.spaces
  for update
  to authenticated
  using ((private.is_space_moderator(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)))
  with check ((private.is_space_moderator(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "visitors read open public spaces" on public.spaces
  for select
  to anon
  using (((status = 'open'::text) AND (visibility = 'public'::text)));
CREATE INDEX spaces_cohort_id_idx ON public.spaces USING btree (cohort_id);
CREATE INDEX spaces_listing_idx ON public.spaces USING btree (status, kind, name);
CREATE UNIQUE INDEX spaces_one_per_cohort ON public.spaces USING btree (cohort_id) WHERE (kind = 'cohort'::text);
CREATE UNIQUE INDEX spaces_one_per_programme ON public.spaces USING btree (programme_id) WHERE (kind = 'programme'::text);
CREATE INDEX spaces_proposed_by_idx ON public.spaces USING btree (proposed_by);
CREATE INDEX spaces_region_code_idx ON public.spaces USING btree (region_code);
CREATE INDEX spaces_text_language_idx ON public.spaces USING btree (text_language);
CREATE INDEX spaces_topic_slug_idx ON public.spaces USING btree (topic_slug);
CREATE TRIGGER spaces_approved AFTER UPDATE OF status ON public.spaces FOR EACH ROW WHEN (old.status = 'proposed'::text AND new.status = 'open'::text) EXECUTE FUNCTION private.spaces_approved();
CREATE TRIGGER spaces_before_update BEFORE UPDATE ON public.spaces FOR EACH ROW EXECUTE FUNCTION private.spaces_before_update();
CREATE TRIGGER spaces_take_in_programme AFTER INSERT ON public.spaces FOR EACH ROW WHEN (new.programme_id IS NOT NULL) EXECUTE FUNCTION private.spaces_take_in_programme();
CREATE TRIGGER spaces_tell_proposals AFTER INSERT OR UPDATE OF status ON public.spaces FOR EACH ROW EXECUTE FUNCTION private.spaces_tell_proposals();
CREATE TRIGGER spaces_touch_updated_at BEFORE UPDATE ON public.spaces FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.spaces to anon;
grant delete, select on table public.spaces to authenticated;
grant all on table public.spaces to service_role;
grant insert (slug, kind, name, description, text_language, visibility, status, programme_id, cohort_id, topic_slug, region_code, proposed_by) on table public.spaces to authenticated;
grant update (slug, kind, name, description, text_language, visibility, status, programme_id, cohort_id, topic_slug, region_code, proposed_by, decline_reason) on table public.spaces to authenticated;

create table public.stakeholder_groups (
  slug text not null,
  name text not null,
  description text not null,
  sort_order smallint not null,
  names jsonb default '{}'::jsonb not null,
  constraint stakeholder_groups_pkey PRIMARY KEY (slug),
  constraint stakeholder_groups_name_key UNIQUE (name),
  constraint stakeholder_groups_names_by_locale CHECK (private.are_names(names)),
  constraint stakeholder_groups_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text)
);
comment on table public.stakeholder_groups is 'The stakeholder groups of multistakeholder Internet governance that people and organisations are in.';
alter table public.stakeholder_groups enable row level security;
create policy "anyone reads stakeholder groups" on public.stakeholder_groups
  for select
  to anon, authenticated
  using (true);
grant select on table public.stakeholder_groups to anon;
grant select on table public.stakeholder_groups to authenticated;
grant all on table public.stakeholder_groups to service_role;

create table public.target_groups (
  slug text not null,
  name text not null,
  sort_order smallint not null,
  names jsonb default '{}'::jsonb not null,
  constraint target_groups_pkey PRIMARY KEY (slug),
  constraint target_groups_name_key UNIQUE (name),
  constraint target_groups_names_by_locale CHECK (private.are_names(names)),
  constraint target_groups_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text)
);
comment on table public.target_groups is 'The audiences capacity-building programmes are designed for.';
alter table public.target_groups enable row level security;
create policy "anyone reads target groups" on public.target_groups
  for select
  to anon, authenticated
  using (true);
CREATE TRIGGER target_groups_compendium_changed BEFORE INSERT OR DELETE OR UPDATE ON public.target_groups FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER target_groups_compendium_truncated BEFORE TRUNCATE ON public.target_groups FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
grant select on table public.target_groups to anon;
grant select on table public.target_groups to authenticated;
grant all on table public.target_groups to service_role;

create table public.thread_reads (
  profile_id uuid not null,
  thread_id uuid not null,
  last_read_number integer default 0 not null,
  watch_level text,
  updated_at timestamp with time zone default now() not null,
  constraint thread_reads_pkey PRIMARY KEY (profile_id, thread_id),
  constraint thread_reads_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint thread_reads_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.threads(id) ON DELETE CASCADE,
  constraint thread_reads_number_check CHECK (last_read_number >= 0),
  constraint thread_reads_watch_level_check CHECK (watch_level = ANY (ARRAY['watching'::text, 'tracking'::text, 'normal'::text, 'muted'::text]))
);
comment on table public.thread_reads is 'Per person per thread: the last post number read (only rises) and a watch level (null: the space''s).';
alter table public.thread_reads enable row level security;
create policy "people forget their own read state" on public.thread_reads
  for delete
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people read their own read state" on public.thread_reads
  for select
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "people record what they read" on public.thread_reads
  for insert
  to authenticated
  with check (((profile_id = ( SELECT auth.uid() AS uid)) AND private.can_read_thread(thread_id)));
create policy "people update their own read state" on public.thread_reads
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX thread_reads_thread_id_idx ON public.thread_reads USING btree (thread_id);
CREATE TRIGGER thread_reads_forget_counts AFTER INSERT OR UPDATE ON public.thread_reads FOR EACH ROW EXECUTE FUNCTION private.thread_reads_forget_counts();
CREATE TRIGGER thread_reads_rise BEFORE UPDATE ON public.thread_reads FOR EACH ROW EXECUTE FUNCTION private.thread_reads_rise();
grant select on table public.thread_reads to anon;
grant delete, select on table public.thread_reads to authenticated;
grant all on table public.thread_reads to service_role;
grant insert (profile_id, thread_id, last_read_number, watch_level) on table public.thread_reads to authenticated;
grant update (last_read_number, watch_level) on table public.thread_reads to authenticated;

create table public.threads (
  id uuid default gen_random_uuid() not null,
  number bigint generated always as identity not null,
  space_id uuid not null,
  author_id uuid,
  title text not null,
  slug text default 'thread'::text not null,
  text_language text default 'en'::text not null,
  pinned_at timestamp with time zone,
  locked_at timestamp with time zone,
  slow_mode_minutes smallint,
  last_post_number integer default 0 not null,
  post_count integer default 0 not null,
  last_posted_at timestamp with time zone default now() not null,
  last_poster_id uuid,
  created_at timestamp with time zone default now() not null,
  search tsvector generated always as (private.search_vector(title, text_language, 'A'::"char")) stored,
  constraint threads_pkey PRIMARY KEY (id),
  constraint threads_number_key UNIQUE (number),
  constraint threads_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint threads_last_poster_id_fkey FOREIGN KEY (last_poster_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint threads_space_id_fkey FOREIGN KEY (space_id) REFERENCES public.spaces(id) ON DELETE CASCADE,
  constraint threads_text_language_fkey FOREIGN KEY (text_language) REFERENCES public.languages(code),
  constraint threads_slow_mode_check CHECK (slow_mode_minutes >= 1 AND slow_mode_minutes <= 1440),
  constraint threads_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text AND char_length(slug) <= 80),
  constraint threads_title_check CHECK (char_length(btrim(title)) >= 3 AND char_length(btrim(title)) <= 200)
);
comment on table public.threads is 'A conversation in a space. last_post_number is the number of its last post (posts are numbered per thread).';
alter table public.threads enable row level security;
create policy "authors and moderators edit threads" on public.threads
  for update
  to authenticated
  using (((space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[])) AND ((author_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id))))
  with check (((author_id = ( SELECT auth.uid() AS uid)) OR private.is_space_moderator(space_id)));
create policy "members start threads in their spaces" on public.threads
  for insert
  to authenticated
  with check (((author_id = ( SELECT auth.uid() AS uid)) AND private.can_post_in_space(space_id)));
create policy "people read threads of spaces they may read" on public.threads
  for select
  to anon, authenticated
  using ((space_id = ANY (( SELECT private.readable_space_ids() AS readable_space_ids)::uuid[])));
CREATE INDEX threads_author_id_idx ON public.threads USING btree (author_id);
CREATE INDEX threads_last_poster_id_idx ON public.threads USING btree (last_poster_id);
CREATE INDEX threads_search_idx ON public.threads USING gin (search);
CREATE INDEX threads_space_activity_idx ON public.threads USING btree (space_id, ((pinned_at IS NULL)), last_posted_at DESC, id DESC);
CREATE INDEX threads_space_created_idx ON public.threads USING btree (space_id, created_at DESC);
CREATE INDEX threads_space_last_posted_idx ON public.threads USING btree (space_id, last_posted_at DESC);
CREATE INDEX threads_text_language_idx ON public.threads USING btree (text_language);
CREATE TRIGGER threads_after_move AFTER UPDATE OF space_id ON public.threads FOR EACH ROW WHEN (old.space_id <> new.space_id) EXECUTE FUNCTION private.threads_after_move();
CREATE TRIGGER threads_before_insert BEFORE INSERT ON public.threads FOR EACH ROW WHEN (current_setting('role'::text) = ANY (ARRAY['authenticated'::text, 'anon'::text])) EXECUTE FUNCTION private.threads_before_insert();
CREATE TRIGGER threads_before_update BEFORE UPDATE ON public.threads FOR EACH ROW EXECUTE FUNCTION private.threads_before_update();
CREATE TRIGGER threads_forget_counts AFTER UPDATE OF space_id ON public.threads FOR EACH ROW WHEN (old.space_id IS DISTINCT FROM new.space_id) EXECUTE FUNCTION private.threads_forget_counts();
CREATE TRIGGER threads_log_moderation AFTER UPDATE ON public.threads FOR EACH ROW EXECUTE FUNCTION private.threads_log_moderation();
grant select on table public.threads to anon;
grant select on table public.threads to authenticated;
grant all on table public.threads to service_role;
grant insert (id, space_id, author_id, title, slug, text_language) on table public.threads to authenticated;
grant update (space_id, title, slug, text_language, pinned_at, locked_at, slow_mode_minutes) on table public.threads to authenticated;

create table public.topics (
  slug text not null,
  parent_slug text,
  name text not null,
  description text,
  sort_order smallint not null,
  names jsonb default '{}'::jsonb not null,
  constraint topics_pkey PRIMARY KEY (slug),
  constraint topics_parent_slug_fkey FOREIGN KEY (parent_slug) REFERENCES public.topics(slug),
  constraint topics_check CHECK (parent_slug <> slug),
  constraint topics_names_by_locale CHECK (private.are_names(names)),
  constraint topics_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text)
);
comment on table public.topics is 'Internet governance topics: the seven baskets (parent_slug null) and the issues under each.';
alter table public.topics enable row level security;
create policy "anyone reads topics" on public.topics
  for select
  to anon, authenticated
  using (true);
CREATE INDEX topics_parent_slug_idx ON public.topics USING btree (parent_slug);
CREATE TRIGGER topics_compendium_changed BEFORE INSERT OR DELETE OR UPDATE ON public.topics FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
CREATE TRIGGER topics_compendium_truncated BEFORE TRUNCATE ON public.topics FOR EACH STATEMENT EXECUTE FUNCTION private.compendium_changed();
grant select on table public.topics to anon;
grant select on table public.topics to authenticated;
grant all on table public.topics to service_role;

create table public.track_assignment_removals (
  proposal_id uuid not null,
  reviewer_id uuid not null,
  removed_by uuid default auth.uid(),
  removed_at timestamp with time zone default now() not null,
  constraint track_assignment_removals_pkey PRIMARY KEY (proposal_id, reviewer_id),
  constraint track_assignment_removals_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_assignment_removals_removed_by_fkey FOREIGN KEY (removed_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_assignment_removals_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES public.profiles(id) ON DELETE CASCADE
);
comment on table public.track_assignment_removals is 'A reviewer an admin removed from a track proposal: the automatic assignment never puts them back; assigning them by hand forgets it.';
alter table public.track_assignment_removals enable row level security;
create policy "admins forget removals" on public.track_assignment_removals
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins read removals" on public.track_assignment_removals
  for select
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins remember removals" on public.track_assignment_removals
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
CREATE INDEX track_assignment_removals_removed_by_idx ON public.track_assignment_removals USING btree (removed_by);
CREATE INDEX track_assignment_removals_reviewer_id_idx ON public.track_assignment_removals USING btree (reviewer_id);
grant delete, select on table public.track_assignment_removals to authenticated;
grant all on table public.track_assignment_removals to service_role;
grant insert (proposal_id, reviewer_id) on table public.track_assignment_removals to authenticated;

create table public.track_assignments (
  proposal_id uuid not null,
  reviewer_id uuid not null,
  by_hand boolean default false not null,
  assigned_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  constraint track_assignments_pkey PRIMARY KEY (proposal_id, reviewer_id),
  constraint track_assignments_assigned_by_fkey FOREIGN KEY (assigned_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_assignments_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_assignments_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES public.profiles(id) ON DELETE CASCADE
);
comment on table public.track_assignments is 'Which reviewer reviews which track proposal, automatic or by an admin''s hand (kept by a re-run); never a pair in conflict.';
alter table public.track_assignments enable row level security;
create policy "admins and the reviewer read assignments" on public.track_assignments
  for select
  to authenticated
  using (((reviewer_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "admins assign" on public.track_assignments
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins take assignments back" on public.track_assignments
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
CREATE INDEX track_assignments_assigned_by_idx ON public.track_assignments USING btree (assigned_by);
CREATE INDEX track_assignments_reviewer_id_idx ON public.track_assignments USING btree (reviewer_id);
CREATE TRIGGER track_assignments_guard BEFORE INSERT OR UPDATE ON public.track_assignments FOR EACH ROW EXECUTE FUNCTION private.track_assignments_guard();
grant delete, select on table public.track_assignments to authenticated;
grant all on table public.track_assignments to service_role;
grant insert (proposal_id, reviewer_id, by_hand) on table public.track_assignments to authenticated;

create table public.track_co_proposers (
  proposal_id uuid not null,
  profile_id uuid not null,
  status text default 'invited'::text not null,
  invited_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  decided_at timestamp with time zone,
  constraint track_co_proposers_pkey PRIMARY KEY (proposal_id, profile_id),
  constraint track_co_proposers_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_co_proposers_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint track_co_proposers_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_co_proposers_status_check CHECK (status = ANY (ARRAY['invited'::text, 'accepted'::text, 'declined'::text]))
);
comment on table public.track_co_proposers is 'Members named as co-proposers of a track proposal; named only once they accept.';
alter table public.track_co_proposers enable row level security;
create policy "co-proposers answer" on public.track_co_proposers
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
create policy "proposers and the asked read co-proposers" on public.track_co_proposers
  for select
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR private.is_track_proposer(proposal_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "proposers name co-proposers while they may edit" on public.track_co_proposers
  for insert
  to authenticated
  with check ((private.is_track_proposer(proposal_id) AND private.track_proposal_may_edit(proposal_id)));
create policy "proposers remove co-proposers, co-proposers themselves" on public.track_co_proposers
  for delete
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR (private.is_track_proposer(proposal_id) AND private.track_proposal_may_edit(proposal_id))));
CREATE INDEX track_co_proposers_invited_by_idx ON public.track_co_proposers USING btree (invited_by);
CREATE INDEX track_co_proposers_profile_id_idx ON public.track_co_proposers USING btree (profile_id, status);
CREATE TRIGGER track_co_proposers_guard BEFORE INSERT OR UPDATE ON public.track_co_proposers FOR EACH ROW EXECUTE FUNCTION private.track_co_proposers_guard();
CREATE TRIGGER track_co_proposers_tell AFTER INSERT ON public.track_co_proposers FOR EACH ROW WHEN (new.status = 'invited'::text) EXECUTE FUNCTION private.track_co_proposers_tell();
grant delete, select on table public.track_co_proposers to authenticated;
grant all on table public.track_co_proposers to service_role;
grant insert (proposal_id, profile_id) on table public.track_co_proposers to authenticated;
grant update (status) on table public.track_co_proposers to authenticated;

create table public.track_confirmations (
  proposal_id uuid not null,
  answer text not null,
  answered_by uuid default auth.uid(),
  answered_at timestamp with time zone default now() not null,
  constraint track_confirmations_pkey PRIMARY KEY (proposal_id),
  constraint track_confirmations_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_confirmations_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_decisions(proposal_id) ON DELETE CASCADE,
  constraint track_confirmations_answer_check CHECK (answer = ANY (ARRAY['confirmed'::text, 'declined'::text]))
);
comment on table public.track_confirmations is 'The proposers'' answer to an accepted track proposal: confirmed or declined (final); by one of its proposers once the acceptance is sent, read by them and admins.';
alter table public.track_confirmations enable row level security;
create policy "proposers and admins read confirmations" on public.track_confirmations
  for select
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) OR private.is_track_proposer(proposal_id)));
create policy "proposers answer a sent acceptance" on public.track_confirmations
  for insert
  to authenticated
  with check ((private.is_track_proposer(proposal_id) AND private.track_acceptance_sent(proposal_id)));
create policy "proposers change their answer" on public.track_confirmations
  for update
  to authenticated
  using ((private.is_track_proposer(proposal_id) AND private.track_acceptance_sent(proposal_id)))
  with check (private.is_track_proposer(proposal_id));
CREATE INDEX track_confirmations_answered_by_idx ON public.track_confirmations USING btree (answered_by);
CREATE TRIGGER track_confirmations_changed AFTER UPDATE OF answer ON public.track_confirmations FOR EACH ROW WHEN (old.answer IS DISTINCT FROM new.answer) EXECUTE FUNCTION private.track_answer_tell();
CREATE TRIGGER track_confirmations_guard BEFORE INSERT OR UPDATE ON public.track_confirmations FOR EACH ROW EXECUTE FUNCTION private.track_confirmations_guard();
CREATE TRIGGER track_confirmations_told AFTER INSERT ON public.track_confirmations FOR EACH ROW EXECUTE FUNCTION private.track_answer_tell();
grant select on table public.track_confirmations to authenticated;
grant all on table public.track_confirmations to service_role;
grant insert (proposal_id, answer) on table public.track_confirmations to authenticated;
grant update (answer) on table public.track_confirmations to authenticated;

create table public.track_conflicts (
  proposal_id uuid not null,
  reviewer_id uuid default auth.uid() not null,
  reason text,
  created_at timestamp with time zone default now() not null,
  constraint track_conflicts_pkey PRIMARY KEY (reviewer_id, proposal_id),
  constraint track_conflicts_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_conflicts_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint track_conflicts_reason_check CHECK (char_length(reason) <= 500)
);
comment on table public.track_conflicts is 'Conflicts of interest a reviewer declares with proposals of a cycle they review; read by the reviewer and admins.';
alter table public.track_conflicts enable row level security;
create policy "reviewers and admins read conflicts" on public.track_conflicts
  for select
  to authenticated
  using (((reviewer_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "reviewers declare conflicts" on public.track_conflicts
  for insert
  to authenticated
  with check (((reviewer_id = ( SELECT auth.uid() AS uid)) AND private.is_track_reviewer(private.track_proposal_cycle(proposal_id))));
create policy "reviewers take back their conflicts" on public.track_conflicts
  for delete
  to authenticated
  using ((reviewer_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX track_conflicts_proposal_id_idx ON public.track_conflicts USING btree (proposal_id);
grant delete, select on table public.track_conflicts to authenticated;
grant all on table public.track_conflicts to service_role;
grant insert (proposal_id, reason) on table public.track_conflicts to authenticated;

create table public.track_criteria (
  id uuid default gen_random_uuid() not null,
  cycle_id uuid not null,
  "position" integer default 0 not null,
  name text not null,
  description text,
  weight numeric(6,2) default 1 not null,
  scale jsonb default '["Not at all", "Weakly", "Fairly", "Well", "Excellently"]'::jsonb not null,
  independent boolean default false not null,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint track_criteria_pkey PRIMARY KEY (id),
  constraint track_criteria_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_criteria_description_check CHECK (char_length(description) <= 2000),
  constraint track_criteria_name_check CHECK (char_length(btrim(name)) >= 2 AND char_length(btrim(name)) <= 120),
  constraint track_criteria_position_check CHECK ("position" >= 0 AND "position" <= 1000),
  constraint track_criteria_scale_check CHECK (private.track_scale_valid(scale)),
  constraint track_criteria_weight_check CHECK (weight > 0::numeric AND weight <= 100::numeric)
);
comment on table public.track_criteria is 'The rubric of a track cycle: criteria with a weight, a labelled scale (point i is label i, from 0), a position and an independent flag. Read by everyone, written by admins.';
alter table public.track_criteria enable row level security;
create policy "admins add track criteria" on public.track_criteria
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins change track criteria" on public.track_criteria
  for update
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins remove track criteria" on public.track_criteria
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "everyone reads track criteria" on public.track_criteria
  for select
  to anon, authenticated
  using (true);
CREATE INDEX track_criteria_cycle_idx ON public.track_criteria USING btree (cycle_id, "position", id);
CREATE TRIGGER track_criteria_keep_scale BEFORE UPDATE OF scale ON public.track_criteria FOR EACH ROW EXECUTE FUNCTION private.track_criteria_keep_scale();
CREATE TRIGGER track_criteria_touch_updated_at BEFORE UPDATE ON public.track_criteria FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.track_criteria to anon;
grant delete, select on table public.track_criteria to authenticated;
grant all on table public.track_criteria to service_role;
grant insert (cycle_id, "position", name, description, weight, scale, independent) on table public.track_criteria to authenticated;
grant update ("position", name, description, weight, scale, independent) on table public.track_criteria to authenticated;

create table public.track_cycles (
  id uuid default gen_random_uuid() not null,
  slug text not null,
  title text not null,
  description text,
  venue text,
  time_zone text not null,
  created_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint track_cycles_pkey PRIMARY KEY (id),
  constraint track_cycles_slug_key UNIQUE (slug),
  constraint track_cycles_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_cycles_description_check CHECK (char_length(description) <= 20000),
  constraint track_cycles_slug_check CHECK (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$'::text AND char_length(slug) <= 60),
  constraint track_cycles_time_zone_check CHECK (char_length(time_zone) <= 64 AND private.is_time_zone(time_zone)),
  constraint track_cycles_title_check CHECK (char_length(btrim(title)) >= 2 AND char_length(btrim(title)) <= 200),
  constraint track_cycles_venue_check CHECK (char_length(venue) <= 200)
);
comment on table public.track_cycles is 'A yearly cycle of the IGF capacity-building track: its words and the venue''s time zone. Read by everyone, written by admins.';
alter table public.track_cycles enable row level security;
create policy "admins add track cycles" on public.track_cycles
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins change track cycles" on public.track_cycles
  for update
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins remove track cycles" on public.track_cycles
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "everyone reads track cycles" on public.track_cycles
  for select
  to anon, authenticated
  using (true);
CREATE INDEX track_cycles_created_by_idx ON public.track_cycles USING btree (created_by);
CREATE TRIGGER track_cycles_default_criteria AFTER INSERT ON public.track_cycles FOR EACH ROW EXECUTE FUNCTION private.track_default_criteria();
CREATE TRIGGER track_cycles_touch_updated_at BEFORE UPDATE ON public.track_cycles FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.track_cycles to anon;
grant delete, select on table public.track_cycles to authenticated;
grant all on table public.track_cycles to service_role;
grant insert (slug, title, description, venue, time_zone) on table public.track_cycles to authenticated;
grant update (slug, title, description, venue, time_zone) on table public.track_cycles to authenticated;

create table public.track_decisions (
  proposal_id uuid not null,
  cycle_id uuid not null,
  decision text not null,
  merged_into uuid,
  note text,
  decided_by uuid default auth.uid(),
  decided_at timestamp with time zone default now() not null,
  sent_at timestamp with time zone,
  sent_by uuid,
  raised_at timestamp with time zone,
  constraint track_decisions_pkey PRIMARY KEY (proposal_id),
  constraint track_decisions_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_decisions_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_decisions_merged_into_fkey FOREIGN KEY (merged_into) REFERENCES public.track_proposals(id) ON DELETE RESTRICT,
  constraint track_decisions_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_decisions_sent_by_fkey FOREIGN KEY (sent_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_decisions_decision_check CHECK (decision = ANY (ARRAY['accepted'::text, 'waitlisted'::text, 'rejected'::text, 'merged'::text])),
  constraint track_decisions_merged_into_check CHECK ((decision = 'merged'::text) = (merged_into IS NOT NULL)),
  constraint track_decisions_not_into_itself CHECK (merged_into <> proposal_id),
  constraint track_decisions_note_check CHECK (char_length(note) <= 5000)
);
comment on table public.track_decisions is 'The committee''s decision on a track proposal (accepted, waitlisted, rejected, merged into another) with its note; written by admins until sent, read by its proposers once sent.';
alter table public.track_decisions enable row level security;
create policy "admins and, once sent, the proposers read decisions" on public.track_decisions
  for select
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) OR ((sent_at IS NOT NULL) AND private.is_track_proposer(proposal_id))));
create policy "admins change decisions until they are sent, or raise a sent wa" on public.track_decisions
  for update
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) AND ((sent_at IS NULL) OR ((decision = 'waitlisted'::text) AND (raised_at IS NULL)))))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins decide while the phase allows" on public.track_decisions
  for insert
  to authenticated
  with check ((( SELECT private.is_platform_admin() AS is_platform_admin) AND private.track_decisions_open(cycle_id)));
create policy "admins take decisions back until they are sent" on public.track_decisions
  for delete
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) AND (sent_at IS NULL) AND (raised_at IS NULL)));
CREATE INDEX track_decisions_cycle_idx ON public.track_decisions USING btree (cycle_id, decision);
CREATE INDEX track_decisions_decided_by_idx ON public.track_decisions USING btree (decided_by);
CREATE INDEX track_decisions_merged_into_idx ON public.track_decisions USING btree (merged_into);
CREATE INDEX track_decisions_sent_by_idx ON public.track_decisions USING btree (sent_by);
CREATE INDEX track_decisions_unsent_idx ON public.track_decisions USING btree (cycle_id) WHERE (sent_at IS NULL);
CREATE TRIGGER track_decisions_guard BEFORE INSERT OR UPDATE ON public.track_decisions FOR EACH ROW EXECUTE FUNCTION private.track_decisions_guard();
CREATE TRIGGER track_decisions_sent AFTER UPDATE OF sent_at ON public.track_decisions FOR EACH ROW WHEN (old.sent_at IS NULL AND new.sent_at IS NOT NULL) EXECUTE FUNCTION private.track_decisions_sent();
grant delete, select on table public.track_decisions to authenticated;
grant all on table public.track_decisions to service_role;
grant insert (proposal_id, decision, merged_into, note) on table public.track_decisions to authenticated;
grant update (decision, merged_into, note, sent_at) on table public.track_decisions to authenticated;

create table public.track_phases (
  id uuid default gen_random_uuid() not null,
  cycle_id uuid not null,
  kind text not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  proposers_may_edit boolean default false not null,
  reviewers_see_reviews boolean default false not null,
  blind_review boolean default true not null,
  updated_at timestamp with time zone default now() not null,
  reviewers_may_review boolean default false not null,
  proposers_see_reviews boolean default false not null,
  constraint track_phases_pkey PRIMARY KEY (id),
  constraint track_phases_once UNIQUE (cycle_id, kind),
  constraint track_phases_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_phases_ends_after_start CHECK (ends_at > starts_at),
  constraint track_phases_kind_check CHECK (kind = ANY (ARRAY['call'::text, 'screening'::text, 'review'::text, 'decisions'::text, 'timetable'::text]))
);
comment on table public.track_phases is 'A phase of a track cycle (call, screening, review, decisions, timetable) with its instants and what it allows: proposers editing, reviewers seeing each other''s reviews, blind review.';
alter table public.track_phases enable row level security;
create policy "admins add track phases" on public.track_phases
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins change track phases" on public.track_phases
  for update
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins remove track phases" on public.track_phases
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "everyone reads track phases" on public.track_phases
  for select
  to anon, authenticated
  using (true);
CREATE TRIGGER track_phases_touch_updated_at BEFORE UPDATE ON public.track_phases FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.track_phases to anon;
grant delete, select on table public.track_phases to authenticated;
grant all on table public.track_phases to service_role;
grant insert (cycle_id, kind, starts_at, ends_at, proposers_may_edit, reviewers_see_reviews, blind_review, reviewers_may_review, proposers_see_reviews) on table public.track_phases to authenticated;
grant update (starts_at, ends_at, proposers_may_edit, reviewers_see_reviews, blind_review, reviewers_may_review, proposers_see_reviews) on table public.track_phases to authenticated;

create table public.track_placements (
  id uuid default gen_random_uuid() not null,
  version_id uuid not null,
  cycle_id uuid not null,
  proposal_id uuid not null,
  room_id uuid not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  during tstzrange generated always as (tstzrange(starts_at, ends_at, '[)'::text)) stored not null,
  placed_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  constraint track_placements_pkey PRIMARY KEY (id),
  constraint track_placements_once UNIQUE (version_id, proposal_id),
  constraint track_placements_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_placements_placed_by_fkey FOREIGN KEY (placed_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_placements_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_placements_room_id_fkey FOREIGN KEY (room_id) REFERENCES public.track_rooms(id) ON DELETE CASCADE,
  constraint track_placements_version_id_fkey FOREIGN KEY (version_id) REFERENCES public.track_timetable_versions(id) ON DELETE CASCADE,
  constraint track_placements_ends_after_start CHECK (ends_at > starts_at),
  constraint track_placements_room_free EXCLUDE USING gist (version_id WITH =, room_id WITH =, during WITH &&)
);
comment on table public.track_placements is 'A session of a timetable version: an accepted proposal in a room from an instant; a room never holds two sessions at overlapping times (exclusion constraint).';
alter table public.track_placements enable row level security;
create policy "admins move sessions in the draft" on public.track_placements
  for update
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) AND private.track_version_is_draft(version_id)))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins place sessions" on public.track_placements
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins read every placement, members the published ones" on public.track_placements
  for select
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) OR (EXISTS ( SELECT 1
   FROM public.track_timetable_versions v
  WHERE ((v.id = track_placements.version_id) AND v.is_published)))));
create policy "admins take sessions off the draft" on public.track_placements
  for delete
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) AND private.track_version_is_draft(version_id)));
create policy "visitors read the published placements" on public.track_placements
  for select
  to anon
  using ((EXISTS ( SELECT 1
   FROM public.track_timetable_versions v
  WHERE ((v.id = track_placements.version_id) AND v.is_published))));
CREATE INDEX track_placements_cycle_id_idx ON public.track_placements USING btree (cycle_id);
CREATE INDEX track_placements_placed_by_idx ON public.track_placements USING btree (placed_by);
CREATE INDEX track_placements_proposal_id_idx ON public.track_placements USING btree (proposal_id);
CREATE INDEX track_placements_room_id_idx ON public.track_placements USING btree (room_id);
CREATE TRIGGER track_placements_guard BEFORE INSERT OR UPDATE ON public.track_placements FOR EACH ROW EXECUTE FUNCTION private.track_placements_guard();
grant select on table public.track_placements to anon;
grant delete, select on table public.track_placements to authenticated;
grant all on table public.track_placements to service_role;
grant insert (version_id, cycle_id, proposal_id, room_id, starts_at, ends_at) on table public.track_placements to authenticated;
grant update (room_id, starts_at, ends_at) on table public.track_placements to authenticated;

create table public.track_proposals (
  id uuid default gen_random_uuid() not null,
  cycle_id uuid not null,
  proposer_id uuid default auth.uid() not null,
  title text not null,
  format text,
  duration_minutes integer,
  policy_questions text,
  description text,
  expected_outcomes text,
  interaction text,
  target_audience text,
  languages text[] default '{}'::text[] not null,
  topics text[] default '{}'::text[] not null,
  programmes text[] default '{}'::text[] not null,
  status text default 'draft'::text not null,
  submitted_at timestamp with time zone,
  withdrawn_at timestamp with time zone,
  screening_reason text,
  screened_by uuid,
  screened_at timestamp with time zone,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint track_proposals_pkey PRIMARY KEY (id),
  constraint track_proposals_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_proposals_proposer_id_fkey FOREIGN KEY (proposer_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint track_proposals_screened_by_fkey FOREIGN KEY (screened_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_proposals_audience_check CHECK (char_length(target_audience) <= 2000),
  constraint track_proposals_complete_when_submitted CHECK ((status = ANY (ARRAY['draft'::text, 'withdrawn'::text])) OR format IS NOT NULL AND duration_minutes IS NOT NULL AND policy_questions IS NOT NULL AND description IS NOT NULL AND expected_outcomes IS NOT NULL AND interaction IS NOT NULL AND target_audience IS NOT NULL AND cardinality(languages) > 0 AND submitted_at IS NOT NULL),
  constraint track_proposals_description_check CHECK (char_length(description) <= 10000),
  constraint track_proposals_duration_check CHECK (duration_minutes >= 15 AND duration_minutes <= 180),
  constraint track_proposals_format_check CHECK (format = ANY (ARRAY['workshop'::text, 'roundtable'::text, 'lightning-talk'::text, 'open-forum'::text, 'training'::text])),
  constraint track_proposals_interaction_check CHECK (char_length(interaction) <= 3000),
  constraint track_proposals_languages_check CHECK (cardinality(languages) <= 6 AND array_to_string(languages, ','::text) ~ '^([a-z]{2}(,[a-z]{2})*)?$'::text),
  constraint track_proposals_outcomes_check CHECK (char_length(expected_outcomes) <= 3000),
  constraint track_proposals_policy_questions_check CHECK (char_length(policy_questions) <= 3000),
  constraint track_proposals_programmes_check CHECK (cardinality(programmes) <= 8 AND array_to_string(programmes, ','::text) ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'::text),
  constraint track_proposals_screened_with_reason CHECK (status <> 'screened_out'::text OR screening_reason IS NOT NULL AND char_length(btrim(screening_reason)) > 0 AND screened_at IS NOT NULL),
  constraint track_proposals_screening_reason_check CHECK (char_length(screening_reason) <= 2000),
  constraint track_proposals_status_check CHECK (status = ANY (ARRAY['draft'::text, 'submitted'::text, 'withdrawn'::text, 'screened_out'::text, 'accepted'::text, 'waitlisted'::text, 'rejected'::text, 'merged'::text])),
  constraint track_proposals_title_check CHECK (char_length(btrim(title)) >= 2 AND char_length(btrim(title)) <= 200),
  constraint track_proposals_topics_check CHECK (cardinality(topics) <= 8 AND array_to_string(topics, ','::text) ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'::text)
);
comment on table public.track_proposals is 'Sessions proposed to a track cycle, from draft to submission, screening and (later) decision; read by their proposers and admins.';
alter table public.track_proposals enable row level security;
create policy "members propose" on public.track_proposals
  for insert
  to authenticated
  with check ((proposer_id = ( SELECT auth.uid() AS uid)));
create policy "proposers change their proposals, admins screen them" on public.track_proposals
  for update
  to authenticated
  using ((private.is_track_proposer(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)))
  with check ((private.is_track_proposer(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "proposers, admins and, once published, everyone read proposals" on public.track_proposals
  for select
  to authenticated
  using (((proposer_id = ( SELECT auth.uid() AS uid)) OR private.is_track_proposer(id) OR private.is_asked_to_co_propose(id) OR ( SELECT private.is_platform_admin() AS is_platform_admin) OR private.track_proposal_published(id)));
create policy "visitors read the published timetable's proposals" on public.track_proposals
  for select
  to anon
  using (private.track_proposal_published(id));
CREATE INDEX track_proposals_cycle_status_idx ON public.track_proposals USING btree (cycle_id, status, created_at, id);
CREATE INDEX track_proposals_proposer_id_idx ON public.track_proposals USING btree (proposer_id, created_at DESC);
CREATE INDEX track_proposals_screened_by_idx ON public.track_proposals USING btree (screened_by);
CREATE TRIGGER track_proposals_guard BEFORE INSERT OR UPDATE ON public.track_proposals FOR EACH ROW EXECUTE FUNCTION private.track_proposals_guard();
CREATE TRIGGER track_proposals_tell_screened AFTER UPDATE OF status ON public.track_proposals FOR EACH ROW WHEN (new.status = 'screened_out'::text AND old.status IS DISTINCT FROM 'screened_out'::text) EXECUTE FUNCTION private.track_proposals_tell_screened();
grant select on table public.track_proposals to anon;
grant select on table public.track_proposals to authenticated;
grant all on table public.track_proposals to service_role;
grant insert (cycle_id, title, format, duration_minutes, policy_questions, description, expected_outcomes, interaction, target_audience, languages, topics, programmes, status) on table public.track_proposals to authenticated;
grant update (title, format, duration_minutes, policy_questions, description, expected_outcomes, interaction, target_audience, languages, topics, programmes, status, screening_reason) on table public.track_proposals to authenticated;

create table public.track_review_scores (
  review_id uuid not null,
  criterion_id uuid not null,
  score integer not null,
  constraint track_review_scores_pkey PRIMARY KEY (review_id, criterion_id),
  constraint track_review_scores_criterion_id_fkey FOREIGN KEY (criterion_id) REFERENCES public.track_criteria(id),
  constraint track_review_scores_review_id_fkey FOREIGN KEY (review_id) REFERENCES public.track_reviews(id) ON DELETE CASCADE,
  constraint track_review_scores_score_check CHECK (score >= 0)
);
comment on table public.track_review_scores is 'A review''s score on one criterion of its cycle''s rubric (an index into the criterion''s scale). Read and written as the review is.';
alter table public.track_review_scores enable row level security;
create policy "reviewers change scores while the phase allows" on public.track_review_scores
  for update
  to authenticated
  using (private.track_review_writable(review_id))
  with check (private.track_review_writable(review_id));
create policy "reviewers score while the phase allows" on public.track_review_scores
  for insert
  to authenticated
  with check (private.track_review_writable(review_id));
create policy "reviewers take a score back while the phase allows" on public.track_review_scores
  for delete
  to authenticated
  using (private.track_review_writable(review_id));
create policy "the reviewer and admins read scores" on public.track_review_scores
  for select
  to authenticated
  using (private.track_review_readable(review_id));
CREATE INDEX track_review_scores_criterion_idx ON public.track_review_scores USING btree (criterion_id);
CREATE TRIGGER track_review_scores_guard BEFORE INSERT OR UPDATE ON public.track_review_scores FOR EACH ROW EXECUTE FUNCTION private.track_review_scores_guard();
grant delete, select on table public.track_review_scores to authenticated;
grant all on table public.track_review_scores to service_role;
grant insert (review_id, criterion_id, score) on table public.track_review_scores to authenticated;
grant update (score) on table public.track_review_scores to authenticated;

create table public.track_reviewers (
  cycle_id uuid not null,
  profile_id uuid not null,
  status text default 'invited'::text not null,
  topics text[] default '{}'::text[] not null,
  invited_by uuid default auth.uid(),
  created_at timestamp with time zone default now() not null,
  decided_at timestamp with time zone,
  constraint track_reviewers_pkey PRIMARY KEY (cycle_id, profile_id),
  constraint track_reviewers_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_reviewers_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_reviewers_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE CASCADE,
  constraint track_reviewers_status_check CHECK (status = ANY (ARRAY['invited'::text, 'accepted'::text, 'declined'::text])),
  constraint track_reviewers_topics_check CHECK (cardinality(topics) <= 12 AND array_to_string(topics, ','::text) ~ '^([a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*)?$'::text)
);
comment on table public.track_reviewers is 'People invited to review a track cycle''s proposals (invited → accepted or declined), with their topic preferences; admins and the person read them.';
alter table public.track_reviewers enable row level security;
create policy "admins and the person read reviewers" on public.track_reviewers
  for select
  to authenticated
  using (((profile_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "admins invite reviewers" on public.track_reviewers
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins take invitations back" on public.track_reviewers
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "the person answers and sets their topics" on public.track_reviewers
  for update
  to authenticated
  using ((profile_id = ( SELECT auth.uid() AS uid)))
  with check ((profile_id = ( SELECT auth.uid() AS uid)));
CREATE INDEX track_reviewers_invited_by_idx ON public.track_reviewers USING btree (invited_by);
CREATE INDEX track_reviewers_profile_id_idx ON public.track_reviewers USING btree (profile_id, status);
CREATE TRIGGER track_reviewers_guard BEFORE INSERT OR UPDATE ON public.track_reviewers FOR EACH ROW EXECUTE FUNCTION private.track_reviewers_guard();
CREATE TRIGGER track_reviewers_tell AFTER INSERT ON public.track_reviewers FOR EACH ROW WHEN (new.status = 'invited'::text) EXECUTE FUNCTION private.track_reviewers_tell();
grant delete, select on table public.track_reviewers to authenticated;
grant all on table public.track_reviewers to service_role;
grant insert (cycle_id, profile_id) on table public.track_reviewers to authenticated;
grant update (status, topics) on table public.track_reviewers to authenticated;

create table public.track_reviews (
  id uuid default gen_random_uuid() not null,
  proposal_id uuid not null,
  reviewer_id uuid default auth.uid() not null,
  state text default 'draft'::text not null,
  comment_to_proposers text,
  comment_to_committee text,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  submitted_at timestamp with time zone,
  constraint track_reviews_pkey PRIMARY KEY (id),
  constraint track_reviews_once UNIQUE (proposal_id, reviewer_id),
  constraint track_reviews_assignment_fkey FOREIGN KEY (proposal_id, reviewer_id) REFERENCES public.track_assignments(proposal_id, reviewer_id),
  constraint track_reviews_comment_to_committee_check CHECK (char_length(comment_to_committee) <= 5000),
  constraint track_reviews_comment_to_proposers_check CHECK (char_length(comment_to_proposers) <= 5000),
  constraint track_reviews_complete TRIGGER DEFERRABLE INITIALLY DEFERRED,
  constraint track_reviews_state_check CHECK (state = ANY (ARRAY['draft'::text, 'submitted'::text])),
  constraint track_reviews_submitted_at CHECK ((state = 'submitted'::text) = (submitted_at IS NOT NULL))
);
comment on table public.track_reviews is 'A reviewer''s review of a track proposal they are assigned: comments to the proposers and to the committee, draft or submitted. Read by the reviewer and admins; others through functions that choose what they see.';
alter table public.track_reviews enable row level security;
create policy "assigned reviewers write their review while the phase allows" on public.track_reviews
  for insert
  to authenticated
  with check (((reviewer_id = ( SELECT auth.uid() AS uid)) AND private.track_may_review(proposal_id)));
create policy "reviewers change their review while the phase allows" on public.track_reviews
  for update
  to authenticated
  using (((reviewer_id = ( SELECT auth.uid() AS uid)) AND private.track_may_review(proposal_id)))
  with check (((reviewer_id = ( SELECT auth.uid() AS uid)) AND private.track_may_review(proposal_id)));
create policy "the reviewer and admins read reviews" on public.track_reviews
  for select
  to authenticated
  using (((reviewer_id = ( SELECT auth.uid() AS uid)) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
CREATE INDEX track_reviews_reviewer_idx ON public.track_reviews USING btree (reviewer_id, proposal_id);
CREATE CONSTRAINT TRIGGER track_reviews_complete AFTER INSERT OR UPDATE ON public.track_reviews DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (new.state = 'submitted'::text) EXECUTE FUNCTION private.track_reviews_complete();
CREATE TRIGGER track_reviews_guard BEFORE INSERT OR UPDATE ON public.track_reviews FOR EACH ROW EXECUTE FUNCTION private.track_reviews_guard();
CREATE TRIGGER track_reviews_touch_updated_at BEFORE UPDATE ON public.track_reviews FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.track_reviews to authenticated;
grant all on table public.track_reviews to service_role;
grant insert (proposal_id, state, comment_to_proposers, comment_to_committee) on table public.track_reviews to authenticated;
grant update (state, comment_to_proposers, comment_to_committee) on table public.track_reviews to authenticated;

create table public.track_rooms (
  id uuid default gen_random_uuid() not null,
  cycle_id uuid not null,
  name text not null,
  kind text not null,
  capacity integer,
  "position" smallint default 0 not null,
  created_at timestamp with time zone default now() not null,
  constraint track_rooms_pkey PRIMARY KEY (id),
  constraint track_rooms_name_once UNIQUE (cycle_id, name),
  constraint track_rooms_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_rooms_capacity_check CHECK (capacity >= 1 AND capacity <= 100000),
  constraint track_rooms_capacity_when_onsite CHECK ((kind = 'onsite'::text) = (capacity IS NOT NULL)),
  constraint track_rooms_kind_check CHECK (kind = ANY (ARRAY['onsite'::text, 'online'::text])),
  constraint track_rooms_name_check CHECK (char_length(btrim(name)) >= 1 AND char_length(btrim(name)) <= 120)
);
comment on table public.track_rooms is 'The rooms of a track cycle''s timetable: onsite with a capacity, or online. Admins write; everyone reads once the timetable is published.';
alter table public.track_rooms enable row level security;
create policy "admins add rooms" on public.track_rooms
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins and, once published, members read rooms" on public.track_rooms
  for select
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) OR private.track_timetable_published(cycle_id)));
create policy "admins change rooms" on public.track_rooms
  for update
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins remove rooms" on public.track_rooms
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "visitors read a published timetable's rooms" on public.track_rooms
  for select
  to anon
  using (private.track_timetable_published(cycle_id));
grant select on table public.track_rooms to anon;
grant delete, select on table public.track_rooms to authenticated;
grant all on table public.track_rooms to service_role;
grant insert (cycle_id, name, kind, capacity, "position") on table public.track_rooms to authenticated;
grant update (name, kind, capacity, "position") on table public.track_rooms to authenticated;

create table public.track_session_events (
  proposal_id uuid not null,
  cycle_id uuid not null,
  event_id uuid not null,
  room_id uuid,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  cancelled boolean default false not null,
  published_at timestamp with time zone default now() not null,
  constraint track_session_events_pkey PRIMARY KEY (proposal_id),
  constraint track_session_events_event_id_key UNIQUE (event_id),
  constraint track_session_events_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_session_events_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint track_session_events_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_session_events_room_id_fkey FOREIGN KEY (room_id) REFERENCES public.track_rooms(id) ON DELETE SET NULL
);
comment on table public.track_session_events is 'The calendar event of each published track session (its stable identity across publications), with the cycle as its context and the time and room last published.';
alter table public.track_session_events enable row level security;
create policy "everyone reads which event a published session is" on public.track_session_events
  for select
  to anon, authenticated
  using (true);
CREATE INDEX track_session_events_cycle_id_idx ON public.track_session_events USING btree (cycle_id);
CREATE INDEX track_session_events_room_id_idx ON public.track_session_events USING btree (room_id);
grant select on table public.track_session_events to anon;
grant select on table public.track_session_events to authenticated;
grant all on table public.track_session_events to service_role;

create table public.track_slots (
  id uuid default gen_random_uuid() not null,
  cycle_id uuid not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  during tstzrange generated always as (tstzrange(starts_at, ends_at, '[)'::text)) stored not null,
  created_at timestamp with time zone default now() not null,
  constraint track_slots_pkey PRIMARY KEY (id),
  constraint track_slots_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_slots_at_most_a_day CHECK ((ends_at - starts_at) <= '12:00:00'::interval),
  constraint track_slots_ends_after_start CHECK (ends_at > starts_at),
  constraint track_slots_no_overlap EXCLUDE USING gist (cycle_id WITH =, during WITH &&)
);
comment on table public.track_slots is 'The slots of a track cycle''s timetable (instants, shown in the venue''s zone; the days are the venue''s days they fall on). Never overlapping within a cycle.';
alter table public.track_slots enable row level security;
create policy "admins add slots" on public.track_slots
  for insert
  to authenticated
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins and, once published, members read slots" on public.track_slots
  for select
  to authenticated
  using ((( SELECT private.is_platform_admin() AS is_platform_admin) OR private.track_timetable_published(cycle_id)));
create policy "admins change slots" on public.track_slots
  for update
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin))
  with check (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "admins remove slots" on public.track_slots
  for delete
  to authenticated
  using (( SELECT private.is_platform_admin() AS is_platform_admin));
create policy "visitors read a published timetable's slots" on public.track_slots
  for select
  to anon
  using (private.track_timetable_published(cycle_id));
grant select on table public.track_slots to anon;
grant delete, select on table public.track_slots to authenticated;
grant all on table public.track_slots to service_role;
grant insert (cycle_id, starts_at, ends_at) on table public.track_slots to authenticated;
grant update (starts_at, ends_at) on table public.track_slots to authenticated;

create table public.track_speaker_genders (
  speaker_id uuid not null,
  gender text not null,
  constraint track_speaker_genders_pkey PRIMARY KEY (speaker_id),
  constraint track_speaker_genders_speaker_id_fkey FOREIGN KEY (speaker_id) REFERENCES public.track_speakers(id) ON DELETE CASCADE,
  constraint track_speaker_genders_gender_check CHECK (char_length(btrim(gender)) >= 1 AND char_length(btrim(gender)) <= 60)
);
comment on table public.track_speaker_genders is 'A track speaker''s self-described gender, optional: for the minimum criteria and the track''s totals, read by the proposers and admins, never public.';
alter table public.track_speaker_genders enable row level security;
create policy "proposers and admins read genders" on public.track_speaker_genders
  for select
  to authenticated
  using ((private.is_track_proposer(private.track_speaker_proposal(speaker_id)) OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "proposers change genders while they may edit" on public.track_speaker_genders
  for update
  to authenticated
  using ((private.is_track_proposer(private.track_speaker_proposal(speaker_id)) AND private.track_proposal_may_edit(private.track_speaker_proposal(speaker_id))))
  with check (private.is_track_proposer(private.track_speaker_proposal(speaker_id)));
create policy "proposers remove genders while they may edit" on public.track_speaker_genders
  for delete
  to authenticated
  using ((private.is_track_proposer(private.track_speaker_proposal(speaker_id)) AND private.track_proposal_may_edit(private.track_speaker_proposal(speaker_id))));
create policy "proposers write genders while they may edit" on public.track_speaker_genders
  for insert
  to authenticated
  with check ((private.is_track_proposer(private.track_speaker_proposal(speaker_id)) AND private.track_proposal_may_edit(private.track_speaker_proposal(speaker_id))));
grant delete, select on table public.track_speaker_genders to authenticated;
grant all on table public.track_speaker_genders to service_role;
grant insert (speaker_id, gender) on table public.track_speaker_genders to authenticated;
grant update (gender) on table public.track_speaker_genders to authenticated;

create table public.track_speakers (
  id uuid default gen_random_uuid() not null,
  proposal_id uuid not null,
  role text default 'speaker'::text not null,
  "position" smallint default 0 not null,
  name text not null,
  profile_id uuid,
  organisation text,
  stakeholder_group text,
  region_code character(3),
  attendance text default 'onsite'::text not null,
  confirmed boolean default false not null,
  created_at timestamp with time zone default now() not null,
  constraint track_speakers_pkey PRIMARY KEY (id),
  constraint track_speakers_profile_id_fkey FOREIGN KEY (profile_id) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_speakers_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES public.track_proposals(id) ON DELETE CASCADE,
  constraint track_speakers_region_code_fkey FOREIGN KEY (region_code) REFERENCES public.regions(code),
  constraint track_speakers_stakeholder_group_fkey FOREIGN KEY (stakeholder_group) REFERENCES public.stakeholder_groups(slug),
  constraint track_speakers_attendance_check CHECK (attendance = ANY (ARRAY['onsite'::text, 'online'::text])),
  constraint track_speakers_name_check CHECK (char_length(btrim(name)) >= 1 AND char_length(btrim(name)) <= 200),
  constraint track_speakers_organisation_check CHECK (char_length(organisation) <= 200),
  constraint track_speakers_role_check CHECK (role = ANY (ARRAY['speaker'::text, 'moderator'::text]))
);
comment on table public.track_speakers is 'The speakers and the moderator of a track proposal, members or not, with what the minimum criteria count (group, region, onsite, confirmed).';
alter table public.track_speakers enable row level security;
create policy "proposers add speakers while they may edit" on public.track_speakers
  for insert
  to authenticated
  with check ((private.is_track_proposer(proposal_id) AND private.track_proposal_may_edit(proposal_id)));
create policy "proposers change speakers while they may edit" on public.track_speakers
  for update
  to authenticated
  using ((private.is_track_proposer(proposal_id) AND private.track_proposal_may_edit(proposal_id)))
  with check ((private.is_track_proposer(proposal_id) AND private.track_proposal_may_edit(proposal_id)));
create policy "proposers remove speakers while they may edit" on public.track_speakers
  for delete
  to authenticated
  using ((private.is_track_proposer(proposal_id) AND private.track_proposal_may_edit(proposal_id)));
create policy "proposers, admins and, once published, everyone read speakers" on public.track_speakers
  for select
  to authenticated
  using ((private.is_track_proposer(proposal_id) OR ( SELECT private.is_platform_admin() AS is_platform_admin) OR private.track_proposal_published(proposal_id)));
create policy "visitors read the published timetable's speakers" on public.track_speakers
  for select
  to anon
  using (private.track_proposal_published(proposal_id));
CREATE INDEX track_speakers_profile_id_idx ON public.track_speakers USING btree (profile_id);
CREATE INDEX track_speakers_proposal_id_idx ON public.track_speakers USING btree (proposal_id, "position");
CREATE INDEX track_speakers_region_code_idx ON public.track_speakers USING btree (region_code);
CREATE INDEX track_speakers_stakeholder_group_idx ON public.track_speakers USING btree (stakeholder_group);
grant select on table public.track_speakers to anon;
grant delete, select on table public.track_speakers to authenticated;
grant all on table public.track_speakers to service_role;
grant insert (proposal_id, role, "position", name, profile_id, organisation, stakeholder_group, region_code, attendance, confirmed) on table public.track_speakers to authenticated;
grant update (role, "position", name, profile_id, organisation, stakeholder_group, region_code, attendance, confirmed) on table public.track_speakers to authenticated;

create table public.track_timetable_versions (
  id uuid default gen_random_uuid() not null,
  cycle_id uuid not null,
  state text default 'draft'::text not null,
  number integer,
  note text,
  is_published boolean default false not null,
  published_at timestamp with time zone,
  saved_at timestamp with time zone,
  saved_by uuid,
  created_at timestamp with time zone default now() not null,
  constraint track_timetable_versions_pkey PRIMARY KEY (id),
  constraint track_timetable_versions_number_once UNIQUE (cycle_id, number),
  constraint track_timetable_versions_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES public.track_cycles(id) ON DELETE CASCADE,
  constraint track_timetable_versions_saved_by_fkey FOREIGN KEY (saved_by) REFERENCES public.profiles(id) ON DELETE SET NULL,
  constraint track_timetable_versions_note_check CHECK (char_length(note) <= 200),
  constraint track_timetable_versions_number_check CHECK (number >= 1),
  constraint track_timetable_versions_numbered_when_saved CHECK ((state = 'saved'::text) = (number IS NOT NULL AND saved_at IS NOT NULL)),
  constraint track_timetable_versions_published_when_saved CHECK (NOT is_published OR state = 'saved'::text AND published_at IS NOT NULL),
  constraint track_timetable_versions_state_check CHECK (state = ANY (ARRAY['draft'::text, 'saved'::text]))
);
comment on table public.track_timetable_versions is 'Versions of a track cycle''s timetable: the one draft being edited, saved (numbered, unchanging) snapshots, at most one of them published.';
alter table public.track_timetable_versions enable row level security;
create policy "admins read every version, members the published one" on public.track_timetable_versions
  for select
  to authenticated
  using ((is_published OR ( SELECT private.is_platform_admin() AS is_platform_admin)));
create policy "admins start the draft" on public.track_timetable_versions
  for insert
  to authenticated
  with check ((( SELECT private.is_platform_admin() AS is_platform_admin) AND (state = 'draft'::text)));
create policy "visitors read the published version" on public.track_timetable_versions
  for select
  to anon
  using (is_published);
CREATE UNIQUE INDEX track_timetable_versions_one_draft_idx ON public.track_timetable_versions USING btree (cycle_id) WHERE (state = 'draft'::text);
CREATE UNIQUE INDEX track_timetable_versions_one_published_idx ON public.track_timetable_versions USING btree (cycle_id) WHERE is_published;
CREATE INDEX track_timetable_versions_saved_by_idx ON public.track_timetable_versions USING btree (saved_by);
grant select on table public.track_timetable_versions to anon;
grant select on table public.track_timetable_versions to authenticated;
grant all on table public.track_timetable_versions to service_role;
grant insert (cycle_id) on table public.track_timetable_versions to authenticated;

-- ==============================================================================================
-- Views

create view private.profile_cards with (security_barrier=true) as
 SELECT p.id,
    p.handle,
    p.display_name,
        CASE
            WHEN r.reach = 'private'::public.audience THEN p.visibility
            ELSE NULL::public.audience
        END AS visibility,
    r.reach = 'private'::public.audience AS is_me,
        CASE
            WHEN GREATEST(p.visibility, p.headline_visibility) <= r.reach THEN p.headline
            ELSE NULL::text
        END AS headline,
        CASE
            WHEN GREATEST(p.visibility, p.bio_visibility) <= r.reach THEN p.bio
            ELSE NULL::text
        END AS bio,
        CASE
            WHEN GREATEST(p.visibility, p.location_visibility) <= r.reach THEN p.country_code
            ELSE NULL::bpchar
        END AS country_code,
        CASE
            WHEN GREATEST(p.visibility, p.location_visibility) <= r.reach THEN c.name
            ELSE NULL::text
        END AS country_name,
        CASE
            WHEN GREATEST(p.visibility, p.location_visibility) <= r.reach THEN COALESCE(sr.name, rg.name)
            ELSE NULL::text
        END AS region_name,
        CASE
            WHEN GREATEST(p.visibility, p.city_visibility) <= r.reach THEN p.city
            ELSE NULL::text
        END AS city,
        CASE
            WHEN GREATEST(p.visibility, p.stakeholder_visibility) <= r.reach THEN p.stakeholder_group
            ELSE NULL::text
        END AS stakeholder_group,
        CASE
            WHEN GREATEST(p.visibility, p.stakeholder_visibility) <= r.reach THEN sg.name
            ELSE NULL::text
        END AS stakeholder_group_name,
        CASE
            WHEN GREATEST(p.visibility, p.work_visibility) <= r.reach THEN p.current_position
            ELSE NULL::text
        END AS current_position,
        CASE
            WHEN GREATEST(p.visibility, p.work_visibility) <= r.reach THEN p.current_organisation
            ELSE NULL::text
        END AS current_organisation,
        CASE
            WHEN GREATEST(p.visibility, p.time_zone_visibility) <= r.reach THEN p.time_zone
            ELSE NULL::text
        END AS time_zone,
        CASE
            WHEN GREATEST(p.visibility, p.open_to_visibility) <= r.reach THEN p.open_to
            ELSE NULL::text[]
        END AS open_to,
        CASE
            WHEN GREATEST(p.visibility, p.email_visibility) <= r.reach THEN (( SELECT u.email
               FROM auth.users u
              WHERE u.id = p.id))::text
            ELSE NULL::text
        END AS email,
        CASE
            WHEN r.reach = 'private'::public.audience THEN p.aggregate_consent
            ELSE NULL::boolean
        END AS aggregate_consent,
        CASE
            WHEN r.reach = 'private'::public.audience THEN p.onboarded_at
            ELSE NULL::timestamp with time zone
        END AS onboarded_at,
        CASE
            WHEN GREATEST(p.visibility, p.topics_visibility) <= r.reach THEN ( SELECT array_agg(t.name ORDER BY t.sort_order, t.name) AS array_agg
               FROM public.profile_topics pt
                 JOIN public.topics t ON t.slug = pt.topic_slug
              WHERE pt.profile_id = p.id)
            ELSE NULL::text[]
        END AS topics,
        CASE
            WHEN r.reach = 'private'::public.audience THEN jsonb_build_object('headline', p.headline_visibility, 'bio', p.bio_visibility, 'location', p.location_visibility, 'city', p.city_visibility, 'stakeholder', p.stakeholder_visibility, 'work', p.work_visibility, 'positions', p.positions_visibility, 'topics', p.topics_visibility, 'languages', p.languages_visibility, 'time_zone', p.time_zone_visibility, 'links', p.links_visibility, 'open_to', p.open_to_visibility, 'email', p.email_visibility)
            ELSE NULL::jsonb
        END AS field_visibility,
    p.created_at,
        CASE
            WHEN GREATEST(p.visibility, p.topics_visibility) <= r.reach THEN ( SELECT array_agg(pt.topic_slug) AS array_agg
               FROM public.profile_topics pt
              WHERE pt.profile_id = p.id)
            ELSE NULL::text[]
        END AS topic_slugs
   FROM public.profiles p
     CROSS JOIN LATERAL ( SELECT
                CASE
                    WHEN (( SELECT auth.uid() AS uid)) IS NULL THEN 'public'::public.audience
                    WHEN p.id = (( SELECT auth.uid() AS uid)) THEN 'private'::public.audience
                    WHEN (EXISTS ( SELECT 1
                       FROM public.memberships mine
                         JOIN public.memberships theirs ON theirs.programme_id = mine.programme_id
                      WHERE mine.profile_id = (( SELECT auth.uid() AS uid)) AND mine.status = 'verified'::text AND theirs.profile_id = p.id AND theirs.status = 'verified'::text)) THEN 'programmes'::public.audience
                    ELSE 'members'::public.audience
                END AS reach
         OFFSET 0) r
     LEFT JOIN public.countries c ON c.code = p.country_code
     LEFT JOIN public.regions rg ON rg.code = c.region_code
     LEFT JOIN public.regions sr ON sr.code = c.sub_region_code
     LEFT JOIN public.stakeholder_groups sg ON sg.slug = p.stakeholder_group
  WHERE p.visibility <= r.reach;
grant select on table private.profile_cards to anon;
grant select on table private.profile_cards to authenticated;
grant all on table private.profile_cards to service_role;

-- ==============================================================================================
-- Functions (a grant list that does not name public means public may not call it)

CREATE OR REPLACE FUNCTION private.accept_invitation(token text)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  invitation public.membership_invitations;
begin
  select i.* into invitation from public.membership_invitations i
  where i.token_hash = encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex')
  for update;
  return public.accept_invitation_row(invitation);
end;
$function$;
grant execute on function private.accept_invitation(text) to authenticated;

CREATE OR REPLACE FUNCTION private.accept_invitation_by_id(invitation_id uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  invitation public.membership_invitations;
begin
  select i.* into invitation from public.membership_invitations i
  where i.id = invitation_id
  for update;
  return public.accept_invitation_row(invitation);
end;
$function$;
grant execute on function private.accept_invitation_by_id(uuid) to authenticated;

CREATE OR REPLACE FUNCTION private.admin_coordinators(programme uuid)
 RETURNS TABLE(membership_id uuid, profile_id uuid, display_name text, email text, since timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.require_platform_admin();
  return query
    select m.id, m.profile_id, p.display_name, u.email::text, coalesce(m.decided_at, m.created_at)
    from public.memberships m
    join public.profiles p on p.id = m.profile_id
    join auth.users u on u.id = m.profile_id
    where m.programme_id = programme and m.role = 'coordinator' and m.status = 'verified'
    order by p.display_name, m.id;
end;
$function$;
grant execute on function private.admin_coordinators(uuid) to anon;
grant execute on function private.admin_coordinators(uuid) to authenticated;
grant execute on function private.admin_coordinators(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.admin_name_coordinator(programme uuid, person_email text)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  person uuid;
  membership uuid;
begin
  perform private.require_platform_admin();
  select u.id into person from auth.users u
  join public.profiles p on p.id = u.id
  where lower(u.email) = lower(trim(person_email));
  if person is null then
    return 'no_person';
  end if;
  if exists (
    select 1 from public.memberships m
    where m.programme_id = programme and m.profile_id = person and m.cohort_id is null
      and m.role = 'coordinator' and m.status = 'verified'
  ) then
    return 'already';
  end if;
  insert into public.memberships (profile_id, programme_id, cohort_id, role, status, decided_by, decided_at)
  values (person, programme, null, 'coordinator', 'verified', (select auth.uid()), now())
  on conflict on constraint memberships_one_claim do update
    set status = 'verified', decided_by = excluded.decided_by, decided_at = excluded.decided_at,
        decline_reason = null
  returning id into membership;
  -- The new coordinator is told as a verified claim would tell them.
  perform public.notify(
    person, 'membership_verified',
    public.membership_summary(programme, null, 'coordinator')
      || jsonb_build_object('membership_id', membership, 'reason', null)
  );
  insert into public.admin_audit (actor_id, actor_name, action, subject_id, subject_name, subject_email, programme_id, programme_name)
  select (select auth.uid()), private.person_name((select auth.uid())), 'coordinator_named',
         person, private.person_name(person), trim(person_email), pr.id, pr.name
  from public.programmes pr where pr.id = programme;
  return 'named';
end;
$function$;
grant execute on function private.admin_name_coordinator(uuid,text) to anon;
grant execute on function private.admin_name_coordinator(uuid,text) to authenticated;
grant execute on function private.admin_name_coordinator(uuid,text) to service_role;

CREATE OR REPLACE FUNCTION private.admin_remove_coordinator(membership uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  removed public.memberships%rowtype;
begin
  perform private.require_platform_admin();
  delete from public.memberships m
  where m.id = membership and m.role = 'coordinator'
  returning * into removed;
  if not found then
    return false;
  end if;
  insert into public.admin_audit (actor_id, actor_name, action, subject_id, subject_name, subject_email, programme_id, programme_name)
  select (select auth.uid()), private.person_name((select auth.uid())), 'coordinator_removed',
         removed.profile_id, private.person_name(removed.profile_id),
         (select u.email from auth.users u where u.id = removed.profile_id), pr.id, pr.name
  from public.programmes pr where pr.id = removed.programme_id;
  return true;
end;
$function$;
grant execute on function private.admin_remove_coordinator(uuid) to anon;
grant execute on function private.admin_remove_coordinator(uuid) to authenticated;
grant execute on function private.admin_remove_coordinator(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.admin_role_holders()
 RETURNS TABLE(id uuid, display_name text, email text, role text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.require_platform_admin();
  return query
    select u.id, p.display_name, u.email::text, u.raw_app_meta_data ->> 'platform_role'
    from auth.users u
    left join public.profiles p on p.id = u.id
    where u.raw_app_meta_data ->> 'platform_role' in ('admin', 'moderator')
    order by u.raw_app_meta_data ->> 'platform_role', p.display_name, u.email;
end;
$function$;
grant execute on function private.admin_role_holders() to anon;
grant execute on function private.admin_role_holders() to authenticated;
grant execute on function private.admin_role_holders() to service_role;

CREATE OR REPLACE FUNCTION private.admin_set_platform_role(person_email text, new_role text)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  target auth.users%rowtype;
  old_role text;
  others integer;
begin
  perform private.require_platform_admin();
  if new_role is not null and new_role not in ('admin', 'moderator') then
    raise exception 'No such platform role: %', new_role using errcode = '22023';
  end if;
  -- Every admin row locked, in one order: two admins withdrawing each other at once cannot both
  -- see the other one still there.
  perform 1 from auth.users u
  where u.raw_app_meta_data ->> 'platform_role' = 'admin'
  order by u.id
  for update;
  select * into target from auth.users u where lower(u.email) = lower(trim(person_email)) for update;
  if not found then
    return 'no_person';
  end if;
  old_role := target.raw_app_meta_data ->> 'platform_role';
  if old_role is not distinct from new_role then
    return 'unchanged';
  end if;
  if old_role = 'admin' then
    select count(*) into others from auth.users u
    where u.raw_app_meta_data ->> 'platform_role' = 'admin' and u.id <> target.id;
    if others = 0 then
      return 'last_admin';
    end if;
  end if;
  update auth.users u
  set raw_app_meta_data = case
        when new_role is null then coalesce(u.raw_app_meta_data, '{}') - 'platform_role'
        else coalesce(u.raw_app_meta_data, '{}') || jsonb_build_object('platform_role', new_role)
      end,
      updated_at = now()
  where u.id = target.id;
  if old_role is not null then
    insert into public.admin_audit (actor_id, actor_name, action, subject_id, subject_name, subject_email, role)
    values ((select auth.uid()), private.person_name((select auth.uid())), 'role_withdrawn',
            target.id, private.person_name(target.id), target.email, old_role);
  end if;
  if new_role is not null then
    insert into public.admin_audit (actor_id, actor_name, action, subject_id, subject_name, subject_email, role)
    values ((select auth.uid()), private.person_name((select auth.uid())), 'role_granted',
            target.id, private.person_name(target.id), target.email, new_role);
  end if;
  return case when new_role is null then 'withdrawn' else 'granted' end;
end;
$function$;
grant execute on function private.admin_set_platform_role(text,text) to anon;
grant execute on function private.admin_set_platform_role(text,text) to authenticated;
grant execute on function private.admin_set_platform_role(text,text) to service_role;

CREATE OR REPLACE FUNCTION private.announce_event(event uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  e public.events;
begin
  if not private.can_manage_event(event) then
    raise exception 'Only its organisers announce an event.' using errcode = '42501';
  end if;
  select * into e from public.events where id = event;
  if e.status = 'cancelled' or e.until_at <= now() then
    raise exception 'A cancelled or past event is not announced.' using errcode = '55000';
  end if;
  insert into public.event_dispatches (event_id, kind, sequence, requested_by)
    values (event, 'announcement', 0, (select auth.uid()))
    on conflict on constraint event_dispatches_once do nothing;
  return found;
end;
$function$;
grant execute on function private.announce_event(uuid) to authenticated;

CREATE OR REPLACE FUNCTION private.are_names(names jsonb)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select jsonb_typeof(names) = 'object' and not exists (
    select 1 from jsonb_each(names) as e (locale, name)
    where e.locale not in ('ar', 'zh', 'fr', 'ru', 'es')
      or jsonb_typeof(e.name) <> 'string'
      or btrim(e.name #>> '{}') = ''
  )
$function$;
grant execute on function private.are_names(jsonb) to anon;
grant execute on function private.are_names(jsonb) to authenticated;
grant execute on function private.are_names(jsonb) to service_role;

CREATE OR REPLACE FUNCTION private.are_target_groups(slugs text[])
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select not exists (
    select 1 from unnest(slugs) s
    where not exists (select 1 from public.target_groups g where g.slug = s)
  )
$function$;
grant execute on function private.are_target_groups(text[]) to authenticated;
grant execute on function private.are_target_groups(text[]) to service_role;

CREATE OR REPLACE FUNCTION private.author_in_space(author uuid, space uuid)
 RETURNS TABLE(display_name text, handle text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.display_name, p.handle
  from public.profiles p
  where p.id = author
    and private.can_read_space(space)
    and (exists (select 1 from public.space_members m where m.space_id = space and m.profile_id = author)
         or exists (select 1 from public.posts x where x.space_id = space and x.author_id = author))
$function$;
grant execute on function private.author_in_space(uuid,uuid) to anon;
grant execute on function private.author_in_space(uuid,uuid) to authenticated;
grant execute on function private.author_in_space(uuid,uuid) to service_role;

CREATE OR REPLACE FUNCTION private.calendar_feed_owner(hash text)
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select f.profile_id from public.calendar_feeds f where f.token_hash = hash
$function$;
grant execute on function private.calendar_feed_owner(text) to anon;
grant execute on function private.calendar_feed_owner(text) to authenticated;

CREATE OR REPLACE FUNCTION private.can_manage_event(event uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select (select auth.uid()) is not null and (
    (select private.is_platform_admin())
    or exists (
      select 1
      from public.event_organisers o
      left join public.programmes p on p.organisation_id = o.organisation_id
      join public.memberships m
        on m.programme_id = coalesce(o.programme_id, p.id)
       and m.profile_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'verified'
      where o.event_id = event
    )
    or exists (
      select 1
      from public.event_organisers o
      where o.event_id = event and private.moderates_open_space(o.space_id)
    )
    or exists (
      select 1 from public.events e
      where e.id = event and e.created_by = (select auth.uid())
        and not exists (select 1 from public.event_organisers o where o.event_id = event)
    )
  )
$function$;
grant execute on function private.can_manage_event(uuid) to authenticated;
grant execute on function private.can_manage_event(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.can_post_in_space(space uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1
    from public.space_members m
    join public.spaces s on s.id = m.space_id
    where m.space_id = space
      and m.profile_id = (select auth.uid())
      and s.status = 'open'
      and (m.suspended_until is null or m.suspended_until <= now())
  )
$function$;
grant execute on function private.can_post_in_space(uuid) to anon;
grant execute on function private.can_post_in_space(uuid) to authenticated;
grant execute on function private.can_post_in_space(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.can_read_space(space uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open'
      and (
        s.visibility = 'public'
        or (s.visibility = 'members' and (select auth.uid()) is not null)
        or exists (
          select 1 from public.space_members m
          where m.space_id = s.id and m.profile_id = (select auth.uid())
        )
      )
  );
end
$function$;
grant execute on function private.can_read_space(uuid) to anon;
grant execute on function private.can_read_space(uuid) to authenticated;
grant execute on function private.can_read_space(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.can_read_thread(thread uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.threads t
    where t.id = thread and t.space_id = any (private.readable_space_ids())
  )
$function$;
grant execute on function private.can_read_thread(uuid) to anon;
grant execute on function private.can_read_thread(uuid) to authenticated;
grant execute on function private.can_read_thread(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.can_see_field(owner uuid, field text)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select greatest(p.visibility, case field
      when 'topics' then p.topics_visibility
      when 'languages' then p.languages_visibility
      when 'positions' then p.positions_visibility
      when 'links' then p.links_visibility
    end) <= private.viewer_reach(owner)
  from public.profiles p
  where p.id = owner
$function$;
grant execute on function private.can_see_field(uuid,text) to anon;
grant execute on function private.can_see_field(uuid,text) to authenticated;
grant execute on function private.can_see_field(uuid,text) to service_role;

CREATE OR REPLACE FUNCTION private.can_see_profile(owner uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce((
    select case p.visibility
      when 'public' then true
      when 'members' then (select auth.uid()) is not null
      when 'programmes' then p.id = (select auth.uid()) or public.shares_programme_with(p.id)
      else p.id = (select auth.uid())
    end
    from public.profiles p
    where p.id = owner
  ), false)
$function$;
grant execute on function private.can_see_profile(uuid) to authenticated;
grant execute on function private.can_see_profile(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.cjk_bigrams(value text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select string_agg(
    case when length(run[1]) = 1 then run[1]
         else (select string_agg(substr(run[1], i, 2), ' ' order by i)
               from generate_series(1, length(run[1]) - 1) as i) end, ' ')
  from regexp_matches(coalesce(value, ''),
    '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+', 'g') as run
$function$;
grant execute on function private.cjk_bigrams(text) to authenticated;
grant execute on function private.cjk_bigrams(text) to service_role;

CREATE OR REPLACE FUNCTION private.cjk_pairs(value text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select string_agg(
    case when part[1] is null then part[2]
         when length(part[1]) = 1 then ' ' || part[1] || ' '
         else ' ' || (select string_agg(substr(part[1], i, 2), ' ' order by i)
                      from generate_series(1, length(part[1]) - 1) as i) || ' ' end,
    '' order by n)
  from regexp_matches(coalesce(value, ''), '([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)|([^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)', 'g')
    with ordinality as m (part, n)
$function$;
grant execute on function private.cjk_pairs(text) to anon;
grant execute on function private.cjk_pairs(text) to authenticated;
grant execute on function private.cjk_pairs(text) to service_role;

CREATE OR REPLACE FUNCTION private.clear_rate_limit(key text)
 RETURNS void
 LANGUAGE sql
 SET search_path TO ''
AS $function$
  delete from private.rate_limits where rate_limits.key = clear_rate_limit.key
$function$;

CREATE OR REPLACE FUNCTION private.compendium_changed()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update private.compendium_version set value = gen_random_uuid();
  delete from private.compendium_counts;
  return null;
end
$function$;
grant execute on function private.compendium_changed() to anon;
grant execute on function private.compendium_changed() to authenticated;
grant execute on function private.compendium_changed() to service_role;

CREATE OR REPLACE FUNCTION private.compendium_count_rows(tokens text[], counts integer[])
 RETURNS TABLE(facet text, value text, label text, count integer)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select k.facet, k.value,
         coalesce(
           coalesce(t.names ->> nullif(current_setting('app.locale', true), ''), t.name),
           coalesce(g.names ->> nullif(current_setting('app.locale', true), ''), g.name),
           coalesce(l.names ->> nullif(current_setting('app.locale', true), ''), l.name),
           coalesce(r.names ->> nullif(current_setting('app.locale', true), ''), r.name),
           coalesce(n.names ->> nullif(current_setting('app.locale', true), ''), n.name)
         ) as label,
         k.count
  from (
    select split_part(x.token, ':', 1) as facet, substr(x.token, strpos(x.token, ':') + 1) as value,
           x.count
    from unnest(tokens, counts) as x(token, count)
  ) k
  left join public.topics t on k.facet = 'topic' and t.slug = k.value
  left join public.target_groups g on k.facet = 'audience' and g.slug = k.value
  left join public.languages l on k.facet = 'language' and l.code = k.value
  left join public.regions r on k.facet = 'region' and r.code = k.value
  left join public.countries n on k.facet = 'country' and n.code = k.value
$function$;
grant execute on function private.compendium_count_rows(text[],integer[]) to anon;
grant execute on function private.compendium_count_rows(text[],integer[]) to authenticated;
grant execute on function private.compendium_count_rows(text[],integer[]) to service_role;

CREATE OR REPLACE FUNCTION private.compendium_version()
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select v.value from private.compendium_version v
$function$;
grant execute on function private.compendium_version() to anon;
grant execute on function private.compendium_version() to authenticated;
grant execute on function private.compendium_version() to service_role;

CREATE OR REPLACE FUNCTION private.event_attendees(event uuid)
 RETURNS TABLE(profile_id uuid, display_name text, handle text, response text, waitlist_position integer, note text, created_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select r.profile_id, p.display_name, p.handle, r.response, r.waitlist_position, r.note, r.created_at
  from public.event_rsvps r
  join public.profiles p on p.id = r.profile_id
  where r.event_id = event and private.can_manage_event(event)
  order by case r.response when 'going' then 0 when 'interested' then 1 else 2 end,
    r.waitlist_position nulls first, r.created_at, r.profile_id
$function$;
grant execute on function private.event_attendees(uuid) to authenticated;

CREATE OR REPLACE FUNCTION private.event_audience_ids()
 RETURNS uuid[]
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce(array_agg(distinct ids.id), '{}')
  from (
    select m.programme_id as id
    from public.memberships m
    where m.profile_id = (select auth.uid()) and m.status = 'verified'
    union all
    select p.organisation_id
    from public.memberships m
    join public.programmes p on p.id = m.programme_id
    where m.profile_id = (select auth.uid()) and m.status = 'verified'
    union all
    select m.space_id
    from public.space_members m
    where m.profile_id = (select auth.uid())
      and (m.suspended_until is null or m.suspended_until <= now())
    union all
    select m.space_id
    from public.space_members m
    join public.spaces s on s.id = m.space_id and s.status = 'open'
    where m.profile_id = (select auth.uid()) and m.role = 'moderator'
  ) ids
$function$;
grant execute on function private.event_audience_ids() to authenticated;
grant execute on function private.event_audience_ids() to service_role;

CREATE OR REPLACE FUNCTION private.event_is_organised(event uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (select 1 from public.event_organisers o where o.event_id = event)
$function$;
grant execute on function private.event_is_organised(uuid) to authenticated;

CREATE OR REPLACE FUNCTION private.event_organisers_copy()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    update public.events e set organiser_ids = private.organiser_ids_of(e.id)
    where e.id in (select n.event_id from new_rows n);
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    update public.events e set organiser_ids = private.organiser_ids_of(e.id)
    where e.id in (select o.event_id from old_rows o);
  end if;
  return null;
end;
$function$;

CREATE OR REPLACE FUNCTION private.every_name(names jsonb, name text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select concat_ws(' ', name, (select string_agg(v, ' ') from jsonb_each_text(names) as e (k, v)))
$function$;
grant execute on function private.every_name(jsonb,text) to authenticated;
grant execute on function private.every_name(jsonb,text) to service_role;

CREATE OR REPLACE FUNCTION private.facets_of(p public.programmes)
 RETURNS text[]
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select array_remove(array[
           case when p.cost = 'free' then 'cost:free' end,
           case when p.fellowships_available then 'cost:fellowships' end,
           'format:' || p.format, 'level:' || p.level, 'scope:' || p.scope, 'status:' || p.status
         ], null)
    || array(select 'component:' || c from unnest(p.components) c)
    || array(select 'topic:' || t.topic_slug from public.programme_topics t where t.programme_id = p.id)
    || array(select 'audience:' || t.target_group_slug from public.programme_target_groups t
             where t.programme_id = p.id)
    || array(select 'language:' || t.language_code from public.programme_languages t
             where t.programme_id = p.id)
    || array(select 'region:' || t.region_code from public.programme_regions t where t.programme_id = p.id)
    || array(select 'country:' || t.country_code from public.programme_countries t
             where t.programme_id = p.id)
$function$;
grant execute on function private.facets_of(public.programmes) to anon;
grant execute on function private.facets_of(public.programmes) to authenticated;
grant execute on function private.facets_of(public.programmes) to service_role;

CREATE OR REPLACE FUNCTION private.fill_seats(event uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  e public.events;
  promoted uuid;
begin
  select * into e from public.events where id = event;
  loop
    exit when e.capacity is not null and e.seats_taken >= e.capacity;
    select r.profile_id into promoted from public.event_rsvps r
      where r.event_id = event and r.waitlist_position = 1;
    exit when promoted is null;
    update public.event_rsvps set waitlist_position = null, updated_at = clock_timestamp()
      where event_id = event and profile_id = promoted;
    -- Everyone behind moves up one place (in order, so that the unique places never collide).
    update public.event_rsvps r set waitlist_position = r.waitlist_position - 1
      from (select profile_id from public.event_rsvps
            where event_id = event and waitlist_position > 1 order by waitlist_position) behind
      where r.event_id = event and r.profile_id = behind.profile_id;
    update public.events set seats_taken = seats_taken + 1 where id = event
      returning * into e;
    perform public.notify(promoted, 'event_seat_confirmed', jsonb_build_object(
      'event_id', e.id, 'event_slug', e.slug, 'event_title', e.title));
    promoted := null;
  end loop;
end;
$function$;

CREATE OR REPLACE FUNCTION private.hit_rate_limit(key text, max_hits integer, window_seconds integer)
 RETURNS integer
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
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
$function$;

CREATE OR REPLACE FUNCTION private.in_event_audience(event uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
      select 1
      from public.event_organisers o
      left join public.programmes p on p.organisation_id = o.organisation_id
      join public.memberships m
        on m.programme_id = coalesce(o.programme_id, p.id)
       and m.profile_id = (select auth.uid()) and m.status = 'verified'
      where o.event_id = event
    )
    or exists (
      select 1
      from public.event_organisers o
      join public.space_members m
        on m.space_id = o.space_id and m.profile_id = (select auth.uid())
       and (m.suspended_until is null or m.suspended_until <= now())
      where o.event_id = event
    )
$function$;
grant execute on function private.in_event_audience(uuid) to authenticated;
grant execute on function private.in_event_audience(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.invitation_allowance(programme uuid, wanted integer)
 RETURNS TABLE(per_day integer, sent integer, remaining integer, fits_at timestamp with time zone)
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
  limit_per_day integer := private.invitations_per_day();
  sent_today integer;
begin
  if me is null then
    raise exception 'Sign in to send invitations.' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('invitations:' || me::text || ':' || programme::text, 0));
  select count(*)::integer into sent_today
  from public.membership_invitations i
  where i.programme_id = programme and i.invited_by = me and i.created_at > now() - interval '1 day';
  return query select
    limit_per_day,
    sent_today,
    greatest(0, limit_per_day - sent_today),
    case
      when wanted > limit_per_day then null::timestamptz
      when sent_today + wanted <= limit_per_day then now()
      -- When enough of today's invitations are a day old for all of `wanted` to fit.
      else (
        select i.created_at + interval '1 day'
        from public.membership_invitations i
        where i.programme_id = programme and i.invited_by = me and i.created_at > now() - interval '1 day'
        order by i.created_at, i.id
        offset sent_today + wanted - limit_per_day - 1
        limit 1
      )
    end;
end;
$function$;
grant execute on function private.invitation_allowance(uuid,integer) to authenticated;

CREATE OR REPLACE FUNCTION private.invitation_notice_clears()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.notifications n set read_at = now()
  where n.kind = 'invitation' and n.read_at is null
    and n.payload ->> 'invitation_id' = new.id::text;
  return null;
end
$function$;
grant execute on function private.invitation_notice_clears() to anon;
grant execute on function private.invitation_notice_clears() to authenticated;
grant execute on function private.invitation_notice_clears() to service_role;

CREATE OR REPLACE FUNCTION private.invitation_preview(token text)
 RETURNS TABLE(programme_slug text, programme_name text, cohort_edition text, role text, name text, status text, expired boolean)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.slug, p.name, c.edition, i.role, i.name, i.status, i.expires_at <= now()
  from public.membership_invitations i
  join public.programmes p on p.id = i.programme_id
  left join public.cohorts c on c.id = i.cohort_id
  where i.token_hash = encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex')
$function$;
grant execute on function private.invitation_preview(text) to anon;
grant execute on function private.invitation_preview(text) to authenticated;

CREATE OR REPLACE FUNCTION private.invitations_per_day()
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$ select 200 $function$;
grant execute on function private.invitations_per_day() to authenticated;

CREATE OR REPLACE FUNCTION private.is_asked_to_co_propose(proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_co_proposers c
    where c.proposal_id = proposal and c.profile_id = (select auth.uid()) and c.status = 'invited'
  )
$function$;
grant execute on function private.is_asked_to_co_propose(uuid) to anon;
grant execute on function private.is_asked_to_co_propose(uuid) to authenticated;
grant execute on function private.is_asked_to_co_propose(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.is_coordinator_of(programme uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.memberships m
    where m.programme_id = programme
      and m.profile_id = (select auth.uid())
      and m.role = 'coordinator'
      and m.status = 'verified'
  )
$function$;
grant execute on function private.is_coordinator_of(uuid) to authenticated;

CREATE OR REPLACE FUNCTION private.is_new_poster(person uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce((
    select u.created_at > now() - interval '7 days'
      or (u.created_at > now() - interval '30 days'
          and (select count(*) from (select 1 from public.posts p where p.author_id = person limit 5) x) < 5)
    from auth.users u where u.id = person
  ), true)
$function$;

CREATE OR REPLACE FUNCTION private.is_open_to_join(space uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open' and s.visibility <> 'private'
      and s.kind in ('topic', 'region', 'working_group')
  )
$function$;
grant execute on function private.is_open_to_join(uuid) to anon;
grant execute on function private.is_open_to_join(uuid) to authenticated;
grant execute on function private.is_open_to_join(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.is_platform_admin()
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce((
    select u.raw_app_meta_data ->> 'platform_role' = 'admin'
    from auth.users u
    where u.id = (select auth.uid())
  ), false)
$function$;
grant execute on function private.is_platform_admin() to authenticated;
grant execute on function private.is_platform_admin() to service_role;

CREATE OR REPLACE FUNCTION private.is_platform_moderator()
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce((
    select u.raw_app_meta_data ->> 'platform_role' in ('moderator', 'admin')
    from auth.users u
    where u.id = (select auth.uid())
  ), false)
$function$;
grant execute on function private.is_platform_moderator() to anon;
grant execute on function private.is_platform_moderator() to authenticated;
grant execute on function private.is_platform_moderator() to service_role;

CREATE OR REPLACE FUNCTION private.is_space_moderator(space uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return exists (
      select 1 from public.space_members m
      where m.space_id = space and m.profile_id = (select auth.uid()) and m.role = 'moderator'
    )
    -- The platform's moderators keep every space that is not private.
    or ((select private.is_platform_moderator())
        and exists (select 1 from public.spaces s where s.id = space and s.visibility <> 'private'));
end
$function$;
grant execute on function private.is_space_moderator(uuid) to anon;
grant execute on function private.is_space_moderator(uuid) to authenticated;
grant execute on function private.is_space_moderator(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.is_time_zone(zone text)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select zone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$'
    and (exists (select 1 from private.time_zone_names t where t.name = zone)
      or exists (select 1 from pg_catalog.pg_timezone_names t where t.name = zone))
$function$;
grant execute on function private.is_time_zone(text) to authenticated;
grant execute on function private.is_time_zone(text) to service_role;

CREATE OR REPLACE FUNCTION private.is_track_proposer(proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select (select auth.uid()) is not null and (
    exists (select 1 from public.track_proposals p where p.id = proposal and p.proposer_id = (select auth.uid()))
    or exists (
      select 1 from public.track_co_proposers c
      where c.proposal_id = proposal and c.profile_id = (select auth.uid()) and c.status = 'accepted'
    )
  )
$function$;
grant execute on function private.is_track_proposer(uuid) to anon;
grant execute on function private.is_track_proposer(uuid) to authenticated;
grant execute on function private.is_track_proposer(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.is_track_reviewer(cycle uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_reviewers r
    where r.cycle_id = cycle and r.profile_id = (select auth.uid()) and r.status = 'accepted'
  )
$function$;
grant execute on function private.is_track_reviewer(uuid) to anon;
grant execute on function private.is_track_reviewer(uuid) to authenticated;
grant execute on function private.is_track_reviewer(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.join_requester(request uuid)
 RETURNS TABLE(display_name text, handle text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.display_name, p.handle
  from public.space_join_requests r
  join public.profiles p on p.id = r.profile_id
  where r.id = request
    and (r.profile_id = (select auth.uid()) or private.is_space_moderator(r.space_id))
$function$;
grant execute on function private.join_requester(uuid) to authenticated;
grant execute on function private.join_requester(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.log_moderation(space uuid, action text, thread uuid, post uuid, person uuid, reason text)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
  insert into public.space_moderation_log (space_id, actor_id, action, thread_id, post_id, profile_id, reason)
  values (space, (select auth.uid()), action, thread, post, person, reason)
$function$;

CREATE OR REPLACE FUNCTION private.made_series(series uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.event_series s where s.id = series and s.created_by = (select auth.uid())
  )
$function$;
grant execute on function private.made_series(uuid) to authenticated;

CREATE OR REPLACE FUNCTION private.may_ask_to_join(space uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select (select auth.uid()) is not null and exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open' and s.visibility = 'private'
      and not exists (select 1 from public.space_members m where m.space_id = s.id and m.profile_id = (select auth.uid()))
  )
$function$;
grant execute on function private.may_ask_to_join(uuid) to authenticated;
grant execute on function private.may_ask_to_join(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.members_among(programme uuid, emails text[])
 RETURNS TABLE(email text, role text, cohort_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select lower(u.email), m.role, m.cohort_id
  from public.memberships m
  join auth.users u on u.id = m.profile_id
  where m.programme_id = programme
    and m.status in ('pending', 'verified')
    and lower(u.email) = any (emails)
    and (private.is_coordinator_of(programme) or private.is_platform_admin())
$function$;
grant execute on function private.members_among(uuid,text[]) to authenticated;

CREATE OR REPLACE FUNCTION private.memberships_sync_spaces()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.sync_programme_spaces(old.profile_id, old.programme_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.profile_id <> old.profile_id
      or new.programme_id <> old.programme_id or new.status <> old.status or new.role <> old.role
      or new.cohort_id is distinct from old.cohort_id) then
    perform private.sync_programme_spaces(new.profile_id, new.programme_id);
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.mention_candidates(space uuid, words text, how_many integer DEFAULT 8)
 RETURNS TABLE(display_name text, handle text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  typed text := lower(extensions.unaccent('extensions.unaccent'::regdictionary, btrim(coalesce(words, ''))));
  pattern text;
  prefix tsquery;
  everyone_reads boolean;
  most integer := least(greatest(how_many, 1), 20);
  me uuid := (select auth.uid());
begin
  if me is null or char_length(typed) not between 2 and 60 or not private.can_read_space(space) then
    return;
  end if;
  pattern := replace(replace(replace(typed, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  select to_tsquery('simple', string_agg(quote_literal(w) || ':*', ' & '))
  into prefix
  from regexp_split_to_table(typed, '[^[:alnum:]]+') as w
  where w <> '';
  select s.visibility in ('public', 'members') into everyone_reads from public.spaces s where s.id = space;

  return query
  with members as (
    select p.display_name, p.handle, 0 as tier
    from public.space_members m
    join public.profiles p on p.id = m.profile_id
    where m.space_id = space and p.id <> me
      and (p.handle like pattern or to_tsvector('simple'::regconfig, p.name_search) @@ prefix)
    order by p.display_name, p.handle
    limit most
  ), others as (
    select p.display_name, p.handle, 1 as tier
    from public.profiles p
    where everyone_reads and p.id <> me
      and (p.handle like pattern or to_tsvector('simple'::regconfig, p.name_search) @@ prefix)
      and case when p.visibility <= 'members'::public.audience then true
               else p.visibility <= private.viewer_reach(p.id) end
    order by p.display_name, p.handle
    limit most * 2
  ), found as (
    select distinct on (f.handle) f.display_name, f.handle, f.tier
    from (select * from members union all select * from others) f
    order by f.handle, f.tier
  )
  select f.display_name, f.handle from found f
  order by f.tier, f.display_name, f.handle
  limit most;
end
$function$;
grant execute on function private.mention_candidates(uuid,text,integer) to authenticated;
grant execute on function private.mention_candidates(uuid,text,integer) to service_role;

CREATE OR REPLACE FUNCTION private.mentioned_handles(body text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select coalesce(array_agg(distinct lower(m[1])), '{}')
  from regexp_matches(body, '(?:^|[^A-Za-z0-9_.@/])@([a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9]))(?![A-Za-z0-9-])', 'gi') as m
$function$;
grant execute on function private.mentioned_handles(text) to service_role;

CREATE OR REPLACE FUNCTION private.moderates_open_space(space uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1
    from public.space_members m
    join public.spaces s on s.id = m.space_id and s.status = 'open'
    where m.space_id = space and m.profile_id = (select auth.uid()) and m.role = 'moderator'
  )
$function$;
grant execute on function private.moderates_open_space(uuid) to authenticated;
grant execute on function private.moderates_open_space(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.mutes_thread(person uuid, thread uuid, space uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce(
    (select r.watch_level = 'muted' from public.thread_reads r
     where r.profile_id = person and r.thread_id = thread and r.watch_level is not null),
    (select m.watch_level = 'muted' from public.space_members m
     where m.profile_id = person and m.space_id = space),
    false
  )
$function$;

CREATE OR REPLACE FUNCTION private.my_email()
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select lower(u.email) from auth.users u where u.id = (select auth.uid())
$function$;
grant execute on function private.my_email() to authenticated;

CREATE OR REPLACE FUNCTION private.my_locale()
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.locale from public.profiles p where p.id = (select auth.uid())
$function$;
grant execute on function private.my_locale() to authenticated;

CREATE OR REPLACE FUNCTION private.my_waiting_proposals()
 RETURNS integer
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select count(*)::int from public.spaces w
  where w.proposed_by = (select auth.uid()) and w.status = 'proposed'
$function$;
grant execute on function private.my_waiting_proposals() to authenticated;
grant execute on function private.my_waiting_proposals() to service_role;

CREATE OR REPLACE FUNCTION private.named(names jsonb, name text)
 RETURNS text
 LANGUAGE sql
 STABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select coalesce(names ->> nullif(current_setting('app.locale', true), ''), name)
$function$;
grant execute on function private.named(jsonb,text) to anon;
grant execute on function private.named(jsonb,text) to authenticated;
grant execute on function private.named(jsonb,text) to service_role;

CREATE OR REPLACE FUNCTION private.notice_mail_family(kind text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case
    when kind in ('space_mention', 'space_reply') then 'mentions'
    when kind = 'space_post' then 'watching'
    when kind in ('claim_received', 'suggestion_received', 'invitation_accepted') then 'coordination'
  end
$function$;
grant execute on function private.notice_mail_family(text) to service_role;

CREATE OR REPLACE FUNCTION private.notifications_queue_mail()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  family text := private.notice_mail_family(new.kind);
begin
  if family is not null then
    insert into public.notice_mails (notification_id, profile_id, family, created_at)
      values (new.id, new.recipient_id, family, new.created_at)
      on conflict do nothing;
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.notify_coordinators(programme uuid, kind text, payload jsonb, actor uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  coordinator uuid;
begin
  for coordinator in
    select distinct m.profile_id from public.memberships m
    where m.programme_id = programme and m.role = 'coordinator' and m.status = 'verified'
      and m.profile_id is distinct from actor
  loop
    perform public.notify(coordinator, kind, payload);
  end loop;
end;
$function$;

CREATE OR REPLACE FUNCTION private.organised_event_ids(organiser_kind text, organiser_slug text, since timestamp with time zone)
 RETURNS SETOF uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER ROWS 200
 SET search_path TO ''
AS $function$
declare
  organiser uuid;
begin
  -- The organiser first, so that each query below is planned for one id and uses its index.
  if organiser_kind = 'programme' then
    select p.id into organiser from public.programmes p where p.slug = organiser_slug;
    return query
      select e.id
      from public.event_organisers o join public.events e on e.id = o.event_id
      where o.programme_id = organiser and e.until_at > since;
  elsif organiser_kind = 'organisation' then
    select g.id into organiser from public.organisations g where g.slug = organiser_slug;
    -- Its own events, and its programmes', which organise in its name.
    return query
      select e.id
      from public.event_organisers o join public.events e on e.id = o.event_id
      where o.organisation_id = organiser and e.until_at > since
      union
      select e.id
      from public.programmes p
      join public.event_organisers o on o.programme_id = p.id
      join public.events e on e.id = o.event_id
      where p.organisation_id = organiser and e.until_at > since;
  elsif organiser_kind = 'space' then
    select s.id into organiser from public.spaces s
    where s.slug = organiser_slug and s.id = any (private.readable_space_ids());
    return query
      select e.id
      from public.event_organisers o join public.events e on e.id = o.event_id
      where o.space_id = organiser and e.until_at > since;
  end if;
end
$function$;
grant execute on function private.organised_event_ids(text,text,timestamp with time zone) to anon;
grant execute on function private.organised_event_ids(text,text,timestamp with time zone) to authenticated;
grant execute on function private.organised_event_ids(text,text,timestamp with time zone) to service_role;

CREATE OR REPLACE FUNCTION private.organiser_ids_of(event uuid)
 RETURNS uuid[]
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select coalesce(array_agg(coalesce(o.programme_id, o.organisation_id, o.space_id)
                            order by o.created_at, o.id), '{}')
  from public.event_organisers o
  where o.event_id = event
$function$;
grant execute on function private.organiser_ids_of(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.organises_any()
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
      select 1 from public.memberships m
      where m.profile_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'verified'
    )
    or exists (
      select 1
      from public.space_members m
      join public.spaces s on s.id = m.space_id and s.status = 'open'
      where m.profile_id = (select auth.uid()) and m.role = 'moderator'
    )
$function$;
grant execute on function private.organises_any() to authenticated;

CREATE OR REPLACE FUNCTION private.pending_claimants(programme uuid, only_cohort uuid DEFAULT NULL::uuid, only_role text DEFAULT NULL::text, sort text DEFAULT 'oldest'::text)
 RETURNS TABLE(id uuid, profile_id uuid, display_name text, email text, handle text, cohort_id uuid, cohort_edition text, role text, created_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if not (private.is_coordinator_of(programme) or private.is_platform_admin()) then
    return; -- as RLS would: nothing to see
  end if;
  return query
    select m.id, m.profile_id, p.display_name, u.email::text,
           -- The profile's address only where the coordinator may open it.
           case when private.can_see_profile(m.profile_id) then p.handle end,
           m.cohort_id, c.edition, m.role, m.created_at
    from public.memberships m
    join public.profiles p on p.id = m.profile_id
    join auth.users u on u.id = m.profile_id
    left join public.cohorts c on c.id = m.cohort_id
    where m.programme_id = programme and m.status = 'pending'
      and (only_cohort is null or m.cohort_id = only_cohort)
      and (only_role is null or m.role = only_role)
    order by
      case when sort = 'name' then lower(p.display_name) end,
      case when sort = 'newest' then m.created_at end desc,
      m.created_at, m.id
    limit 500;
end;
$function$;
grant execute on function private.pending_claimants(uuid,uuid,text,text) to anon;
grant execute on function private.pending_claimants(uuid,uuid,text,text) to authenticated;
grant execute on function private.pending_claimants(uuid,uuid,text,text) to service_role;

CREATE OR REPLACE FUNCTION private.people_like_me(how_many integer DEFAULT 6)
 RETURNS TABLE(id uuid, shared_topics integer, same_region boolean, shared_languages integer)
 LANGUAGE sql
 STABLE SECURITY DEFINER ROWS 6
 SET search_path TO ''
AS $function$
  with me as (
    select p.id, coalesce(p.facets_programmes, p.facets_members, p.facets_public, '{}') as tokens
    from public.profiles p where p.id = (select auth.uid())
  ),
  mine as (
    select coalesce(array_agg(m.programme_id), '{}') as programmes
    from public.memberships m, me where m.profile_id = me.id and m.status = 'verified'
  ),
  wanted as (
    select me.id,
           -- The person's own topics, not the baskets they belong to.
           array(select 'topic:' || pt.topic_slug from public.profile_topics pt where pt.profile_id = me.id) as topics,
           array(select t from unnest(me.tokens) t where t like 'region:%') as regions,
           array(select t from unnest(me.tokens) t where t like 'lang:%') as languages
    from me
  ),
  -- Suggestions come from the network's 2,000 fullest profiles (read in index order): bounded
  -- work whatever the network's size, and full profiles make the best introductions.
  fullest as (
    select p.id, p.facets_members, p.directory_score
    from public.profiles p
    where p.facets_members is not null
    order by p.directory_score desc, p.id desc
    limit 2000
  ),
  candidates as (
    select f.*
    from fullest f, wanted w, mine
    where f.facets_members && w.topics
      and f.id <> w.id
      and exists (select 1 from public.memberships o where o.profile_id = f.id and o.status = 'verified')
      and not public.is_verified_in_any(f.id, mine.programmes)
  )
  select c.id,
         cardinality(array(select unnest(c.facets_members) intersect select unnest(w.topics)))::int,
         c.facets_members && w.regions,
         cardinality(array(select unnest(c.facets_members) intersect select unnest(w.languages)))::int
  from candidates c, wanted w
  order by 2 desc, 3 desc, 4 desc, c.directory_score desc, c.id
  limit least(greatest(how_many, 1), 24)
$function$;
grant execute on function private.people_like_me(integer) to authenticated;
grant execute on function private.people_like_me(integer) to service_role;

CREATE OR REPLACE FUNCTION private.person_name(person uuid)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.display_name from public.profiles p where p.id = person
$function$;

CREATE OR REPLACE FUNCTION private.person_reads_space(person uuid, space uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.spaces s
    where s.id = space and s.status = 'open'
      and (s.visibility in ('public', 'members')
           or exists (select 1 from public.space_members m where m.space_id = s.id and m.profile_id = person))
  )
$function$;
grant execute on function private.person_reads_space(uuid,uuid) to service_role;

CREATE OR REPLACE FUNCTION private.post_authors(posts uuid[])
 RETURNS TABLE(post_id uuid, display_name text, handle text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.id, pr.display_name, pr.handle
  from public.posts p
  join public.profiles pr on pr.id = p.author_id
  where p.id = any (posts)
    and p.space_id = any ((select private.readable_space_ids())::uuid[])
$function$;
grant execute on function private.post_authors(uuid[]) to anon;
grant execute on function private.post_authors(uuid[]) to authenticated;
grant execute on function private.post_authors(uuid[]) to service_role;

CREATE OR REPLACE FUNCTION private.post_reports_before_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  select p.space_id into new.space_id from public.posts p where p.id = new.post_id;
  if current_setting('role') in ('authenticated', 'anon') then
    new.status := 'pending';
    new.decided_by := null;
    new.decided_at := null;
    new.created_at := now();
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.post_reports_before_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if old.status <> 'pending' then
    raise exception 'this report was already decided' using errcode = '55000';
  end if;
  if new.post_id <> old.post_id or new.space_id <> old.space_id or new.reporter_id is distinct from old.reporter_id
     or new.reason <> old.reason or new.note is distinct from old.note or new.created_at <> old.created_at then
    raise exception 'a report''s words do not change' using errcode = '42501';
  end if;
  new.decided_by := (select auth.uid());
  new.decided_at := now();
  return new;
end
$function$;
grant execute on function private.post_reports_before_update() to authenticated;
grant execute on function private.post_reports_before_update() to service_role;

CREATE OR REPLACE FUNCTION private.post_reports_log()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.status = 'dismissed' then
    perform private.log_moderation(new.space_id, 'dismiss_report', null, new.post_id, null, new.reason);
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_after_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.threads
  set post_count = post_count + 1, last_posted_at = new.created_at, last_poster_id = new.author_id
  where id = new.thread_id;
  update public.spaces
  set post_count = post_count + 1, last_posted_at = new.created_at,
      thread_count = thread_count + (new.number = 1)::int
  where id = new.space_id;
  if new.author_id is not null then
    insert into public.thread_reads (profile_id, thread_id, last_read_number, watch_level)
    values (new.author_id, new.thread_id, new.number, 'watching')
    on conflict (profile_id, thread_id) do update
      set last_read_number = greatest(public.thread_reads.last_read_number, excluded.last_read_number),
          watch_level = coalesce(public.thread_reads.watch_level, 'watching'),
          updated_at = now();
  end if;
  perform realtime.send(
    jsonb_build_object('thread_id', new.thread_id, 'post_id', new.id, 'number', new.number),
    'post', 'thread:' || new.thread_id::text, true);
  perform realtime.send(
    jsonb_build_object('thread_id', new.thread_id, 'last_post_number', new.number),
    'activity', 'space:' || new.space_id::text, true);
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_after_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.body is distinct from old.body or new.removed_at is distinct from old.removed_at
     or new.hidden_at is distinct from old.hidden_at then
    perform realtime.send(
      jsonb_build_object('thread_id', new.thread_id, 'post_id', new.id, 'number', new.number),
      'post_changed', 'thread:' || new.thread_id::text, true);
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_before_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  t public.threads;
  moderator boolean;
  last_mine timestamptz;
begin
  update public.threads
  set last_post_number = last_post_number + 1
  where id = new.thread_id
  returning * into t;
  if not found then
    raise exception 'no such thread' using errcode = '23503';
  end if;
  new.space_id := t.space_id;
  new.number := t.last_post_number;
  -- From the API a post is new and untouched; the seeder (the service) writes the demo's history.
  if current_setting('role') in ('authenticated', 'anon') then
    new.created_at := now();
    new.edited_at := null;
    new.removed_at := null;
    new.hidden_at := null;
    new.hidden_by := null;
    new.hidden_reason := null;
  end if;
  if new.number > 1 and (t.locked_at is not null or t.slow_mode_minutes is not null) then
    moderator := private.is_space_moderator(t.space_id);
    if t.locked_at is not null and not moderator then
      raise exception 'thread locked' using errcode = 'CC002';
    end if;
    if t.slow_mode_minutes is not null and not moderator then
      select max(p.created_at) into last_mine
      from public.posts p
      where p.thread_id = t.id and p.author_id = new.author_id;
      if last_mine > now() - make_interval(mins => t.slow_mode_minutes) then
        raise exception 'slow mode' using errcode = 'CC003';
      end if;
    end if;
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_before_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
  author boolean := old.author_id is not distinct from me and me is not null;
  moderator boolean;
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if new.thread_id <> old.thread_id or new.number <> old.number or new.author_id is distinct from old.author_id
     or new.created_at <> old.created_at or new.reply_to is distinct from old.reply_to then
    raise exception 'a post''s place cannot change' using errcode = '42501';
  end if;
  -- space_id follows the thread when a moderator moves it (the threads trigger updates posts).
  if new.space_id <> old.space_id and pg_trigger_depth() < 2 then
    raise exception 'a post''s space follows its thread' using errcode = '42501';
  end if;
  if new.body is distinct from old.body or new.removed_at is distinct from old.removed_at then
    if not author then
      raise exception 'only the author edits or removes a post' using errcode = '42501';
    end if;
    if old.removed_at is not null then
      raise exception 'a removed post stays removed' using errcode = '42501';
    end if;
    insert into public.post_revisions (post_id, body, revised_by) values (old.id, old.body, me);
    if new.removed_at is not null then
      new.removed_at := now();
      new.body := '';
    end if;
  end if;
  if new.hidden_at is distinct from old.hidden_at or new.hidden_reason is distinct from old.hidden_reason
     or new.hidden_by is distinct from old.hidden_by then
    moderator := private.is_space_moderator(old.space_id);
    if not moderator then
      raise exception 'only moderators hide posts' using errcode = '42501';
    end if;
    if new.hidden_at is not null then
      new.hidden_at := now();
      new.hidden_by := me;
    else
      new.hidden_by := null;
      new.hidden_reason := null;
    end if;
  end if;
  new.edited_at := case when new.body is distinct from old.body and new.removed_at is null then now() else old.edited_at end;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_log_moderation()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if pg_trigger_depth() > 1 then
    return null;
  end if;
  if old.hidden_at is null and new.hidden_at is not null then
    perform private.log_moderation(new.space_id, 'hide', new.thread_id, new.id, new.author_id, new.hidden_reason);
  elsif old.hidden_at is not null and new.hidden_at is null then
    perform private.log_moderation(new.space_id, 'unhide', new.thread_id, new.id, new.author_id, null);
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_new_account_limits()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  links integer;
begin
  if current_setting('role') not in ('authenticated', 'anon') or not private.is_new_poster(new.author_id) then
    return new;
  end if;
  select count(*) into links from regexp_matches(new.body, 'https?://', 'gi');
  if links > 2 then
    raise exception 'too many links for a new account' using errcode = 'CC005';
  end if;
  if (select count(*) from public.posts p
      where p.author_id = new.author_id and p.created_at > now() - interval '1 hour') >= 10 then
    raise exception 'too many posts this hour for a new account' using errcode = 'CC004';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_tell()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  t public.threads;
  payload jsonb;
  told uuid[] := array[new.author_id];
  target uuid;
  person uuid;
begin
  if new.author_id is null then
    return null;
  end if;
  select * into t from public.threads where id = new.thread_id;
  payload := jsonb_build_object('thread_id', new.thread_id, 'post_number', new.number, 'actor_id', new.author_id);

  -- Mentions.
  for person in
    select p.id from public.profiles p
    where p.handle = any (private.mentioned_handles(new.body))
      and p.id <> new.author_id
      and private.person_reads_space(p.id, new.space_id)
  loop
    insert into public.post_mentions (post_id, profile_id) values (new.id, person) on conflict do nothing;
    if not private.mutes_thread(person, t.id, t.space_id) then
      perform public.notify(person, 'space_mention', payload);
    end if;
    told := told || person;
  end loop;

  -- The reply's target: the post it answers, else the thread's opening post.
  if new.number > 1 then
    select p.author_id into target from public.posts p
    where p.thread_id = new.thread_id and p.number = coalesce(new.reply_to, 1);
    if target is not null and not target = any (told)
       and private.person_reads_space(target, new.space_id)
       and not private.mutes_thread(target, t.id, t.space_id) then
      perform public.notify(target, 'space_reply', payload);
      told := told || target;
    end if;
  end if;

  -- Those who watch the thread, or its space without a level of their own for the thread.
  for person in
    select r.profile_id from public.thread_reads r
    where r.thread_id = new.thread_id and r.watch_level = 'watching'
    union
    select m.profile_id from public.space_members m
    where m.space_id = new.space_id and m.watch_level = 'watching'
      and not exists (
        select 1 from public.thread_reads r
        where r.thread_id = new.thread_id and r.profile_id = m.profile_id and r.watch_level is not null
      )
  loop
    if not person = any (told) and private.person_reads_space(person, new.space_id) then
      perform public.notify(person, 'space_post', payload);
      told := told || person;
    end if;
  end loop;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_tell_hidden()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.author_id is not null and new.author_id is distinct from new.hidden_by then
    perform public.notify(new.author_id, 'post_hidden', jsonb_build_object(
      'thread_id', new.thread_id, 'post_number', new.number, 'reason', new.hidden_reason));
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.posts_text_language()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.text_language is null then
    select t.text_language into new.text_language from public.threads t where t.id = new.thread_id;
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.profile_id_by_handle(wanted text, space uuid)
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.id from public.profiles p where p.handle = wanted and private.is_space_moderator(space)
$function$;
grant execute on function private.profile_id_by_handle(text,uuid) to authenticated;
grant execute on function private.profile_id_by_handle(text,uuid) to service_role;

CREATE OR REPLACE FUNCTION private.programme_event_ids()
 RETURNS uuid[]
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce(array_agg(distinct o.event_id), '{}')
  from public.memberships m
  join public.event_organisers o on o.programme_id = m.programme_id
  where m.profile_id = (select auth.uid()) and m.status = 'verified'
$function$;
grant execute on function private.programme_event_ids() to authenticated;
grant execute on function private.programme_event_ids() to service_role;

CREATE OR REPLACE FUNCTION private.programme_facet_rows_changed()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.programmes p set facets = private.facets_of(p)
  where p.id in (select c.programme_id from changed c);
  return null;
end
$function$;
grant execute on function private.programme_facet_rows_changed() to anon;
grant execute on function private.programme_facet_rows_changed() to authenticated;
grant execute on function private.programme_facet_rows_changed() to service_role;

CREATE OR REPLACE FUNCTION private.programme_people(programme uuid, cohort uuid DEFAULT NULL::uuid, membership_role text DEFAULT NULL::text, after_name text DEFAULT NULL::text, after_membership uuid DEFAULT NULL::uuid, page_size integer DEFAULT 51)
 RETURNS TABLE(membership_id uuid, profile_id uuid, display_name text, cohort_id uuid, role text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER ROWS 51
 SET search_path TO ''
AS $function$
begin
  -- Memberships are for signed-in members (the table's policies refuse visitors).
  if (select auth.uid()) is null then
    return;
  end if;
  return query execute
    'select m.id, p.id, p.display_name, m.cohort_id, m.role'
    || ' from public.memberships m join public.profiles p on p.id = m.profile_id'
    || ' where m.programme_id = $1 and m.status = ''verified'''
    || case when cohort is not null then ' and m.cohort_id = $2' else '' end
    || case when membership_role is not null then ' and m.role = $3' else '' end
    || case when after_name is not null then ' and (p.display_name, m.id) > ($4, $5)' else '' end
    -- Who may see the person: as profiles' policy and can_see_profile() say.
    || ' and (p.visibility <= ''members'' or p.id = (select auth.uid())'
    || '      or (p.visibility = ''programmes'' and public.shares_programme_with(p.id)))'
    || ' order by p.display_name, m.id limit $6'
    using programme, cohort, membership_role, after_name, after_membership,
          least(greatest(page_size, 1), 101);
end;
$function$;
grant execute on function private.programme_people(uuid,uuid,text,text,uuid,integer) to authenticated;
grant execute on function private.programme_people(uuid,uuid,text,text,uuid,integer) to service_role;

CREATE OR REPLACE FUNCTION private.programme_record_version()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$;
grant execute on function private.programme_record_version() to anon;
grant execute on function private.programme_record_version() to authenticated;
grant execute on function private.programme_record_version() to service_role;

CREATE OR REPLACE FUNCTION private.programme_snapshot(programme uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$;
grant execute on function private.programme_snapshot(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.programmes_keep_facets()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.facets := private.facets_of(new);
  return new;
end
$function$;
grant execute on function private.programmes_keep_facets() to anon;
grant execute on function private.programmes_keep_facets() to authenticated;
grant execute on function private.programmes_keep_facets() to service_role;

CREATE OR REPLACE FUNCTION private.programmes_make_space()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  address text := new.slug;
  n integer := 1;
begin
  -- The programme's address, or the first free one after it (a topic's space may hold it, and
  -- a few addresses are the spaces' own pages).
  while address in ('search', 'propose', 'proposals') or exists (select 1 from public.spaces s where s.slug = address) loop
    n := n + 1;
    address := left(new.slug, 76) || '-' || n;
  end loop;
  insert into public.spaces (slug, kind, name, description, text_language, programme_id)
  values (address, 'programme', left(new.name, 120), left(new.summary, 4000), new.text_language, new.id);
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.programmes_rename_space()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.spaces
  set name = left(new.name, 120), slug = new.slug
  where programme_id = new.id and kind = 'programme';
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.readable_space_ids()
 RETURNS uuid[]
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return (
    select coalesce(array_agg(s.id), '{}')
    from public.spaces s
    where s.status = 'open'
      and (
        s.visibility = 'public'
        or (s.visibility = 'members' and (select auth.uid()) is not null)
        or exists (
          select 1 from public.space_members m
          where m.space_id = s.id and m.profile_id = (select auth.uid())
        )
      )
  );
end
$function$;
grant execute on function private.readable_space_ids() to anon;
grant execute on function private.readable_space_ids() to authenticated;
grant execute on function private.readable_space_ids() to service_role;

CREATE OR REPLACE FUNCTION private.require_platform_admin()
 RETURNS void
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if not private.is_platform_admin() then
    raise exception 'Only platform admins may do that.' using errcode = '42501';
  end if;
end;
$function$;
grant execute on function private.require_platform_admin() to anon;
grant execute on function private.require_platform_admin() to authenticated;
grant execute on function private.require_platform_admin() to service_role;

CREATE OR REPLACE FUNCTION private.rsvp(event uuid, answer text, note text DEFAULT NULL::text)
 RETURNS TABLE(response text, waitlist_position integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
  e public.events;
  before public.event_rsvps;
  was_seated boolean;
  place integer;
begin
  if me is null then
    raise exception 'Sign in to answer.' using errcode = '42501';
  end if;
  if answer is null or answer not in ('going', 'interested', 'not-going') then
    raise exception 'Not an answer.' using errcode = '22023';
  end if;
  note := nullif(btrim(note), '');

  select * into e from public.events ev where ev.id = event for update;
  if e.id is null or not (e.visibility in ('public', 'members')
      or private.in_event_audience(e.id) or private.can_manage_event(e.id)) then
    raise exception 'No such event.' using errcode = 'P0002';
  end if;

  select * into before from public.event_rsvps r where r.event_id = event and r.profile_id = me;
  was_seated := before.response = 'going' and before.waitlist_position is null;

  if answer = 'going' and before.response = 'going' then
    update public.event_rsvps r set note = rsvp.note, updated_at = clock_timestamp()
      where r.event_id = event and r.profile_id = me;
    return query select before.response, before.waitlist_position;
    return;
  end if;

  if answer = 'going' then
    if e.status = 'cancelled' then
      raise exception 'This event is cancelled.' using errcode = '55000';
    end if;
    if e.until_at <= now() then
      raise exception 'This event is over.' using errcode = '55000';
    end if;
    if (e.registration_opens_at is not null and now() < e.registration_opens_at)
       or (e.registration_closes_at is not null and now() >= e.registration_closes_at) then
      raise exception 'Registration is not open.' using errcode = '55000';
    end if;
    -- Anyone already waiting goes first (the capacity may have grown).
    perform private.fill_seats(event);
    select * into e from public.events ev where ev.id = event;
    if e.capacity is null or e.seats_taken < e.capacity then
      place := null;
      update public.events ev set seats_taken = ev.seats_taken + 1 where ev.id = event;
    else
      select coalesce(max(r.waitlist_position), 0) + 1 into place
        from public.event_rsvps r where r.event_id = event;
    end if;
  else
    place := null;
  end if;

  insert into public.event_rsvps as r (event_id, profile_id, response, waitlist_position, note)
    values (event, me, answer, place, note)
    on conflict (event_id, profile_id) do update
      set response = excluded.response, waitlist_position = excluded.waitlist_position,
          note = excluded.note, created_at = case when excluded.response = 'going'
            then clock_timestamp() else r.created_at end,
          updated_at = clock_timestamp();

  if before.response = 'going' and before.waitlist_position is not null then
    -- Left the waitlist: the people behind move up.
    update public.event_rsvps r set waitlist_position = r.waitlist_position - 1
      from (select x.profile_id from public.event_rsvps x
            where x.event_id = event and x.waitlist_position > before.waitlist_position
            order by x.waitlist_position) behind
      where r.event_id = event and r.profile_id = behind.profile_id;
  end if;
  if was_seated then
    update public.events ev set seats_taken = ev.seats_taken - 1 where ev.id = event;
    perform private.fill_seats(event);
  end if;

  return query select answer, place;
end;
$function$;
grant execute on function private.rsvp(uuid,text,text) to authenticated;

CREATE OR REPLACE FUNCTION private.search_candidates(words tsquery, space uuid, lim integer, walk integer DEFAULT 20000)
 RETURNS TABLE(post_id uuid, newest boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  readable uuid[] := private.readable_space_ids();
  newest_ids uuid[];
  plan jsonb;
begin
  if space is not null then
    if not space = any (readable) then
      return;
    end if;
    readable := array[space];
  end if;
  execute 'explain (format json) select 1 from public.posts p where p.search @@ $1'
    into plan using words;
  if (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric < lim * 5 then
    walk := 0;
  end if;
  -- The readable set is said as "<@", which no index answers: the dates' index is walked (or,
  -- for one space, its own), and a rare word's few matches are checked one by one, where "= any"
  -- made the planner read the spaces' index of every readable post to intersect with them.
  if walk = 0 then
    null;
  elsif space is null then
    select array_agg(w.id) into newest_ids from (
      select r.id from (
        select p.id, p.search from public.posts p
        where array[p.space_id] <@ readable
        order by p.created_at desc limit walk
      ) as r
      where r.search @@ words
      limit lim
    ) as w;
  else
    select array_agg(w.id) into newest_ids from (
      select r.id from (
        select p.id, p.search from public.posts p
        where p.space_id = space
        order by p.created_at desc limit walk
      ) as r
      where r.search @@ words
      limit lim
    ) as w;
  end if;
  if cardinality(newest_ids) >= lim then
    return query select i, true from unnest(newest_ids) as i;
    return;
  end if;
  return query
    select c.id, c.total > lim from (
      select m.id, m.created_at, count(*) over () as total from (
        select p.id, p.created_at from public.posts p
        where p.search @@ words and array[p.space_id] <@ readable
        union
        select p.id, p.created_at from public.threads t
        join public.posts p on p.thread_id = t.id and p.number = 1 and p.search is not null
        where t.search @@ words and array[t.space_id] <@ readable
      ) as m
    ) as c
    order by c.created_at desc
    limit lim;
end
$function$;
grant execute on function private.search_candidates(tsquery,uuid,integer,integer) to anon;
grant execute on function private.search_candidates(tsquery,uuid,integer,integer) to authenticated;
grant execute on function private.search_candidates(tsquery,uuid,integer,integer) to service_role;

CREATE OR REPLACE FUNCTION private.search_config(language text)
 RETURNS regconfig
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select case language
    when 'en' then 'pg_catalog.english'::regconfig
    when 'fr' then 'pg_catalog.french'::regconfig
    when 'es' then 'pg_catalog.spanish'::regconfig
    when 'ru' then 'pg_catalog.russian'::regconfig
    when 'ar' then 'pg_catalog.arabic'::regconfig
    when 'pt' then 'pg_catalog.portuguese'::regconfig
    when 'de' then 'pg_catalog.german'::regconfig
    when 'it' then 'pg_catalog.italian'::regconfig
    when 'tr' then 'pg_catalog.turkish'::regconfig
    when 'id' then 'pg_catalog.indonesian'::regconfig
    else 'pg_catalog.simple'::regconfig
  end
$function$;
grant execute on function private.search_config(text) to anon;
grant execute on function private.search_config(text) to authenticated;
grant execute on function private.search_config(text) to service_role;

CREATE OR REPLACE FUNCTION private.search_directory(query text DEFAULT NULL::text, tokens text[] DEFAULT '{}'::text[], programme uuid DEFAULT NULL::uuid, cohort uuid DEFAULT NULL::uuid, membership_role text DEFAULT NULL::text, sort text DEFAULT 'relevance'::text, after_tier integer DEFAULT NULL::integer, after_key text DEFAULT NULL::text, after_id uuid DEFAULT NULL::uuid, page_size integer DEFAULT 21)
 RETURNS TABLE(id uuid, tier integer, sort_key text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER ROWS 21
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
  words tsquery;
  name_found boolean;
  my_programmes uuid[];
  peer text := 'false';
  visible text;
  matches_text text;
  matches_name text;
  filters text := 'true';
  order_key text;
  cursor_on text;
  names_found int := 0;
  words_found int;
  -- The completeness the viewer's order and cursors use: of what they may see (see above).
  score text := case when me is null then 'p.directory_score_public' else 'p.directory_score' end;
begin
  if sort not in ('relevance', 'newest') then
    raise exception 'unknown sort %', sort using errcode = '22023';
  end if;
  page_size := least(greatest(page_size, 1), 101);
  query := nullif(btrim(query), '');
  if query is not null then
    -- websearch syntax ("quoted phrases", -excluded, or); the last word, the one being typed, also
    -- matches as a prefix.
    words := to_tsquery('simple', regexp_replace(
      websearch_to_tsquery('simple', extensions.unaccent('extensions.unaccent'::regdictionary, query))::text,
      '''([^'']+)''(?!.*'')', '''\1'':*'))
      || private.stemmed_query(query);
    query := lower(extensions.unaccent('extensions.unaccent'::regdictionary, query));
  end if;

  if me is null then
    visible := 'p.search_public is not null';
    matches_text := 'p.search_public @@ $1';
    if cardinality(tokens) > 0 then filters := 'p.facets_public @> $3'; end if;
    if programme is not null or cohort is not null or membership_role is not null then
      filters := 'false';  -- memberships are for members to see
    end if;
  else
    select coalesce(array_agg(distinct m.programme_id), '{}') into my_programmes
    from public.memberships m where m.profile_id = me and m.status = 'verified';
    if cardinality(my_programmes) > 0 then
      peer := 'public.is_verified_in_any(p.id, $4)';
    end if;
    visible := format('(p.search_members is not null or (p.search_programmes is not null and %s))', peer);
    -- "is not null" first: NULL @@ … is NULL, and AND goes on past a NULL to the peer check.
    matches_text := format(
      '(p.search_members @@ $1 or (p.search_programmes is not null and p.search_programmes @@ $1 and %s))', peer);
    if cardinality(tokens) > 0 then
      filters := format(
        '(p.facets_members @> $3 or (p.facets_programmes is not null and p.facets_programmes @> $3 and %s))', peer);
    end if;
    if programme is not null or cohort is not null or membership_role is not null then
      filters := filters || ' and p.id in (select m.profile_id from public.memberships m'
        || ' where m.status = ''verified'''
        || case when programme is not null then ' and m.programme_id = $5' else '' end
        || case when cohort is not null then ' and m.cohort_id = $6' else '' end
        || case when membership_role is not null then ' and m.role = $7' else '' end
        || ')';
    end if;
  end if;
  -- Names are found by their words (and word beginnings) through the search index. Only when no
  -- name has them does the search fall back to trigrams, which forgive typos but cost more.
  matches_name := format('(to_tsvector(''simple''::regconfig, p.name_search) @@ $1 and %s)', visible);
  if query is not null then
    execute format('select exists (select 1 from public.profiles p where %s)', matches_name)
      into name_found using words, query, tokens, my_programmes, programme, cohort, membership_role,
                            after_key, after_id, page_size;
    if not name_found then
      matches_name := '$2 operator(extensions.<%) p.name_search and ' || visible;
    end if;
  end if;

  if sort = 'newest' or query is null then
    order_key := case when sort = 'newest' then 'p.created_at' else score end;
    cursor_on := case when after_id is null then 'true' else format(
      '(%s, p.id) < ($8::%s, $9)', order_key,
      case when sort = 'newest' then 'timestamptz' else 'real' end) end;
    return query execute format(
      'select p.id, 0, %1$s::text from public.profiles p where %2$s and %3$s and %4$s'
      || ' order by %1$s desc, p.id desc limit $10',
      order_key,
      case when query is null then visible else format('(%s or (%s and %s))', matches_text, matches_name, visible) end,
      filters, cursor_on)
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size;
  else
    -- Relevance: people whose name matches come first, by how well; then everyone else the words
    -- find, fuller profiles first. Each tier is read in index order and stops at a page, so a broad
    -- query never ranks every match; and when names fill the page, the words are not looked up.
    if after_tier is distinct from 1 then
      return query execute format(
        'select p.id, 2, extensions.word_similarity($2, p.name_search)::text from public.profiles p'
        || ' where %1$s and %2$s and %3$s'
        || ' order by extensions.word_similarity($2, p.name_search) desc, p.id desc limit $10',
        matches_name, filters,
        case when after_tier = 2
          then '(extensions.word_similarity($2, p.name_search), p.id) < ($8::real, $9)'
          else 'true' end)
        using words, query, tokens, my_programmes, programme, cohort, membership_role,
              after_key, after_id, page_size;
      get diagnostics names_found = row_count;
      if names_found >= page_size then
        return;
      end if;
    end if;
    -- Words that few profiles have (a surname, a rare term) are read through the search index
    -- and sorted; words that many have, in the order of the page until it is full. The planner
    -- cannot tell the two apart once the words have several readings (each stemmed reading of a
    -- name it has no statistics for counts as a common word), and read 100,000 profiles in order
    -- to find none: so a bounded look decides.
    execute format('select count(*) from (select 1 from public.profiles p where %s limit 60) as f',
      matches_text)
      into words_found using words, query, tokens, my_programmes;
    return query execute format(
      case when words_found < 60
        then 'with found as materialized (select p.id, %5$s as score from public.profiles p'
          || ' where %1$s and not (%2$s) and %3$s and %4$s)'
          || ' select f.id, 1, f.score::text from found f order by f.score desc, f.id desc limit $10'
        else 'select p.id, 1, %5$s::text from public.profiles p'
          || ' where %1$s and not (%2$s) and %3$s and %4$s'
          || ' order by %5$s desc, p.id desc limit $10' end,
      matches_text, matches_name, filters,
      case when after_tier = 1 then format('(%s, p.id) < ($8::real, $9)', score) else 'true' end,
      score)
      using words, query, tokens, my_programmes, programme, cohort, membership_role,
            after_key, after_id, page_size - names_found;
  end if;
end;
$function$;
grant execute on function private.search_directory(text,text[],uuid,uuid,text,text,integer,text,uuid,integer) to anon;
grant execute on function private.search_directory(text,text[],uuid,uuid,text,text,integer,text,uuid,integer) to authenticated;
grant execute on function private.search_directory(text,text[],uuid,uuid,text,text,integer,text,uuid,integer) to service_role;

CREATE OR REPLACE FUNCTION private.search_vector(body text, language text, weight "char")
 RETURNS tsvector
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select setweight(
    to_tsvector('pg_catalog.simple', public.unaccented(coalesce(body, '')))
    || to_tsvector(private.search_config(language), public.unaccented(coalesce(body, '')))
    || to_tsvector('pg_catalog.simple', coalesce(private.cjk_bigrams(body), '')),
    weight)
$function$;
grant execute on function private.search_vector(text,text,"char") to authenticated;
grant execute on function private.search_vector(text,text,"char") to service_role;

CREATE OR REPLACE FUNCTION private.space_join_requests_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.status := 'pending';
    new.decided_by := null;
    new.decided_at := null;
    new.decline_reason := null;
    new.created_at := now();
    return new;
  end if;
  if old.status <> 'pending' then
    raise exception 'this request was already decided' using errcode = '55000';
  end if;
  if new.space_id <> old.space_id or new.profile_id <> old.profile_id
     or new.message is distinct from old.message or new.created_at <> old.created_at then
    raise exception 'a request''s words do not change' using errcode = '42501';
  end if;
  new.decided_by := (select auth.uid());
  new.decided_at := now();
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.space_join_requests_tell()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  payload jsonb := jsonb_build_object('space_id', new.space_id);
  moderator uuid;
begin
  if tg_op = 'INSERT' then
    for moderator in
      select m.profile_id from public.space_members m where m.space_id = new.space_id and m.role = 'moderator'
    loop
      perform public.notify(moderator, 'space_join_requested', payload || jsonb_build_object('person_id', new.profile_id));
    end loop;
  elsif new.status = 'approved' then
    insert into public.space_members (space_id, profile_id, role, via)
    values (new.space_id, new.profile_id, 'member', 'added')
    on conflict (space_id, profile_id) do nothing;
    perform public.notify(new.profile_id, 'space_join_approved', payload);
  elsif new.status = 'declined' then
    perform public.notify(new.profile_id, 'space_join_declined', payload || jsonb_build_object('reason', new.decline_reason));
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.space_members_forget_counts()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if tg_op = 'DELETE' then
    delete from public.space_counts c where c.space_id = old.space_id and c.profile_id = old.profile_id;
  elsif tg_op = 'INSERT' or new.watch_level <> old.watch_level then
    delete from public.space_counts c where c.space_id = new.space_id and c.profile_id = new.profile_id;
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.space_members_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
begin
  if current_setting('role') not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if not private.is_space_moderator(new.space_id) then
      new.role := 'member';
      new.via := 'joined';
      new.suspended_until := null;
      new.suspension_reason := null;
    elsif new.profile_id <> me then
      new.via := 'added';
    end if;
    new.joined_at := now();
    return new;
  end if;
  if new.space_id <> old.space_id or new.profile_id <> old.profile_id or new.via <> old.via
     or new.joined_at <> old.joined_at then
    raise exception 'a membership''s space, person and origin do not change' using errcode = '42501';
  end if;
  if (new.role <> old.role or new.suspended_until is distinct from old.suspended_until
      or new.suspension_reason is distinct from old.suspension_reason)
     and not private.is_space_moderator(old.space_id) then
    raise exception 'only moderators change roles and suspensions' using errcode = '42501';
  end if;
  if new.watch_level <> old.watch_level and old.profile_id <> me then
    raise exception 'a watch level is the person''s own' using errcode = '42501';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.space_members_log_moderation()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if pg_trigger_depth() > 1 or current_setting('role') not in ('authenticated', 'anon') then
    return null;
  end if;
  if tg_op = 'DELETE' then
    if old.profile_id <> (select auth.uid()) then
      perform private.log_moderation(old.space_id, 'remove_member', null, null, old.profile_id, null);
    end if;
    return null;
  end if;
  if old.suspended_until is distinct from new.suspended_until then
    perform private.log_moderation(new.space_id,
      case when new.suspended_until is null or new.suspended_until <= now() then 'unsuspend' else 'suspend' end,
      null, null, new.profile_id, new.suspension_reason);
  end if;
  if old.role <> new.role then
    perform private.log_moderation(new.space_id,
      case when new.role = 'moderator' then 'make_moderator' else 'remove_moderator' end,
      null, null, new.profile_id, null);
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.space_members_tell_added()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.via = 'added' and new.profile_id is distinct from (select auth.uid()) and (select auth.uid()) is not null
     and pg_trigger_depth() = 1 then
    perform public.notify(new.profile_id, 'space_added', jsonb_build_object('space_id', new.space_id));
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.spaces_approved()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.proposed_by is not null then
    insert into public.space_members (space_id, profile_id, role, via)
    values (new.id, new.proposed_by, 'moderator', 'added')
    on conflict (space_id, profile_id) do update set role = 'moderator';
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.spaces_before_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  if (new.kind <> old.kind or new.slug <> old.slug or new.status <> old.status
      or new.programme_id is distinct from old.programme_id or new.cohort_id is distinct from old.cohort_id
      or new.topic_slug is distinct from old.topic_slug or new.region_code is distinct from old.region_code
      or new.proposed_by is distinct from old.proposed_by)
     and not (select private.is_platform_admin()) then
    raise exception 'only admins change what a space is' using errcode = '42501';
  end if;
  if new.thread_count <> old.thread_count or new.post_count <> old.post_count
     or new.last_posted_at is distinct from old.last_posted_at then
    raise exception 'a space''s counters are kept by the database' using errcode = '42501';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.spaces_take_in_programme()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.sync_programme_spaces(m.profile_id, new.programme_id)
  from (select distinct profile_id from public.memberships
        where programme_id = new.programme_id and status = 'verified') m;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.spaces_tell_proposals()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  admin uuid;
begin
  if tg_op = 'INSERT' then
    if new.status = 'proposed' and new.proposed_by is not null then
      for admin in
        select u.id from auth.users u
        where u.raw_app_meta_data ->> 'platform_role' = 'admin' and u.id <> new.proposed_by
      loop
        perform public.notify(admin, 'space_proposed',
          jsonb_build_object('space_id', new.id, 'person_id', new.proposed_by));
      end loop;
    end if;
  elsif old.status = 'proposed' and new.status in ('open', 'declined') and new.proposed_by is not null then
    perform public.notify(new.proposed_by,
      case new.status when 'open' then 'space_proposal_approved' else 'space_proposal_declined' end,
      jsonb_build_object('space_id', new.id, 'reason', new.decline_reason));
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.stemmed_query(query text)
 RETURNS tsquery
 LANGUAGE sql
 STABLE PARALLEL SAFE
 SET search_path TO ''
 SET client_min_messages TO 'warning'
AS $function$
  with q (u) as (select public.unaccented(coalesce(query, ''))),
  reading (words) as (
    select websearch_to_tsquery(c, q.u)
    from q, unnest(array['pg_catalog.english', 'pg_catalog.french', 'pg_catalog.spanish',
      'pg_catalog.russian', 'pg_catalog.arabic', 'pg_catalog.portuguese']::regconfig[]) as c
    union all
    select websearch_to_tsquery('pg_catalog.simple', private.cjk_pairs(q.u))
    from q where q.u ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]'
  )
  select coalesce(string_agg(distinct '(' || r.words::text || ')', ' | ')::tsquery, ''::tsquery)
  from reading r, q
  where r.words::text not in ('', websearch_to_tsquery('pg_catalog.simple', q.u)::text)
$function$;
grant execute on function private.stemmed_query(text) to anon;
grant execute on function private.stemmed_query(text) to authenticated;
grant execute on function private.stemmed_query(text) to service_role;

CREATE OR REPLACE FUNCTION private.sync_programme_spaces(person uuid, programme uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  with wanted as (
    select s.id as space_id,
      case when bool_or(m.role = 'coordinator') then 'moderator' else 'member' end as role
    from public.spaces s
    join public.memberships m
      on m.programme_id = s.programme_id and m.profile_id = person and m.status = 'verified'
      and (s.kind = 'programme' or m.cohort_id = s.cohort_id or m.role = 'coordinator')
    where s.programme_id = programme
    group by s.id
  ),
  gone as (
    delete from public.space_members sm
    using public.spaces s
    where sm.space_id = s.id and s.programme_id = programme and sm.profile_id = person
      and sm.via = 'programme'
      and not exists (select 1 from wanted w where w.space_id = sm.space_id)
    returning sm.space_id
  )
  insert into public.space_members (space_id, profile_id, role, via)
  select w.space_id, person, w.role, 'programme' from wanted w
  on conflict (space_id, profile_id) do update
    set role = excluded.role
    where public.space_members.via = 'programme' and public.space_members.role <> excluded.role;
end
$function$;

CREATE OR REPLACE FUNCTION private.thread_reads_forget_counts()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  delete from public.space_counts c
  using public.threads t
  where t.id = new.thread_id and c.space_id = t.space_id and c.profile_id = new.profile_id;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.thread_reads_rise()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.last_read_number := greatest(old.last_read_number, new.last_read_number);
  new.updated_at := now();
  return new;
end
$function$;
grant execute on function private.thread_reads_rise() to authenticated;
grant execute on function private.thread_reads_rise() to service_role;

CREATE OR REPLACE FUNCTION private.threads_after_move()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.posts set space_id = new.space_id where thread_id = new.id;
  update public.spaces
  set thread_count = thread_count - 1, post_count = post_count - new.post_count
  where id = old.space_id;
  update public.spaces
  set thread_count = thread_count + 1, post_count = post_count + new.post_count,
      last_posted_at = greatest(last_posted_at, new.last_posted_at)
  where id = new.space_id;
  perform realtime.send(
    jsonb_build_object('thread_id', new.id, 'space_id', new.space_id),
    'thread_changed', 'thread:' || new.id::text, true);
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.threads_before_insert()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.last_post_number := 0;
  new.post_count := 0;
  new.last_posted_at := now();
  new.last_poster_id := new.author_id;
  new.created_at := now();
  new.pinned_at := null;
  new.locked_at := null;
  new.slow_mode_minutes := null;
  return new;
end
$function$;
grant execute on function private.threads_before_insert() to authenticated;
grant execute on function private.threads_before_insert() to service_role;

CREATE OR REPLACE FUNCTION private.threads_before_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
begin
  if current_setting('role') not in ('authenticated', 'anon') or pg_trigger_depth() > 1 then
    return new;
  end if;
  if new.number <> old.number or new.author_id is distinct from old.author_id
     or new.created_at <> old.created_at or new.last_post_number <> old.last_post_number
     or new.post_count <> old.post_count or new.last_posted_at <> old.last_posted_at
     or new.last_poster_id is distinct from old.last_poster_id then
    raise exception 'a thread''s counters are kept by the database' using errcode = '42501';
  end if;
  if (new.title <> old.title or new.slug <> old.slug or new.text_language <> old.text_language)
     and not (old.author_id is not distinct from me or private.is_space_moderator(old.space_id)) then
    raise exception 'only the author or a moderator retitles a thread' using errcode = '42501';
  end if;
  if (new.pinned_at is distinct from old.pinned_at or new.locked_at is distinct from old.locked_at
      or new.slow_mode_minutes is distinct from old.slow_mode_minutes or new.space_id <> old.space_id)
     and not private.is_space_moderator(old.space_id) then
    raise exception 'only moderators pin, lock, slow or move a thread' using errcode = '42501';
  end if;
  if new.space_id <> old.space_id and not private.is_space_moderator(new.space_id) then
    raise exception 'a thread moves only to a space its mover moderates' using errcode = '42501';
  end if;
  if new.pinned_at is not null and old.pinned_at is null then new.pinned_at := now(); end if;
  if new.locked_at is not null and old.locked_at is null then new.locked_at := now(); end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.threads_forget_counts()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  delete from public.space_counts c where c.space_id in (old.space_id, new.space_id);
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.threads_log_moderation()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if pg_trigger_depth() > 1 or current_setting('role') not in ('authenticated', 'anon') then
    return null;
  end if;
  if (old.pinned_at is null) <> (new.pinned_at is null) then
    perform private.log_moderation(new.space_id, case when new.pinned_at is null then 'unpin' else 'pin' end, new.id, null, null, null);
  end if;
  if (old.locked_at is null) <> (new.locked_at is null) then
    perform private.log_moderation(new.space_id, case when new.locked_at is null then 'unlock' else 'lock' end, new.id, null, null, null);
  end if;
  if old.slow_mode_minutes is distinct from new.slow_mode_minutes then
    perform private.log_moderation(new.space_id, 'slow_mode', new.id, null, null, new.slow_mode_minutes::text);
  end if;
  if old.space_id <> new.space_id then
    perform private.log_moderation(old.space_id, 'move_out', new.id, null, null, null);
    perform private.log_moderation(new.space_id, 'move_in', new.id, null, null, null);
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.topic_id(topic text, prefix text)
 RETURNS uuid
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select case
    when topic ~ ('^' || prefix || ':[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
    then substr(topic, char_length(prefix) + 2)::uuid
  end
$function$;
grant execute on function private.topic_id(text,text) to authenticated;
grant execute on function private.topic_id(text,text) to service_role;

CREATE OR REPLACE FUNCTION private.track_acceptance_sent(proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_decisions d
    where d.proposal_id = proposal and d.decision = 'accepted' and d.sent_at is not null
  )
$function$;
grant execute on function private.track_acceptance_sent(uuid) to anon;
grant execute on function private.track_acceptance_sent(uuid) to authenticated;
grant execute on function private.track_acceptance_sent(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_answer_tell()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  about jsonb;
  admin record;
begin
  -- A person's answer, not the service's (the demo's seeded past is told already).
  if (select auth.uid()) is null then return null; end if;
  select jsonb_build_object(
           'proposal_id', p.id, 'proposal_title', p.title, 'cycle_slug', c.slug,
           'answer', new.answer, 'person_name', private.person_name(new.answered_by))
    into about
  from public.track_proposals p join public.track_cycles c on c.id = p.cycle_id
  where p.id = new.proposal_id;
  for admin in
    select u.id from auth.users u
    where u.raw_app_meta_data ->> 'platform_role' = 'admin'
      and u.id is distinct from new.answered_by
  loop
    perform public.notify(admin.id, 'track_answer', about);
  end loop;
  return null;
end
$function$;
grant execute on function private.track_answer_tell() to anon;
grant execute on function private.track_answer_tell() to authenticated;
grant execute on function private.track_answer_tell() to service_role;

CREATE OR REPLACE FUNCTION private.track_assignments_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if private.track_has_conflict(new.reviewer_id, new.proposal_id) then
    raise exception 'this reviewer has a conflict with this proposal' using errcode = 'CC102';
  end if;
  if not exists (
    select 1 from public.track_reviewers r join public.track_proposals p on p.cycle_id = r.cycle_id
    where p.id = new.proposal_id and r.profile_id = new.reviewer_id and r.status = 'accepted'
  ) then
    raise exception 'this person does not review this cycle' using errcode = 'CC102';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_call_open(cycle uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_phases p
    where p.cycle_id = cycle and p.kind = 'call' and now() >= p.starts_at and now() < p.ends_at
  )
$function$;
grant execute on function private.track_call_open(uuid) to anon;
grant execute on function private.track_call_open(uuid) to authenticated;
grant execute on function private.track_call_open(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_co_proposers_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.status := 'invited';
    new.invited_by := (select auth.uid());
    new.created_at := now();
    new.decided_at := null;
    if new.profile_id = (select p.proposer_id from public.track_proposals p where p.id = new.proposal_id) then
      raise exception 'the lead proposer is not a co-proposer' using errcode = '23514';
    end if;
    return new;
  end if;
  if old.status <> 'invited' or new.status not in ('accepted', 'declined')
     or new.profile_id <> old.profile_id or new.proposal_id <> old.proposal_id then
    raise exception 'a co-proposer answers once' using errcode = '55000';
  end if;
  new.decided_at := now();
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_co_proposers_tell()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  insert into public.notifications (recipient_id, kind, payload)
  select new.profile_id, 'track_co_proposer_invited', jsonb_build_object(
    'proposal_id', p.id, 'proposal_title', p.title, 'cycle_slug', c.slug,
    'person_name', (select pr.display_name from public.profiles pr where pr.id = p.proposer_id))
  from public.track_proposals p join public.track_cycles c on c.id = p.cycle_id
  where p.id = new.proposal_id;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_confirmations_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'UPDATE' and (new.proposal_id <> old.proposal_id or old.answer = 'declined') then
    raise exception 'a declined session stays declined' using errcode = '55000';
  end if;
  new.answered_by := (select auth.uid());
  new.answered_at := now();
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_conflicts_of(cycle uuid)
 RETURNS TABLE(reviewer_id uuid, proposal_id uuid, declared boolean)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select r.profile_id, p.id,
         exists (select 1 from public.track_conflicts d where d.reviewer_id = r.profile_id and d.proposal_id = p.id)
  from public.track_reviewers r
  join public.track_proposals p on p.cycle_id = r.cycle_id
  where r.cycle_id = cycle and r.status <> 'declined' and (select private.is_platform_admin())
    and private.track_has_conflict(r.profile_id, p.id)
$function$;
grant execute on function private.track_conflicts_of(uuid) to anon;
grant execute on function private.track_conflicts_of(uuid) to authenticated;
grant execute on function private.track_conflicts_of(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_criteria_keep_scale()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.scale is distinct from old.scale
     and exists (select 1 from public.track_review_scores s where s.criterion_id = old.id) then
    raise exception 'a criterion with scores keeps its scale' using errcode = 'CC104';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_criterion_scored(criterion uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (select 1 from public.track_review_scores s where s.criterion_id = criterion)
$function$;
grant execute on function private.track_criterion_scored(uuid) to anon;
grant execute on function private.track_criterion_scored(uuid) to authenticated;
grant execute on function private.track_criterion_scored(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_decisions_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  proposal public.track_proposals;
  target public.track_proposals;
begin
  select p.* into proposal from public.track_proposals p where p.id = new.proposal_id;
  new.cycle_id := proposal.cycle_id;
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if not (select private.is_platform_admin()) then
    raise exception 'only admins decide on proposals' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' then
    if new.proposal_id <> old.proposal_id then
      raise exception 'a decision stays with its proposal' using errcode = '42501';
    end if;
    if old.sent_at is not null then
      -- The one change a sent decision takes: waitlisted raised to accepted, once, when a seat
      -- frees; it waits to be sent again (its note may change with it).
      if old.decision = 'waitlisted' and old.raised_at is null then
        if new.decision is distinct from 'accepted'
           or (to_jsonb(new) - array['decision', 'note', 'sent_at', 'sent_by'])
              is distinct from (to_jsonb(old) - array['decision', 'note', 'sent_at', 'sent_by']) then
          raise exception 'a sent waitlisted decision is only raised to accepted' using errcode = 'CC114';
        end if;
        new.raised_at := now();
        new.sent_at := null;
        new.sent_by := null;
        new.decided_by := (select auth.uid());
        new.decided_at := now();
        return new;
      end if;
      if old.raised_at is not null then
        raise exception 'a decision is raised from the waiting list once' using errcode = 'CC114';
      end if;
      raise exception 'this decision was sent and stays as it was' using errcode = 'CC113';
    end if;
    if new.sent_at is not null then
      if (to_jsonb(new) - array['sent_at', 'sent_by']) is distinct from (to_jsonb(old) - array['sent_at', 'sent_by']) then
        raise exception 'sending a decision changes nothing else' using errcode = '42501';
      end if;
      new.sent_at := now();
      new.sent_by := (select auth.uid());
      return new;
    end if;
    if old.raised_at is not null then
      raise exception 'a raised decision waits to be sent and changes no more' using errcode = 'CC114';
    end if;
  end if;
  -- An insert meets a sent decision before its conflict does (insert … on conflict): say so.
  if tg_op = 'INSERT' and exists (
    select 1 from public.track_decisions d where d.proposal_id = new.proposal_id and d.sent_at is not null
  ) then
    raise exception 'this decision was sent and stays as it was' using errcode = 'CC113';
  end if;
  if not private.track_decisions_open(proposal.cycle_id) then
    raise exception 'the decisions phase of this cycle has not started' using errcode = 'CC101';
  end if;
  if proposal.status is distinct from 'submitted' then
    raise exception 'only a proposal in review is decided' using errcode = 'CC111';
  end if;
  new.sent_at := null;
  new.sent_by := null;
  new.decided_by := (select auth.uid());
  new.decided_at := now();
  if new.decision = 'merged' then
    if new.merged_into = new.proposal_id then
      raise exception 'a proposal is not merged into itself' using errcode = 'CC112';
    end if;
    select p.* into target from public.track_proposals p where p.id = new.merged_into;
    if target.id is null or target.cycle_id <> proposal.cycle_id
       or target.status not in ('submitted', 'accepted', 'waitlisted') then
      raise exception 'a proposal is merged into one of its cycle in review or accepted' using errcode = 'CC112';
    end if;
    if exists (
      select 1 from public.track_decisions d
      where d.proposal_id = target.id and d.decision in ('merged', 'rejected')
    ) then
      raise exception 'a proposal is not merged into one merged or rejected itself' using errcode = 'CC112';
    end if;
  else
    new.merged_into := null;
  end if;
  if new.decision in ('merged', 'rejected') and exists (
    select 1 from public.track_decisions d where d.merged_into = new.proposal_id
  ) then
    raise exception 'other proposals are merged into this one' using errcode = 'CC112';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_decisions_open(cycle uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_phases p
    where p.cycle_id = cycle and p.kind = 'decisions' and now() >= p.starts_at
  )
$function$;
grant execute on function private.track_decisions_open(uuid) to anon;
grant execute on function private.track_decisions_open(uuid) to authenticated;
grant execute on function private.track_decisions_open(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_decisions_sent()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.track_proposals p set status = new.decision
  where p.id = new.proposal_id
    and (p.status = 'submitted' or (p.status = 'waitlisted' and new.raised_at is not null));
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_declared_conflicts(cycle uuid)
 RETURNS TABLE(proposal_id uuid, title text, reason text, created_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select c.proposal_id, p.title, c.reason, c.created_at
  from public.track_conflicts c
  join public.track_proposals p on p.id = c.proposal_id
  where c.reviewer_id = (select auth.uid()) and p.cycle_id = cycle
  order by c.created_at, c.proposal_id
$function$;
grant execute on function private.track_declared_conflicts(uuid) to anon;
grant execute on function private.track_declared_conflicts(uuid) to authenticated;
grant execute on function private.track_declared_conflicts(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_default_criteria()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  insert into public.track_criteria (cycle_id, position, name, description, independent)
  values
    (new.id, 0, 'Relevance to the track', 'How well the session serves capacity building in Internet governance.', false),
    (new.id, 1, 'Clarity of the policy question', 'Whether the policy question(s) are clear, focused and open to debate.', false),
    (new.id, 2, 'Content', 'The substance of the session: its description, expected outcomes and speakers'' expertise.', false),
    (new.id, 3, 'Diversity', 'Speakers and moderator across genders, stakeholder groups and regions, and newcomers.', false),
    (new.id, 4, 'Format and interaction', 'Whether the format suits the aim, and how participants onsite and online take part.', false);
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_event_slug(title text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select coalesce(nullif(btrim(left(btrim(regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'), '-'), 70), '-'), ''),
                  'igf-session')
$function$;
grant execute on function private.track_event_slug(text) to service_role;

CREATE OR REPLACE FUNCTION private.track_feedback(proposal uuid)
 RETURNS TABLE(comment_to_proposers text, submitted_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select r.comment_to_proposers, r.submitted_at
  from public.track_proposals p
  join public.track_reviews r on r.proposal_id = p.id and r.state = 'submitted'
  where p.id = proposal and private.is_track_proposer(p.id)
    and nullif(btrim(r.comment_to_proposers), '') is not null
    and exists (
      select 1 from public.track_phases ph
      where ph.cycle_id = p.cycle_id and ph.proposers_see_reviews and now() >= ph.starts_at
    )
  order by r.submitted_at, r.id
$function$;
grant execute on function private.track_feedback(uuid) to anon;
grant execute on function private.track_feedback(uuid) to authenticated;
grant execute on function private.track_feedback(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_has_conflict(reviewer uuid, proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  with p as (select id, proposer_id from public.track_proposals where id = proposal),
  people as (
    select p.proposer_id as id from p
    union
    select c.profile_id from public.track_co_proposers c where c.proposal_id = proposal and c.status <> 'declined'
  ),
  organisations as (
    select lower(btrim(pr.current_organisation)) as name
    from people join public.profiles pr on pr.id = people.id
    where nullif(btrim(pr.current_organisation), '') is not null
    union
    select lower(btrim(s.organisation)) from public.track_speakers s
    where s.proposal_id = proposal and nullif(btrim(s.organisation), '') is not null
  )
  select exists (select 1 from public.track_conflicts d where d.reviewer_id = reviewer and d.proposal_id = proposal)
    or exists (select 1 from people where people.id = reviewer)
    or exists (select 1 from public.track_speakers s where s.proposal_id = proposal and s.profile_id = reviewer)
    or exists (
      select 1 from public.profiles me join organisations o on o.name = lower(btrim(me.current_organisation))
      where me.id = reviewer
    )
$function$;
grant execute on function private.track_has_conflict(uuid,uuid) to anon;
grant execute on function private.track_has_conflict(uuid,uuid) to authenticated;
grant execute on function private.track_has_conflict(uuid,uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_may_edit(cycle uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_phases p
    where p.cycle_id = cycle and p.proposers_may_edit and now() < p.ends_at
      and (p.kind = 'call' or now() >= p.starts_at)
  )
$function$;
grant execute on function private.track_may_edit(uuid) to anon;
grant execute on function private.track_may_edit(uuid) to authenticated;
grant execute on function private.track_may_edit(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_may_review(proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1
    from public.track_proposals p
    join public.track_assignments a on a.proposal_id = p.id and a.reviewer_id = (select auth.uid())
    join public.track_reviewers r on r.cycle_id = p.cycle_id and r.profile_id = a.reviewer_id and r.status = 'accepted'
    where p.id = proposal and p.status = 'submitted'
      and exists (
        select 1 from public.track_phases ph
        where ph.cycle_id = p.cycle_id and ph.reviewers_may_review and now() >= ph.starts_at and now() < ph.ends_at
      )
      and not private.track_has_conflict(a.reviewer_id, p.id)
  )
$function$;
grant execute on function private.track_may_review(uuid) to anon;
grant execute on function private.track_may_review(uuid) to authenticated;
grant execute on function private.track_may_review(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_merge_target_title(proposal uuid)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select t.title
  from public.track_decisions d
  join public.track_proposals t on t.id = d.merged_into
  where d.proposal_id = proposal
    and ((select private.is_platform_admin())
         or (d.sent_at is not null and private.is_track_proposer(d.proposal_id)))
$function$;
grant execute on function private.track_merge_target_title(uuid) to anon;
grant execute on function private.track_merge_target_title(uuid) to authenticated;
grant execute on function private.track_merge_target_title(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_other_reviews(proposal uuid)
 RETURNS TABLE(id uuid, reviewer_name text, scores jsonb, comment_to_proposers text, comment_to_committee text, submitted_at timestamp with time zone)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  with me as (select (select auth.uid()) as id),
  allowed as (
    select p.cycle_id,
           exists (
             select 1 from public.track_phases ph
             where ph.cycle_id = p.cycle_id and ph.reviewers_see_reviews and now() >= ph.starts_at and now() < ph.ends_at
           ) as see,
           not exists (
             select 1 from public.track_phases ph
             where ph.cycle_id = p.cycle_id and now() >= ph.starts_at and now() < ph.ends_at
           ) or exists (
             select 1 from public.track_phases ph
             where ph.cycle_id = p.cycle_id and now() >= ph.starts_at and now() < ph.ends_at and ph.blind_review
           ) as blind
    from public.track_proposals p, me
    where p.id = proposal
      and exists (
        select 1 from public.track_reviews mine
        where mine.proposal_id = p.id and mine.reviewer_id = me.id and mine.state = 'submitted'
      )
      and private.is_track_reviewer(p.cycle_id)
      and not private.track_has_conflict(me.id, p.id)
  )
  select r.id,
         case when allowed.blind then null else pr.display_name end,
         coalesce((select jsonb_object_agg(s.criterion_id, s.score) from public.track_review_scores s where s.review_id = r.id), '{}'),
         r.comment_to_proposers, r.comment_to_committee, r.submitted_at
  from allowed
  join public.track_reviews r on r.proposal_id = proposal and r.state = 'submitted'
  join public.profiles pr on pr.id = r.reviewer_id
  cross join me
  where allowed.see and r.reviewer_id <> me.id
  order by r.submitted_at, r.id
$function$;
grant execute on function private.track_other_reviews(uuid) to anon;
grant execute on function private.track_other_reviews(uuid) to authenticated;
grant execute on function private.track_other_reviews(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_placements_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v public.track_timetable_versions;
  minutes integer;
begin
  select * into v from public.track_timetable_versions where id = new.version_id;
  if v.state = 'saved' and v.saved_at <> now() and current_setting('role') in ('authenticated', 'anon') then
    raise exception 'a saved timetable version does not change' using errcode = '55000';
  end if;
  new.cycle_id := v.cycle_id;
  select p.duration_minutes into minutes
  from public.track_proposals p
  where p.id = new.proposal_id and p.cycle_id = v.cycle_id and p.status = 'accepted';
  if not found then
    raise exception 'only an accepted proposal of this cycle is placed' using errcode = '23514';
  end if;
  if not exists (select 1 from public.track_rooms r where r.id = new.room_id and r.cycle_id = v.cycle_id) then
    raise exception 'the room is not one of this cycle' using errcode = '23514';
  end if;
  if new.ends_at is null or (tg_op = 'UPDATE' and new.starts_at <> old.starts_at and new.ends_at = old.ends_at) then
    new.ends_at := new.starts_at + make_interval(mins => coalesce(minutes, 60));
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_proposal_cycle(proposal uuid)
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.cycle_id from public.track_proposals p where p.id = proposal
$function$;
grant execute on function private.track_proposal_cycle(uuid) to anon;
grant execute on function private.track_proposal_cycle(uuid) to authenticated;
grant execute on function private.track_proposal_cycle(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_proposal_may_edit(proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce((
    select private.track_may_edit(p.cycle_id) and p.status in ('draft', 'submitted')
    from public.track_proposals p where p.id = proposal
  ), false)
$function$;
grant execute on function private.track_proposal_may_edit(uuid) to anon;
grant execute on function private.track_proposal_may_edit(uuid) to authenticated;
grant execute on function private.track_proposal_may_edit(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_proposal_published(proposal uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1
    from public.track_placements pl
    join public.track_timetable_versions v on v.id = pl.version_id and v.is_published
    where pl.proposal_id = proposal
  )
$function$;
grant execute on function private.track_proposal_published(uuid) to anon;
grant execute on function private.track_proposal_published(uuid) to authenticated;
grant execute on function private.track_proposal_published(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_proposals_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  clock constant text[] := array['status', 'submitted_at', 'withdrawn_at', 'updated_at',
    'screening_reason', 'screened_by', 'screened_at'];
  screening boolean;
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.proposer_id := (select auth.uid());
    new.created_at := now();
    new.withdrawn_at := null;
    new.screening_reason := null;
    new.screened_by := null;
    new.screened_at := null;
    if not private.track_may_edit(new.cycle_id) then
      raise exception 'the call for this cycle is closed' using errcode = 'CC101';
    end if;
    if new.status = 'submitted' then
      if not private.track_call_open(new.cycle_id) then
        raise exception 'the call for this cycle is not open' using errcode = 'CC101';
      end if;
      new.submitted_at := now();
    elsif new.status = 'draft' then
      new.submitted_at := null;
    else
      raise exception 'a new proposal is a draft or submitted' using errcode = '42501';
    end if;
    return new;
  end if;

  if new.id <> old.id or new.cycle_id <> old.cycle_id or new.proposer_id <> old.proposer_id
     or new.created_at <> old.created_at then
    raise exception 'a proposal stays in its cycle with its proposer' using errcode = '42501';
  end if;
  screening := (old.status = 'submitted' and new.status = 'screened_out')
    or (old.status = 'screened_out' and new.status = 'submitted');

  if screening then
    if not (select private.is_platform_admin()) then
      raise exception 'only admins screen proposals' using errcode = '42501';
    end if;
    if (to_jsonb(new) - clock) is distinct from (to_jsonb(old) - clock) then
      raise exception 'screening changes nothing else' using errcode = '42501';
    end if;
    if new.status = 'screened_out' then
      new.screened_by := (select auth.uid());
      new.screened_at := now();
    else
      new.screening_reason := null;
      new.screened_by := null;
      new.screened_at := null;
    end if;
    new.submitted_at := old.submitted_at;
    new.withdrawn_at := old.withdrawn_at;
    new.updated_at := now();
    return new;
  end if;

  -- A decision reaches the proposal when it is sent (public.track_decisions): the status only.
  if (old.status = 'submitted' and new.status in ('accepted', 'waitlisted', 'rejected', 'merged'))
     or (old.status = 'waitlisted' and new.status = 'accepted' and exists (
       select 1 from public.track_decisions d where d.proposal_id = new.id and d.raised_at is not null
     )) then
    if not exists (
      select 1 from public.track_decisions d
      where d.proposal_id = new.id and d.decision = new.status and d.sent_at is not null
    ) then
      raise exception 'a proposal is decided by sending its decision' using errcode = '42501';
    end if;
    if (to_jsonb(new) - clock) is distinct from (to_jsonb(old) - clock) then
      raise exception 'a decision changes nothing else' using errcode = '42501';
    end if;
    new.submitted_at := old.submitted_at;
    new.withdrawn_at := old.withdrawn_at;
    new.screening_reason := old.screening_reason;
    new.screened_by := old.screened_by;
    new.screened_at := old.screened_at;
    new.updated_at := now();
    return new;
  end if;

  if not private.is_track_proposer(new.id) then
    raise exception 'only its proposers change a proposal' using errcode = '42501';
  end if;
  if new.screening_reason is distinct from old.screening_reason then
    raise exception 'only admins screen proposals' using errcode = '42501';
  end if;
  new.screened_by := old.screened_by;
  new.screened_at := old.screened_at;
  if (to_jsonb(new) - clock) is distinct from (to_jsonb(old) - clock) then
    if old.status not in ('draft', 'submitted') or not private.track_may_edit(new.cycle_id) then
      raise exception 'this proposal can no longer be changed' using errcode = 'CC101';
    end if;
  end if;
  if new.status is distinct from old.status then
    if new.status = 'withdrawn' and old.status in ('draft', 'submitted', 'screened_out') then
      new.withdrawn_at := now();
    elsif new.status = 'submitted' and old.status = 'draft' then
      if not private.track_call_open(new.cycle_id) then
        raise exception 'the call for this cycle is not open' using errcode = 'CC101';
      end if;
      new.submitted_at := now();
    elsif new.status = 'draft' and old.status in ('submitted', 'withdrawn') then
      if not private.track_may_edit(new.cycle_id) then
        raise exception 'this proposal can no longer be changed' using errcode = 'CC101';
      end if;
      new.submitted_at := null;
      new.withdrawn_at := null;
      new.screening_reason := null;
      new.screened_by := null;
      new.screened_at := null;
    else
      raise exception 'a proposal does not go from % to % this way', old.status, new.status using errcode = '42501';
    end if;
  else
    new.submitted_at := old.submitted_at;
    new.withdrawn_at := old.withdrawn_at;
  end if;
  new.updated_at := now();
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_proposals_tell_screened()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  insert into public.notifications (recipient_id, kind, payload)
  select who.id, 'track_screened_out', jsonb_build_object(
    'proposal_id', new.id, 'proposal_title', new.title, 'cycle_slug', c.slug, 'reason', new.screening_reason)
  from (
    select new.proposer_id as id
    union
    select cp.profile_id from public.track_co_proposers cp
    where cp.proposal_id = new.id and cp.status = 'accepted'
  ) who
  cross join public.track_cycles c
  where c.id = new.cycle_id;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_publish_timetable(version uuid)
 RETURNS TABLE(recipient uuid, proposal uuid, change text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v public.track_timetable_versions;
  c public.track_cycles;
  s record;
  link public.track_session_events;
  event uuid;
  person uuid;
begin
  if not (select private.is_platform_admin()) then
    raise exception 'only admins publish the timetable' using errcode = '42501';
  end if;
  select * into v from public.track_timetable_versions where id = version for update;
  if not found then
    raise exception 'no such timetable version' using errcode = 'P0002';
  end if;
  if v.state <> 'saved' then
    raise exception 'save the draft as a version to publish it' using errcode = '55000';
  end if;
  select * into c from public.track_cycles where id = v.cycle_id for update;
  if exists (
    select 1 from public.track_phases p where p.cycle_id = c.id and p.kind = 'timetable' and now() < p.starts_at
  ) then
    raise exception 'the timetable phase has not started' using errcode = 'CC101';
  end if;

  update public.track_timetable_versions set is_published = false
  where cycle_id = c.id and is_published and id <> version;
  update public.track_timetable_versions set is_published = true, published_at = now() where id = version;

  for s in
    select pl.proposal_id, pl.room_id, pl.starts_at, pl.ends_at, pr.title, pr.description, pr.languages,
           pr.topics, r.name as room_name, r.kind as room_kind
    from public.track_placements pl
    join public.track_proposals pr on pr.id = pl.proposal_id
    join public.track_rooms r on r.id = pl.room_id
    where pl.version_id = version
    order by pl.starts_at, r.position, r.name
  loop
    select * into link from public.track_session_events where proposal_id = s.proposal_id for update;
    if not found then
      -- Onsite rooms are hybrid: every IGF session takes part online too.
      insert into public.events (slug, title, description, kind, format, venue_name, time_zone,
                                 starts_at, ends_at, languages, topics, visibility, status, created_by)
      values (private.track_event_slug(s.title), s.title, s.description, 'igf-session',
              case when s.room_kind = 'online' then 'online' else 'hybrid' end,
              case when s.room_kind = 'online' then null
                   else left(coalesce(nullif(btrim(c.venue), '') || ' — ', '') || s.room_name, 200) end,
              c.time_zone, s.starts_at, s.ends_at, s.languages, s.topics, 'public', 'scheduled',
              (select auth.uid()))
      returning id into event;
      insert into public.track_session_events (proposal_id, cycle_id, event_id, room_id, starts_at, ends_at)
      values (s.proposal_id, c.id, event, s.room_id, s.starts_at, s.ends_at);
    else
      update public.events set
        title = s.title,
        description = s.description,
        format = case when s.room_kind = 'online' then 'online' else 'hybrid' end,
        venue_name = case when s.room_kind = 'online' then null
                          else left(coalesce(nullif(btrim(c.venue), '') || ' — ', '') || s.room_name, 200) end,
        time_zone = c.time_zone,
        starts_at = s.starts_at,
        ends_at = s.ends_at,
        languages = s.languages,
        topics = s.topics,
        status = 'scheduled'
      where id = link.event_id;
      if link.cancelled or (link.starts_at, link.ends_at, link.room_id)
           is distinct from (s.starts_at, s.ends_at, s.room_id) then
        for person in select distinct x.id from private.track_session_people(s.proposal_id) x loop
          perform public.notify(person, 'track_session_moved', jsonb_build_object(
            'cycle_slug', c.slug, 'proposal_id', s.proposal_id, 'proposal_title', s.title,
            'event_id', link.event_id, 'event_slug', (select e.slug from public.events e where e.id = link.event_id),
            'starts_at', s.starts_at, 'room', s.room_name));
          recipient := person; proposal := s.proposal_id; change := 'moved';
          return next;
        end loop;
      end if;
      update public.track_session_events set
        room_id = s.room_id, starts_at = s.starts_at, ends_at = s.ends_at, cancelled = false, published_at = now()
      where proposal_id = s.proposal_id;
    end if;
  end loop;

  -- Sessions published before and placed no more: their event is cancelled and their people told.
  for link in
    select se.* from public.track_session_events se
    where se.cycle_id = c.id and not se.cancelled
      and not exists (select 1 from public.track_placements pl where pl.version_id = version and pl.proposal_id = se.proposal_id)
    for update
  loop
    update public.events set status = 'cancelled' where id = link.event_id;
    update public.track_session_events set cancelled = true, published_at = now() where proposal_id = link.proposal_id;
    for person in select distinct x.id from private.track_session_people(link.proposal_id) x loop
      perform public.notify(person, 'track_session_cancelled', jsonb_build_object(
        'cycle_slug', c.slug, 'proposal_id', link.proposal_id,
        'proposal_title', (select p.title from public.track_proposals p where p.id = link.proposal_id),
        'event_id', link.event_id, 'event_slug', (select e.slug from public.events e where e.id = link.event_id)));
      recipient := person; proposal := link.proposal_id; change := 'cancelled';
      return next;
    end loop;
  end loop;
end
$function$;
grant execute on function private.track_publish_timetable(uuid) to authenticated;
grant execute on function private.track_publish_timetable(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_review_readable(review uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_reviews r
    where r.id = review and (r.reviewer_id = (select auth.uid()) or (select private.is_platform_admin()))
  )
$function$;
grant execute on function private.track_review_readable(uuid) to anon;
grant execute on function private.track_review_readable(uuid) to authenticated;
grant execute on function private.track_review_readable(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_review_scores_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  points integer;
begin
  select jsonb_array_length(c.scale) into points
  from public.track_criteria c
  join public.track_reviews r on r.id = new.review_id
  where c.id = new.criterion_id and c.cycle_id = private.track_proposal_cycle(r.proposal_id);
  if points is null then
    raise exception 'this criterion is not of the review''s cycle' using errcode = 'CC103';
  end if;
  if new.score >= points then
    raise exception 'this score is outside the criterion''s scale' using errcode = 'CC103';
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_review_writable(review uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_reviews r
    where r.id = review and r.reviewer_id = (select auth.uid()) and private.track_may_review(r.proposal_id)
  )
$function$;
grant execute on function private.track_review_writable(uuid) to anon;
grant execute on function private.track_review_writable(uuid) to authenticated;
grant execute on function private.track_review_writable(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_reviewer_proposal(proposal uuid)
 RETURNS TABLE(id uuid, cycle_id uuid, title text, format text, duration_minutes integer, policy_questions text, description text, expected_outcomes text, interaction text, target_audience text, topics text[], languages text[])
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.id, p.cycle_id, p.title, p.format, p.duration_minutes, p.policy_questions, p.description,
         p.expected_outcomes, p.interaction, p.target_audience, p.topics, p.languages
  from public.track_proposals p
  where p.id = proposal and p.status not in ('draft', 'withdrawn')
    and private.is_track_reviewer(p.cycle_id)
    and not private.track_has_conflict((select auth.uid()), p.id)
$function$;
grant execute on function private.track_reviewer_proposal(uuid) to anon;
grant execute on function private.track_reviewer_proposal(uuid) to authenticated;
grant execute on function private.track_reviewer_proposal(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_reviewer_proposals(cycle uuid)
 RETURNS TABLE(id uuid, title text, format text, duration_minutes integer, topics text[], languages text[])
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select p.id, p.title, p.format, p.duration_minutes, p.topics, p.languages
  from public.track_proposals p
  where p.cycle_id = cycle and p.status not in ('draft', 'withdrawn')
    and private.is_track_reviewer(cycle)
    and not private.track_has_conflict((select auth.uid()), p.id)
  order by p.title, p.id
$function$;
grant execute on function private.track_reviewer_proposals(uuid) to anon;
grant execute on function private.track_reviewer_proposals(uuid) to authenticated;
grant execute on function private.track_reviewer_proposals(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_reviewer_speakers(proposal uuid)
 RETURNS TABLE(role text, stakeholder_group text, region_code text, attendance text, confirmed boolean)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select s.role, s.stakeholder_group, s.region_code, s.attendance, s.confirmed
  from public.track_speakers s
  join public.track_proposals p on p.id = s.proposal_id
  where p.id = proposal and p.status not in ('draft', 'withdrawn')
    and private.is_track_reviewer(p.cycle_id)
    and not private.track_has_conflict((select auth.uid()), p.id)
  order by s.role = 'moderator', s.position, s.id
$function$;
grant execute on function private.track_reviewer_speakers(uuid) to anon;
grant execute on function private.track_reviewer_speakers(uuid) to authenticated;
grant execute on function private.track_reviewer_speakers(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_reviewers_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.status := 'invited';
    new.invited_by := (select auth.uid());
    new.created_at := now();
    new.decided_at := null;
    return new;
  end if;
  if new.profile_id <> old.profile_id or new.cycle_id <> old.cycle_id then
    raise exception 'a reviewer stays who and where they are' using errcode = '55000';
  end if;
  if new.status is distinct from old.status then
    if old.status <> 'invited' or new.status not in ('accepted', 'declined') then
      raise exception 'a reviewer answers once' using errcode = '55000';
    end if;
    new.decided_at := now();
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_reviewers_tell()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  insert into public.notifications (recipient_id, kind, payload)
  select new.profile_id, 'track_reviewer_invited', jsonb_build_object(
    'cycle_slug', c.slug, 'cycle_title', c.title,
    'person_name', (select pr.display_name from public.profiles pr where pr.id = new.invited_by))
  from public.track_cycles c where c.id = new.cycle_id;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_reviews_complete()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if exists (
    select 1 from public.track_criteria c
    where c.cycle_id = private.track_proposal_cycle(new.proposal_id)
      and not exists (select 1 from public.track_review_scores s where s.review_id = new.id and s.criterion_id = c.id)
  ) then
    raise exception 'a submitted review scores every criterion' using errcode = 'CC105';
  end if;
  return null;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_reviews_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_setting('role') not in ('authenticated', 'anon') then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.reviewer_id := (select auth.uid());
    new.created_at := now();
    new.state := 'draft';
    new.submitted_at := null;
    return new;
  end if;
  if new.proposal_id <> old.proposal_id or new.reviewer_id <> old.reviewer_id then
    raise exception 'a review stays whose and where it is' using errcode = '55000';
  end if;
  if old.state = 'submitted' and new.state <> 'submitted' then
    raise exception 'a submitted review stays submitted' using errcode = '55000';
  end if;
  if new.state = 'submitted' then
    new.submitted_at := coalesce(old.submitted_at, now());
  end if;
  return new;
end
$function$;

CREATE OR REPLACE FUNCTION private.track_save_timetable(cycle uuid, version_note text)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  draft uuid;
  saved uuid;
begin
  if not (select private.is_platform_admin()) then
    raise exception 'only admins save the timetable' using errcode = '42501';
  end if;
  select v.id into draft from public.track_timetable_versions v where v.cycle_id = cycle and v.state = 'draft';
  if not found then
    raise exception 'this cycle has no draft timetable' using errcode = 'P0002';
  end if;
  insert into public.track_timetable_versions (cycle_id, state, number, note, saved_at, saved_by)
  values (cycle, 'saved',
          coalesce((select max(v.number) from public.track_timetable_versions v where v.cycle_id = cycle), 0) + 1,
          nullif(btrim(version_note), ''), now(), (select auth.uid()))
  returning id into saved;
  insert into public.track_placements (version_id, cycle_id, proposal_id, room_id, starts_at, ends_at, placed_by)
  select saved, p.cycle_id, p.proposal_id, p.room_id, p.starts_at, p.ends_at, p.placed_by
  from public.track_placements p where p.version_id = draft;
  return saved;
end
$function$;
grant execute on function private.track_save_timetable(uuid,text) to authenticated;
grant execute on function private.track_save_timetable(uuid,text) to service_role;

CREATE OR REPLACE FUNCTION private.track_scale_valid(scale jsonb)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
  select jsonb_typeof(scale) = 'array'
    and jsonb_array_length(scale) between 2 and 11
    and not exists (
      select 1 from jsonb_array_elements(scale) as e(label)
      where jsonb_typeof(e.label) <> 'string' or char_length(btrim(e.label #>> '{}')) not between 1 and 80
    )
$function$;
grant execute on function private.track_scale_valid(jsonb) to anon;
grant execute on function private.track_scale_valid(jsonb) to authenticated;
grant execute on function private.track_scale_valid(jsonb) to service_role;

CREATE OR REPLACE FUNCTION private.track_session_people(proposal uuid)
 RETURNS TABLE(id uuid)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select p.proposer_id from public.track_proposals p where p.id = proposal
  union
  select c.profile_id from public.track_co_proposers c where c.proposal_id = proposal and c.status = 'accepted'
  union
  select s.profile_id from public.track_speakers s where s.proposal_id = proposal and s.profile_id is not null
$function$;
grant execute on function private.track_session_people(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_speaker_proposal(speaker uuid)
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select s.proposal_id from public.track_speakers s where s.id = speaker
$function$;
grant execute on function private.track_speaker_proposal(uuid) to anon;
grant execute on function private.track_speaker_proposal(uuid) to authenticated;
grant execute on function private.track_speaker_proposal(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_timetable_published(cycle uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.track_timetable_versions v where v.cycle_id = cycle and v.is_published
  )
$function$;
grant execute on function private.track_timetable_published(uuid) to anon;
grant execute on function private.track_timetable_published(uuid) to authenticated;
grant execute on function private.track_timetable_published(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.track_version_is_draft(version uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (select 1 from public.track_timetable_versions v where v.id = version and v.state = 'draft')
$function$;
grant execute on function private.track_version_is_draft(uuid) to anon;
grant execute on function private.track_version_is_draft(uuid) to authenticated;
grant execute on function private.track_version_is_draft(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.verified_people_count(programme uuid)
 RETURNS integer
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select count(distinct m.profile_id)::integer
  from public.memberships m
  where m.programme_id = programme
    and m.status = 'verified'
    and m.role in ('alumnus', 'trainer')
$function$;
grant execute on function private.verified_people_count(uuid) to anon;
grant execute on function private.verified_people_count(uuid) to authenticated;
grant execute on function private.verified_people_count(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.viewer_reach(owner uuid)
 RETURNS public.audience
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select case
    when (select auth.uid()) is null then 'public'::public.audience
    when owner = (select auth.uid()) then 'private'::public.audience
    when public.shares_programme_with(owner) then 'programmes'::public.audience
    else 'members'::public.audience
  end
$function$;
grant execute on function private.viewer_reach(uuid) to anon;
grant execute on function private.viewer_reach(uuid) to authenticated;
grant execute on function private.viewer_reach(uuid) to service_role;

CREATE OR REPLACE FUNCTION private.weighted_vector(language text, a text, b text, c text, d text)
 RETURNS tsvector
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select private.search_vector(a, coalesce(language, 'en'), 'A')
      || private.search_vector(b, coalesce(language, 'en'), 'B')
      || private.search_vector(c, coalesce(language, 'en'), 'C')
      || private.search_vector(d, coalesce(language, 'en'), 'D')
$function$;
grant execute on function private.weighted_vector(text,text,text,text,text) to authenticated;
grant execute on function private.weighted_vector(text,text,text,text,text) to service_role;

CREATE OR REPLACE FUNCTION private.whole_compendium_counts(expand text[], shown integer, long integer)
 RETURNS TABLE(facet text, size integer, counts jsonb)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  lang text := coalesce(nullif(current_setting('app.locale', true), ''), 'en');
begin
  if not exists (select 1 from private.compendium_counts c where c.locale = lang and c.day = current_date) then
    delete from private.compendium_counts c where c.day < current_date;
    insert into private.compendium_counts (locale, day, facet, size, top, counts)
    with tokens as (
      select t.token, count(*)::int as count
      from public.programmes p,
           unnest(p.facets || case when current_date between p.applications_open_on
                                                         and p.applications_close_on
                                   then array['open:now'] else '{}'::text[] end) as t(token)
      group by t.token
    ),
    labelled as (
      select r.facet, r.value, r.label, r.count
      from private.compendium_count_rows(
             array(select token from tokens order by token),
             array(select count from tokens order by token)) r
      union all
      select '', '', null, (select count(*)::int from public.programmes)
    ),
    ranked as (
      select l.*, row_number() over (partition by l.facet order by l.count desc, l.label, l.value) as n
      from labelled l
    )
    select lang, current_date, r.facet, count(*)::int,
           coalesce(jsonb_agg(jsonb_build_object('value', r.value, 'label', r.label, 'count', r.count)
                              order by r.n) filter (where r.n <= greatest(shown, 1)), '[]'),
           jsonb_agg(jsonb_build_object('value', r.value, 'label', r.label, 'count', r.count)
                     order by r.n)
    from ranked r group by r.facet
    on conflict do nothing;
  end if;
  return query
    select c.facet, c.size,
           case when c.facet = any(expand) or c.size <= long then c.counts else c.top end
    from private.compendium_counts c
    where c.locale = lang and c.day = current_date
    order by c.facet;
end
$function$;
grant execute on function private.whole_compendium_counts(text[],integer,integer) to anon;
grant execute on function private.whole_compendium_counts(text[],integer,integer) to authenticated;
grant execute on function private.whole_compendium_counts(text[],integer,integer) to service_role;

CREATE OR REPLACE FUNCTION public.accept_invitation_row(invitation public.membership_invitations)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  me uuid := (select auth.uid());
  membership uuid;
begin
  if me is null then
    raise exception 'Sign in to accept the invitation.' using errcode = '42501';
  end if;
  if invitation.id is null then
    raise exception 'This invitation link is not valid.' using errcode = 'P0002';
  end if;
  if invitation.status = 'accepted' then
    raise exception 'This invitation was already accepted.' using errcode = '55000';
  end if;
  if invitation.status = 'revoked' then
    raise exception 'This invitation was withdrawn by the programme.' using errcode = '55000';
  end if;
  if invitation.expires_at <= now() then
    raise exception 'This invitation has expired. Ask the programme for a new one.' using errcode = '55000';
  end if;
  if invitation.email <> coalesce(private.my_email(), '') then
    raise exception 'This invitation was sent to another e-mail address. Sign in with that address to accept it.'
      using errcode = '42501';
  end if;

  -- The invitation is the coordinator's decision: the membership is verified by them.
  insert into public.memberships as m
    (profile_id, programme_id, cohort_id, role, status, decided_by, decided_at)
  values (me, invitation.programme_id, invitation.cohort_id, invitation.role, 'verified',
          invitation.invited_by, now())
  on conflict on constraint memberships_one_claim do update
    set status = 'verified', decided_by = excluded.decided_by, decided_at = now(), decline_reason = null
  returning m.id into membership;

  update public.membership_invitations
    set status = 'accepted', accepted_by = me, accepted_at = now()
    where id = invitation.id;
  return membership;
end;
$function$;
grant execute on function public.accept_invitation_row(public.membership_invitations) to service_role;

CREATE OR REPLACE FUNCTION public.apply_programme_suggestion(suggestion uuid, confirmed jsonb DEFAULT NULL::jsonb)
 RETURNS text
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  s public.programme_suggestions;
  now_says jsonb;
  assignments text;
begin
  select * into s from public.programme_suggestions where id = suggestion;
  if not found then
    raise exception 'That suggestion is not there.' using errcode = 'P0002';
  end if;
  if s.status <> 'pending' then
    raise exception 'This suggestion was already %.', s.status using errcode = '55000';
  end if;
  if s.proposed_value is null then
    raise exception 'This suggestion has no value to apply: make the change in the editor, then mark it done.'
      using errcode = '22023';
  end if;

  -- FOR UPDATE is refused by the update policy's USING clause: only the programme's coordinators
  -- and admins get the row (locked, so the staleness check holds until the write).
  select public.programme_field_value(p, s.field) into now_says
  from public.programmes p where p.id = s.programme_id
  for update;
  if not found then
    raise exception 'Only the coordinators of this programme and platform admins change its page.'
      using errcode = '42501';
  end if;
  if s.based_on is distinct from now_says and now_says is distinct from s.proposed_value
     and confirmed is distinct from now_says then
    return 'stale';
  end if;

  select string_agg(format('%I = v.%I', c, c), ', ') into assignments
  from unnest(public.suggestion_columns(s.field)) as c;
  execute format(
    'update public.programmes p set %s from jsonb_populate_record(null::public.programmes, $1) v where p.id = $2',
    assignments
  ) using s.proposed_value, s.programme_id;

  update public.programme_suggestions
  set status = 'accepted', decided_by = (select auth.uid()), decided_at = now()
  where id = s.id;
  return 'applied';
end;
$function$;
grant execute on function public.apply_programme_suggestion(uuid,jsonb) to authenticated;
grant execute on function public.apply_programme_suggestion(uuid,jsonb) to service_role;

CREATE OR REPLACE FUNCTION public.check_cohort_in_programme()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if new.cohort_id is not null and not exists (
    select 1 from public.cohorts c where c.id = new.cohort_id and c.programme_id = new.programme_id
  ) then
    raise exception 'That cohort is not an edition of this programme.' using errcode = '23514';
  end if;
  return new;
end;
$function$;
grant execute on function public.check_cohort_in_programme() to public;
grant execute on function public.check_cohort_in_programme() to anon;
grant execute on function public.check_cohort_in_programme() to authenticated;
grant execute on function public.check_cohort_in_programme() to service_role;

CREATE OR REPLACE FUNCTION public.events_dispatch_changes()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.until_at > now() and (new.status <> 'cancelled' or old.status <> 'cancelled') then
    insert into public.event_dispatches (event_id, kind, sequence, requested_by)
      values (new.id, case when new.status = 'cancelled' then 'cancellation' else 'update' end,
              new.sequence, (select auth.uid()))
      on conflict on constraint event_dispatches_once do nothing;
  end if;
  return null;
end;
$function$;
grant execute on function public.events_dispatch_changes() to service_role;

CREATE OR REPLACE FUNCTION public.events_fill_seats()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.fill_seats(new.id);
  return null;
end;
$function$;
grant execute on function public.events_fill_seats() to service_role;

CREATE OR REPLACE FUNCTION public.events_raise_sequence()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if (new.starts_at, new.ends_at, new.starts_on, new.ends_on, new.all_day, new.time_zone,
      new.venue_name, new.venue_address, new.venue_city, new.country_code, new.format, new.status)
     is distinct from
     (old.starts_at, old.ends_at, old.starts_on, old.ends_on, old.all_day, old.time_zone,
      old.venue_name, old.venue_address, old.venue_city, old.country_code, old.format, old.status) then
    new.sequence := old.sequence + 1;
  else
    new.sequence := old.sequence;
  end if;
  return new;
end;
$function$;
grant execute on function public.events_raise_sequence() to service_role;

CREATE OR REPLACE FUNCTION public.events_series_bounded()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  -- One series' occurrences are added one transaction at a time (its row is locked).
  perform 1 from public.event_series s where s.id = new.series_id for update;
  if (select count(*) from public.events e where e.series_id = new.series_id) >= 200 then
    raise exception 'A series has at most 200 occurrences.' using errcode = '54000';
  end if;
  return new;
end;
$function$;
grant execute on function public.events_series_bounded() to service_role;

CREATE OR REPLACE FUNCTION public.handle_new_user()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  name text;
  language text;
begin
  name := nullif(btrim(coalesce(
    new.raw_user_meta_data ->> 'display_name',
    new.raw_user_meta_data ->> 'full_name',
    new.raw_user_meta_data ->> 'name',
    split_part(new.email, '@', 1)
  )), '');
  language := new.raw_user_meta_data ->> 'locale';
  if language not in ('en', 'ar', 'zh', 'fr', 'ru', 'es') then
    language := null;
  end if;
  insert into public.profiles (id, handle, display_name, locale)
  values (new.id, public.unique_handle(name), left(coalesce(name, 'New member'), 120), language);
  return new;
end;
$function$;
grant execute on function public.handle_new_user() to service_role;

CREATE OR REPLACE FUNCTION public.is_verified_in_any(person uuid, programmes uuid[])
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER COST 1000
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = person and m.status = 'verified' and m.programme_id = any(programmes)
  )
$function$;
grant execute on function public.is_verified_in_any(uuid,uuid[]) to service_role;

CREATE OR REPLACE FUNCTION public.membership_invitations_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if old.status <> 'pending' then
    raise exception 'This invitation was already %.', old.status using errcode = '55000';
  end if;
  return new;
end;
$function$;
grant execute on function public.membership_invitations_guard() to public;
grant execute on function public.membership_invitations_guard() to anon;
grant execute on function public.membership_invitations_guard() to authenticated;
grant execute on function public.membership_invitations_guard() to service_role;

CREATE OR REPLACE FUNCTION public.membership_invitations_notify()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  invitee uuid;
begin
  -- Auth stores addresses lower-case; this form of the lookup uses Auth's own unique index on email.
  select u.id into invitee from auth.users u where u.email = new.email and u.is_sso_user = false;
  if invitee is not null then
    perform public.notify(
      invitee,
      'invitation',
      public.membership_summary(new.programme_id, new.cohort_id, new.role)
        || jsonb_build_object('invitation_id', new.id)
    );
  end if;
  return null;
end;
$function$;
grant execute on function public.membership_invitations_notify() to service_role;

CREATE OR REPLACE FUNCTION public.membership_invitations_notify_accepted()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.notify_coordinators(
    new.programme_id,
    'invitation_accepted',
    public.membership_summary(new.programme_id, new.cohort_id, new.role)
      || jsonb_build_object('invitation_id', new.id, 'person_name', private.person_name(new.accepted_by)),
    new.accepted_by
  );
  return null;
end;
$function$;
grant execute on function public.membership_invitations_notify_accepted() to service_role;

CREATE OR REPLACE FUNCTION public.membership_invitations_within_allowance()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  programme uuid;
begin
  if (select auth.uid()) is null then
    return null;
  end if;
  for programme in select distinct n.programme_id from new_rows n loop
    if (select a.sent > a.per_day from private.invitation_allowance(programme, 0) a) then
      raise exception 'At most % invitations a day may be sent to this programme.',
        private.invitations_per_day()
        using errcode = '54000';
    end if;
  end loop;
  return null;
end;
$function$;
grant execute on function public.membership_invitations_within_allowance() to service_role;

CREATE OR REPLACE FUNCTION public.membership_summary(programme uuid, cohort uuid, role text)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select jsonb_build_object(
    'programme_slug', p.slug,
    'programme_name', p.name,
    'cohort_edition', (select c.edition from public.cohorts c where c.id = cohort),
    'role', role
  )
  from public.programmes p
  where p.id = programme
$function$;
grant execute on function public.membership_summary(uuid,uuid,text) to public;
grant execute on function public.membership_summary(uuid,uuid,text) to anon;
grant execute on function public.membership_summary(uuid,uuid,text) to authenticated;
grant execute on function public.membership_summary(uuid,uuid,text) to service_role;

CREATE OR REPLACE FUNCTION public.memberships_notify_claim()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.notify_coordinators(
    new.programme_id,
    'claim_received',
    public.membership_summary(new.programme_id, new.cohort_id, new.role)
      || jsonb_build_object('membership_id', new.id, 'person_name', private.person_name(new.profile_id)),
    new.profile_id
  );
  return null;
end;
$function$;
grant execute on function public.memberships_notify_claim() to service_role;

CREATE OR REPLACE FUNCTION public.memberships_notify_decision()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform public.notify(
    new.profile_id,
    'membership_' || new.status,
    public.membership_summary(new.programme_id, new.cohort_id, new.role)
      || jsonb_build_object('membership_id', new.id, 'reason', new.decline_reason)
  );
  return null;
end;
$function$;
grant execute on function public.memberships_notify_decision() to service_role;

CREATE OR REPLACE FUNCTION public.notify(recipient uuid, kind text, payload jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  created public.notifications;
begin
  insert into public.notifications (recipient_id, kind, payload)
  values (recipient, kind, payload)
  returning * into created;
  perform realtime.send(
    jsonb_build_object('id', created.id, 'kind', kind, 'payload', payload, 'created_at', created.created_at),
    'notification',
    'user:' || recipient::text,
    true
  );
end;
$function$;
grant execute on function public.notify(uuid,text,jsonb) to service_role;

CREATE OR REPLACE FUNCTION public.profiles_hidden_until_joined()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if tg_op = 'INSERT' then
    select u.email_confirmed_at into new.joined_at from auth.users u where u.id = new.id;
  end if;
  if new.joined_at is null then
    new.visibility := 'private';
  end if;
  return new;
end;
$function$;
grant execute on function public.profiles_hidden_until_joined() to service_role;

CREATE OR REPLACE FUNCTION public.profiles_index()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.name_search := lower(extensions.unaccent('extensions.unaccent'::regdictionary, new.display_name));

  -- Every piece of the profile: which part it is, who may see it, its weight in the search, its
  -- words, and its filter token.
  with piece (part, audience, weight, body, token) as (
    select v.part, greatest(new.visibility, v.field_audience), v.weight, v.body, null::text
    from (
      values
        ('name', new.visibility, 'A'::"char", new.display_name),
        ('headline', new.headline_visibility, 'B', new.headline),
        ('work', new.work_visibility, 'B',
          nullif(concat_ws(' ', new.current_position, new.current_organisation), '')),
        ('bio', new.bio_visibility, 'D', new.bio),
        ('city', new.city_visibility, 'C', new.city),
        ('time_zone', new.time_zone_visibility, null, new.time_zone)
    ) as v (part, field_audience, weight, body)
    where v.body is not null
    union all
    -- The country, its region and sub-region, as words and as filter tokens.
    select 'location', greatest(new.visibility, new.location_visibility), 'C',
           case when t.token like 'country:%' then private.every_name(c.names, c.name) end, t.token
    from public.countries c
    cross join lateral unnest(array[
      'country:' || c.code, 'region:' || c.region_code, 'region:' || c.sub_region_code,
      'region:' || c.intermediate_region_code
    ]) as t (token)
    where c.code = new.country_code and t.token is not null
    union all
    select 'stakeholder', greatest(new.visibility, new.stakeholder_visibility), 'C', private.every_name(g.names, g.name), 'group:' || g.slug
    from public.stakeholder_groups g where g.slug = new.stakeholder_group
    union all
    -- A topic is found by its name, and filtering on its basket finds it too.
    select 'topics', greatest(new.visibility, new.topics_visibility), 'B', private.every_name(t.names, t.name), 'topic:' || t.slug
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = new.id
    union all
    select 'topics', greatest(new.visibility, new.topics_visibility), null, null, 'topic:' || t.parent_slug
    from public.profile_topics pt join public.topics t on t.slug = pt.topic_slug
    where pt.profile_id = new.id and t.parent_slug is not null
    union all
    select 'languages', greatest(new.visibility, new.languages_visibility), 'C', private.every_name(l.names, l.name), 'lang:' || l.code
    from public.profile_languages pl join public.languages l on l.code = pl.language_code
    where pl.profile_id = new.id
    union all
    select 'positions', greatest(new.visibility, new.positions_visibility), 'C',
           concat_ws(' ', p.title, p.organisation), null
    from public.positions p where p.profile_id = new.id
    union all
    select 'open_to', greatest(new.visibility, new.open_to_visibility), null, null, 'open:' || o
    from unnest(new.open_to) as o
  )
  select
    case when new.visibility <= 'public' then private.weighted_vector(new.locale,
      
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'public'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'public')) end,
    case when new.visibility <= 'members' then private.weighted_vector(new.locale,
      
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'members'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'members')) end,
    -- Kept only when peers may find more than members may (or only peers see the profile).
    case when new.visibility = 'programmes'
           or (new.visibility <= 'members' and bool_or(audience = 'programmes' and weight is not null))
      then private.weighted_vector(new.locale,
      
      string_agg(body, ' ') filter (where weight = 'A' and audience <= 'programmes'),
      string_agg(body, ' ') filter (where weight = 'B' and audience <= 'programmes'),
      string_agg(body, ' ') filter (where weight = 'C' and audience <= 'programmes'),
      string_agg(body, ' ') filter (where weight = 'D' and audience <= 'programmes')) end,
    case when new.visibility <= 'public'
      then coalesce(array_agg(distinct token) filter (where token is not null and audience <= 'public'), '{}') end,
    case when new.visibility <= 'members'
      then coalesce(array_agg(distinct token) filter (where token is not null and audience <= 'members'), '{}') end,
    case when new.visibility = 'programmes'
           or (new.visibility <= 'members' and bool_or(audience = 'programmes' and token is not null))
      then coalesce(array_agg(distinct token) filter (where token is not null and audience <= 'programmes'), '{}') end,
    -- Completeness, per audience, from the parts it may see: each of ten parts counts a tenth.
    -- Visitors count public parts (of a public profile); members the parts members may see, or
    -- for a profile only peers may see, the parts peers may see. A profile kept to its owner is
    -- in nobody's directory and counts nothing.
    case when new.visibility <= 'public' then
      count(distinct part) filter (where part in ('headline', 'work', 'bio', 'location', 'stakeholder',
        'topics', 'languages', 'positions', 'open_to', 'time_zone') and audience <= 'public')::real / 10
    end,
    case when new.visibility <= 'programmes' then
      count(distinct part) filter (where part in ('headline', 'work', 'bio', 'location', 'stakeholder',
        'topics', 'languages', 'positions', 'open_to', 'time_zone')
        and audience <= greatest(new.visibility, 'members'))::real / 10
    else 0 end
  into new.search_public, new.search_members, new.search_programmes,
       new.facets_public, new.facets_members, new.facets_programmes,
       new.directory_score_public, new.directory_score
  from piece;

  return new;
end;
$function$;
grant execute on function public.profiles_index() to service_role;

CREATE OR REPLACE FUNCTION public.profiles_join_on_confirm()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  update public.profiles p
  set joined_at = new.email_confirmed_at, visibility = 'members'
  where p.id = new.id and p.joined_at is null;
  return null;
end;
$function$;
grant execute on function public.profiles_join_on_confirm() to service_role;

CREATE OR REPLACE FUNCTION public.programme_field_value(programme public.programmes, field text)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
  select jsonb_object_agg(c, to_jsonb(programme) -> c)
  from unnest(public.suggestion_columns(field)) as c
$function$;
grant execute on function public.programme_field_value(public.programmes,text) to public;
grant execute on function public.programme_field_value(public.programmes,text) to anon;
grant execute on function public.programme_field_value(public.programmes,text) to authenticated;
grant execute on function public.programme_field_value(public.programmes,text) to service_role;

CREATE OR REPLACE FUNCTION public.programme_suggestions_based_on()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.based_on := case when new.proposed_value is null then null else (
    select public.programme_field_value(p, new.field) from public.programmes p where p.id = new.programme_id
  ) end;
  return new;
end;
$function$;
grant execute on function public.programme_suggestions_based_on() to public;
grant execute on function public.programme_suggestions_based_on() to anon;
grant execute on function public.programme_suggestions_based_on() to authenticated;
grant execute on function public.programme_suggestions_based_on() to service_role;

CREATE OR REPLACE FUNCTION public.programme_suggestions_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if old.status <> 'pending' then
    raise exception 'This suggestion was already %.', old.status using errcode = '55000';
  end if;
  if new.status = 'accepted' and new.proposed_value is not null and new.proposed_value is distinct from (
    select public.programme_field_value(p, new.field) from public.programmes p where p.id = new.programme_id
  ) then
    raise exception 'Apply this suggestion to accept it: the page does not say it yet.'
      using errcode = 'CC001';
  end if;
  return new;
end;
$function$;
grant execute on function public.programme_suggestions_guard() to public;
grant execute on function public.programme_suggestions_guard() to anon;
grant execute on function public.programme_suggestions_guard() to authenticated;
grant execute on function public.programme_suggestions_guard() to service_role;

CREATE OR REPLACE FUNCTION public.programme_suggestions_notify_decision()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform public.notify(
    new.author_id,
    case new.status when 'accepted' then 'suggestion_applied' else 'suggestion_dismissed' end,
    (
      select jsonb_build_object('programme_slug', p.slug, 'programme_name', p.name)
      from public.programmes p where p.id = new.programme_id
    ) || jsonb_build_object(
      'suggestion_id', new.id,
      'field', new.field,
      'value_applied', new.proposed_value is not null and new.status = 'accepted',
      'reason', new.decision_reason
    )
  );
  return null;
end;
$function$;
grant execute on function public.programme_suggestions_notify_decision() to service_role;

CREATE OR REPLACE FUNCTION public.programme_suggestions_notify_received()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  perform private.notify_coordinators(
    new.programme_id,
    'suggestion_received',
    (
      select jsonb_build_object('programme_slug', p.slug, 'programme_name', p.name)
      from public.programmes p where p.id = new.programme_id
    ) || jsonb_build_object(
      'suggestion_id', new.id,
      'field', new.field,
      'person_name', private.person_name(new.author_id)
    ),
    new.author_id
  );
  return null;
end;
$function$;
grant execute on function public.programme_suggestions_notify_received() to service_role;

CREATE OR REPLACE FUNCTION public.programmes_guard_curated_columns()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  if current_user = 'authenticated' and not private.is_platform_admin()
     and (new.slug, new.organisation_id) is distinct from (old.slug, old.organisation_id) then
    raise exception 'only platform admins change a programme''s address or organisation'
      using errcode = '42501';
  end if;
  return new;
end
$function$;
grant execute on function public.programmes_guard_curated_columns() to public;
grant execute on function public.programmes_guard_curated_columns() to anon;
grant execute on function public.programmes_guard_curated_columns() to authenticated;
grant execute on function public.programmes_guard_curated_columns() to service_role;

CREATE OR REPLACE FUNCTION public.shares_programme_with(owner uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1
    from public.memberships mine
    join public.memberships theirs on theirs.programme_id = mine.programme_id
    where mine.profile_id = (select auth.uid()) and mine.status = 'verified'
      and theirs.profile_id = owner and theirs.status = 'verified'
  )
$function$;
grant execute on function public.shares_programme_with(uuid) to service_role;

CREATE OR REPLACE FUNCTION public.suggestion_columns(field text)
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select case field
    when 'name' then array['name']
    when 'summary' then array['summary']
    when 'description' then array['description']
    when 'website' then array['website']
    when 'kind' then array['kind']
    when 'format' then array['format']
    when 'level' then array['level']
    when 'status' then array['status']
    when 'components' then array['components']
    when 'duration' then array['duration_weeks', 'hours_per_week']
    when 'cost' then array['cost', 'fee_amount', 'fee_currency']
    when 'fellowships' then array['fellowships_available', 'fellowship_notes']
    when 'applications' then array['applications_open_on', 'applications_close_on']
  end
$function$;
grant execute on function public.suggestion_columns(text) to public;
grant execute on function public.suggestion_columns(text) to anon;
grant execute on function public.suggestion_columns(text) to authenticated;
grant execute on function public.suggestion_columns(text) to service_role;

CREATE OR REPLACE FUNCTION public.suggestion_value_fits(field text, value jsonb)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
  select value is null or (
    jsonb_typeof(value) = 'object'
    and public.suggestion_columns(field) is not null
    and array(select k from jsonb_object_keys(value) as k order by k)
      = array(select c from unnest(public.suggestion_columns(field)) as c order by c)
  )
$function$;
grant execute on function public.suggestion_value_fits(text,jsonb) to public;
grant execute on function public.suggestion_value_fits(text,jsonb) to anon;
grant execute on function public.suggestion_value_fits(text,jsonb) to authenticated;
grant execute on function public.suggestion_value_fits(text,jsonb) to service_role;

CREATE OR REPLACE FUNCTION public.touch_profiles_of_changed_rows()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  -- A bulk load (the seeder) that updates the profiles afterwards anyway says so, to index once.
  if current_setting('capacity.defer_profile_index', true) = 'on' then
    return null;
  end if;
  update public.profiles p set updated_at = now()
  where p.id in (select profile_id from changed_rows);
  return null;
end;
$function$;
grant execute on function public.touch_profiles_of_changed_rows() to service_role;

CREATE OR REPLACE FUNCTION public.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
  new.updated_at := now();
  return new;
end;
$function$;
grant execute on function public.touch_updated_at() to public;
grant execute on function public.touch_updated_at() to anon;
grant execute on function public.touch_updated_at() to authenticated;
grant execute on function public.touch_updated_at() to service_role;

CREATE OR REPLACE FUNCTION public.unaccented(value text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
 SET search_path TO ''
AS $function$
  select extensions.unaccent('extensions.unaccent'::regdictionary, value)
$function$;
grant execute on function public.unaccented(text) to public;
grant execute on function public.unaccented(text) to anon;
grant execute on function public.unaccented(text) to authenticated;
grant execute on function public.unaccented(text) to service_role;

CREATE OR REPLACE FUNCTION public.unique_handle(name text)
 RETURNS text
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
  base text;
  candidate text;
  attempt int := 0;
begin
  base := lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(name, '')));
  base := btrim(regexp_replace(base, '[^a-z0-9]+', '-', 'g'), '-');
  base := left(base, 32);
  base := btrim(base, '-');
  if char_length(base) < 3 then
    base := 'member';
  end if;
  candidate := base;
  while exists (select 1 from public.profiles where handle = candidate) loop
    attempt := attempt + 1;
    candidate := base || '-' || substr(md5(random()::text), 1, case when attempt < 5 then 4 else 8 end);
  end loop;
  return candidate;
end;
$function$;
grant execute on function public.unique_handle(text) to service_role;

-- ==============================================================================================
-- What we put on Supabase’s own tables

create policy "people listen to their own user topic" on realtime.messages
  for select
  to authenticated
  using (((topic = ('user:'::text || (( SELECT auth.uid() AS uid))::text)) AND (topic = ( SELECT realtime.topic() AS topic))));

create policy "readers listen to their threads and spaces" on realtime.messages
  for select
  to authenticated
  using (((topic = ( SELECT realtime.topic() AS topic)) AND (private.can_read_thread(private.topic_id(topic, 'thread'::text)) OR private.can_read_space(private.topic_id(topic, 'space'::text)))));

create policy "readers say they are here and typing" on realtime.messages
  for insert
  to authenticated
  with check (((topic = ( SELECT realtime.topic() AS topic)) AND (extension = ANY (ARRAY['broadcast'::text, 'presence'::text])) AND private.can_read_thread(private.topic_id(topic, 'thread'::text))));

CREATE TRIGGER on_auth_user_confirmed AFTER UPDATE OF email_confirmed_at ON auth.users FOR EACH ROW WHEN (old.email_confirmed_at IS NULL AND new.email_confirmed_at IS NOT NULL) EXECUTE FUNCTION public.profiles_join_on_confirm();

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
