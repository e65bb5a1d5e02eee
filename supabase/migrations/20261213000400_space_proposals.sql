-- Working groups that members propose and an admin approves: the proposer is told of the
-- decision (approved: they moderate it, 20261208000300's spaces_approved; declined: with the
-- admin's reason), and the platform's admins are told of each proposal. A person has at most
-- three proposals waiting at once, so that the admins' queue stays a queue.

insert into private.notification_kinds (kind, about) values
  ('space_proposed', 'to the platform''s admins: a member proposes a working group'),
  ('space_proposal_approved', 'an admin approved the working group the person proposed'),
  ('space_proposal_declined', 'an admin declined the working group the person proposed, with the reason');

alter table public.spaces add column decline_reason text
  constraint spaces_decline_reason_check check (char_length(decline_reason) <= 500);
comment on column public.spaces.decline_reason is
  'Why an admin declined a proposed working group: told to its proposer.';
grant update (decline_reason) on public.spaces to authenticated;

-- How many of the signed-in person's proposals wait. Security definer: a policy on spaces that
-- read spaces would recurse.
create function private.my_waiting_proposals() returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::int from public.spaces w
  where w.proposed_by = (select auth.uid()) and w.status = 'proposed'
$$;
comment on function private.my_waiting_proposals() is
  'How many working groups the signed-in person proposed that wait for an admin.';
revoke all on function private.my_waiting_proposals() from public;
grant execute on function private.my_waiting_proposals() to authenticated, service_role;

-- At most three proposals waiting per person (the policy of 20261208000300, with the count).
drop policy "members propose working groups, admins add spaces" on public.spaces;
create policy "members propose working groups, admins add spaces" on public.spaces
  for insert to authenticated
  with check (
    (spaces.kind = 'working_group' and spaces.status = 'proposed' and spaces.proposed_by = (select auth.uid())
     and (select private.my_waiting_proposals()) < 3)
    or (spaces.kind = 'cohort' and spaces.status = 'open' and private.is_coordinator_of(spaces.programme_id)
        and exists (select 1 from public.cohorts c
                    where c.id = spaces.cohort_id and c.programme_id = spaces.programme_id))
    or (select private.is_platform_admin())
  );

-- Security definer: writes notifications to the admins (read from auth.users) and the proposer.
create function private.spaces_tell_proposals() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
revoke all on function private.spaces_tell_proposals() from public, anon, authenticated;

create trigger spaces_tell_proposals after insert or update of status on public.spaces
  for each row execute function private.spaces_tell_proposals();
