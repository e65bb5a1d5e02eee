import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/auth/guard';
import * as cohorts from '$lib/server/db/cohorts';
import * as programmes from '$lib/server/db/programmes';
import { failure, parseForm, refused } from '$lib/server/forms';
import { cohortSchema } from '$lib/schemas/cohorts';
import { programmeSchema } from '$lib/schemas/programmes';
import type { Actions, PageServerLoad } from './$types';

/** The programme, if the signed-in person may edit it; a clear refusal otherwise. */
async function editable(slug: string) {
	const user = requireUser();
	const page = await programmes.get(user, slug);
	if (!page) error(404, 'We could not find that programme.');
	if (!page.canEdit) {
		error(403, 'Only the coordinators of this programme and platform admins can edit it.');
	}
	return { user, page };
}

const COHORT_GONE =
	'That cohort is not one of this programme’s (or it is gone); nothing was changed.';

export const load: PageServerLoad = async ({ params }) => {
	const { page } = await editable(params.slug);
	return { ...page, choices: await programmes.choices(null) };
};

export const actions = {
	save: async ({ request, params }) => {
		const { user, page } = await editable(params.slug);
		const form = await parseForm(request, programmeSchema);
		if (!form.ok) return fail(400, form);
		try {
			const saved = await programmes.update(user, page.programme.id, form.data);
			if (!saved) {
				error(403, 'Only the coordinators of this programme and platform admins can edit it.');
			}
		} catch (err) {
			return refused(err, form.values);
		}
		redirect(303, `/programmes/${params.slug}?saved=1`);
	},
	cohort: async ({ request, params }) => {
		const { user, page } = await editable(params.slug);
		const form = await parseForm(request, cohortSchema);
		if (!form.ok) return fail(400, { ...form, cohort: form.values.id || 'new' });
		let saved: boolean;
		try {
			saved = await cohorts.save(user, page.programme.id, form.data);
		} catch (err) {
			return refused(err, form.values);
		}
		// Nothing changed: the cohort is another programme's, gone, or RLS filtered the update.
		if (!saved) return fail(404, failure(form.values, { form: COHORT_GONE }));
		return { cohortSaved: form.data.edition };
	},
	removeCohort: async ({ request, params }) => {
		const { user, page } = await editable(params.slug);
		const form = await parseForm(request, z.object({ id: z.uuid('That cohort is not known.') }));
		if (!form.ok) return fail(400, form);
		if (!(await cohorts.remove(user, page.programme.id, form.data.id))) {
			return fail(404, failure({}, { form: COHORT_GONE }));
		}
		return { cohortRemoved: true };
	}
} satisfies Actions;
