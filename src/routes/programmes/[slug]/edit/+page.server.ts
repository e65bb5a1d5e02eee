import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as cohorts from '$lib/server/db/cohorts';
import * as programmes from '$lib/server/db/programmes';
import { failure, parseForm, refused } from '$lib/server/forms';
import { cohortSchema } from '$lib/schemas/cohorts';
import { programmeSchema } from '$lib/schemas/programmes';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';

const COHORT_GONE = () => m.curation_cohort_gone();

export const load: PageServerLoad = async ({ params }) => {
	const { user } = await requireProgramme(params.slug, { may: 'coordinate' });
	const [page, choices] = await Promise.all([
		programmes.get(user, params.slug),
		programmes.choices(null)
	]);
	if (!page) error(404, m.programmes_not_found());
	return { ...page, choices };
};

export const actions = {
	save: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, programmeSchema);
		if (!form.ok) return fail(400, form);
		try {
			const saved = await programmes.update(user, programme.id, form.data);
			if (!saved) {
				error(403, m.curation_edit_refused());
			}
		} catch (err) {
			return refused(err, form.values);
		}
		redirect(303, localizeHref(`/programmes/${params.slug}?saved=1`));
	},
	cohort: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, cohortSchema);
		if (!form.ok) return fail(400, { ...form, cohort: form.values.id || 'new' });
		let saved: boolean;
		try {
			saved = await cohorts.save(user, programme.id, form.data);
		} catch (err) {
			return refused(err, form.values);
		}
		// Nothing changed: the cohort is another programme's, gone, or RLS filtered the update.
		if (!saved) return fail(404, failure(form.values, { form: COHORT_GONE() }));
		return { cohortSaved: form.data.edition };
	},
	removeCohort: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(
			request,
			z.object({ id: z.uuid({ error: () => m.curation_cohort_unknown() }) })
		);
		if (!form.ok) return fail(400, form);
		if (!(await cohorts.remove(user, programme.id, form.data.id))) {
			return fail(404, failure({}, { form: COHORT_GONE() }));
		}
		return { cohortRemoved: true };
	}
} satisfies Actions;
