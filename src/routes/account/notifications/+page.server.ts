import { fail } from '@sveltejs/kit';
import { notificationSettingsSchema } from '$lib/schemas/mail-settings';
import { requireUser } from '$lib/server/auth/guard';
import * as eventMessages from '$lib/server/db/event-messages';
import * as mailSettings from '$lib/server/db/mail-settings';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [mail, events] = await Promise.all([mailSettings.get(user), eventMessages.settings(user)]);
	return { settings: { ...mail, ...events } };
};

export const actions = {
	default: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, notificationSettingsSchema);
		if (!form.ok) return fail(400, form);
		const { mentions, watching, coordination, ...events } = form.data;
		await mailSettings.save(user, { mentions, watching, coordination });
		await eventMessages.saveSettings(user, events);
		return { saved: true };
	}
} satisfies Actions;
