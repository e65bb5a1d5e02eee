-- A coordinator deciding on a claim must know who it is: the claimant's name and e-mail and the
-- cohort they claim, even when their profile is private (the claim form tells claimants that the
-- programme's coordinators see this). The policies on profiles hide a private profile's name from
-- coordinators, and auth.users (the e-mail) is readable by no API role, so the waiting claims are
-- read through this function, which shows them only to the programme's verified coordinators and
-- platform admins (anyone else reads no rows, as under RLS), and only the pending claims: a decided claim's
-- claimant is seen as their profile allows.
--
-- Security definer: reads profiles past their visibility, and auth.users; search_path empty.
-- The filters (cohort, role) and the order are the page's: sort is 'oldest', 'newest' or 'name'.

create function private.pending_claimants(
  programme uuid, only_cohort uuid default null, only_role text default null,
  sort text default 'oldest'
)
returns table (
  id uuid, profile_id uuid, display_name text, email text, handle text, cohort_id uuid,
  cohort_edition text, role text, created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
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
$$;
comment on function private.pending_claimants(uuid, uuid, text, text) is
  'The pending claims on a programme with who makes them (name, e-mail, cohort), for its coordinators and admins only, even when the claimant''s profile is private.';
revoke all on function private.pending_claimants(uuid, uuid, text, text) from public;
grant execute on function private.pending_claimants(uuid, uuid, text, text)
  to anon, authenticated, service_role;
