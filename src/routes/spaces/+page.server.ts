import * as spaces from '$lib/server/db/spaces';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const all = await spaces.list(locals.claims);
	return {
		mine: all.filter((s) => s.my_role !== null),
		others: all.filter((s) => s.my_role === null),
		signedIn: Boolean(locals.claims)
	};
};
