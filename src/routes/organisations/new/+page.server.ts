import { fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as organisations from '$lib/server/db/organisations';
import { requireAdmin } from '$lib/server/auth/admin';
import { parseForm, refused } from '$lib/server/forms';
import { organisationSchema } from '$lib/schemas/organisations';
import { ORGANISATION_CONSTRAINTS } from '../constraints';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = await requireAdmin();
	return { choices: await organisations.choices(user) };
};

export const actions = {
	default: async ({ request }) => {
		const user = await requireAdmin();
		const form = await parseForm(request, organisationSchema);
		if (!form.ok) return fail(400, form);
		let slug: string;
		try {
			({ slug } = await organisations.create(user, form.data));
		} catch (err) {
			return refused(err, form.values, ORGANISATION_CONSTRAINTS);
		}
		redirect(303, localizeHref(`/organisations/${slug}`));
	}
} satisfies Actions;
