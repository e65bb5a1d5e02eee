import { m } from '$lib/paraglide/messages';
import { fail } from '@sveltejs/kit';
import * as memberships from '$lib/server/db/memberships';
import { failure, parseForm } from '$lib/server/forms';
import { decideSchema } from '$lib/schemas/memberships';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
	return { programme, claims: await memberships.pendingFor(user, programme.id) };
};

export const actions = {
	decide: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, decideSchema);
		if (!form.ok) return fail(400, form);
		const { membership_id, ...decision } = form.data;
		if (!(await memberships.decide(user, programme.id, membership_id, decision))) {
			return fail(
				409,
				failure(form.values, {
					form: m.memberships_already_decided()
				})
			);
		}
		return { decided: decision.decision };
	}
} satisfies Actions;
