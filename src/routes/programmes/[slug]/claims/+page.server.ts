import { m } from '$lib/paraglide/messages';
import { error, fail } from '@sveltejs/kit';
import * as cohorts from '$lib/server/db/cohorts';
import * as memberships from '$lib/server/db/memberships';
import { failure, parseForm, searchParams } from '$lib/server/forms';
import { firstProblem } from '$lib/schemas/fields';
import { claimsViewSchema, decideSchema, verifyManySchema } from '$lib/schemas/memberships';
import { requireProgramme } from '../programme';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
	const view = firstProblem(claimsViewSchema, Object.fromEntries(searchParams(url)));
	if (!view.ok) error(400, view.message);
	const { cohort, role, sort } = view.search;
	const [claims, cohortList] = await Promise.all([
		memberships.pendingFor(user, programme.id, { cohortId: cohort, role, sort }),
		cohorts.of(user, programme.id)
	]);
	return {
		programme,
		claims,
		cohorts: cohortList,
		view: { cohort: cohort ?? '', role: role ?? '', sort: sort ?? 'oldest' },
		filtered: Boolean(cohort || role)
	};
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
	},
	verifyMany: async ({ request, params }) => {
		const { user, programme } = await requireProgramme(params.slug, { may: 'coordinate' });
		const form = await parseForm(request, verifyManySchema);
		if (!form.ok) return fail(400, form);
		const verified = await memberships.verifyMany(user, programme.id, form.data.ids);
		if (verified.length === 0) {
			return fail(409, failure({}, { form: m.memberships_already_decided() }));
		}
		return { verifiedMany: verified.length };
	}
} satisfies Actions;
