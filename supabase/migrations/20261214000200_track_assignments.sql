-- Which reviewer reviews which proposal of the track.
--
-- public.track_assignments: one row per (proposal, reviewer), made by the automatic assignment
--   (src/lib/track/assignment.ts, run by an admin) or by an admin's hand (by_hand: a re-run keeps
--   it). Never a pair in conflict (private.track_has_conflict, checked by a trigger for every
--   writer), never someone who does not review the proposal's cycle. Admins read and write every
--   row; a reviewer reads their own.

create table public.track_assignments (
  proposal_id uuid not null references public.track_proposals (id) on delete cascade,
  reviewer_id uuid not null references public.profiles (id) on delete cascade,
  by_hand boolean not null default false,
  assigned_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (proposal_id, reviewer_id)
);
comment on table public.track_assignments is
  'Which reviewer reviews which track proposal, automatic or by an admin''s hand (kept by a re-run); never a pair in conflict.';

alter table public.track_assignments enable row level security;
create index track_assignments_reviewer_id_idx on public.track_assignments (reviewer_id);
create index track_assignments_assigned_by_idx on public.track_assignments (assigned_by);

-- Every writer (the service too): no conflict, and the reviewer reviews the proposal's cycle.
create function private.track_assignments_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
revoke all on function private.track_assignments_guard() from public, anon, authenticated;
create trigger track_assignments_guard before insert or update on public.track_assignments
  for each row execute function private.track_assignments_guard();

create policy "admins and the reviewer read assignments" on public.track_assignments
  for select to authenticated
  using (track_assignments.reviewer_id = (select auth.uid()) or (select private.is_platform_admin()));
create policy "admins assign" on public.track_assignments
  for insert to authenticated
  with check ((select private.is_platform_admin()));
create policy "admins take assignments back" on public.track_assignments
  for delete to authenticated
  using ((select private.is_platform_admin()));

revoke all on public.track_assignments from anon, authenticated;
grant select, delete, insert (proposal_id, reviewer_id, by_hand) on public.track_assignments to authenticated;
grant all on public.track_assignments to service_role;
