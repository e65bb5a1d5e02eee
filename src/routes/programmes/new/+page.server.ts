import { fail, redirect } from '@sveltejs/kit';
import * as organisations from '$lib/server/db/organisations';
import * as programmes from '$lib/server/db/programmes';
import { requireAdmin } from '$lib/server/auth/admin';
import { parseForm, refused, type ConstraintMessages } from '$lib/server/forms';
import { newProgrammeSchema } from '$lib/schemas/programmes';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';

const REFUSAL = m.curation_new_refused;

/** The refusals a valid form can still meet, on the field they are about, in the language of the moment. */
const constraints = (): ConstraintMessages => ({
	programmes_slug_key: {
		field: 'slug',
		message: m.curation_slug_taken()
	},
	programmes_organisation_id_fkey: {
		field: 'organisation_id',
		message: m.curation_organisation_gone()
	}
});

export const load: PageServerLoad = async ({ url }) => {
	const user = await requireAdmin(REFUSAL);
	const [choices, runners] = await Promise.all([
		programmes.choices(user),
		organisations.list(user)
	]);
	// From an organisation's page, "Add a programme" comes with that organisation chosen.
	const chosen = runners.find((o) => o.slug === url.searchParams.get('organisation'));
	return { choices, organisations: runners, organisation_id: chosen?.id ?? '' };
};

export const actions = {
	default: async ({ request }) => {
		const user = await requireAdmin(REFUSAL);
		const form = await parseForm(request, newProgrammeSchema);
		if (!form.ok) return fail(400, form);
		let slug: string;
		try {
			({ slug } = await programmes.create(user, form.data));
		} catch (err) {
			return refused(err, form.values, constraints());
		}
		// Cohorts are added on the edit page, which the programme's page leads to.
		redirect(303, localizeHref(`/programmes/${slug}`));
	}
} satisfies Actions;
