/**
 * Automatic reviewer assignment for the track: every proposal gets `perProposal` reviewers (or
 * every reviewer it may have, when fewer are free of conflict), no reviewer ever reviews a
 * proposal they have a conflict with, the reviewers' loads end within one of each other whenever
 * the conflicts allow it, and a reviewer whose topic preferences meet a proposal's topics is
 * chosen first where the balance allows. Assignments an admin made by hand are kept and count;
 * a reviewer an admin removed from a proposal is never put back on it automatically.
 *
 * How: proposals are filled most-constrained first, each taking the free reviewers that are under
 * the fair load, topic matches first, lightest first. Then the loads are levelled: while some
 * reviewer carries two more than another, a chain of moves (a review passes from one reviewer to
 * another free of conflict for it, who passes one of theirs on, …) takes one review from the
 * heavy end to the light end. This is a shortest augmenting path in the flow residual graph; when
 * none exists, no assignment is more level (the convex-cost flow argument), so the loads differ
 * by more than one only when the conflicts force it. Pure: no I/O, deterministic for its input.
 */

export type AssignmentProposal = { id: string; topics: readonly string[] };
export type AssignmentReviewer = { id: string; topics: readonly string[] };

export type AssignmentInput = {
	proposals: readonly AssignmentProposal[];
	reviewers: readonly AssignmentReviewer[];
	/** Reviews each proposal should get. */
	perProposal: number;
	/** (reviewer, proposal) pairs that must never be assigned: declared or detected conflicts. */
	conflicts?: Iterable<readonly [reviewerId: string, proposalId: string]>;
	/** (reviewer, proposal) pairs an admin set by hand: kept (unless in conflict), never moved. */
	keep?: Iterable<readonly [reviewerId: string, proposalId: string]>;
	/**
	 * (reviewer, proposal) pairs an admin removed: never assigned automatically (a pair also kept
	 * by hand stays kept: assigning by hand is the later word).
	 */
	exclude?: Iterable<readonly [reviewerId: string, proposalId: string]>;
};

export type Assignment = {
	/** Each proposal's reviewers, by proposal id. */
	byProposal: Map<string, string[]>;
	/** Each reviewer's number of proposals, by reviewer id. */
	loads: Map<string, number>;
	/** Proposals with fewer than perProposal reviewers (too few free of conflict). */
	short: string[];
	/** How many assignments meet a topic the reviewer prefers. */
	topicMatches: number;
};

