/**
 * The track's ranked list and totals from what the database returned: each proposal's aggregate
 * (aggregate.ts), whether it meets the minimum criteria (criteria.ts), the filters, and the
 * totals of the whole list. Pure.
 *
 * Region and stakeholder group are the speakers' and the moderator's (the people named on the
 * proposal, confirmed or not), as the proposers give them for the minimum criteria: a proposer's
 * own country and group sit in their profile behind the visibility they chose, which admins do
 * not pass. So a proposal counts under each region and group one of its people is from; the
 * totals per region add up to more than the number of proposals. A first-time proposer is a lead
 * proposer who submitted nothing to an earlier cycle.
 */
import { aggregateAll, rank, type Aggregate, type AggregateCriterion } from './aggregate';
import { checkCriteria, type CriteriaPerson } from './criteria';

export type RankingInput = {
	proposals: readonly {
		id: string;
		title: string;
		format: string | null;
		topics: readonly string[];
		proposer_id: string;
		proposed_before: boolean;
	}[];
	speakers: readonly (CriteriaPerson & { proposal_id: string })[];
	assigned: ReadonlyMap<string, number>;
	reviews: readonly {
		proposal_id: string;
		state: 'draft' | 'submitted';
		scores: Readonly<Record<string, number>>;
	}[];
};

export type RankingFilters = {
	format?: string;
	topic?: string;
	region?: string;
	criteria?: 'met' | 'missed';
};

export type RankedProposal = Aggregate & {
	id: string;
	title: string;
	format: string | null;
	assigned: number;
	criteria_met: boolean;
	first_time: boolean;
};

export type RankingTotals = {
	proposals: number;
	scored: number;
	disagreeing: number;
	criteriaMet: number;
	/** Proposals with someone from each region / stakeholder group, by code or slug. */
	regions: Map<string, number>;
	groups: Map<string, number>;
	proposers: number;
	firstTimeProposers: number;
};

const add = (counts: Map<string, number>, key: string) =>
	counts.set(key, (counts.get(key) ?? 0) + 1);

export function ranking(
	criteria: readonly AggregateCriterion[],
	input: RankingInput,
	filters: RankingFilters = {}
): { rows: RankedProposal[]; totals: RankingTotals } {
	const people = new Map<string, CriteriaPerson[]>();
	for (const s of input.speakers) {
		people.set(s.proposal_id, [...(people.get(s.proposal_id) ?? []), s]);
	}
	const aggregates = aggregateAll(
		criteria,
		input.proposals.map((p) => p.id),
		input.reviews
	);
	const totals: RankingTotals = {
		proposals: input.proposals.length,
		scored: 0,
		disagreeing: 0,
		criteriaMet: 0,
		regions: new Map(),
		groups: new Map(),
		proposers: 0,
		firstTimeProposers: 0
	};
	const proposers = new Map<string, boolean>();
	const rows: RankedProposal[] = [];
	for (const p of input.proposals) {
		const own = people.get(p.id) ?? [];
		const regions = new Set(own.map((s) => s.region_code).filter((r): r is string => !!r));
		const groups = new Set(own.map((s) => s.stakeholder_group).filter((g): g is string => !!g));
		const met = checkCriteria(own).met;
		const a = aggregates.get(p.id)!;
		for (const r of regions) add(totals.regions, r);
		for (const g of groups) add(totals.groups, g);
		if (a.score !== null) totals.scored++;
		if (a.disagree) totals.disagreeing++;
		if (met) totals.criteriaMet++;
		proposers.set(p.proposer_id, (proposers.get(p.proposer_id) ?? false) || p.proposed_before);
		const shown =
			(!filters.format || p.format === filters.format) &&
			(!filters.topic || p.topics.includes(filters.topic)) &&
			(!filters.region || regions.has(filters.region)) &&
			(!filters.criteria || (filters.criteria === 'met') === met);
		if (!shown) continue;
		rows.push({
			...a,
			id: p.id,
			title: p.title,
			format: p.format,
			assigned: input.assigned.get(p.id) ?? 0,
			criteria_met: met,
			first_time: !p.proposed_before
		});
	}
	totals.proposers = proposers.size;
	totals.firstTimeProposers = [...proposers.values()].filter((before) => !before).length;
	return { rows: rank(rows), totals };
}
