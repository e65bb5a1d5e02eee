-- The platform's admins (who run the track) are told when the proposers of an accepted session
-- confirm it will take place, or decline it: a declined session frees a place in the timetable,
-- and an admin should not learn it by reloading the decisions page.
-- Security definer: notices are written only by the database, to people the answerer cannot read.

insert into private.notification_kinds (kind, about) values
  ('track_answer', 'to the platform''s admins: the proposers of an accepted track session confirmed or declined it');

create function private.track_answer_tell() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
revoke all on function private.track_answer_tell() from public;
grant execute on function private.track_answer_tell() to anon, authenticated, service_role;

create trigger track_confirmations_told after insert on public.track_confirmations
  for each row execute function private.track_answer_tell();
create trigger track_confirmations_changed after update of answer on public.track_confirmations
  for each row when (old.answer is distinct from new.answer)
  execute function private.track_answer_tell();
