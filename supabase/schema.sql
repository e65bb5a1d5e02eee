-- The schema of Capacity Commons as every migration in supabase/migrations leaves it, generated
-- from a migrated database by `npm run db:schema`. Read it to see what is there now; change it
-- with a new migration, then run the command again (tests/db/schema.test.ts fails while this
-- file is stale). Supabase's own schemas (auth, realtime, storage) are left out, except what we
-- put on them.

-- ==============================================================================================
-- Extensions and schemas

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
  constraint event_organisers_pkey PRIMARY KEY (id),
  constraint event_organisers_once UNIQUE NULLS NOT DISTINCT (event_id, programme_id, organisation_id),
  constraint event_organisers_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id) ON DELETE CASCADE,
  constraint event_organisers_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES public.organisations(id) ON DELETE CASCADE,
  constraint event_organisers_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint event_organisers_exactly_one CHECK (num_nonnulls(programme_id, organisation_id) = 1)
);
comment on table public.event_organisers is 'Who organises an event: programmes and organisations (exactly one per row); their coordinators edit it.';
alter table public.event_organisers enable row level security;
create policy "organisers add co-organisers" on public.event_organisers
  for insert
  to authenticated
  with check ((private.can_manage_event(event_id) AND (( SELECT private.is_platform_admin() AS is_platform_admin) OR private.is_coordinator_of(programme_id) OR private.event_is_organised(event_id))));
create policy "organisers remove co-organisers" on public.event_organisers
  for delete
  to authenticated
  using (private.can_manage_event(event_id));
create policy "whoever reads the event reads its organisers" on public.event_organisers
  for select
  to anon, authenticated
  using ((EXISTS ( SELECT 1
   FROM public.events e
  WHERE (e.id = event_organisers.event_id))));
CREATE INDEX event_organisers_organisation_id_idx ON public.event_organisers USING btree (organisation_id);
CREATE INDEX event_organisers_programme_id_idx ON public.event_organisers USING btree (programme_id);
grant select on table public.event_organisers to anon;
grant delete, select on table public.event_organisers to authenticated;
grant all on table public.event_organisers to service_role;
grant insert (event_id, programme_id, organisation_id) on table public.event_organisers to authenticated;

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
create policy "coordinators and admins make series" on public.event_series
  for insert
  to authenticated
  with check (((created_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_platform_admin() AS is_platform_admin) OR ( SELECT private.coordinates_any() AS coordinates_any))));
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
create policy "coordinators and admins add events" on public.events
  for insert
  to authenticated
  with check (((created_by = ( SELECT auth.uid() AS uid)) AND (( SELECT private.is_platform_admin() AS is_platform_admin) OR ( SELECT private.coordinates_any() AS coordinates_any)) AND ((series_id IS NULL) OR private.made_series(series_id))));
create policy "members read public, members' and their programmes' events" on public.events
  for select
  to authenticated
  using (((visibility = ANY (ARRAY['public'::text, 'members'::text])) OR (created_by = ( SELECT auth.uid() AS uid)) OR private.in_event_programmes(id) OR private.can_manage_event(id)));
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
CREATE INDEX events_sort_at_id_idx ON public.events USING btree (sort_at, id);
CREATE INDEX events_topics_idx ON public.events USING gin (topics);
CREATE INDEX events_until_at_idx ON public.events USING btree (until_at);
CREATE TRIGGER events_dispatch_changes AFTER UPDATE ON public.events FOR EACH ROW WHEN (new.sequence > old.sequence) EXECUTE FUNCTION public.events_dispatch_changes();
CREATE TRIGGER events_fill_seats AFTER UPDATE OF capacity ON public.events FOR EACH ROW WHEN (new.capacity IS NULL OR new.capacity > COALESCE(old.capacity, 0)) EXECUTE FUNCTION public.events_fill_seats();
CREATE TRIGGER events_raise_sequence BEFORE UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.events_raise_sequence();
CREATE TRIGGER events_series_bounded BEFORE INSERT ON public.events FOR EACH ROW WHEN (new.series_id IS NOT NULL) EXECUTE FUNCTION public.events_series_bounded();
CREATE TRIGGER events_touch_updated_at BEFORE UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();
grant select on table public.events to anon;
grant select on table public.events to authenticated;
grant all on table public.events to service_role;
grant insert (slug, title, description, kind, format, venue_name, venue_address, venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, languages, topics, capacity, registration_opens_at, registration_closes_at, visibility, status, series_id, recurrence_id) on table public.events to authenticated;
grant update (slug, title, description, kind, format, venue_name, venue_address, venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on, languages, topics, capacity, registration_opens_at, registration_closes_at, visibility, status) on table public.events to authenticated;

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
  constraint mail_outbox_pkey PRIMARY KEY (id),
  constraint mail_outbox_kind_fkey FOREIGN KEY (kind) REFERENCES private.mail_kinds(kind),
  constraint mail_outbox_attempts_check CHECK (attempts >= 0),
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
grant delete, insert, select on table public.memberships to authenticated;
grant all on table public.memberships to service_role;
grant update (status, decided_by, decided_at, decline_reason) on table public.memberships to authenticated;

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
  constraint programme_countries_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE
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
grant select on table public.programme_countries to anon;
grant delete, insert, select on table public.programme_countries to authenticated;
grant all on table public.programme_countries to service_role;

