import { fail } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { authProblem, waitMessage } from '$lib/server/auth/errors';
import * as throttle from '$lib/server/auth/throttle';
import { failure, parseForm } from '$lib/server/forms';
import { emailSchema } from '$lib/schemas/auth';
import type { Actions } from './$types';

export const actions = {
	default: async ({ request, locals, url }) => {
		const form = await parseForm(request, emailSchema);
		if (!form.ok) return fail(400, form);
		const wait = await throttle.mailWait(locals.clientIp);
		if (wait) return fail(429, failure(form.values, { form: waitMessage(wait) }));
		const { error } = await locals.supabase.auth.resetPasswordForEmail(form.data.email, {
			redirectTo: `${url.origin}${localizeHref('/account/password')}`
		});
		if (error) {
			const problem = authProblem(error);
			return fail(problem.status, failure(form.values, { [problem.field]: problem.message }));
		}
		console.info(`auth: password reset requested from ${locals.clientIp}`);
		// The same answer whether or not the address has an account.
		return { sent: true, email: form.data.email };
	}
} satisfies Actions;
