-- The annual meetings of the Internet Governance Forum, between which the intersessional
-- calendar runs: /events draws the period from the last to the next one. Reference data, like the
-- taxonomies: seeded here with the meetings that took place, curated through migrations (the
-- demo world adds its own next meeting); everyone reads it, nobody writes it through the API.
create table public.igf_meetings (
  year smallint primary key constraint igf_meetings_year_check check (year between 2006 and 2100),
  city text not null constraint igf_meetings_city_check check (char_length(btrim(city)) between 1 and 120),
  country_code char(2) not null references public.countries (code),
  starts_on date not null,
  ends_on date not null,
  constraint igf_meetings_days_in_order check (ends_on >= starts_on),
  constraint igf_meetings_in_its_year check (extract(year from starts_on) = year)
);
comment on table public.igf_meetings is
  'The IGF''s annual meetings (year, host city and country, first and last day): the bounds of the intersessional period.';

create index igf_meetings_country_code_idx on public.igf_meetings (country_code);

alter table public.igf_meetings enable row level security;
create policy "anyone reads the IGF's annual meetings" on public.igf_meetings
  for select to anon, authenticated using (true);
grant select on public.igf_meetings to anon, authenticated, service_role;
revoke insert, update, delete, truncate on public.igf_meetings from anon, authenticated;

insert into public.igf_meetings (year, city, country_code, starts_on, ends_on) values
  (2022, 'Addis Ababa', 'ET', '2022-11-28', '2022-12-02'),
  (2023, 'Kyoto', 'JP', '2023-10-08', '2023-10-12'),
  (2024, 'Riyadh', 'SA', '2024-12-15', '2024-12-19'),
  (2025, 'Lillestrøm', 'NO', '2025-06-23', '2025-06-27');
