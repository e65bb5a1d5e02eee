import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	criterionIdSchema,
	criterionSchema,
	moveCriterionSchema
} from '$lib/schemas/track-reviews';
import { requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import * as reviews from '$lib/server/db/track-reviews';
import { parseForm, refused } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = await requireAdmin();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

/** A criterion the form names that is gone, or scored (its scale then stays, it is not removed). */
const refusal = (
	outcome: reviews.CriterionOutcome,
	values: Record<string, string | string[]>,
	criterion: string
) =>
	fail(409, {
		ok: false as const,
		values,
		criterion,
		errors: {
			form: outcome === 'scored' ? m.track_rubric_scored() : m.track_rubric_gone()
		}
	});

/** The admins' page of a cycle's rubric: its criteria, each changed, moved or removed, and one more. */
export const load: PageServerLoad = async ({ params }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	return {
		cycle: { slug: cycle.slug, title: cycle.title },
		criteria: await reviews.criteria(user, cycle.id)
	};
};

export const actions = {
	add: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, criterionSchema);
		if (!form.ok) return fail(400, { ...form, criterion: 'new' });
		try {
			await reviews.addCriterion(user, cycle.id, form.data);
		} catch (err) {
			return refused(err, form.values);
		}
		return { saved: 'added' as const };
	},
	update: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const data = await request.formData();
		const id = criterionIdSchema.safeParse({ criterion: data.get('criterion') });
		if (!id.success) error(400, m.forms_not_a_choice());
		const form = await parseForm(
			new Request(request.url, { method: 'POST', body: data }),
			criterionSchema
		);
		if (!form.ok) return fail(400, { ...form, criterion: id.data.criterion });
		const outcome = await reviews.updateCriterion(user, cycle.id, id.data.criterion, form.data);
		if (outcome !== 'done') return refusal(outcome, form.values, id.data.criterion);
		return { saved: 'updated' as const };
	},
	move: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, moveCriterionSchema);
		if (!form.ok) return fail(400, form);
		await reviews.moveCriterion(
			user,
			cycle.id,
			form.data.criterion,
			form.data.by === 'up' ? -1 : 1
		);
		return { saved: 'moved' as const };
	},
	remove: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, criterionIdSchema);
		if (!form.ok) return fail(400, form);
		const outcome = await reviews.removeCriterion(user, cycle.id, form.data.criterion);
		if (outcome !== 'done') return refusal(outcome, form.values, form.data.criterion);
		return { saved: 'removed' as const };
	}
} satisfies Actions;
