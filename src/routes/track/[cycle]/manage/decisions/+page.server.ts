import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { firstProblem } from '$lib/schemas/fields';
import {
	decideSchema,
	decisionsFilterSchema,
	raiseSchema,
	undecideSchema
} from '$lib/schemas/track-decisions';
import { requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import * as decisions from '$lib/server/db/track-decisions';
import * as ranking from '$lib/server/db/track-ranking';
import * as reviews from '$lib/server/db/track-reviews';
import { failure, parseForm, searchParams } from '$lib/server/forms';
import { sendDecisions } from '$lib/server/track/decisions';
import { ranking as rankProposals } from '$lib/track/ranking';
import { DECISIONS, type DecisionShow } from '$lib/words/track-decisions';
import type { Actions, PageServerLoad } from './$types';

async function cycleOf(slug: string) {
	const user = await requireAdmin();
	const cycle = await track.get(user, slug);
	if (!cycle) error(404, m.track_cycle_not_found());
	return { user, cycle };
}

const phaseOf = (cycle: NonNullable<Awaited<ReturnType<typeof track.get>>>) =>
	cycle.phases.find((p) => p.kind === 'decisions') ?? null;

/**
 * The admins' decisions: every proposal in review in ranked order with its decision, the counts,
 * a filter (GET), a form per proposal (decide, change, take back until sent; raise a sent
 * waitlisted one to accepted, once) and sending.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const { user, cycle } = await cycleOf(params.cycle);
	const query = searchParams(url);
	const raw = { show: query.get('show') || undefined };
	const parsed = firstProblem(decisionsFilterSchema, raw);
	const show: DecisionShow | null = parsed.ok ? (parsed.search.show ?? null) : null;
	const [rows, criteria, source] = await Promise.all([
		decisions.list(user, cycle.id),
		reviews.criteria(user, cycle.id),
		ranking.source(user, cycle.id)
	]);
	const ranked = rankProposals(
		criteria.map((c) => ({ ...c, points: c.scale.length })),
		source,
		{}
	).rows;
	const place = new Map(ranked.map((r, i) => [r.id, { rank: i + 1, score: r.score }]));
	const all = rows
		.map((r) => ({
			...r,
			rank: place.get(r.proposal_id)?.rank ?? null,
			score: place.get(r.proposal_id)?.score ?? null
		}))
		.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
	const counts = Object.fromEntries(
		DECISIONS.map((d) => [d, all.filter((r) => r.decision === d).length])
	) as Record<(typeof DECISIONS)[number], number>;
	const accepted = all.filter((r) => r.decision === 'accepted');
	const phase = phaseOf(cycle);
	const shown = all.filter((r) =>
		show === null
			? true
			: show === 'undecided'
				? r.decision === null
				: show === 'unconfirmed'
					? r.decision === 'accepted' && r.sent_at !== null && r.answer === null
					: r.decision === show
	);
	return {
		cycle: { slug: cycle.slug, title: cycle.title, time_zone: cycle.time_zone },
		phase: phase ? { starts_at: phase.starts_at, ends_at: phase.ends_at } : null,
		open: phase !== null && phase.starts_at.getTime() <= Date.now(),
		problem: parsed.ok ? null : parsed.message,
		show: show ?? '',
		counts: {
			...counts,
			undecided: all.filter((r) => r.decision === null).length,
			unsent: all.filter((r) => r.decision !== null && r.sent_at === null).length,
			confirmed: accepted.filter((r) => r.answer === 'confirmed').length,
			declined: accepted.filter((r) => r.answer === 'declined').length,
			unconfirmed: accepted.filter((r) => r.sent_at !== null && r.answer === null).length,
			total: all.length
		},
		rows: shown,
		// What a proposal may be merged into: another in review, not merged or rejected itself.
		targets: all
			.filter((r) => r.decision !== 'merged' && r.decision !== 'rejected')
			.map((r) => ({ value: r.proposal_id, label: r.title }))
	};
};

const DECIDE_REFUSAL = {
	closed: m.track_decisions_closed,
	'not-decidable': m.track_decisions_not_decidable,
	'bad-merge': m.track_decisions_bad_merge,
	sent: m.track_decisions_already_sent,
	gone: m.track_proposal_not_found
} as const;

export const actions = {
	decide: async ({ params, request }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, decideSchema);
		const proposal = typeof form.values.proposal === 'string' ? form.values.proposal : '';
		if (!form.ok) return fail(400, { ...form, part: 'decide' as const, proposal });
		const outcome = await decisions.decide(user, form.data.proposal, form.data);
		if (outcome !== 'done') {
			const field = outcome === 'bad-merge' ? 'merged_into' : 'form';
			return fail(outcome === 'gone' ? 404 : 409, {
				...failure(form.values, { [field]: DECIDE_REFUSAL[outcome]() }),
				part: 'decide' as const,
				proposal
			});
		}
		return { part: 'decide' as const, proposal, saved: true };
	},
	undecide: async ({ params, request }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, undecideSchema);
		if (!form.ok) return fail(400, { ...form, part: 'undecide' as const, proposal: '' });
		if (!(await decisions.remove(user, form.data.proposal))) {
			return fail(409, {
				...failure({}, { form: m.track_decisions_already_sent() }),
				part: 'undecide' as const,
				proposal: form.data.proposal
			});
		}
		return { part: 'undecide' as const, proposal: form.data.proposal, saved: true };
	},
	raise: async ({ params, request }) => {
		const { user } = await cycleOf(params.cycle);
		const form = await parseForm(request, raiseSchema);
		const proposal = typeof form.values.proposal === 'string' ? form.values.proposal : '';
		if (!form.ok) return fail(400, { ...form, part: 'raise' as const, proposal });
		if ((await decisions.raise(user, form.data.proposal, form.data.note)) !== 'done') {
			return fail(409, {
				...failure(form.values, { form: m.track_decisions_not_raisable() }),
				part: 'raise' as const,
				proposal
			});
		}
		return { part: 'raise' as const, proposal, raised: true };
	},
	send: async ({ params, url }) => {
		const { user, cycle } = await cycleOf(params.cycle);
		const sent = await sendDecisions(user, cycle.id, url.origin);
		return { part: 'send' as const, sent };
	}
} satisfies Actions;
