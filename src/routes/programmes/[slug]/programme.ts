/** Loads the programme of a /programmes/[slug]/… page, for its coordinators or for members. */
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as programmes from '$lib/server/db/programmes';

/** The programme and the signed-in person; 404 when there is no such programme. */
export async function programmeFor(slug: string) {
	const user = requireUser();
	const programme = await programmes.bySlug(user, slug);
	if (!programme) error(404, 'We could not find that programme.');
	return { user, programme };
}

/** As programmeFor, for pages only the programme's coordinators may use. */
export async function coordinatedProgramme(slug: string) {
	const found = await programmeFor(slug);
	if (!found.programme.coordinator) {
		error(403, `Only the coordinators of ${found.programme.name} can do this.`);
	}
	return found;
}
