import { redirect } from '@sveltejs/kit';
import * as notices from '$lib/server/db/notices';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a link or prefetch must never sign anyone out).
export const load: PageServerLoad = () => redirect(303, localizeHref('/'));

export const actions = {
	/** This device only. */
	here: async ({ locals }) => {
		await locals.supabase.auth.signOut({ scope: 'local' });
		redirect(303, localizeHref('/'));
	},
	/** Every device: all sessions end, and open pages elsewhere are told at once. */
	everywhere: async ({ locals }) => {
		const userId = locals.claims?.sub;
		await locals.supabase.auth.signOut({ scope: 'global' });
		if (userId) {
			await notices.signedOut(userId);
			console.info(`auth: signed out everywhere (${userId})`);
		}
		redirect(303, localizeHref('/sign-in?signedOut'));
	}
} satisfies Actions;
