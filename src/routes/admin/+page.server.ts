import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as admin from '$lib/server/db/admin';
import { requireAdmin } from '$lib/server/auth/admin';
import { failure, parseForm, searchParams } from '$lib/server/forms';
import { firstProblem, searchWords } from '$lib/schemas/fields';
import { grantSchema, withdrawSchema } from '$lib/schemas/admin';
import { PLATFORM_ROLE_LABEL } from '$lib/words/admin';
import type { Actions, PageServerLoad } from './$types';

const guard = () => requireAdmin(m.admin_only);

export const load: PageServerLoad = async ({ url }) => {
	const user = await guard();
	const search = firstProblem(searchWords, searchParams(url).get('q') ?? undefined);
	const words = search.ok ? (search.search ?? '') : '';
	const [holders, programmes] = await Promise.all([
		admin.roleHolders(user),
		admin.findProgrammes(user, words)
	]);
	return {
		holders,
		programmes,
		q: words,
		searchProblem: search.ok ? null : search.message
	};
};

export const actions = {
	grant: async ({ request }) => {
		const user = await guard();
		const form = await parseForm(request, grantSchema);
		if (!form.ok) return fail(400, form);
		const { email, role } = form.data;
		const result = await admin.setRole(user, email, role);
		if (result === 'no_person') {
			return fail(404, failure(form.values, { email: m.admin_no_person() }));
		}
		if (result === 'last_admin') {
			return fail(409, failure(form.values, { form: m.admin_last_admin() }));
		}
		return {
			told:
				result === 'unchanged'
					? m.admin_unchanged({ email })
					: m.admin_granted({ email, role: PLATFORM_ROLE_LABEL[role] })
		};
	},
	withdraw: async ({ request }) => {
		const user = await guard();
		const form = await parseForm(request, withdrawSchema);
		if (!form.ok) return fail(400, form);
		const result = await admin.setRole(user, form.data.email, null);
		if (result === 'last_admin') return fail(409, failure({}, { form: m.admin_last_admin() }));
		if (result === 'no_person') return fail(404, failure({}, { form: m.admin_no_person() }));
		return { told: m.admin_withdrawn({ email: form.data.email }) };
	}
} satisfies Actions;
