import { organiserEvents } from '../../../events/organiser';
import type { PageServerLoad } from './$types';

// Plain HTML: a list of links.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { clock } = await parent();
	return organiserEvents(locals.claims, clock, { kind: 'organisation', slug: params.slug });
};
