import { error, fail } from '@sveltejs/kit';
import { wallClock } from '$lib/event-time';
import { m } from '$lib/paraglide/messages';
import { cycleSchema, phasesSchema, screenSchema, unscreenSchema } from '$lib/schemas/track';
import { requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import * as reviews from '$lib/server/db/track-reviews';
import { taxonomies } from '$lib/server/db/taxonomies';
import { parseForm, refused } from '$lib/server/forms';
import { checkCriteria } from '$lib/track/criteria';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = await requireAdmin();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

/** The admins' page of a cycle: its words and phases, and its proposals to screen. */
export const load: PageServerLoad = async ({ params }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const [proposals, speakers, lists, progress] = await Promise.all([
		track.list(user, cycle.id),
		track.speakersOfCycle(user, cycle.id),
		taxonomies(),
		reviews.progress(user, cycle.id)
	]);
	// The phases as the form writes them: wall clocks in the venue's zone.
	const phaseValues: Record<string, string> = {};
	for (const p of cycle.phases) {
		const from = wallClock(p.starts_at, cycle.time_zone);
		const to = wallClock(p.ends_at, cycle.time_zone);
		phaseValues[`${p.kind}_starts`] = `${from.day}T${from.time}`;
		phaseValues[`${p.kind}_ends`] = `${to.day}T${to.time}`;
		if (p.proposers_may_edit) phaseValues[`${p.kind}_may_edit`] = 'on';
		if (p.reviewers_see_reviews) phaseValues[`${p.kind}_see_reviews`] = 'on';
		if (p.blind_review) phaseValues[`${p.kind}_blind`] = 'on';
		if (p.reviewers_may_review) phaseValues[`${p.kind}_may_review`] = 'on';
		if (p.proposers_see_reviews) phaseValues[`${p.kind}_publish_reviews`] = 'on';
	}
	return {
		cycle,
		phaseValues,
		timeZones: lists.timeZones,
		proposals: proposals.map((p) => ({
			...p,
			reviews: progress.get(p.id) ?? null,
			criteria: checkCriteria(speakers.get(p.id) ?? [])
				.checks.filter((c) => !c.met)
				.map((c) => c.criterion)
		}))
	};
};

export const actions = {
	cycle: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const form = await parseForm(request, cycleSchema);
		if (!form.ok) return fail(400, { ...form, part: 'cycle' as const });
		try {
			await track.update(user, cycle.id, form.data);
		} catch (err) {
			return refused(err, form.values);
		}
		return { saved: 'cycle' as const };
	},
	phases: async ({ request, params }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const data = await request.formData();
		data.set('time_zone', cycle.time_zone);
		const form = await parseForm(
			new Request(request.url, { method: 'POST', body: data }),
			phasesSchema
		);
		if (!form.ok) return fail(400, { ...form, part: 'phases' as const });
		try {
			await track.setPhases(user, cycle.id, form.data);
		} catch (err) {
			return refused(err, form.values);
		}
		return { saved: 'phases' as const };
	},
	screen: async ({ request, params }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, screenSchema);
		if (!form.ok) return fail(400, { ...form, part: 'screen' as const });
		const done = await track.screen(user, form.data.proposal, form.data.reason);
		if (!done) {
			return fail(409, {
				ok: false,
				values: form.values,
				errors: { form: m.track_not_screenable() },
				part: 'screen' as const
			});
		}
		return { saved: 'screened' as const };
	},
	unscreen: async ({ request, params }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, unscreenSchema);
		if (!form.ok) return fail(400, { ...form, part: 'screen' as const });
		await track.screen(user, form.data.proposal, null);
		return { saved: 'unscreened' as const };
	}
} satisfies Actions;
