import { fail, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { safeRedirect } from '$lib/server/auth/guard';
import { authProblem, waitMessage } from '$lib/server/auth/errors';
import { passwordProblem } from '$lib/server/auth/passwords';
import * as throttle from '$lib/server/auth/throttle';
import * as signUps from '$lib/server/db/sign-ups';
import { kickMail } from '$lib/server/mail/sender';
import { failure, parseForm } from '$lib/server/forms';
import { signUpSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.claims) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo'), '') };
};

export const actions = {
	default: async ({ request, locals, url }) => {
		const form = await parseForm(request, signUpSchema);
		if (!form.ok) return fail(400, form);
		const { email, password, display_name, redirectTo } = form.data;
		const { values } = form;
		const weak = passwordProblem(password, { email, name: display_name });
		if (weak) return fail(400, failure(values, { password: weak }));
		const wait = await throttle.mailWait(locals.clientIp);
		if (wait) return fail(429, failure(values, { form: waitMessage(wait) }));

		// An address that already has an account: its owner is told by mail, the person here is
		// not (the same answer below either way). Asked before Auth, whose sign-up would confirm
		// a new address at once where confirmations are off.
		const owner = await signUps.tellOwnerIfTaken(email, url.origin);
		if (owner === 'queued') kickMail();

		const next = safeRedirect(redirectTo, localizeHref('/'));
		const { error } = await locals.supabase.auth.signUp({
			email,
			password,
			options: {
				data: { display_name, locale: getLocale() },
				emailRedirectTo: `${url.origin}${next}`
			}
		});
		// An address that already has an account gets the same answer (Auth mails nothing new; the
		// app told the owner above): sign-up never tells a stranger who is a member.
		if (error && error.code !== 'user_already_exists') {
			const problem = authProblem(error);
			return fail(problem.status, failure(values, { [problem.field]: problem.message }));
		}
		return { sent: true, email };
	}
} satisfies Actions;
