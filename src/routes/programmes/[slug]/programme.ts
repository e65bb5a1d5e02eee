/**
 * The one guard of the /programmes/[slug]/… pages: the signed-in person, the programme (404 when
 * there is none), and what they may do there. One rule for coordinator pages — editing, suggested
 * edits, claims, invitations: the programme's verified coordinators and platform admins; RLS holds
 * the same rule in the database.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import * as programmes from '$lib/server/db/programmes';

/** `suggest`: any signed-in person (suggest an edit); `coordinate`: its coordinators and admins. */
export type ProgrammePermission = 'suggest' | 'coordinate';

export async function requireProgramme(slug: string, { may }: { may: ProgrammePermission }) {
	const user = requireUser();
	const programme = await programmes.bySlug(user, slug);
	if (!programme) error(404, m.programmes_not_found());
	if (may === 'coordinate' && !programme.mayCoordinate) {
		error(403, m.programmes_coordinators_only({ name: programme.name }));
	}
	return { user, programme };
}
