-- At most 200 invitations a day by one coordinator to one programme.
--
-- One roster of 3,000 lines sent 2,000 invitation mails in one request (each one an account made
-- by Auth, with a profile). A cohort is tens of people, a large one a few hundred; a day's
-- allowance of 200 per coordinator and programme lets a real roster through and stops a mistake or
-- a stolen session from mailing thousands. The app asks first, so that a roster over the limit is
-- refused as a whole with how many may still be sent and when, before anything is written or
-- mailed; a trigger holds the same line for every other way of inserting (the Data API).

create function private.invitations_per_day() returns integer
language sql
immutable
set search_path = ''
as $$ select 200 $$;
comment on function private.invitations_per_day() is
  'How many invitations one coordinator may send to one programme in 24 hours.';

-- Volatile: it takes a transaction lock per coordinator and programme, so that two requests at
-- once cannot both count the same room. Security invoker: it counts the invitations the caller's
-- policies let them read (a coordinator reads all of their programme's).
create function private.invitation_allowance(programme uuid, wanted integer)
returns table (per_day integer, sent integer, remaining integer, fits_at timestamptz)
language plpgsql
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  limit_per_day integer := private.invitations_per_day();
  sent_today integer;
begin
  if me is null then
    raise exception 'Sign in to send invitations.' using errcode = '42501';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('invitations:' || me::text || ':' || programme::text, 0));
  select count(*)::integer into sent_today
  from public.membership_invitations i
  where i.programme_id = programme and i.invited_by = me and i.created_at > now() - interval '1 day';
  return query select
    limit_per_day,
    sent_today,
    greatest(0, limit_per_day - sent_today),
    case
      when wanted > limit_per_day then null::timestamptz
      when sent_today + wanted <= limit_per_day then now()
      -- When enough of today's invitations are a day old for all of `wanted` to fit.
      else (
        select i.created_at + interval '1 day'
        from public.membership_invitations i
        where i.programme_id = programme and i.invited_by = me and i.created_at > now() - interval '1 day'
        order by i.created_at, i.id
        offset sent_today + wanted - limit_per_day - 1
        limit 1
      )
    end;
end;
$$;
comment on function private.invitation_allowance(uuid, integer) is
  'How many invitations the signed-in coordinator has sent to the programme in 24 hours, may still send, and when `wanted` more would fit (null: never in one go).';
revoke all on function private.invitations_per_day(), private.invitation_allowance(uuid, integer)
  from public, anon, authenticated;
grant execute on function private.invitations_per_day(), private.invitation_allowance(uuid, integer)
  to authenticated;

-- After each insert of invitations by a person (not the service's seed): over the day's
-- allowance, the whole statement is refused.
create function public.membership_invitations_within_allowance() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  programme uuid;
begin
  if (select auth.uid()) is null then
    return null;
  end if;
  for programme in select distinct n.programme_id from new_rows n loop
    if (select a.sent > a.per_day from private.invitation_allowance(programme, 0) a) then
      raise exception 'At most % invitations a day may be sent to this programme.',
        private.invitations_per_day()
        using errcode = '54000';
    end if;
  end loop;
  return null;
end;
$$;
comment on function public.membership_invitations_within_allowance() is
  'Refuses invitations beyond a coordinator''s daily allowance for a programme.';
revoke execute on function public.membership_invitations_within_allowance() from public, anon, authenticated;

create trigger membership_invitations_within_allowance after insert on public.membership_invitations
  referencing new table as new_rows
  for each statement execute function public.membership_invitations_within_allowance();
