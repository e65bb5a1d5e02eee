-- Leaves public.programme_suggestions_guard() refusing with one code per meaning: 55000 when the
-- suggestion is no longer waiting (already accepted or dismissed), CC001 — ours — when a
-- suggestion with a value is accepted without being applied (the page does not say it yet).
-- Our own SQLSTATEs are class CC; src/lib/server/db/errors.ts lists each with its meaning.

create or replace function public.programme_suggestions_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.status <> 'pending' then
    raise exception 'This suggestion was already %.', old.status using errcode = '55000';
  end if;
  if new.status = 'accepted' and new.proposed_value is not null and new.proposed_value is distinct from (
    select public.programme_field_value(p, new.field) from public.programmes p where p.id = new.programme_id
  ) then
    raise exception 'Apply this suggestion to accept it: the page does not say it yet.'
      using errcode = 'CC001';
  end if;
  return new;
end;
$$;
