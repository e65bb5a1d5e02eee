-- An invitation's notice clears once the invitation is answered: accepted (by anyone signed in
-- with the invited address) or withdrawn by the programme, the bell no longer counts it as new.
-- Security definer: notifications take no writes from API roles (only their recipient's read).

create function private.invitation_notice_clears() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.notifications n set read_at = now()
  where n.kind = 'invitation' and n.read_at is null
    and n.payload ->> 'invitation_id' = new.id::text;
  return null;
end
$$;
revoke all on function private.invitation_notice_clears() from public;
grant execute on function private.invitation_notice_clears() to anon, authenticated, service_role;

create trigger membership_invitations_answered after update of status on public.membership_invitations
  for each row when (old.status = 'pending' and new.status <> 'pending')
  execute function private.invitation_notice_clears();
