import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isAdminClaims } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import type { PageServerLoad } from './$types';

/** A cycle: its phases and deadlines, the call, and the viewer's own proposals. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const viewer = locals.claims ?? null;
	const cycle = await track.get(viewer, params.cycle);
	if (!cycle) error(404, m.track_cycle_not_found());
	return {
		cycle,
		signedIn: Boolean(viewer),
		admin: isAdminClaims(viewer),
		mine: viewer ? await track.mine(viewer, cycle.id) : [],
		// Invited or reviewing: the way to their page (declined: nothing to do here).
		reviewing: viewer ? await track.myReviewing(viewer, cycle.id) : null
	};
};
