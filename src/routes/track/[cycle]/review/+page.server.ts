import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	answerReviewingSchema,
	declareConflictSchema,
	reviewerTopicsSchema,
	withdrawConflictSchema
} from '$lib/schemas/track';
import { requireUser } from '$lib/server/auth/guard';
import * as track from '$lib/server/db/track';
import * as reviews from '$lib/server/db/track-reviews';
import { taxonomies } from '$lib/server/db/taxonomies';
import { failure, parseForm, refused } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = requireUser();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

/**
 * A reviewer's page: their answer to the invitation, then their queue (the proposals assigned to
 * them, with their reviews' progress), then the proposals they may read (the database leaves out
 * those in conflict and every name), where they declare other conflicts.
 */
export const load: PageServerLoad = async ({ params }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const reviewing = await track.myReviewing(user, cycle.id);
	const accepted = reviewing?.status === 'accepted';
	const [proposals, queue, conflicts, lists] = accepted
		? await Promise.all([
				track.reviewerProposals(user, cycle.id),
				reviews.queue(user, cycle.id),
				track.declaredConflicts(user, cycle.id),
				taxonomies()
			])
		: [[], [], [], null];
	const now = new Date();
	const reviewPhase = cycle.phases.find((p) => p.reviewers_may_review && now < p.ends_at) ?? null;
	return {
		cycle: { slug: cycle.slug, title: cycle.title, time_zone: cycle.time_zone },
		status: reviewing?.status ?? null,
		proposals,
		queue,
		conflicts,
		topics: reviewing?.topics ?? [],
		baskets: lists?.baskets ?? [],
		reviewPhase: reviewPhase && {
			starts_at: reviewPhase.starts_at,
			ends_at: reviewPhase.ends_at,
			open: reviewPhase.starts_at <= now
		}
	};
};

export const actions = {
	answer: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, answerReviewingSchema);
		if (!form.ok) return fail(400, form);
		await track.answerReviewing(user, cycle.id, form.data.answer);
		return { answered: true };
	},
	conflict: async ({ request, params }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, declareConflictSchema);
		if (!form.ok) return fail(400, form);
		try {
			await track.declareConflict(user, form.data.proposal, form.data.reason);
		} catch (err) {
			return refused(err, form.values);
		}
		return { declared: true };
	},
	unconflict: async ({ request, params }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, withdrawConflictSchema);
		if (!form.ok) return fail(400, form);
		if (!(await track.withdrawConflict(user, form.data.proposal))) {
			return fail(404, failure({}, { form: m.track_review_conflict_gone() }));
		}
		return { withdrawn: true };
	},
	topics: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, reviewerTopicsSchema);
		if (!form.ok) return fail(400, form);
		const known = (await taxonomies()).names.topics;
		if (form.data.topics.some((t) => !known.has(t))) {
			return fail(400, failure(form.values, { topics: m.forms_not_a_choice() }));
		}
		if (!(await track.setReviewerTopics(user, cycle.id, form.data.topics))) {
			return fail(403, failure(form.values, { form: m.track_review_not_reviewer() }));
		}
		return { topicsSaved: true };
	}
} satisfies Actions;
