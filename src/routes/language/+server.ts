/**
 * The language switcher's answer (a form in the header, so it works without JavaScript): the
 * same page in the chosen language. The choice is kept in a cookie, so that an address without
 * a prefix opens in it, and for a signed-in person in their profile (the language of their mail
 * and notices) and their account's metadata (the language of Auth's own mail).
 */
import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { LOCALE_COOKIE, OFFERED } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import { deLocalizeHref, localizeHref, type Locale } from '$lib/paraglide/runtime';
import { safeRedirect } from '$lib/server/auth/guard';
import * as profiles from '$lib/server/db/profiles';
import type { RequestHandler } from './$types';

const choice = z.object({
	locale: z.string().refine((l): l is Locale => OFFERED.includes(l as Locale)),
	path: z.string().max(2000).optional()
});

const YEAR = 365 * 24 * 60 * 60;

export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = choice.safeParse(Object.fromEntries(await request.formData().catch(() => [])));
	if (!form.success) error(400, m.shell_language_refused());
	const locale = form.data.locale as Locale;
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		maxAge: YEAR,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
	if (locals.claims) {
		await profiles.setLocale(locals.claims, locale);
		if (locals.claims.user_metadata?.locale !== locale) {
			// Best effort: the profile holds the choice; Auth's mail follows at the next success.
			const { error: refused } = await locals.supabase.auth.updateUser({ data: { locale } });
			if (refused) console.warn(`language: metadata not updated (${refused.message})`);
		}
	}
	const path = deLocalizeHref(safeRedirect(form.data.path));
	redirect(303, localizeHref(path, { locale }));
};
