import { fail, redirect } from '@sveltejs/kit';
import { authProblem, waitMessage } from '$lib/server/auth/errors';
import { safeRedirect } from '$lib/server/auth/guard';
import * as throttle from '$lib/server/auth/throttle';
import { failure, parseForm } from '$lib/server/forms';
import { codeSchema, emailSchema } from '$lib/schemas/auth';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), '');
	if (locals.claims) redirect(303, redirectTo || localizeHref('/'));
	return { redirectTo };
};

export const actions = {
	/** Mails a sign-in link and a 6-digit code (for when the mail opens in another browser). */
	send: async ({ request, locals, url }) => {
		const form = await parseForm(request, emailSchema);
		if (!form.ok) return fail(400, form);
		const wait = await throttle.mailWait(locals.clientIp);
		if (wait) return fail(429, failure(form.values, { form: waitMessage(wait) }));
		const next = safeRedirect(form.data.redirectTo, localizeHref('/'));
		const { error } = await locals.supabase.auth.signInWithOtp({
			email: form.data.email,
			options: { shouldCreateUser: false, emailRedirectTo: `${url.origin}${next}` }
		});
		// Unknown addresses get the same answer as members: this page never tells who has an account.
		if (error && error.code !== 'otp_disabled' && error.code !== 'user_not_found') {
			const problem = authProblem(error);
			return fail(problem.status, failure(form.values, { [problem.field]: problem.message }));
		}
		return { sent: true, email: form.data.email, redirectTo: form.data.redirectTo ?? '' };
	},

	code: async ({ request, locals }) => {
		const form = await parseForm(request, codeSchema);
		if (!form.ok) return fail(400, { ...form, sent: true, email: String(form.values.email ?? '') });
		const wait = await throttle.signInWait(form.data.email, locals.clientIp);
		if (wait) {
			return fail(429, {
				...failure(form.values, { form: waitMessage(wait) }),
				sent: true,
				email: form.data.email
			});
		}
		const { error } = await locals.supabase.auth.verifyOtp({
			email: form.data.email,
			token: form.data.code,
			type: 'email'
		});
		if (error) {
			const problem = authProblem(error);
			const field = error.code === 'otp_expired' ? 'code' : problem.field;
			return fail(problem.status, {
				...failure(form.values, { [field]: problem.message }),
				sent: true,
				email: form.data.email
			});
		}
		await throttle.signInSucceeded(form.data.email, locals.clientIp);
		redirect(303, safeRedirect(form.data.redirectTo, localizeHref('/')));
	}
} satisfies Actions;
