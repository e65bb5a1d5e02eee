import { fail } from '@sveltejs/kit';
import { messageSettingsSchema } from '$lib/schemas/events';
import { requireUser } from '$lib/server/auth/guard';
import * as eventMessages from '$lib/server/db/event-messages';
import * as events from '$lib/server/db/events';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [since, settings] = await Promise.all([
		events.personalFeedSince(user),
		eventMessages.settings(user)
	]);
	return { since, settings };
};

export const actions = {
	reset: async ({ url }) => {
		const user = requireUser();
		const token = await events.resetPersonalFeed(user);
		// Shown once, on this answer: only its hash is kept.
		return { address: `${url.origin}/calendar/personal/${token}.ics` };
	},
	messages: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, messageSettingsSchema);
		if (!form.ok) return fail(400, form);
		await eventMessages.saveSettings(user, form.data);
		return { settingsSaved: true };
	},
	remove: async () => {
		const user = requireUser();
		await events.removePersonalFeed(user);
		return { removed: true };
	}
} satisfies Actions;
