import { fail } from '@sveltejs/kit';
import { familyOf, unsubscribe } from '$lib/server/notices/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

/** Shows what the link would stop; never unsubscribes on a visit (mail scanners follow links). */
export const load: PageServerLoad = ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	return { family: familyOf(params.token) };
};

export const actions = {
	default: async ({ params }) => {
		if (!(await unsubscribe(params.token))) return fail(404, { bad: true });
		return { done: true };
	}
} satisfies Actions;
