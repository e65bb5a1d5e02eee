import { fail, redirect } from '@sveltejs/kit';
import { authProblem } from '$lib/server/auth/errors';
import { requireUser } from '$lib/server/auth/guard';
import { isCommonPassword } from '$lib/server/auth/passwords';
import { failure, parseForm } from '$lib/server/forms';
import { newPasswordSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	requireUser();
	return { reset: url.searchParams.has('reset'), invited: url.searchParams.has('invited') };
};

export const actions = {
	default: async ({ request, locals }) => {
		const claims = requireUser();
		const form = await parseForm(request, newPasswordSchema);
		if (!form.ok) return fail(400, form);
		if (isCommonPassword(form.data.password)) {
			return fail(
				400,
				failure(form.values, {
					password:
						'This password is one of the most common ones; choose one that is harder to guess.'
				})
			);
		}
		const { error } = await locals.supabase.auth.updateUser({ password: form.data.password });
		if (error) {
			const problem = authProblem(error);
			return fail(problem.status, failure(form.values, { [problem.field]: problem.message }));
		}
		if (form.data.sign_out_others) await locals.supabase.auth.signOut({ scope: 'others' });
		console.info(
			`auth: password changed (${claims.sub})${form.data.sign_out_others ? ', other sessions ended' : ''}`
		);
		redirect(303, '/account?passwordChanged');
	}
} satisfies Actions;
