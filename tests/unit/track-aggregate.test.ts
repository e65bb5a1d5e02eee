/**
 * Aggregating reviews: examples, then properties over a few hundred seeded random rubrics and
 * reviews (a small generator of our own; no property-testing library): the score lies in 0–100
 * and between the lowest and highest reviewer total; it does not depend on the order of reviews
 * or criteria, nor on scaling every weight by one constant; drafts and independent criteria never
 * move it; identical reviews have no spread and no disagreement; raising a score never lowers it;
 * the ranking puts higher scores first and unscored proposals last.
 */
import { describe, expect, it } from 'vitest';
import {
	aggregate,
	aggregateAll,
	DISAGREEMENT_SPREAD,
	rank,
	reviewTotal,
	type AggregateCriterion,
	type AggregateReview
} from '$lib/track/aggregate';

/** mulberry32: a small seeded generator, so that a failing world can be replayed by its seed. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function world(seed: number) {
	const rnd = random(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const criteria: AggregateCriterion[] = Array.from({ length: int(1, 7) }, (_, i) => ({
		id: `c${i}`,
		weight: int(1, 10000) / 100,
		points: int(2, 11),
		independent: rnd() < 0.25
	}));
	const reviews: AggregateReview[] = Array.from({ length: int(0, 6) }, () => ({
		proposal_id: 'p',
		state: rnd() < 0.8 ? 'submitted' : 'draft',
		scores: Object.fromEntries(
			criteria.filter(() => rnd() < 0.95).map((c) => [c.id, int(0, c.points - 1)])
		)
	}));
	return { rnd, int, criteria, reviews };
}

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const shuffle = <T>(rnd: () => number, list: readonly T[]) => {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
};
const close = (a: number | null, b: number | null) => {
	if (a === null || b === null) expect(a).toBe(b);
	else expect(a).toBeCloseTo(b, 9);
};

describe('aggregating reviews: examples', () => {
	const criteria: AggregateCriterion[] = [
		{ id: 'relevance', weight: 2, points: 5, independent: false },
		{ id: 'content', weight: 1, points: 5, independent: false },
		{ id: 'diversity', weight: 1, points: 3, independent: true }
	];
	const review = (relevance: number, content: number, diversity: number, state = 'submitted') =>
		({
			proposal_id: 'p',
			state,
			scores: { relevance, content, diversity }
		}) as AggregateReview;

	it('weights each score normalised by its scale and leaves independent criteria apart', () => {
		// (2 × 4/4 + 1 × 2/4) / 3 = 83.3…; (2 × 2/4 + 1 × 0) / 3 = 33.3…
		const result = aggregate(criteria, [review(4, 2, 2), review(2, 0, 0)]);
		expect(result.score).toBeCloseTo(58.333, 3);
		expect(result.reviews).toBe(2);
		expect(result.spread).toBeCloseTo(50, 9);
		expect(result.disagree).toBe(true);
		expect(result.independent).toEqual([{ criterion_id: 'diversity', mean: 1, max: 2 }]);
	});

	it('counts no draft, and has no score without a submitted review', () => {
		const result = aggregate(criteria, [review(4, 4, 2, 'draft')]);
		expect(result).toEqual({
			score: null,
			reviews: 0,
			spread: null,
			disagree: false,
			independent: [{ criterion_id: 'diversity', mean: null, max: 2 }]
		});
	});

	it('does not flag reviewers exactly the threshold apart', () => {
		// 100 and 75: one step of a 0–4 scale on every criterion.
		const result = aggregate(criteria, [review(4, 4, 0), review(3, 3, 0)]);
		expect(result.spread).toBeCloseTo(DISAGREEMENT_SPREAD, 9);
		expect(result.disagree).toBe(false);
	});

	it('leaves a criterion a review has no score on out of that review’s total', () => {
		expect(reviewTotal(criteria, { relevance: 2 })).toBeCloseTo(50, 9);
		expect(reviewTotal(criteria, { diversity: 2 })).toBeNull();
	});

	it('gives every proposal an aggregate, and ranks unscored ones last', () => {
		const all = aggregateAll(
			criteria,
			['a', 'b', 'c'],
			[
				{ ...review(1, 1, 0), proposal_id: 'a' },
				{ ...review(4, 4, 0), proposal_id: 'c' },
				{ ...review(4, 4, 0), proposal_id: 'elsewhere' }
			]
		);
		expect([...all.keys()]).toEqual(['a', 'b', 'c']);
		const ranked = rank([...all].map(([id, a]) => ({ id, score: a.score })));
		expect(ranked.map((r) => r.id)).toEqual(['c', 'a', 'b']);
	});
});

describe('aggregating reviews: properties', () => {
	it.each(SEEDS)('world %i: score within 0–100 and between the reviewer totals', (seed) => {
		const { criteria, reviews } = world(seed);
		const result = aggregate(criteria, reviews);
		const totals = reviews
			.filter((r) => r.state === 'submitted')
			.map((r) => reviewTotal(criteria, r.scores))
			.filter((t) => t !== null);
		expect(result.reviews).toBe(reviews.filter((r) => r.state === 'submitted').length);
		if (result.score === null) {
			expect(totals).toEqual([]);
			return;
		}
		expect(result.score).toBeGreaterThanOrEqual(0);
		expect(result.score).toBeLessThanOrEqual(100);
		expect(result.score).toBeGreaterThanOrEqual(Math.min(...totals) - 1e-9);
		expect(result.score).toBeLessThanOrEqual(Math.max(...totals) + 1e-9);
		expect(result.spread).toBeGreaterThanOrEqual(0);
		expect(result.spread).toBeLessThanOrEqual(100);
		expect(result.disagree).toBe(result.spread! > DISAGREEMENT_SPREAD);
	});

	it.each(SEEDS)('world %i: the order of reviews and of criteria changes nothing', (seed) => {
		const { rnd, criteria, reviews } = world(seed);
		const result = aggregate(criteria, reviews);
		const again = aggregate(shuffle(rnd, criteria), shuffle(rnd, reviews));
		close(again.score, result.score);
		close(again.spread, result.spread);
		expect(again.reviews).toBe(result.reviews);
		expect(new Set(again.independent.map((i) => JSON.stringify(i)))).toEqual(
			new Set(result.independent.map((i) => JSON.stringify(i)))
		);
	});

	it.each(SEEDS)('world %i: scaling every weight by one constant changes nothing', (seed) => {
		const { rnd, criteria, reviews } = world(seed);
		const k = 0.01 + rnd() * 50;
		const result = aggregate(criteria, reviews);
		const scaled = aggregate(
			criteria.map((c) => ({ ...c, weight: c.weight * k })),
			reviews
		);
		close(scaled.score, result.score);
		close(scaled.spread, result.spread);
	});

	it.each(SEEDS)('world %i: drafts and independent criteria never move the score', (seed) => {
		const { rnd, int, criteria, reviews } = world(seed);
		const result = aggregate(criteria, reviews);
		// Any draft added, any independent score changed, a new independent criterion scored.
		const extra: AggregateCriterion = { id: 'x', weight: 7, points: 4, independent: true };
		const changed = aggregate(
			[...criteria, extra],
			[
				...reviews.map((r) => ({
					...r,
					scores: {
						...r.scores,
						...Object.fromEntries(
							criteria.filter((c) => c.independent).map((c) => [c.id, int(0, c.points - 1)])
						),
						x: int(0, 3)
					}
				})),
				{
					proposal_id: 'p',
					state: 'draft',
					scores: Object.fromEntries(criteria.map((c) => [c.id, rnd() < 0.5 ? 0 : c.points - 1]))
				}
			]
		);
		close(changed.score, result.score);
		close(changed.spread, result.spread);
		expect(changed.reviews).toBe(result.reviews);
		expect(changed.disagree).toBe(result.disagree);
	});

	it.each(SEEDS)('world %i: identical reviews have no spread and do not disagree', (seed) => {
		const { int, criteria, reviews } = world(seed);
		const one = reviews.find((r) => r.state === 'submitted') ?? {
			proposal_id: 'p',
			state: 'submitted' as const,
			scores: Object.fromEntries(criteria.map((c) => [c.id, int(0, c.points - 1)]))
		};
		const result = aggregate(
			criteria,
			Array.from({ length: int(1, 6) }, () => ({ ...one, scores: { ...one.scores } }))
		);
		if (result.score === null) return;
		expect(result.spread).toBeCloseTo(0, 9);
		expect(result.disagree).toBe(false);
		close(result.score, reviewTotal(criteria, one.scores));
	});

	it.each(SEEDS)('world %i: raising one score never lowers the score', (seed) => {
		const { rnd, criteria, reviews } = world(seed);
		const submitted = reviews.filter((r) => r.state === 'submitted');
		const counting = criteria.filter((c) => !c.independent);
		if (!submitted.length || !counting.length) return;
		const r = submitted[Math.floor(rnd() * submitted.length)]!;
		const c = counting[Math.floor(rnd() * counting.length)]!;
		if (r.scores[c.id] === undefined || r.scores[c.id] === c.points - 1) return;
		const before = aggregate(criteria, reviews).score!;
		const raised = reviews.map((x) =>
			x === r ? { ...x, scores: { ...x.scores, [c.id]: x.scores[c.id]! + 1 } } : x
		);
		expect(aggregate(criteria, raised).score!).toBeGreaterThan(before);
	});

	it.each(SEEDS.slice(0, 50))('world %i: the ranking is by score, unscored last', (seed) => {
		const rnd = random(seed);
		const items = Array.from({ length: Math.floor(rnd() * 30) }, (_, i) => ({
			id: i,
			score: rnd() < 0.2 ? null : Math.round(rnd() * 1000) / 10
		}));
		const ranked = rank(items);
		expect(ranked).toHaveLength(items.length);
		for (let i = 1; i < ranked.length; i++) {
			const [a, b] = [ranked[i - 1]!, ranked[i]!];
			if (a.score === null) expect(b.score).toBeNull();
			else if (b.score !== null) {
				expect(a.score).toBeGreaterThanOrEqual(b.score);
				if (a.score === b.score) expect(a.id).toBeLessThan(b.id);
			}
		}
	});
});
