-- One read policy on membership_invitations for signed-in members, not two.
--
-- The coordinators' policy and the invitees' were both permissive SELECT policies for
-- authenticated, so both were evaluated for every row read (the Security Advisor's
-- multiple_permissive_policies). One policy now says the same: a programme's coordinators read its
-- invitations, and the invitee reads the open ones to their own address. The invitee's test comes
-- first: it is one comparison with an address read once per statement.

drop policy "coordinators read their programmes' invitations" on public.membership_invitations;
drop policy "invitees read open invitations to their address" on public.membership_invitations;

create policy "coordinators and invitees read invitations"
  on public.membership_invitations
  for select to authenticated
  using (
    (status = 'pending' and email = (select private.my_email()))
    or private.is_coordinator_of(programme_id)
  );
