import type { EmailOtpType } from '@supabase/supabase-js';
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { pathOnSite, safeRedirect } from '$lib/server/auth/guard';
import { landingFor } from '$lib/server/auth/landing';
import { localizeHref } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

/** The links in our mails: /auth/confirm?token_hash=…&type=…&next=… (@supabase/ssr's token_hash pattern). */
const linkSchema = z.object({
	token_hash: z.string().min(10).max(200),
	type: z.enum(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']),
	next: z.string().optional()
});

/** Where each kind of link leads once it is verified. */
const AFTER: Record<EmailOtpType, string> = {
	signup: '/people',
	invite: '/account/password?invited',
	magiclink: '/',
	recovery: '/account/password?reset',
	email_change: '/account?emailChanged',
	email: '/'
};

export const load: PageServerLoad = async ({ url, locals }) => {
	const link = linkSchema.safeParse(Object.fromEntries(url.searchParams));
	if (!link.success) return { problem: 'broken' as const };
	const { token_hash, type, next } = link.data;

	const { data, error } = await locals.supabase.auth.verifyOtp({ token_hash, type });
	if (error) {
		console.info(`auth: ${type} link refused (${error.code ?? error.status})`);
		return { problem: 'expired' as const, type };
	}
	// A change of address asks both addresses to confirm; the first click has no session yet.
	if (!data.session) return { problem: null, halfway: true };
	console.info(`auth: ${type} link verified`);
	// The page after, in the language of the link (a French page's mail links to /fr/auth/confirm).
	const fallback = localizeHref(AFTER[type]);
	const after =
		type === 'recovery' || type === 'invite'
			? fallback
			: safeRedirect(pathOnSite(next, url.origin), fallback);
	// A first sign-in (the confirmation, or a first magic link) starts with onboarding.
	const landing =
		(type === 'signup' || type === 'magiclink' || type === 'email') && data.user
			? await landingFor(data.user.id, after)
			: after;
	redirect(303, landing);
};
