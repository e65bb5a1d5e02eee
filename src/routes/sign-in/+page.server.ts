import { fail, redirect } from '@sveltejs/kit';
import { authProblem, waitMessage } from '$lib/server/auth/errors';
import { safeRedirect } from '$lib/server/auth/guard';
import * as throttle from '$lib/server/auth/throttle';
import { landingFor } from '$lib/server/auth/landing';
import { failure, parseForm } from '$lib/server/forms';
import { emailSchema, signInSchema } from '$lib/schemas/auth';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), '');
	if (locals.claims) redirect(303, redirectTo || localizeHref('/'));
	return { redirectTo, signedOut: url.searchParams.has('signedOut') };
};

export const actions = {
	password: async ({ request, locals }) => {
		const form = await parseForm(request, signInSchema);
		if (!form.ok) return fail(400, form);
		const { email, password, redirectTo } = form.data;

		const wait = await throttle.signInWait(email, locals.clientIp);
		if (wait) return fail(429, failure(form.values, { form: waitMessage(wait) }));

		const { data, error } = await locals.supabase.auth.signInWithPassword({ email, password });
		if (error) {
			const problem = authProblem(error);
			console.info(`auth: sign-in failed (${error.code ?? error.status}) from ${locals.clientIp}`);
			return fail(problem.status, {
				...failure(form.values, { [problem.field]: problem.message }),
				unconfirmed: error.code === 'email_not_confirmed'
			});
		}
		await throttle.signInSucceeded(email, locals.clientIp);
		redirect(303, await landingFor(data.user.id, safeRedirect(redirectTo, localizeHref('/'))));
	},

	/** Sends the confirmation link again to someone who has not confirmed yet. */
	resend: async ({ request, locals, url }) => {
		const form = await parseForm(request, emailSchema);
		if (!form.ok) return fail(400, form);
		const wait = await throttle.mailWait(locals.clientIp);
		if (wait) return fail(429, failure(form.values, { form: waitMessage(wait) }));
		const { error } = await locals.supabase.auth.resend({
			type: 'signup',
			email: form.data.email,
			options: { emailRedirectTo: `${url.origin}${localizeHref('/')}` }
		});
		if (error) {
			const problem = authProblem(error);
			return fail(problem.status, failure(form.values, { [problem.field]: problem.message }));
		}
		return { resent: true, email: form.data.email };
	}
} satisfies Actions;