export function assignReviewers(input: AssignmentInput): Assignment {
	const { proposals, reviewers } = input;
	const P = proposals.length;
	const R = reviewers.length;
	const N = Math.max(0, Math.floor(input.perProposal));
	const proposalIndex = new Map(proposals.map((p, i) => [p.id, i]));
	const reviewerIndex = new Map(reviewers.map((r, i) => [r.id, i]));
	const cell = (r: number, p: number) => r * P + p;

	const conflicted = new Uint8Array(R * P);
	for (const [reviewer, proposal] of input.conflicts ?? []) {
		const r = reviewerIndex.get(reviewer);
		const p = proposalIndex.get(proposal);
		if (r !== undefined && p !== undefined) conflicted[cell(r, p)] = 1;
	}
	const matches = new Uint8Array(R * P);
	const reviewerTopics = reviewers.map((r) => new Set(r.topics));
	for (let r = 0; r < R; r++) {
		const wanted = reviewerTopics[r]!;
		if (wanted.size === 0) continue;
		for (let p = 0; p < P; p++) {
			if (proposals[p]!.topics.some((t) => wanted.has(t))) matches[cell(r, p)] = 1;
		}
	}

	const assigned = new Uint8Array(R * P);
	const kept = new Uint8Array(R * P);
	const load = new Int32Array(R);
	const count = new Int32Array(P);
	const held: Set<number>[] = reviewers.map(() => new Set());
	const give = (r: number, p: number) => {
		assigned[cell(r, p)] = 1;
		held[r]!.add(p);
		load[r]! += 1;
		count[p]! += 1;
	};
	const take = (r: number, p: number) => {
		assigned[cell(r, p)] = 0;
		held[r]!.delete(p);
		load[r]! -= 1;
		count[p]! -= 1;
	};

	for (const [reviewer, proposal] of input.keep ?? []) {
		const r = reviewerIndex.get(reviewer);
		const p = proposalIndex.get(proposal);
		if (r === undefined || p === undefined) continue;
		const c = cell(r, p);
		if (conflicted[c] || assigned[c]) continue;
		give(r, p);
		kept[c] = 1;
	}
	// A removal weighs like a conflict for the automatic choice, once the kept ones are placed.
	for (const [reviewer, proposal] of input.exclude ?? []) {
		const r = reviewerIndex.get(reviewer);
		const p = proposalIndex.get(proposal);
		if (r !== undefined && p !== undefined && !kept[cell(r, p)]) conflicted[cell(r, p)] = 1;
	}

	// Fill: the proposals with the fewest free reviewers first, so they are not left short.
	const free = new Int32Array(P);
	for (let p = 0; p < P; p++) {
		let n = 0;
		for (let r = 0; r < R; r++) if (!conflicted[cell(r, p)]) n++;
		free[p] = n;
	}
	const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => free[a]! - free[b]! || a - b);
	let total = 0;
	for (let p = 0; p < P; p++) total += Math.max(N, count[p]!);
	const fair = R === 0 ? 0 : Math.ceil(total / R);

	const candidates: number[] = [];
	for (const p of order) {
		if (count[p]! >= N) continue;
		candidates.length = 0;
		for (let r = 0; r < R; r++) {
			const c = cell(r, p);
			if (!conflicted[c] && !assigned[c]) candidates.push(r);
		}
		// Under the fair load first; among them topic matches; then the lightest; then a rotation
		// by proposal so that equal reviewers take turns.
		const rank = (r: number) => (load[r]! >= fair ? 2 : 0) + (matches[cell(r, p)] ? 0 : 1);
		const turn = (r: number) => (((r - p) % R) + R) % R;
		candidates.sort((a, b) => rank(a) - rank(b) || load[a]! - load[b]! || turn(a) - turn(b));
		for (let i = 0; i < candidates.length && count[p]! < N; i++) give(candidates[i]!, p);
	}

	level(R, P, { assigned, kept, conflicted, load, held, give, take, cell });

	const byProposal = new Map<string, string[]>();
	for (let p = 0; p < P; p++) byProposal.set(proposals[p]!.id, []);
	let topicMatches = 0;
	for (let r = 0; r < R; r++) {
		for (const p of held[r]!) {
			byProposal.get(proposals[p]!.id)!.push(reviewers[r]!.id);
			if (matches[cell(r, p)]) topicMatches++;
		}
	}
	return {
		byProposal,
		loads: new Map(reviewers.map((r, i) => [r.id, load[i]!])),
		short: proposals.filter((_, p) => count[p]! < N).map((p) => p.id),
		topicMatches
	};
}

type State = {
	assigned: Uint8Array;
	kept: Uint8Array;
	conflicted: Uint8Array;
	load: Int32Array;
	held: Set<number>[];
	give: (r: number, p: number) => void;
	take: (r: number, p: number) => void;
	cell: (r: number, p: number) => number;
};

/**
 * Moves reviews along chains from heavy to light reviewers until no reviewer carries two more
 * than one it could pass work to. Each move lowers the sum of squared loads, so it ends.
 */
function level(R: number, P: number, s: State) {
	const parent = new Int32Array(R);
	const via = new Int32Array(R);
	const queue = new Int32Array(R);
	for (;;) {
		let max = -Infinity;
		let min = Infinity;
		for (let r = 0; r < R; r++) {
			max = Math.max(max, s.load[r]!);
			min = Math.min(min, s.load[r]!);
		}
		if (R === 0 || P === 0 || max - min <= 1) return;
		// From the heaviest towards anyone two lighter; failing that, from anyone two heavier than
		// the lightest towards the lightest.
		if (!shift(max, (l) => l <= max - 2) && !shift(min + 2, (l) => l === min, true)) return;
	}

	/** One chain of moves from a reviewer with load ≥ from to one whose load passes `target`. */
	function shift(from: number, target: (load: number) => boolean, atLeast = false): boolean {
		parent.fill(-2);
		let head = 0;
		let tail = 0;
		for (let r = 0; r < R; r++) {
			if (atLeast ? s.load[r]! >= from : s.load[r]! === from) {
				parent[r] = -1;
				queue[tail++] = r;
			}
		}
		while (head < tail) {
			const u = queue[head++]!;
			for (const p of s.held[u]!) {
				if (s.kept[s.cell(u, p)]) continue;
				for (let v = 0; v < R; v++) {
					if (parent[v] !== -2) continue;
					const c = s.cell(v, p);
					if (s.assigned[c] || s.conflicted[c]) continue;
					parent[v] = u;
					via[v] = p;
					if (target(s.load[v]!)) {
						// Walk back: each reviewer on the chain hands its proposal to the next.
						let w = v;
						while (parent[w] !== -1) {
							const from = parent[w]!;
							s.take(from, via[w]!);
							s.give(w, via[w]!);
							w = from;
						}
						return true;
					}
					queue[tail++] = v;
				}
			}
		}
		return false;
	}
}
