-- A programme's coordinators are told what waits for them: a new claim to verify, a suggested edit
-- to its page, an invitation accepted. Each reaches every verified coordinator of the programme
-- (not the person who acted) in their notifications and, live, on their private topic.

alter table public.notifications
  drop constraint notifications_kind_check,
  add constraint notifications_kind_check check (kind in (
    'membership_verified', 'membership_declined', 'invitation', 'suggestion_applied',
    'suggestion_dismissed', 'claim_received', 'suggestion_received', 'invitation_accepted'
  ));

-- Security definer: called from triggers that run as the member acting, who may neither read who
-- coordinates nor write their notifications; search_path pinned. No API role may call it.
create function private.notify_coordinators(
  programme uuid, kind text, payload jsonb, actor uuid
) returns void
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function private.notify_coordinators(uuid, text, jsonb, uuid) is
  'Tells every verified coordinator of a programme, except the person who acted, about something that waits for them.';
revoke execute on function private.notify_coordinators(uuid, text, jsonb, uuid)
  from public, anon, authenticated;

-- The name a coordinator is told: the display name, whatever the profile shows to others.
create function private.person_name(person uuid) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.display_name from public.profiles p where p.id = person
$$;
comment on function private.person_name(uuid) is
  'The display name of a person, for the notices coordinators get about claims, suggestions and accepted invitations (a coordinator deciding must know who it is).';
revoke execute on function private.person_name(uuid) from public, anon, authenticated;

-- Security definer (through notify_coordinators): a member's claim tells the coordinators.
create function public.memberships_notify_claim() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function public.memberships_notify_claim() is
  'Tells a programme''s coordinators about a new claim to verify.';
revoke execute on function public.memberships_notify_claim() from public, anon, authenticated;

create trigger memberships_notify_claim after insert on public.memberships
  for each row when (new.status = 'pending')
  execute function public.memberships_notify_claim();

-- Security definer (through notify_coordinators): a suggested edit tells the coordinators.
create function public.programme_suggestions_notify_received() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function public.programme_suggestions_notify_received() is
  'Tells a programme''s coordinators about a new suggested edit to its page.';
revoke execute on function public.programme_suggestions_notify_received() from public, anon, authenticated;

create trigger programme_suggestions_notify_received after insert on public.programme_suggestions
  for each row when (new.status = 'pending')
  execute function public.programme_suggestions_notify_received();

-- Security definer (through notify_coordinators): an accepted invitation tells the coordinators.
create function public.membership_invitations_notify_accepted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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
$$;
comment on function public.membership_invitations_notify_accepted() is
  'Tells a programme''s coordinators that someone accepted an invitation to it.';
revoke execute on function public.membership_invitations_notify_accepted()
  from public, anon, authenticated;

create trigger membership_invitations_notify_accepted after update of status on public.membership_invitations
  for each row when (old.status is distinct from new.status and new.status = 'accepted')
  execute function public.membership_invitations_notify_accepted();
