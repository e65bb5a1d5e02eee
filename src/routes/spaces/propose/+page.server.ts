import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { proposalSchema } from '$lib/schemas/spaces';
import { requireUser } from '$lib/server/auth/guard';
import * as spaces from '$lib/server/db/spaces';
import { failure, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	return { mine: await spaces.myProposals(user), waitingAtMost: spaces.PROPOSALS_WAITING };
};

export const actions = {
	default: async ({ request }) => {
		const user = requireUser();
		const form = await parseForm(request, proposalSchema);
		if (!form.ok) return fail(400, form);
		const proposed = await spaces.propose(user, {
			...form.data,
			text_language: form.data.text_language ?? getLocale()
		});
		if (proposed === 'too-many') {
			return fail(
				429,
				failure(form.values, {
					form: m.spaces_proposal_too_many({ max: spaces.PROPOSALS_WAITING })
				})
			);
		}
		if (proposed === 'not-allowed') {
			return fail(403, failure(form.values, { form: m.spaces_proposal_not_allowed() }));
		}
		return { proposed: form.data.name };
	}
} satisfies Actions;
