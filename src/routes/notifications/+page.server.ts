import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as notifications from '$lib/server/db/notifications';
import { parseForm, searchParams } from '$lib/server/forms';
import { z } from 'zod';
import { cursorCodec } from '$lib/server/cursor';
import { markReadSchema } from '$lib/schemas/notifications';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** The "older" link: the id of the last notification of the page before (see notifications.list). */
const older = cursorCodec(z.uuid());

export const load: PageServerLoad = async ({ url, depends }) => {
	const user = requireUser();
	// A live notice invalidates this (see +page.svelte), so the list refreshes where it is open.
	depends('app:notifications');
	const link = searchParams(url).get('before') || null;
	const before = link ? older.decode(link) : undefined;
	const page = await notifications.list(user, { before });
	// `unread` is this page's own fresh count: the header shows it rather than the layout's.
	return {
		problem: link && !before ? m.notifications_bad_link() : null,
		before: before ? link : null,
		...page,
		next: page.next && older.encode(page.next)
	};
};

export const actions = {
	read: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, markReadSchema);
		if (!form.ok) {
			return fail(400, { message: form.errors.notification_id ?? m.notifications_try_again() });
		}
		// 0 marked: already read (in another tab) or not the person's; either way nothing to say.
		await notifications.markRead(user, form.data.notification_id);
		return { read: 'one' as const };
	},

	readAll: async () => {
		const user = requireUser();
		await notifications.markRead(user);
		return { read: 'all' as const };
	}
} satisfies Actions;