create table public.programme_languages (
  programme_id uuid not null,
  language_code character(2) not null,
  constraint programme_languages_pkey PRIMARY KEY (programme_id, language_code),
  constraint programme_languages_language_code_fkey FOREIGN KEY (language_code) REFERENCES public.languages(code) ON DELETE CASCADE,
  constraint programme_languages_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE
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
grant select on table public.programme_languages to anon;
grant delete, insert, select on table public.programme_languages to authenticated;
grant all on table public.programme_languages to service_role;

create table public.programme_regions (
  programme_id uuid not null,
  region_code character(3) not null,
  constraint programme_regions_pkey PRIMARY KEY (programme_id, region_code),
  constraint programme_regions_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_regions_region_code_fkey FOREIGN KEY (region_code) REFERENCES public.regions(code) ON DELETE CASCADE
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
  constraint programme_target_groups_target_group_slug_fkey FOREIGN KEY (target_group_slug) REFERENCES public.target_groups(slug) ON DELETE CASCADE
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
grant select on table public.programme_target_groups to anon;
grant delete, insert, select on table public.programme_target_groups to authenticated;
grant all on table public.programme_target_groups to service_role;

create table public.programme_topics (
  programme_id uuid not null,
  topic_slug text not null,
  constraint programme_topics_pkey PRIMARY KEY (programme_id, topic_slug),
  constraint programme_topics_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES public.programmes(id) ON DELETE CASCADE,
  constraint programme_topics_topic_slug_fkey FOREIGN KEY (topic_slug) REFERENCES public.topics(slug) ON DELETE CASCADE
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
grant select on table public.programme_topics to anon;
grant delete, insert, select on table public.programme_topics to authenticated;
grant all on table public.programme_topics to service_role;

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
CREATE INDEX programmes_name_id_idx ON public.programmes USING btree (name, id);
CREATE INDEX programmes_organisation_id_idx ON public.programmes USING btree (organisation_id);
CREATE INDEX programmes_search_idx ON public.programmes USING gin (search);
CREATE TRIGGER programmes_guard_curated_columns BEFORE UPDATE ON public.programmes FOR EACH ROW EXECUTE FUNCTION public.programmes_guard_curated_columns();
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
grant select on table public.regions to anon;
grant select on table public.regions to authenticated;
grant all on table public.regions to service_role;

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
grant select on table public.target_groups to anon;
grant select on table public.target_groups to authenticated;
grant all on table public.target_groups to service_role;

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
grant select on table public.topics to anon;
grant select on table public.topics to authenticated;
grant all on table public.topics to service_role;

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
      select 1 from public.events e
      where e.id = event and e.created_by = (select auth.uid())
        and not exists (select 1 from public.event_organisers o where o.event_id = event)
    )
  )
$function$;
grant execute on function private.can_manage_event(uuid) to authenticated;
grant execute on function private.can_manage_event(uuid) to service_role;

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

CREATE OR REPLACE FUNCTION private.coordinates_any()
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'verified'
  )
$function$;
grant execute on function private.coordinates_any() to authenticated;

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

CREATE OR REPLACE FUNCTION private.event_is_organised(event uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select exists (select 1 from public.event_organisers o where o.event_id = event)
$function$;
grant execute on function private.event_is_organised(uuid) to authenticated;

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

CREATE OR REPLACE FUNCTION private.in_event_programmes(event uuid)
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
$function$;
grant execute on function private.in_event_programmes(uuid) to authenticated;
grant execute on function private.in_event_programmes(uuid) to service_role;

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
      or private.in_event_programmes(e.id) or private.can_manage_event(e.id)) then
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

CREATE TRIGGER on_auth_user_confirmed AFTER UPDATE OF email_confirmed_at ON auth.users FOR EACH ROW WHEN (old.email_confirmed_at IS NULL AND new.email_confirmed_at IS NOT NULL) EXECUTE FUNCTION public.profiles_join_on_confirm();

CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
