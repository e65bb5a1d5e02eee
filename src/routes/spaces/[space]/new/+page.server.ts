import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { newThreadSchema } from '$lib/schemas/spaces';
import { requireUser } from '$lib/server/auth/guard';
import * as spaces from '$lib/server/db/spaces';
import * as threads from '$lib/server/db/threads';
import { failure, parseForm } from '$lib/server/forms';
import { threadPath } from '$lib/space-paths';
import { refusalWords } from '../refusals';
import type { Actions, PageServerLoad } from './$types';

const postable = async (slug: string) => {
	const user = requireUser();
	const space = await spaces.get(user, slug);
	if (!space || !space.readable) error(404, m.spaces_not_found());
	return { user, space };
};

export const load: PageServerLoad = async ({ params }) => {
	const { space } = await postable(params.space);
	return { space, mayPost: space.can_post || space.open_to_join };
};

export const actions = {
	default: async ({ params, request }) => {
		const { user, space } = await postable(params.space);
		const form = await parseForm(request, newThreadSchema);
		if (!form.ok) return fail(400, form);
		const started = await threads.start(user, space.id, {
			...form.data,
			text_language: form.data.text_language ?? getLocale()
		});
		if (typeof started === 'string') {
			return fail(
				started === 'new-hourly' ? 429 : 403,
				failure(form.values, { form: refusalWords(null)[started]() })
			);
		}
		redirect(303, localizeHref(threadPath(space.slug, started)));
	}
} satisfies Actions;
