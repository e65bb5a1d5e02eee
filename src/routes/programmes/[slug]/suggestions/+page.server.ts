import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as programmes from '$lib/server/db/programmes';
import { parseForm } from '$lib/server/forms';
import { decisionSchema } from '$lib/schemas/compendium';
import type { Actions, PageServerLoad } from './$types';

/** The coordinators of the programme and admins review suggestions; a clear refusal otherwise. */
async function reviewable(slug: string) {
	const user = requireUser();
	const page = await programmes.get(user, slug);
	if (!page) error(404, 'We could not find that programme.');
	if (!page.canEdit) {
		error(
			403,
			'Only the coordinators of this programme and platform admins review its suggestions.'
		);
	}
	return { user, programme: page.programme };
}

export const load: PageServerLoad = async ({ params }) => {
	const { user, programme } = await reviewable(params.slug);
	return {
		programme: { slug: programme.slug, name: programme.name },
		suggestions: await programmes.suggestions(user, programme.id)
	};
};

export const actions = {
	decide: async ({ request, params }) => {
		const { user, programme } = await reviewable(params.slug);
		const form = await parseForm(request, decisionSchema);
		if (!form.ok) return fail(400, form);
		const done = await programmes.decide(user, programme.id, form.data.id, form.data.status);
		if (!done) return fail(404, { errors: { form: 'That suggestion is no longer there.' } });
		return { decided: form.data.status };
	}
} satisfies Actions;
