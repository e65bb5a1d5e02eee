import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { newCycleSchema } from '$lib/schemas/track';
import { isAdminClaims, requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import { taxonomies } from '$lib/server/db/taxonomies';
import { parseForm, refused } from '$lib/server/forms';
import { managePath, cyclePath } from './paths';
import type { Actions, PageServerLoad } from './$types';

/**
 * The current cycle's page; with no cycle yet, a page that says so (and, for admins, adds one).
 * Admins add the next cycle at /track?new while one runs.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const admin = isAdminClaims(locals.claims);
	const adding = admin && url.searchParams.has('new');
	const slug = await track.current();
	if (slug && !adding) redirect(307, localizeHref(cyclePath(slug)));
	return { admin, adding, timeZones: admin ? (await taxonomies()).timeZones : [] };
};

export const actions = {
	create: async ({ request }) => {
		const user = await requireAdmin();
		const form = await parseForm(request, newCycleSchema);
		if (!form.ok) return fail(400, form);
		try {
			await track.create(user, form.data);
		} catch (err) {
			return refused(err, form.values, {
				track_cycles_slug_key: { field: 'slug', message: m.track_slug_taken() }
			});
		}
		redirect(303, localizeHref(managePath(form.data.slug)));
	}
} satisfies Actions;
