/**
 * The ranked list from the database's rows: filters by format, topic, region of the people named
 * and the minimum criteria; totals over the whole list whatever the filters (regions and groups
 * count each proposal once per region or group of its people; first-time proposers by lead).
 */
import { describe, expect, it } from 'vitest';
import type { AggregateCriterion } from '$lib/track/aggregate';
import type { CriteriaPerson } from '$lib/track/criteria';
import { ranking, type RankingInput } from '$lib/track/ranking';

const criteria: AggregateCriterion[] = [{ id: 'c', weight: 1, points: 5, independent: false }];
const person = (
	proposal_id: string,
	region_code: string,
	stakeholder_group: string,
	gender: string
): CriteriaPerson & { proposal_id: string } => ({
	proposal_id,
	role: 'speaker',
	confirmed: true,
	attendance: 'onsite',
	region_code,
	stakeholder_group,
	gender
});
const moderator = (proposal_id: string): CriteriaPerson & { proposal_id: string } => ({
	proposal_id,
	role: 'moderator',
	confirmed: true,
	attendance: 'onsite',
	region_code: '150',
	stakeholder_group: 'academia'
});

const input: RankingInput = {
	proposals: [
		{
			id: 'a',
			title: 'A',
			format: 'workshop',
			topics: ['ai'],
			proposer_id: 'x',
			proposed_before: false
		},
		{
			id: 'b',
			title: 'B',
			format: 'roundtable',
			topics: ['data'],
			proposer_id: 'y',
			proposed_before: true
		},
		{
			id: 'c',
			title: 'C',
			format: 'workshop',
			topics: [],
			proposer_id: 'x',
			proposed_before: false
		}
	],
	speakers: [
		person('a', '002', 'government', 'woman'),
		person('a', '019', 'civil-society', 'man'),
		person('a', '002', 'academia', 'woman'),
		moderator('a'),
		person('b', '002', 'government', 'man')
	],
	assigned: new Map([
		['a', 3],
		['b', 3]
	]),
	reviews: [
		{ proposal_id: 'a', state: 'submitted', scores: { c: 2 } },
		{ proposal_id: 'b', state: 'submitted', scores: { c: 4 } },
		{ proposal_id: 'b', state: 'draft', scores: { c: 0 } }
	]
};

describe('the ranked list', () => {
	it('orders by score, unscored last, with assignments and the minimum criteria', () => {
		const { rows } = ranking(criteria, input);
		expect(rows.map((r) => [r.id, r.score, r.reviews, r.assigned, r.criteria_met])).toEqual([
			['b', 100, 1, 3, false],
			['a', 50, 1, 3, true],
			['c', null, 0, 0, false]
		]);
		expect(rows.map((r) => r.first_time)).toEqual([false, true, true]);
	});

	it.each([
		[{ format: 'workshop' }, ['a', 'c']],
		[{ topic: 'data' }, ['b']],
		[{ region: '019' }, ['a']],
		[{ region: '002' }, ['b', 'a']],
		[{ criteria: 'met' as const }, ['a']],
		[{ criteria: 'missed' as const }, ['b', 'c']],
		[{ format: 'workshop', criteria: 'missed' as const }, ['c']],
		[{ format: 'training' }, []]
	])('filters %j', (filters, ids) => {
		expect(ranking(criteria, input, filters).rows.map((r) => r.id)).toEqual(ids);
	});

	it('counts the totals over the whole list, whatever the filters', () => {
		const { totals } = ranking(criteria, input, { format: 'training' });
		expect(totals).toMatchObject({
			proposals: 3,
			scored: 2,
			disagreeing: 0,
			criteriaMet: 1,
			proposers: 2,
			firstTimeProposers: 1
		});
		expect(Object.fromEntries(totals.regions)).toEqual({ '002': 2, '019': 1, '150': 1 });
		expect(Object.fromEntries(totals.groups)).toEqual({
			government: 2,
			'civil-society': 1,
			academia: 1
		});
	});
});
