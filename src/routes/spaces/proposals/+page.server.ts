import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { proposalDecisionSchema } from '$lib/schemas/spaces';
import { requireAdmin } from '$lib/server/auth/admin';
import * as spaces from '$lib/server/db/spaces';
import { failure, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const guard = () => requireAdmin(m.spaces_proposals_admins_only);

export const load: PageServerLoad = async () => {
	const user = await guard();
	return { waiting: await spaces.waitingProposals(user) };
};

const decide = (decision: 'open' | 'declined') =>
	(async ({ request }) => {
		const user = await guard();
		const form = await parseForm(request, proposalDecisionSchema);
		if (!form.ok) return fail(400, form);
		const done = await spaces.decideProposal(user, form.data.space, decision, form.data.reason);
		if (!done) return fail(409, failure(form.values, { form: m.spaces_proposal_gone() }));
		return {
			saved:
				decision === 'open'
					? m.spaces_proposal_approved_saved()
					: m.spaces_proposal_declined_saved()
		};
	}) satisfies Actions[string];

export const actions = { approve: decide('open'), decline: decide('declined') } satisfies Actions;
