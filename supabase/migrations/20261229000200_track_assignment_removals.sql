-- An admin's removal of a reviewer from a proposal is remembered, so that re-running the automatic
-- assignment never puts them back.
--
-- public.track_assignment_removals: one row per (proposal, reviewer) an admin took off by hand
--   (src/lib/server/db/track.ts `unassign`); the automatic assignment passes them as `exclude`
--   (src/lib/track/assignment.ts). Assigning the reviewer to the proposal by hand forgets the
--   removal (`assignByHand`). Only admins read, write and remove them.
create table public.track_assignment_removals (
  proposal_id uuid not null references public.track_proposals (id) on delete cascade,
  reviewer_id uuid not null references public.profiles (id) on delete cascade,
  removed_by uuid default auth.uid() references public.profiles (id) on delete set null,
  removed_at timestamptz not null default now(),
  primary key (proposal_id, reviewer_id)
);
comment on table public.track_assignment_removals is
  'A reviewer an admin removed from a track proposal: the automatic assignment never puts them back; assigning them by hand forgets it.';
alter table public.track_assignment_removals enable row level security;
create index track_assignment_removals_reviewer_id_idx on public.track_assignment_removals (reviewer_id);
create index track_assignment_removals_removed_by_idx on public.track_assignment_removals (removed_by);

create policy "admins read removals" on public.track_assignment_removals
  for select to authenticated
  using ((select private.is_platform_admin()));
create policy "admins remember removals" on public.track_assignment_removals
  for insert to authenticated
  with check ((select private.is_platform_admin()));
create policy "admins forget removals" on public.track_assignment_removals
  for delete to authenticated
  using ((select private.is_platform_admin()));
revoke all on public.track_assignment_removals from anon, authenticated;
grant select, delete, insert (proposal_id, reviewer_id) on public.track_assignment_removals to authenticated;
grant all on public.track_assignment_removals to service_role;
