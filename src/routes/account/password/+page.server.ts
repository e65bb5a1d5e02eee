import { fail, redirect } from '@sveltejs/kit';
import { authProblem, waitMessage } from '$lib/server/auth/errors';
import { openedByMailLink, passwordIsRight } from '$lib/server/auth/current-password';
import { requireUser } from '$lib/server/auth/guard';
import { passwordProblem } from '$lib/server/auth/passwords';
import * as throttle from '$lib/server/auth/throttle';
import { failure, parseForm } from '$lib/server/forms';
import { newPasswordSchema } from '$lib/schemas/auth';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const claims = requireUser();
	return {
		reset: url.searchParams.has('reset'),
		invited: url.searchParams.has('invited'),
		// A reset or an invitation link is the proof; otherwise the current password is.
		askCurrent: !openedByMailLink(claims)
	};
};

export const actions = {
	default: async ({ request, locals }) => {
		const claims = requireUser();
		const form = await parseForm(request, newPasswordSchema);
		if (!form.ok) return fail(400, form);
		const { values } = form;
		const email = claims.email ?? '';
		if (!openedByMailLink(claims)) {
			if (!form.data.current_password) {
				return fail(
					400,
					failure(values, {
						current_password: m.auth_current_password_required()
					})
				);
			}
			const wait = await throttle.signInWait(email || claims.sub, locals.clientIp);
			if (wait) return fail(429, failure(values, { form: waitMessage(wait) }));
			if (!(await passwordIsRight(email, form.data.current_password, locals.clientIp))) {
				return fail(400, failure(values, { current_password: m.account_not_current_password() }));
			}
		}
		const name = claims.user_metadata?.display_name;
		const problem = passwordProblem(form.data.password, {
			email,
			name: typeof name === 'string' ? name : null
		});
		if (problem) return fail(400, failure(values, { password: problem }));

		const { error } = await locals.supabase.auth.updateUser({ password: form.data.password });
		if (error) {
			const problem = authProblem(error);
			return fail(problem.status, failure(values, { [problem.field]: problem.message }));
		}
		// GoTrue (and the stand-in) end the other sessions on a new password already, so the page
		// promises it rather than offering a choice Auth would not honour; asking again makes it so
		// whatever Auth's version or settings do.
		const { error: signOutError } = await locals.supabase.auth.signOut({ scope: 'others' });
		if (signOutError) {
			console.warn(`auth: other sessions not ended (${signOutError.code ?? signOutError.status})`);
		}
		console.info(`auth: password changed, other sessions ended (${claims.sub})`);
		redirect(303, localizeHref('/account?passwordChanged'));
	}
} satisfies Actions;
