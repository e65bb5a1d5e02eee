import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import * as organisations from '$lib/server/db/organisations';
import { requireAdmin } from '$lib/server/auth/admin';
import { parseForm, refused } from '$lib/server/forms';
import { organisationSchema } from '$lib/schemas/organisations';
import { ORGANISATION_CONSTRAINTS } from '../../constraints';
import type { Actions, PageServerLoad } from './$types';

async function organisationFor(slug: string) {
	const user = await requireAdmin();
	const page = await organisations.get(user, slug);
	if (!page) error(404, m.organisations_not_found());
	return { user, organisation: page.organisation };
}

export const load: PageServerLoad = async ({ params }) => {
	const { user, organisation } = await organisationFor(params.slug);
	return { organisation, choices: await organisations.choices(user) };
};

export const actions = {
	default: async ({ request, params }) => {
		const { user, organisation } = await organisationFor(params.slug);
		const form = await parseForm(request, organisationSchema);
		if (!form.ok) return fail(400, form);
		let saved: { slug: string } | undefined;
		try {
			saved = await organisations.update(user, organisation.id, form.data);
		} catch (err) {
			return refused(err, form.values, ORGANISATION_CONSTRAINTS);
		}
		if (!saved) error(403, m.organisations_admins_only());
		redirect(303, localizeHref(`/organisations/${saved.slug}`));
	}
} satisfies Actions;
