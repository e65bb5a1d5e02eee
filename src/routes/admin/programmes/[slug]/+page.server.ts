import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as admin from '$lib/server/db/admin';
import * as programmes from '$lib/server/db/programmes';
import { requireAdmin } from '$lib/server/auth/admin';
import { failure, parseForm } from '$lib/server/forms';
import { nameCoordinatorSchema, removeCoordinatorSchema } from '$lib/schemas/admin';
import type { Actions, PageServerLoad } from './$types';

async function guard(slug: string) {
	const user = await requireAdmin(m.admin_only);
	const programme = await programmes.bySlug(user, slug);
	if (!programme) error(404, m.programmes_not_found());
	return { user, programme };
}

export const load: PageServerLoad = async ({ params }) => {
	const { user, programme } = await guard(params.slug);
	return { programme, coordinators: await admin.coordinators(user, programme.id) };
};

export const actions = {
	name: async ({ request, params }) => {
		const { user, programme } = await guard(params.slug);
		const form = await parseForm(request, nameCoordinatorSchema);
		if (!form.ok) return fail(400, form);
		const { email } = form.data;
		const result = await admin.nameCoordinator(user, programme.id, email);
		if (result === 'no_person') {
			return fail(404, failure(form.values, { email: m.admin_no_person() }));
		}
		return { told: result === 'named' ? m.admin_named({ email }) : m.admin_already({ email }) };
	},
	remove: async ({ request, params }) => {
		const { user } = await guard(params.slug);
		const form = await parseForm(request, removeCoordinatorSchema);
		if (!form.ok) return fail(400, failure({}, { form: m.admin_not_coordinator() }));
		if (!(await admin.removeCoordinator(user, form.data.membership_id))) {
			return fail(409, failure({}, { form: m.admin_not_coordinator() }));
		}
		return { told: m.admin_removed() };
	}
} satisfies Actions;
