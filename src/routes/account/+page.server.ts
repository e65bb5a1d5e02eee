import { fail, redirect } from '@sveltejs/kit';
import { authProblem, waitMessage } from '$lib/server/auth/errors';
import { passwordIsRight } from '$lib/server/auth/current-password';
import { requireUser } from '$lib/server/auth/guard';
import { adminAuth } from '$lib/server/auth/supabase';
import * as throttle from '$lib/server/auth/throttle';
import * as notices from '$lib/server/db/notices';
import * as profiles from '$lib/server/db/profiles';
import { failure, parseForm } from '$lib/server/forms';
import { changeEmailSchema, deleteAccountSchema } from '$lib/schemas/auth';
import { consentSchema } from '$lib/schemas/profiles';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const claims = requireUser();
	const [{ data }, profile] = await Promise.all([
		locals.supabase.auth.getUser(),
		profiles.getOwn(claims)
	]);
	return {
		handle: profile.handle,
		aggregateConsent: profile.aggregate_consent ?? false,
		email: claims.email ?? '',
		pendingEmail: data.user?.new_email ?? null,
		emailChanged: url.searchParams.has('emailChanged'),
		passwordChanged: url.searchParams.has('passwordChanged')
	};
};

export const actions = {
	consent: async ({ request }) => {
		const claims = requireUser();
		const form = await parseForm(request, consentSchema);
		if (!form.ok) return fail(400, form);
		await profiles.saveOwn(claims, { aggregate_consent: form.data.aggregate_consent });
		return { consentSaved: form.data.aggregate_consent };
	},

	email: async ({ request, locals, url }) => {
		const claims = requireUser();
		const form = await parseForm(request, changeEmailSchema);
		if (!form.ok) return fail(400, form);
		const wait = await throttle.signInWait(claims.email ?? claims.sub, locals.clientIp);
		if (wait) return fail(429, failure(form.values, { form: waitMessage(wait) }));
		if (!(await passwordIsRight(claims.email ?? '', form.data.current_password, locals.clientIp))) {
			return fail(
				400,
				failure(form.values, { current_password: m.account_not_current_password() })
			);
		}
		const { error } = await locals.supabase.auth.updateUser(
			{ email: form.data.email },
			{ emailRedirectTo: `${url.origin}${localizeHref('/account?emailChanged')}` }
		);
		if (error) {
			const problem = authProblem(error);
			return fail(
				problem.status,
				failure(form.values, { [problem.field === 'form' ? 'form' : 'email']: problem.message })
			);
		}
		console.info(`auth: e-mail change requested (${claims.sub})`);
		return { emailSent: form.data.email };
	},

	delete: async ({ request, locals, cookies }) => {
		const claims = requireUser();
		const form = await parseForm(request, deleteAccountSchema);
		if (!form.ok) return fail(400, form);
		if (!(await passwordIsRight(claims.email ?? '', form.data.current_password, locals.clientIp))) {
			return fail(400, failure(form.values, { current_password: m.account_not_your_password() }));
		}
		// Deleting the auth user removes the profile and everything that belongs to the person
		// (foreign keys cascade from auth.users).
		const { error } = await adminAuth().deleteUser(claims.sub);
		if (error) throw error;
		await notices.signedOut(claims.sub);
		await locals.supabase.auth.signOut({ scope: 'local' }).catch(() => undefined);
		for (const cookie of cookies.getAll()) {
			if (cookie.name.startsWith('sb-')) cookies.delete(cookie.name, { path: '/' });
		}
		console.info(`auth: account deleted (${claims.sub})`);
		redirect(303, localizeHref('/?accountDeleted'));
	}
} satisfies Actions;
