/** Invitations written and accepted straight through the API roles, as the db tests of memberships and invitations need them. */
import { createHash, randomBytes } from 'node:crypto';
import { withUser } from '$lib/server/db/client';
import type { Person, Programme } from './factories';

/** The site's address in the invitation mails' links. */
export const ORIGIN = 'http://localhost:3000';
export const newToken = () => randomBytes(32).toString('base64url');
export const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** An invitation written by a coordinator, as the API would. */
export async function invite(
	coordinator: Person,
	programme: Programme,
	email: string,
	extra: Record<string, unknown> = {}
) {
	const token = newToken();
	const [row] = await withUser(
		coordinator.claims,
		(sql) => sql<{ id: string }[]>`
			insert into public.membership_invitations ${sql({
				programme_id: programme.programmeId,
				cohort_id: programme.cohortId,
				role: 'alumnus',
				email,
				name: 'Invitee',
				token_hash: hashOf(token),
				invited_by: coordinator.id,
				...extra
			})}
			returning id
		`
	);
	return { id: row!.id, token };
}

export const accept = (person: Person, token: string) =>
	withUser(
		person.claims,
		(sql) => sql<{ id: string }[]>`select private.accept_invitation(${token}) as id`
	);
