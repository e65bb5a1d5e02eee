/**
 * Aggregating a busy track year's reviews: 1,000 proposals, 100 reviewers, 3 submitted reviews
 * each on the default rubric (five criteria on a 0–4 scale, one of them independent), then the
 * ranking, with the pure functions of src/lib/track/aggregate.ts.
 *
 *   node bench/track-aggregation.ts [--proposals 1000] [--reviewers 100] [--per 3] [--runs 20]
 *
 * Prints the median and worst time of aggregating and ranking, and how many proposals were
 * flagged as disagreeing. Short runs on a shared machine: the figures are noisy.
 */
import { parseArgs } from 'node:util';
import { aggregateAll, rank, type AggregateReview } from '../src/lib/track/aggregate.ts';

const { values } = parseArgs({
	options: {
		proposals: { type: 'string', default: '1000' },
		reviewers: { type: 'string', default: '100' },
		per: { type: 'string', default: '3' },
		runs: { type: 'string', default: '20' }
	}
});
const P = Number(values.proposals);
const R = Number(values.reviewers);
const N = Number(values.per);
const runs = Number(values.runs);

/** mulberry32, seeded: the same world every run. */
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
const rnd = random(2027);
const criteria = ['relevance', 'clarity', 'content', 'diversity', 'format'].map((id, i) => ({
	id,
	weight: 1 + (i % 2),
	points: 5,
	independent: id === 'diversity'
}));
const proposalIds = Array.from({ length: P }, (_, i) => `p${i}`);
const reviews: AggregateReview[] = [];
// Who reviewed does not enter the arithmetic; R only sizes the world the figures stand for.
for (const id of proposalIds) {
	const quality = rnd() * 4;
	for (let k = 0; k < N; k++) {
		reviews.push({
			proposal_id: id,
			state: 'submitted',
			scores: Object.fromEntries(
				criteria.map((c) => [
					c.id,
					Math.max(0, Math.min(4, Math.round(quality + (rnd() - 0.5) * 3)))
				])
			)
		});
	}
}

const times: number[] = [];
let flagged = 0;
for (let run = 0; run < runs; run++) {
	const started = performance.now();
	const all = aggregateAll(criteria, proposalIds, reviews);
	const ranked = rank(proposalIds.map((id) => ({ id, ...all.get(id)! })));
	times.push(performance.now() - started);
	flagged = ranked.filter((r) => r.disagree).length;
}
times.sort((a, b) => a - b);
console.log(
	`${P} proposals, ${R} reviewers, ${N} reviews each (${reviews.length} reviews), ${runs} runs:\n` +
		`  aggregate + rank: median ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms, worst ${times.at(-1)!.toFixed(2)} ms\n` +
		`  ${flagged} proposals flagged as disagreeing`
);
