import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as events from '$lib/server/db/events';
import * as spaces from '$lib/server/db/spaces';
import { organiserEvents } from '../../../events/organiser';
import type { PageServerLoad } from './$types';

// Plain HTML: a list of links.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { clock } = await parent();
	// The space as the viewer may read it: a private space's events are its members' business.
	const space = await spaces.get(locals.claims, params.space);
	if (!space?.readable) error(404, m.spaces_not_found());
	const [listed, mayAdd] = await Promise.all([
		organiserEvents(locals.claims, clock, { kind: 'space', slug: space.slug }),
		locals.claims ? events.mayOrganiseFor(locals.claims, space.id) : false
	]);
	return {
		...listed,
		// A feed address is shared and fetched without signing in: a public space's only.
		feed: space.visibility === 'public' ? `/calendar/spaces/${space.slug}.ics` : null,
		addHref: mayAdd ? `/events/new?organiser=space:${space.id}` : null
	};
};
