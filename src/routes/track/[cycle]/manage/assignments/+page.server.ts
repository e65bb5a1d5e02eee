import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { assignmentSchema, runAssignmentSchema } from '$lib/schemas/track';
import { requireAdmin } from '$lib/server/auth/admin';
import { refusedWith } from '$lib/server/db/errors';
import * as track from '$lib/server/db/track';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = await requireAdmin();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

/** The admins' assignment page: run it, see each reviewer's load, add or remove one by hand. */
export const load: PageServerLoad = async ({ params }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const [proposals, reviewers, rows, conflicts] = await Promise.all([
		track.list(user, cycle.id),
		track.reviewers(user, cycle.id),
		track.assignments(user, cycle.id),
		track.conflictsOf(user, cycle.id)
	]);
	const accepted = reviewers.filter((r) => r.status === 'accepted');
	const names = new Map(accepted.map((r) => [r.profile_id, r.display_name]));
	const inConflict = new Set(conflicts.map((c) => `${c.reviewer_id}:${c.proposal_id}`));
	return {
		cycle: { slug: cycle.slug, title: cycle.title },
		loads: accepted.map((r) => ({
			id: r.profile_id,
			name: r.display_name,
			load: rows.filter((a) => a.reviewer_id === r.profile_id).length
		})),
		proposals: proposals
			.filter((p) => p.status === 'submitted')
			.map((p) => {
				const mine = rows.filter((a) => a.proposal_id === p.id);
				return {
					id: p.id,
					title: p.title,
					reviewers: mine.map((a) => ({
						id: a.reviewer_id,
						name: names.get(a.reviewer_id) ?? '',
						by_hand: a.by_hand
					})),
					// Who may still be added: accepted, free of conflict, not assigned yet.
					candidates: accepted
						.filter(
							(r) =>
								!inConflict.has(`${r.profile_id}:${p.id}`) &&
								!mine.some((a) => a.reviewer_id === r.profile_id)
						)
						.map((r) => ({ id: r.profile_id, name: r.display_name }))
				};
			})
	};
};

export const actions = {
	run: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, runAssignmentSchema);
		if (!form.ok) return fail(400, form);
		const done = await track.runAssignment(user, cycle.id, form.data.per_proposal);
		return { ran: done };
	},
	add: async ({ request, params }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, assignmentSchema);
		if (!form.ok) return fail(400, form);
		try {
			await track.assignByHand(user, form.data.proposal, form.data.reviewer);
		} catch (err) {
			if (refusedWith(err, 'trackNotAssignable')) {
				return fail(409, {
					ok: false as const,
					values: form.values,
					errors: { form: m.track_assign_refused() }
				});
			}
			throw err;
		}
		return { added: true };
	},
	remove: async ({ request, params }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, assignmentSchema);
		if (!form.ok) return fail(400, form);
		const removed = await track.unassign(user, form.data.proposal, form.data.reviewer);
		if (!removed) {
			// Gone already, or reviewed: a review keeps its assignment.
			return fail(409, {
				ok: false,
				values: form.values,
				errors: { form: m.track_unassign_refused() }
			});
		}
		return { removed: true };
	}
} satisfies Actions;
