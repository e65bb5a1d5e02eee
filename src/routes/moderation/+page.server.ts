import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hideSchema, postSchema } from '$lib/schemas/spaces';
import { requireUser } from '$lib/server/auth/guard';
import * as posts from '$lib/server/db/posts';
import * as reports from '$lib/server/db/reports';
import { failure, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The moderators' queue: pending reports of the spaces the viewer moderates. */
export const load: PageServerLoad = async () => {
	const user = requireUser();
	if (!(await reports.moderatesAny(user))) error(403, m.spaces_moderators_only());
	const queue = await reports.queue(user);
	return {
		queue: queue.map(({ post_body, ...report }) => ({
			...report,
			// Plain words, cut: enough to decide, the whole post one link away.
			excerpt: post_body.replace(/\s+/g, ' ').slice(0, 400)
		}))
	};
};

export const actions = {
	hide: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, hideSchema);
		if (!form.ok) return fail(400, form);
		if (!(await posts.hide(user, form.data.post, form.data.reason))) {
			return fail(403, failure(form.values, { form: m.spaces_moderators_only() }));
		}
		return { saved: m.spaces_hidden_saved() };
	},
	dismiss: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, postSchema);
		if (!form.ok) return fail(400, form);
		if (!(await reports.dismiss(user, form.data.post))) {
			return fail(403, failure({}, { form: m.spaces_moderators_only() }));
		}
		return { saved: m.spaces_dismissed_saved() };
	}
} satisfies Actions;
