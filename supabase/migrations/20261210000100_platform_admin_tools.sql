-- Admins run the platform: they name and remove a programme's coordinators (a programme an admin
-- creates has none, and nobody else can name its first), grant and withdraw the moderator and
-- admin roles, and see who holds which. Every such change is written to an audit log that admins
-- read.
--
-- Platform roles live in auth.users (app_metadata.platform_role), which the API roles can neither
-- read nor write; coordinators are memberships that only their holder may insert. So each change
-- is a security-definer function that checks, first and under the caller's own identity, that the
-- caller is an admin now (private.is_platform_admin() reads Auth's current record), refuses with
-- 42501 otherwise, makes the change and writes its audit row in the same statement. search_path
-- is empty in each.

create table public.admin_audit (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null default now(),
  -- Kept when the admin's account goes: the log outlives the people in it.
  actor_id uuid references public.profiles (id) on delete set null,
  actor_name text,
  action text not null check (action in (
    'role_granted', 'role_withdrawn', 'coordinator_named', 'coordinator_removed'
  )),
  subject_id uuid references public.profiles (id) on delete set null,
  subject_name text,
  subject_email text,
  -- The role granted or withdrawn ('admin', 'moderator'), for role changes.
  role text check (role in ('admin', 'moderator')),
  programme_id uuid references public.programmes (id) on delete set null,
  programme_name text
);
comment on table public.admin_audit is
  'Every change admins make to who runs the platform (platform roles, programme coordinators): who, when, to whom. Written only by the private.admin_* functions; admins read it.';
create index admin_audit_at_id_idx on public.admin_audit (at desc, id desc);
create index admin_audit_actor_id_idx on public.admin_audit (actor_id);
create index admin_audit_subject_id_idx on public.admin_audit (subject_id);
create index admin_audit_programme_id_idx on public.admin_audit (programme_id);

alter table public.admin_audit enable row level security;
create policy "admins read the audit log" on public.admin_audit
  for select to authenticated
  using ((select private.is_platform_admin()));
grant select on table public.admin_audit to authenticated;
grant all on table public.admin_audit to service_role;

-- Security definer: refuses anyone who is not an admin now; search_path empty.
create function private.require_platform_admin() returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.is_platform_admin() then
    raise exception 'Only platform admins may do that.' using errcode = '42501';
  end if;
end;
$$;
comment on function private.require_platform_admin() is
  'Raises 42501 unless the signed-in person is a platform admin now: the first line of every admin tool.';
revoke all on function private.require_platform_admin() from public;
grant execute on function private.require_platform_admin() to anon, authenticated, service_role;

-- Security definer: reads auth.users (e-mail, role), which the API roles may not; admins only.
create function private.admin_role_holders()
returns table (id uuid, display_name text, email text, role text)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_platform_admin();
  return query
    select u.id, p.display_name, u.email::text, u.raw_app_meta_data ->> 'platform_role'
    from auth.users u
    left join public.profiles p on p.id = u.id
    where u.raw_app_meta_data ->> 'platform_role' in ('admin', 'moderator')
    order by u.raw_app_meta_data ->> 'platform_role', p.display_name, u.email;
end;
$$;
comment on function private.admin_role_holders() is
  'Who holds a platform role (admin, moderator), with their e-mail, for admins.';
revoke all on function private.admin_role_holders() from public;
grant execute on function private.admin_role_holders() to anon, authenticated, service_role;

-- Security definer: writes app_metadata in auth.users, which only the service may; admins only.
-- Returns what happened: 'granted', 'withdrawn', 'unchanged', 'no_person' or 'last_admin' (an
-- admin may not remove the last admin, themselves included).
create function private.admin_set_platform_role(person_email text, new_role text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function private.admin_set_platform_role(text, text) is
  'Grants (admin, moderator) or withdraws (null) a platform role, by e-mail, for admins; never the last admin''s; audited.';
revoke all on function private.admin_set_platform_role(text, text) from public;
grant execute on function private.admin_set_platform_role(text, text) to anon, authenticated, service_role;

-- Security definer: reads the coordinators' e-mail in auth.users; admins only.
create function private.admin_coordinators(programme uuid)
returns table (membership_id uuid, profile_id uuid, display_name text, email text, since timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
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
$$;
comment on function private.admin_coordinators(uuid) is
  'The verified coordinators of a programme, with their e-mail, for admins.';
revoke all on function private.admin_coordinators(uuid) from public;
grant execute on function private.admin_coordinators(uuid) to anon, authenticated, service_role;

-- Security definer: writes a verified coordinator membership for someone else, which only its
-- holder may insert (and only pending); admins only. Returns 'named', 'already' or 'no_person'.
-- A pending or declined claim to coordinate it becomes the verified one.
create function private.admin_name_coordinator(programme uuid, person_email text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function private.admin_name_coordinator(uuid, text) is
  'Makes the person with this e-mail a verified coordinator of a programme, for admins; audited.';
revoke all on function private.admin_name_coordinator(uuid, text) from public;
grant execute on function private.admin_name_coordinator(uuid, text) to anon, authenticated, service_role;

-- Security definer: deletes someone else's membership, which only its holder may; admins only.
-- Returns whether a coordinator was removed.
create function private.admin_remove_coordinator(membership uuid)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function private.admin_remove_coordinator(uuid) is
  'Removes a coordinator from a programme (their coordinator membership), for admins; audited.';
revoke all on function private.admin_remove_coordinator(uuid) from public;
grant execute on function private.admin_remove_coordinator(uuid) to anon, authenticated, service_role;
