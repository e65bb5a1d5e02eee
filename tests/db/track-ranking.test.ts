/**
 * The ranked list's source data (src/lib/server/db/track-ranking.ts) under each role's RLS: an
 * admin reads every proposal in review, every assignment and every review with its scores, and
 * the ranking built from it orders, scores and flags them; a reviewer reads none of it (the
 * proposals are not theirs to read) and beneath it only their own review, never another
 * reviewer's scores; a proposer only their own proposals and no review; a member nothing. Whether a lead proposer proposed in an earlier cycle, and which statuses rank.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import * as ranking from '$lib/server/db/track-ranking';
import * as reviewsDb from '$lib/server/db/track-reviews';
import { ranking as rankProposals } from '$lib/track/ranking';
import { asAdmin, createPerson, type Person } from './factories';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);

let admin: Claims;
let cycle: string;
let lead: Person;
let returning: Person;
let reviewers: Person[];
let member: Person;
let strong: string;
let split: string;
let unreviewed: string;
let criteria: reviewsDb.Criterion[];

async function newCycle(slug: string, callFrom: number) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values (${slug}, ${`Cycle ${slug}`}, 'Pacific/Fiji') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at, reviewers_may_review)
			values (${row!.id}, 'call', ${at(callFrom)}, ${at(callFrom + 20)}, false),
			       (${row!.id}, 'review', ${at(callFrom + 20)}, ${at(callFrom + 60)}, true)
		`;
		return row!.id;
	});
}

async function proposal(cycleId: string, by: Person, title: string, status = 'submitted') {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycleId,
				proposer_id: by.id,
				title,
				status,
				submitted_at: status === 'draft' ? null : new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'How do island schools share trainers?',
				description: 'A workshop.',
				expected_outcomes: 'A plan.',
				interaction: 'Groups.',
				target_audience: 'Trainers.',
				languages: ['en'],
				topics: ['capacity-development'],
				screening_reason: status === 'screened_out' ? 'Two speakers only.' : null,
				screened_at: status === 'screened_out' ? new Date() : null
			})}
			returning id
		`;
		await sql`
			insert into public.track_speakers (proposal_id, name, stakeholder_group, region_code, confirmed)
			values (${row!.id}, 'Sione Speaker', 'academia', '009', true),
			       (${row!.id}, 'Ana Speaker', 'government', '142', true)
		`;
		return row!.id;
	});
}

/** A review written by the service (as if the reviewer had): every criterion at `score`. */
async function review(
	proposalId: string,
	reviewer: Person,
	score: number,
	state: 'draft' | 'submitted' = 'submitted'
) {
	await asService(async (sql) => {
		await sql`insert into public.track_assignments (proposal_id, reviewer_id) values (${proposalId}, ${reviewer.id})`;
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_reviews (proposal_id, reviewer_id, state, submitted_at)
			values (${proposalId}, ${reviewer.id}, ${state}, ${state === 'submitted' ? new Date() : null})
			returning id
		`;
		await sql`
			insert into public.track_review_scores ${sql(
				criteria.map((c) => ({ review_id: row!.id, criterion_id: c.id, score }))
			)}
		`;
	});
}

beforeAll(async () => {
	const people = await Promise.all(Array.from({ length: 8 }, () => createPerson()));
	const [adminPerson, ...rest] = people;
	[lead, returning, member, ...reviewers] = rest as [Person, Person, Person, ...Person[]];
	admin = await asAdmin(adminPerson!);
	const earlier = await newCycle('ranking-earlier', -400);
	cycle = await newCycle('ranking-now', -30);
	await proposal(earlier, returning, 'Last year’s island session');
	criteria = await reviewsDb.criteria(admin, cycle);
	await asService(
		(sql) => sql`
			insert into public.track_reviewers ${sql(
				reviewers.map((r) => ({ cycle_id: cycle, profile_id: r.id, status: 'accepted' }))
			)}
		`
	);
	strong = await proposal(cycle, lead, 'Island schools share trainers');
	split = await proposal(cycle, returning, 'Pacific cables and who pays');
	unreviewed = await proposal(cycle, lead, 'Nobody reviewed this yet');
	await proposal(cycle, lead, 'A draft', 'draft');
	await proposal(cycle, lead, 'Screened out', 'screened_out');
	const [r1, r2, r3, r4] = reviewers as [Person, Person, Person, Person];
	await review(strong, r1, 4);
	await review(strong, r2, 3);
	await review(strong, r3, 0, 'draft');
	await review(split, r1, 4);
	await review(split, r2, 0);
	await review(split, r4, 2);
});

describe('the ranking’s source', () => {
	it('an admin reads every proposal in review, every assignment and every review', async () => {
		const source = await ranking.source(admin, cycle);
		expect(source.proposals.map((p) => p.title).sort()).toEqual([
			'Island schools share trainers',
			'Nobody reviewed this yet',
			'Pacific cables and who pays'
		]);
		expect(source.reviews).toHaveLength(6);
		expect(source.assigned.get(strong)).toBe(3);
		expect(source.assigned.get(unreviewed)).toBeUndefined();
		const before = new Map(source.proposals.map((p) => [p.id, p.proposed_before]));
		expect(before.get(split)).toBe(true);
		expect(before.get(strong)).toBe(false);
	});

	it('the ranking from it: by score, the draft left out, disagreement flagged, the unreviewed last', async () => {
		const source = await ranking.source(admin, cycle);
		const { rows, totals } = rankProposals(
			criteria.map((c) => ({ ...c, points: c.scale.length })),
			source
		);
		expect(rows.map((r) => r.id)).toEqual([strong, split, unreviewed]);
		const [first, second, third] = rows;
		expect(first!.score).toBeCloseTo(87.5, 9);
		expect(first!.reviews).toBe(2);
		expect(first!.assigned).toBe(3);
		expect(first!.disagree).toBe(false);
		expect(second!.score).toBeCloseTo(50, 9);
		expect(second!.spread).toBeCloseTo(100, 9);
		expect(second!.disagree).toBe(true);
		expect(third!.score).toBeNull();
		expect(totals).toMatchObject({
			proposals: 3,
			scored: 2,
			disagreeing: 1,
			proposers: 2,
			firstTimeProposers: 1
		});
		expect(totals.regions.get('009')).toBe(3);
		expect(totals.groups.get('government')).toBe(3);
	});

	it('a reviewer reads none of it, and of the rows beneath only their own review', async () => {
		const [r1, r2, , r4] = reviewers as [Person, Person, Person, Person];
		for (const reviewer of reviewers) {
			expect(await ranking.source(reviewer.claims, cycle)).toEqual({
				proposals: [],
				speakers: [],
				assigned: new Map(),
				reviews: []
			});
		}
		// Beneath the ranking's joins: of split's three reviews, r4 reads only their own (all 2s),
		// never r1's 4s nor r2's 0s.
		const rows = await withUser(
			r4.claims,
			(sql) => sql<{ reviewer_id: string; score: number }[]>`
				select r.reviewer_id, s.score from public.track_reviews r
				left join public.track_review_scores s on s.review_id = r.id
				where r.proposal_id = ${split}
			`
		);
		expect(rows.length).toBe(criteria.length);
		expect(rows.every((r) => r.reviewer_id === r4.id && r.score === 2)).toBe(true);
		expect(rows.some((r) => r.reviewer_id === r1.id || r.reviewer_id === r2.id)).toBe(false);
	});

	it('a proposer reads their own proposals and no review; a member reads nothing', async () => {
		const proposer = await ranking.source(lead.claims, cycle);
		expect(proposer.proposals.map((p) => p.title).sort()).toEqual([
			'Island schools share trainers',
			'Nobody reviewed this yet'
		]);
		expect(proposer.reviews).toEqual([]);
		expect(proposer.assigned.size).toBe(0);
		const outsider = await ranking.source(member.claims, cycle);
		expect(outsider).toEqual({ proposals: [], speakers: [], assigned: new Map(), reviews: [] });
	});
});
