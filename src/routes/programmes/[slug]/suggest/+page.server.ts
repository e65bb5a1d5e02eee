import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as programmes from '$lib/server/db/programmes';
import { peopleError } from '$lib/server/db/errors';
import { failure, parseForm } from '$lib/server/forms';
import { suggestionSchema } from '$lib/schemas/compendium';
import type { Actions, PageServerLoad } from './$types';

async function programmeFor(slug: string) {
	const user = requireUser();
	const page = await programmes.get(user, slug);
	if (!page) error(404, 'We could not find that programme.');
	return { user, programme: page.programme };
}

export const load: PageServerLoad = async ({ params }) => {
	const { programme } = await programmeFor(params.slug);
	return { programme: { slug: programme.slug, name: programme.name } };
};

export const actions = {
	default: async ({ request, params }) => {
		const { user, programme } = await programmeFor(params.slug);
		const form = await parseForm(request, suggestionSchema);
		if (!form.ok) return fail(400, form);
		try {
			await programmes.suggest(user, programme.id, form.data);
		} catch (err) {
			const problem = peopleError(err);
			if (!problem) throw err;
			return fail(problem.status, failure(form.values, { form: problem.message }));
		}
		return { sent: true };
	}
} satisfies Actions;
