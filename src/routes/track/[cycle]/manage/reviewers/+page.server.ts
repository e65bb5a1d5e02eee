import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { inviteReviewerSchema } from '$lib/schemas/track';
import { requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = await requireAdmin();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

/** The admins' list of a cycle's reviewers, their answers and conflicts, and the invitation form. */
export const load: PageServerLoad = async ({ params }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const [reviewers, conflicts] = await Promise.all([
		track.reviewers(user, cycle.id),
		track.conflictsOf(user, cycle.id)
	]);
	const counts = new Map<string, number>();
	for (const c of conflicts) counts.set(c.reviewer_id, (counts.get(c.reviewer_id) ?? 0) + 1);
	return {
		cycle: { slug: cycle.slug, title: cycle.title },
		reviewers: reviewers.map((r) => ({ ...r, conflicts: counts.get(r.profile_id) ?? 0 }))
	};
};

export const actions = {
	invite: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, inviteReviewerSchema);
		if (!form.ok) return fail(400, form);
		if (!(await track.inviteReviewer(user, cycle.id, form.data.handle))) {
			return fail(409, {
				ok: false as const,
				values: form.values,
				errors: { handle: m.track_reviewers_unknown() }
			});
		}
		return { invited: true };
	}
} satisfies Actions;
