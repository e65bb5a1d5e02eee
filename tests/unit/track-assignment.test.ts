/**
 * Reviewer assignment: examples, then properties over a few hundred seeded random worlds (a small
 * generator of our own; no property-testing library): no conflict is ever assigned, no reviewer
 * twice on a proposal, every proposal gets N when N reviewers are free of conflict for it, the
 * loads differ by at most one without conflicts and whenever sparse conflicts leave room, and
 * otherwise no chain of moves could level them further (checked by a search of the test's own);
 * a reviewer an admin removed is never put back automatically, unless assigned by hand again.
 */
import { describe, expect, it } from 'vitest';
import { assignReviewers, type Assignment, type AssignmentInput } from '$lib/track/assignment';

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

const TOPICS = ['access', 'security', 'ai', 'data', 'rights', 'infrastructure'];

function world(
	seed: number,
	density: number,
	options: { keep?: boolean; exclude?: boolean } = {}
): AssignmentInput {
	const rnd = random(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const some = () => TOPICS.filter(() => rnd() < 0.25);
	const proposals = Array.from({ length: int(0, 60) }, (_, i) => ({ id: `p${i}`, topics: some() }));
	const reviewers = Array.from({ length: int(1, 25) }, (_, i) => ({ id: `r${i}`, topics: some() }));
	const conflicts: [string, string][] = [];
	for (const r of reviewers) {
		for (const p of proposals) if (rnd() < density) conflicts.push([r.id, p.id]);
	}
	const keep: [string, string][] = [];
	if (options.keep) {
		for (const p of proposals) {
			if (rnd() < 0.1) keep.push([reviewers[int(0, reviewers.length - 1)]!.id, p.id]);
		}
	}
	const exclude: [string, string][] = [];
	if (options.exclude) {
		for (const r of reviewers) {
			for (const p of proposals) if (rnd() < 0.1) exclude.push([r.id, p.id]);
		}
		// Some removals later assigned by hand again: the hand wins.
		for (const pair of exclude) if (rnd() < 0.1) keep.push(pair);
	}
	return { proposals, reviewers, perProposal: int(1, 4), conflicts, keep, exclude };
}

/** The same world with each removal not kept by hand written as a conflict. */
function removalsAsConflicts(input: AssignmentInput): AssignmentInput {
	const keep = new Set([...(input.keep ?? [])].map(([r, p]) => `${r}|${p}`));
	const removed = [...(input.exclude ?? [])].filter(([r, p]) => !keep.has(`${r}|${p}`));
	return { ...input, conflicts: [...(input.conflicts ?? []), ...removed], exclude: [] };
}

const conflictSet = (input: AssignmentInput) =>
	new Set([...(input.conflicts ?? [])].map(([r, p]) => `${r}|${p}`));

function spread(result: Assignment) {
	const loads = [...result.loads.values()];
	return loads.length ? Math.max(...loads) - Math.min(...loads) : 0;
}

/** Whether some chain of moves (not of kept reviews) takes a review from a reviewer to one two lighter. */
function canLevelFurther(input: AssignmentInput, result: Assignment): boolean {
	const conflicts = conflictSet(input);
	const keep = new Set([...(input.keep ?? [])].map(([r, p]) => `${r}|${p}`));
	const held = new Map(input.reviewers.map((r) => [r.id, new Set<string>()]));
	for (const [p, rs] of result.byProposal) for (const r of rs) held.get(r)!.add(p);
	for (const start of input.reviewers) {
		const seen = new Set([start.id]);
		const queue = [start.id];
		while (queue.length) {
			const u = queue.shift()!;
			for (const p of held.get(u)!) {
				if (keep.has(`${u}|${p}`)) continue;
				for (const v of input.reviewers) {
					if (seen.has(v.id) || held.get(v.id)!.has(p) || conflicts.has(`${v.id}|${p}`)) continue;
					if (result.loads.get(v.id)! <= result.loads.get(start.id)! - 2) return true;
					seen.add(v.id);
					queue.push(v.id);
				}
			}
		}
	}
	return false;
}

function checkInvariants(input: AssignmentInput, result: Assignment) {
	const conflicts = conflictSet(input);
	const counted = new Map<string, number>();
	for (const p of input.proposals) {
		const rs = result.byProposal.get(p.id)!;
		expect(new Set(rs).size).toBe(rs.length);
		for (const r of rs) {
			expect(conflicts.has(`${r}|${p.id}`)).toBe(false);
			counted.set(r, (counted.get(r) ?? 0) + 1);
		}
		const free = input.reviewers.filter((r) => !conflicts.has(`${r.id}|${p.id}`)).length;
		expect(rs.length).toBe(Math.max(Math.min(input.perProposal, free), keptOn(input, p.id)));
		expect(result.short.includes(p.id)).toBe(rs.length < input.perProposal);
	}
	for (const r of input.reviewers) expect(result.loads.get(r.id)).toBe(counted.get(r.id) ?? 0);
	for (const [r, p] of input.keep ?? []) {
		if (!conflicts.has(`${r}|${p}`)) expect(result.byProposal.get(p)).toContain(r);
	}
}

/** The reviews an admin kept on a proposal (free of conflict), which may be more than N. */
function keptOn(input: AssignmentInput, proposal: string) {
	const conflicts = conflictSet(input);
	return new Set(
		[...(input.keep ?? [])]
			.filter(([r, p]) => p === proposal && !conflicts.has(`${r}|${p}`))
			.map(([r]) => r)
	).size;
}

describe('assigning reviewers: examples', () => {
	const proposals = ['a', 'b', 'c', 'd'].map((id) => ({ id, topics: [] as string[] }));
	const reviewers = ['x', 'y', 'z'].map((id) => ({ id, topics: [] as string[] }));

	it('gives every proposal N reviewers and levels the loads', () => {
		const result = assignReviewers({ proposals, reviewers, perProposal: 2 });
		expect([...result.byProposal.values()].every((rs) => rs.length === 2)).toBe(true);
		expect([...result.loads.values()].sort()).toEqual([2, 3, 3]);
		expect(result.short).toEqual([]);
	});

	it('never assigns a conflict, and says which proposals are short', () => {
		const result = assignReviewers({
			proposals,
			reviewers,
			perProposal: 3,
			conflicts: [
				['x', 'a'],
				['y', 'a']
			]
		});
		expect(result.byProposal.get('a')).toEqual(['z']);
		expect(result.short).toEqual(['a']);
		expect(result.byProposal.get('b')!.sort()).toEqual(['x', 'y', 'z']);
	});

	it('honours topic preferences where the balance allows', () => {
		const result = assignReviewers({
			proposals: [
				{ id: 'ai-1', topics: ['ai'] },
				{ id: 'ai-2', topics: ['ai'] },
				{ id: 'access-1', topics: ['access'] },
				{ id: 'access-2', topics: ['access'] }
			],
			reviewers: [
				{ id: 'access-fan', topics: ['access'] },
				{ id: 'ai-fan', topics: ['ai'] }
			],
			perProposal: 1
		});
		expect(result.byProposal.get('ai-1')).toEqual(['ai-fan']);
		expect(result.byProposal.get('ai-2')).toEqual(['ai-fan']);
		expect(result.byProposal.get('access-1')).toEqual(['access-fan']);
		expect(result.topicMatches).toBe(4);
	});

	it('keeps what an admin set by hand, unless it is a conflict', () => {
		const result = assignReviewers({
			proposals,
			reviewers,
			perProposal: 1,
			conflicts: [['y', 'b']],
			keep: [
				['x', 'a'],
				['y', 'b']
			]
		});
		expect(result.byProposal.get('a')).toEqual(['x']);
		expect(result.byProposal.get('b')).not.toContain('y');
	});

	it('never puts back a reviewer an admin removed, even if the proposal is left short', () => {
		const result = assignReviewers({
			proposals: proposals.slice(0, 2),
			reviewers: reviewers.slice(0, 2),
			perProposal: 2,
			exclude: [
				['x', 'a'],
				['y', 'b']
			],
			keep: [['y', 'b']]
		});
		expect(result.byProposal.get('a')).toEqual(['y']);
		expect(result.short).toEqual(['a']);
		// Assigned by hand after the removal: kept.
		expect(result.byProposal.get('b')?.sort()).toEqual(['x', 'y']);
	});

	it('an empty world is an empty assignment', () => {
		expect(assignReviewers({ proposals: [], reviewers: [], perProposal: 3 })).toEqual({
			byProposal: new Map(),
			loads: new Map(),
			short: [],
			topicMatches: 0
		});
	});
});

describe('assigning reviewers: properties', () => {
	const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

	it.each(SEEDS)('world %i without conflicts: every proposal gets N, loads within one', (seed) => {
		const input = world(seed, 0);
		const result = assignReviewers(input);
		checkInvariants(input, result);
		if (input.reviewers.length >= input.perProposal) expect(result.short).toEqual([]);
		expect(spread(result)).toBeLessThanOrEqual(1);
	});

	it.each(SEEDS)('world %i with sparse conflicts: no conflict, N where possible, level', (seed) => {
		const input = world(seed, 0.05);
		const result = assignReviewers(input);
		checkInvariants(input, result);
		expect(canLevelFurther(input, result)).toBe(false);
	});

	it.each(SEEDS)(
		'world %i with dense conflicts and kept reviews: still no conflict, as level as can be',
		(seed) => {
			const input = world(seed, 0.4, { keep: true });
			const result = assignReviewers(input);
			checkInvariants(input, result);
			expect(canLevelFurther(input, result)).toBe(false);
		}
	);

	it.each(SEEDS)(
		'world %i with removals: none put back unless kept by hand, otherwise as with conflicts',
		(seed) => {
			const input = world(seed, 0.05, { keep: true, exclude: true });
			const result = assignReviewers(input);
			const keep = new Set([...(input.keep ?? [])].map(([r, p]) => `${r}|${p}`));
			for (const [r, p] of input.exclude ?? []) {
				if (!keep.has(`${r}|${p}`)) expect(result.byProposal.get(p)).not.toContain(r);
			}
			const asConflicts = removalsAsConflicts(input);
			checkInvariants(asConflicts, result);
			expect(canLevelFurther(asConflicts, result)).toBe(false);
		}
	);

	it('with sparse conflicts and reviewers to spare, the loads end within one', () => {
		let checked = 0;
		for (const seed of SEEDS) {
			const input = world(seed, 0.05);
			if (input.reviewers.length < 2 * input.perProposal + 2 || input.proposals.length < 5) {
				continue;
			}
			checked++;
			expect(spread(assignReviewers(input)), `seed ${seed}`).toBeLessThanOrEqual(1);
		}
		expect(checked).toBeGreaterThan(30);
	});
});
