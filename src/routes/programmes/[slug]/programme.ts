/**
 * The one guard of the /programmes/[slug]/… pages: the signed-in person, the programme (404 when
 * there is none), and what they may do there. One rule for coordinator pages — editing, suggested
 * edits, claims, invitations: the programme's verified coordinators and platform admins; RLS holds
 * the same rule in the database.
 */
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as programmes from '$lib/server/db/programmes';

/** `suggest`: any signed-in person (suggest an edit); `coordinate`: its coordinators and admins. */
export type ProgrammePermission = 'suggest' | 'coordinate';

export async function requireProgramme(slug: string, { may }: { may: ProgrammePermission }) {
	const user = requireUser();
	const programme = await programmes.bySlug(user, slug);
	if (!programme) error(404, 'We could not find that programme.');
	if (may === 'coordinate' && !programme.mayCoordinate) {
		error(403, `Only the coordinators of ${programme.name} and platform admins can do this.`);
	}
	return { user, programme };
}
