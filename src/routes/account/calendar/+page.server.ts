import { requireUser } from '$lib/server/auth/guard';
import * as events from '$lib/server/db/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	return { since: await events.personalFeedSince(user) };
};

export const actions = {
	reset: async ({ url }) => {
		const user = requireUser();
		const token = await events.resetPersonalFeed(user);
		// Shown once, on this answer: only its hash is kept.
		return { address: `${url.origin}/calendar/personal/${token}.ics` };
	},
	remove: async () => {
		const user = requireUser();
		await events.removePersonalFeed(user);
		return { removed: true };
	}
} satisfies Actions;
