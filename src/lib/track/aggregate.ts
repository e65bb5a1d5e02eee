/**
 * How a proposal's submitted reviews add up, for the ranked list. Pure: no I/O.
 *
 * - A reviewer's total is the weighted mean, on 0–100, of their scores on the criteria that are
 *   not independent, each score first divided by its scale's maximum (a 0–4 scale: 3 is 75). A
 *   criterion the review has no score on (added after it was submitted) is left out of that
 *   review's total and the weights of the others carry it.
 * - The proposal's score is the mean of its reviewers' totals; null when no review is submitted
 *   (or the rubric has no criterion that counts), and such proposals rank after every scored one.
 * - Each independent criterion is reported apart, as the mean of its scores in scale points.
 * - The spread is the range of the reviewers' totals (highest − lowest, in points of 0–100): with
 *   three reviews it is what an admin reads at a glance ("30 points apart"), where a standard
 *   deviation of three numbers says little more. The reviewers disagree when the spread is above
 *   DISAGREEMENT_SPREAD: 25 points is one whole step of the default 0–4 scale on every criterion.
 * - Drafts never count.
 */

export type AggregateCriterion = {
	id: string;
	/** Positive (the database checks it). */
	weight: number;
	/** How many points the scale has (2 to 11): scores run from 0 to points − 1. */
	points: number;
	independent: boolean;
};

export type AggregateReview = {
	proposal_id: string;
	state: 'draft' | 'submitted';
	/** Scores by criterion id. */
	scores: Readonly<Record<string, number>>;
};

export type IndependentMean = {
	criterion_id: string;
	/** The mean score in scale points, or null when no submitted review scored it. */
	mean: number | null;
	/** The scale's maximum (points − 1). */
	max: number;
};

export type Aggregate = {
	/** The weighted mean on 0–100, or null without a submitted review. */
	score: number | null;
	/** Submitted reviews. */
	reviews: number;
	/** Highest − lowest reviewer total on 0–100; null without a scored review. */
	spread: number | null;
	/** The spread is above DISAGREEMENT_SPREAD. */
	disagree: boolean;
	/** Each independent criterion, in the rubric's order. */
	independent: IndependentMean[];
};

/** Reviewers whose totals lie more than this many points of 0–100 apart disagree. */
export const DISAGREEMENT_SPREAD = 25;

/** One review's weighted total on 0–100 over the criteria that count, or null if none is scored. */
export function reviewTotal(
	criteria: readonly AggregateCriterion[],
	scores: Readonly<Record<string, number>>
): number | null {
	let weighted = 0;
	let weights = 0;
	for (const c of criteria) {
		if (c.independent) continue;
		const score = scores[c.id];
		if (score === undefined || c.points < 2) continue;
		weighted += c.weight * (Math.min(Math.max(score, 0), c.points - 1) / (c.points - 1));
		weights += c.weight;
	}
	return weights > 0 ? (100 * weighted) / weights : null;
}

/** The aggregate of one proposal's reviews (drafts are passed over). */
export function aggregate(
	criteria: readonly AggregateCriterion[],
	reviews: readonly AggregateReview[]
): Aggregate {
	const submitted = reviews.filter((r) => r.state === 'submitted');
	const totals = submitted
		.map((r) => reviewTotal(criteria, r.scores))
		.filter((t): t is number => t !== null);
	const score = totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : null;
	const spread = totals.length ? Math.max(...totals) - Math.min(...totals) : null;
	const independent = criteria
		.filter((c) => c.independent)
		.map((c) => {
			const given = submitted.map((r) => r.scores[c.id]).filter((s) => s !== undefined);
			return {
				criterion_id: c.id,
				mean: given.length ? given.reduce((a, b) => a + b, 0) / given.length : null,
				max: c.points - 1
			};
		});
	return {
		score,
		reviews: submitted.length,
		spread,
		disagree: spread !== null && spread > DISAGREEMENT_SPREAD,
		independent
	};
}

/** Every proposal's aggregate, by proposal id (one with no reviews gets a null score). */
export function aggregateAll(
	criteria: readonly AggregateCriterion[],
	proposalIds: readonly string[],
	reviews: readonly AggregateReview[]
): Map<string, Aggregate> {
	const by = new Map<string, AggregateReview[]>(proposalIds.map((id) => [id, []]));
	for (const r of reviews) by.get(r.proposal_id)?.push(r);
	return new Map([...by].map(([id, rs]) => [id, aggregate(criteria, rs)]));
}

/**
 * Orders items by score, highest first, those without a score last; ties keep the given order
 * (callers pass them by title), a stable sort.
 */
export function rank<T extends { score: number | null }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => {
		if (a.score === null || b.score === null) {
			return (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0);
		}
		return b.score - a.score;
	});
}
