import { error, fail, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { cyclePath } from '../../../paths';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isAdminClaims } from '$lib/server/auth/admin';
import { requireUser } from '$lib/server/auth/guard';
import * as track from '$lib/server/db/track';
import * as reviews from '$lib/server/db/track-reviews';
import * as decisions from '$lib/server/db/track-decisions';
import { answerSchema } from '$lib/schemas/track-decisions';
import { taxonomies } from '$lib/server/db/taxonomies';
import { refusedWith } from '$lib/server/db/errors';
import { failure, parseForm, refused } from '$lib/server/forms';
import { checkCriteria } from '$lib/track/criteria';
import type { Actions, PageServerLoad } from './$types';

const id = z.uuid();

async function find(params: { cycle: string; id: string }) {
	const user = requireUser();
	const cycle = await track.get(user, params.cycle);
	if (!cycle || !id.safeParse(params.id).success) error(404, m.track_proposal_not_found());
	const proposal = await track.proposal(user, cycle.id, params.id);
	if (!proposal) error(404, m.track_proposal_not_found());
	return { user, cycle, proposal };
}

/** A proposal as its proposers (and admins, and a co-proposer still asked) see it. */
export const load: PageServerLoad = async ({ params, url }) => {
	const { user, cycle, proposal } = await find(params);
	const admin = isAdminClaims(user);
	const [lists, feedback, decision, committee] = await Promise.all([
		taxonomies(),
		proposal.mine ? reviews.feedback(user, proposal.id) : [],
		decisions.ofProposal(user, proposal.id),
		// The reviews in full, for the committee deciding (admins; blind to no one there).
		admin ? reviews.forCommittee(user, proposal.id) : []
	]);
	const asked = proposal.co_proposers.find(
		(c) => c.profile_id === user.sub && c.status === 'invited'
	);
	return {
		cycle,
		proposal,
		asked: Boolean(asked),
		criteria: checkCriteria(proposal.speakers),
		submitted: url.searchParams.has('submitted'),
		feedback,
		decision,
		committee,
		groupNames: Object.fromEntries(lists.stakeholderGroups.map((g) => [g.value, g.label])),
		regionNames: Object.fromEntries(lists.regions.map((r) => [r.value, r.label]))
	};
};

export const actions = {
	withdraw: async ({ params }) => {
		const { user, proposal } = await find(params);
		try {
			await track.setStatus(user, proposal.id, 'withdrawn');
		} catch (err) {
			return refused(err, {});
		}
		return { done: 'withdrawn' as const };
	},
	reopen: async ({ params }) => {
		const { user, proposal } = await find(params);
		try {
			await track.setStatus(user, proposal.id, 'draft');
		} catch (err) {
			// Taken up again only while the phase lets proposers edit.
			if (refusedWith(err, 'trackPhaseClosed')) {
				return fail(409, failure({}, { form: m.track_closed() }));
			}
			return refused(err, {});
		}
		return { done: 'reopened' as const };
	},
	accept: async ({ params }) => {
		const { user, proposal } = await find(params);
		if (!(await track.answer(user, proposal.id, 'accepted'))) return fail(409, { done: null });
		return { done: 'accepted' as const };
	},
	/** A proposer confirms that an accepted session will take place, or declines it. */
	answer: async ({ params, request }) => {
		const { user, proposal } = await find(params);
		const form = await parseForm(request, answerSchema);
		if (!form.ok) return fail(400, form);
		const outcome = await decisions.answer(user, proposal.id, form.data.answer);
		if (outcome === 'final') {
			return fail(409, failure({}, { form: m.track_decisions_answer_final() }));
		}
		if (outcome === 'refused') {
			return fail(403, failure({}, { form: m.track_decisions_answer_refused() }));
		}
		return { done: form.data.answer };
	},
	decline: async ({ params }) => {
		const { user, cycle, proposal } = await find(params);
		if (!(await track.answer(user, proposal.id, 'declined'))) return fail(409, { done: null });
		// Declined, they no longer read the proposal: back to the cycle.
		redirect(303, localizeHref(cyclePath(cycle.slug)));
	}
} satisfies Actions;
