import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { reviewSchema } from '$lib/schemas/track-reviews';
import { requireUser } from '$lib/server/auth/guard';
import * as track from '$lib/server/db/track';
import * as reviews from '$lib/server/db/track-reviews';
import { taxonomies } from '$lib/server/db/taxonomies';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const id = z.uuid();

/** The phases lasting now (the database decides again; this is for the page's words). */
const lasting = (phases: track.Phase[]) => {
	const now = new Date();
	return phases.filter((p) => p.starts_at <= now && now < p.ends_at);
};

async function find(params: { cycle: string; proposal: string }) {
	const user = requireUser();
	const cycle = await track.get(user, params.cycle);
	if (!cycle || !id.safeParse(params.proposal).success) error(404, m.track_review_not_yours());
	const page = await reviews.reviewPage(user, cycle.id, params.proposal);
	if (!page) error(404, m.track_review_not_yours());
	const rubric = await reviews.criteria(user, cycle.id);
	return { user, cycle, page, rubric };
}

/**
 * One assigned proposal, blind, beside the rubric: the reviewer's draft or submitted review, the
 * other reviews when the phase lets them be read.
 */
export const load: PageServerLoad = async ({ params }) => {
	const { cycle, page, rubric } = await find(params);
	const lists = await taxonomies();
	return {
		cycle: { slug: cycle.slug, title: cycle.title, time_zone: cycle.time_zone },
		reviewEnds: lasting(cycle.phases).find((p) => p.reviewers_may_review)?.ends_at ?? null,
		seeReviews: lasting(cycle.phases).some((p) => p.reviewers_see_reviews),
		...page,
		rubric,
		groupNames: Object.fromEntries(lists.stakeholderGroups.map((g) => [g.value, g.label])),
		regionNames: Object.fromEntries(lists.regions.map((r) => [r.value, r.label]))
	};
};

export const actions = {
	default: async ({ request, params }) => {
		const { user, page, rubric } = await find(params);
		const form = await parseForm(request, reviewSchema(rubric));
		if (!form.ok) return fail(400, form);
		if (!page.mayReview) {
			return fail(409, {
				ok: false,
				values: form.values,
				errors: { form: m.track_review_closed() }
			});
		}
		const outcome = await reviews.saveReview(
			user,
			page.proposal.id,
			form.data.values,
			form.data.submit
		);
		if (!outcome.ok) {
			const message =
				outcome.reason === 'closed'
					? m.track_review_closed()
					: outcome.reason === 'incomplete'
						? m.track_review_incomplete()
						: m.track_review_score_refused();
			return fail(409, { ok: false, values: form.values, errors: { form: message } });
		}
		return { saved: outcome.state, submittedNow: form.data.submit };
	}
} satisfies Actions;
