-- A programme's people in name order, one keyset page, as fast for a school of 15,000 alumni as
-- for one of fifty.
--
-- The alumni list read every verified membership of the programme, masked each person's card and
-- only then sorted by name to take a page: 200-600 ms for the largest programme of the 100,000
-- people in the benchmark's world, and each membership row also paid its policy's visibility check.
-- programme_people finds the page first, in name order (profiles_display_name_idx), asking of each
-- person only what the memberships and profiles policies ask, written out so that a profile shared
-- with members costs a comparison and no function call; the caller then reads the page's cards
-- through profile_cards, as the viewer.

create index profiles_display_name_idx on public.profiles (display_name, id);

-- Security definer: reads memberships and profiles without their row policies (it applies the
-- same rules itself, in one pass); search_path pinned. Built per call, like search_directory, so
-- each programme is planned for its own size (by name for a large one, sorted for a small one).
create function public.programme_people(
  programme uuid,
  cohort uuid default null,
  membership_role text default null,
  after_name text default null,
  after_membership uuid default null,
  page_size int default 51
) returns table (membership_id uuid, profile_id uuid, display_name text, cohort_id uuid, role text)
language plpgsql
stable
security definer
set search_path = ''
rows 51
as $$
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
$$;
comment on function public.programme_people(uuid, uuid, text, text, uuid, int) is
  'A keyset page of a programme''s verified people in name order, only those whose profile the signed-in viewer may see.';
-- Default privileges grant new functions to anon too (as on Supabase): memberships are for members.
revoke execute on function public.programme_people(uuid, uuid, text, text, uuid, int) from public, anon;
grant execute on function public.programme_people(uuid, uuid, text, text, uuid, int) to authenticated, service_role;
