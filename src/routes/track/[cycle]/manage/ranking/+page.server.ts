import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { firstProblem } from '$lib/schemas/fields';
import { rankingFilterSchema, type RankingFilter } from '$lib/schemas/track';
import { requireAdmin } from '$lib/server/auth/admin';
import * as track from '$lib/server/db/track';
import * as ranking from '$lib/server/db/track-ranking';
import * as reviews from '$lib/server/db/track-reviews';
import { taxonomies } from '$lib/server/db/taxonomies';
import { searchParams } from '$lib/server/forms';
import { DISAGREEMENT_SPREAD } from '$lib/track/aggregate';
import { ranking as rankProposals } from '$lib/track/ranking';
import type { PageServerLoad } from './$types';

const FILTERS = ['format', 'topic', 'region', 'criteria'] as const;

/** The admins' ranked list of a cycle's proposals, with its filters (a GET form) and totals. */
export const load: PageServerLoad = async ({ params, url }) => {
	const user = await requireAdmin();
	const cycle = await track.get(user, params.cycle);
	if (!cycle) error(404, m.track_cycle_not_found());
	const query = searchParams(url);
	const raw = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) || undefined]));
	const parsed = firstProblem(rankingFilterSchema, raw);
	const [criteria, source, lists] = await Promise.all([
		reviews.criteria(user, cycle.id),
		ranking.source(user, cycle.id),
		taxonomies()
	]);
	const filter: RankingFilter = parsed.ok ? parsed.search : {};
	const { rows, totals } = rankProposals(
		criteria.map((c) => ({ ...c, points: c.scale.length })),
		source,
		filter
	);
	const regionNames = new Map(lists.regions.map((r) => [r.value, r.label]));
	const groupNames = new Map(lists.stakeholderGroups.map((g) => [g.value, g.label]));
	const topicsInUse = [...new Set(source.proposals.flatMap((p) => p.topics))];
	const named = (counts: Map<string, number>, names: Map<string, string>) =>
		[...counts]
			.map(([value, count]) => ({ value, label: names.get(value) ?? value, count }))
			.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
	return {
		cycle: { slug: cycle.slug, title: cycle.title },
		problem: parsed.ok ? null : parsed.message,
		filters: Object.fromEntries(FILTERS.map((name) => [name, String(raw[name] ?? '')])),
		threshold: DISAGREEMENT_SPREAD,
		independent: criteria.filter((c) => c.independent).map((c) => ({ id: c.id, name: c.name })),
		rows,
		totals: {
			proposals: totals.proposals,
			scored: totals.scored,
			disagreeing: totals.disagreeing,
			criteriaMet: totals.criteriaMet,
			proposers: totals.proposers,
			firstTimeProposers: totals.firstTimeProposers,
			regions: named(totals.regions, regionNames),
			groups: named(totals.groups, groupNames)
		},
		choices: {
			topics: topicsInUse
				.map((value) => ({ value, label: lists.names.topics.get(value)?.name ?? value }))
				.sort((a, b) => a.label.localeCompare(b.label)),
			regions: named(totals.regions, regionNames)
		}
	};
};
