/**
 * The signed-in home's own question: what waits for the person as a coordinator (claims and
 * suggested edits to decide, per programme they coordinate). The rest of the home is read with
 * the domains' own queries (events, spaces, memberships, invitations).
 */
import { withUser, type Claims } from './client';

export type Waiting = { slug: string; name: string; claims: number; suggestions: number };

/**
 * Per programme the person coordinates, the claims and suggestions waiting for a decision (the
 * claims counted as their coordinators see them, whatever each claimant's profile shows);
 * programmes with nothing waiting are left out.
 */
export const waiting = (user: Claims): Promise<Waiting[]> =>
	withUser(
		user,
		(sql) => sql<Waiting[]>`
			select slug, name, claims, suggestions from (
				select p.slug, p.name,
				       (select count(*) from private.pending_claimants(p.id))::int as claims,
				       (select count(*) from public.programme_suggestions s
				        where s.programme_id = p.id and s.status = 'pending')::int as suggestions
				from public.memberships m
				join public.programmes p on p.id = m.programme_id
				where m.profile_id = ${user.sub} and m.role = 'coordinator' and m.status = 'verified'
			) w
			where claims + suggestions > 0
			order by name, slug
		`
	);
