/**
 * Reviewer assignment at the size of a busy track year: 1,000 proposals, 100 reviewers, 3 reviews
 * each, with topic preferences and conflicts (each reviewer has a few of their own proposals and
 * their organisation's), the pure function src/lib/track/assignment.ts.
 *
 *   node bench/track-assignment.ts [--proposals 1000] [--reviewers 100] [--per 3] [--runs 10]
 *
 * Prints each run's time, the median and the worst, the loads' spread, proposals left short and
 * the topic matches. Short runs on a shared machine: the figures are noisy.
 */
import { parseArgs } from 'node:util';
import { assignReviewers } from '../src/lib/track/assignment.ts';

const { values } = parseArgs({
	options: {
		proposals: { type: 'string', default: '1000' },
		reviewers: { type: 'string', default: '100' },
		per: { type: 'string', default: '3' },
		runs: { type: 'string', default: '10' }
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
const TOPICS = Array.from({ length: 24 }, (_, i) => `topic-${i}`);
const pick = (n: number) =>
	Array.from({ length: n }, () => TOPICS[Math.floor(rnd() * TOPICS.length)]!);

const proposals = Array.from({ length: P }, (_, i) => ({ id: `p${i}`, topics: pick(2) }));
const reviewers = Array.from({ length: R }, (_, i) => ({ id: `r${i}`, topics: pick(3) }));
// Own and co-proposed proposals (2 each) and the organisation's (about 1 % of the rest).
const conflicts: [string, string][] = [];
for (const [i, r] of reviewers.entries()) {
	conflicts.push([r.id, `p${(i * 7) % P}`], [r.id, `p${(i * 7 + 1) % P}`]);
	for (const p of proposals) if (rnd() < 0.01) conflicts.push([r.id, p.id]);
}

const times: number[] = [];
let last: ReturnType<typeof assignReviewers> | undefined;
for (let run = 0; run < runs; run++) {
	const started = performance.now();
	last = assignReviewers({ proposals, reviewers, perProposal: N, conflicts });
	times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const loads = [...last!.loads.values()];
console.log(
	`${P} proposals, ${R} reviewers, ${N} each, ${conflicts.length} conflicts, ${runs} runs:\n` +
		`  median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms\n` +
		`  loads ${Math.min(...loads)}–${Math.max(...loads)}, short ${last!.short.length}, ` +
		`topic matches ${last!.topicMatches} of ${P * N}`
);
