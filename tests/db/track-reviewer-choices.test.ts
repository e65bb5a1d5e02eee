/**
 * What a reviewer chooses for themselves (src/lib/server/db/track.ts under RLS): their topic
 * preferences (only their own row, within the table's rule), and their declared conflicts — read
 * back with the proposal's title only by the reviewer who declared them (the proposal is otherwise
 * hidden from them), and taken back only by them; a conflict the database sees for itself (their
 * own proposal) is no row and stays.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, type Claims } from '$lib/server/db/client';
import * as trackDb from '$lib/server/db/track';
import { asAdmin, createPerson, type Person } from './factories';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);

let admin: Claims;
let reviewer: Person;
let other: Person;
let member: Person;
let cycle: string;
let theirs: string;
let someone: string;

async function proposal(by: Person, title: string) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycle,
				proposer_id: by.id,
				title,
				status: 'submitted',
				submitted_at: new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'Q?',
				description: 'D.',
				expected_outcomes: 'O.',
				interaction: 'I.',
				target_audience: 'A.',
				languages: ['en']
			})}
			returning id
		`;
		return row!.id;
	});
}

beforeAll(async () => {
	const [a, r, o, m, p] = await Promise.all(Array.from({ length: 5 }, () => createPerson()));
	[reviewer, other, member] = [r!, o!, m!];
	admin = await asAdmin(a!);
	cycle = await asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values ('reviewer-choices', 'Reviewer choices', 'Asia/Kolkata') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at, reviewers_may_review)
			values (${row!.id}, 'review', ${at(-5)}, ${at(20)}, true)
		`;
		await sql`
			insert into public.track_reviewers ${sql(
				[reviewer, other].map((x) => ({ cycle_id: row!.id, profile_id: x.id, status: 'accepted' }))
			)}
		`;
		return row!.id;
	});
	someone = await proposal(p!, 'Cables under the Indian Ocean');
	theirs = await proposal(reviewer, 'The reviewer’s own session');
});

describe('topic preferences', () => {
	it('a reviewer sets their own topics; nobody else’s', async () => {
		expect(
			await trackDb.setReviewerTopics(reviewer.claims, cycle, ['cybersecurity', 'access'])
		).toBe(true);
		expect((await trackDb.myReviewing(reviewer.claims, cycle))!.topics).toEqual([
			'cybersecurity',
			'access'
		]);
		// A member who does not review has no row to set; nobody sets another's.
		expect(await trackDb.setReviewerTopics(member.claims, cycle, ['access'])).toBe(false);
		const rows = await trackDb.reviewers(admin, cycle);
		expect(rows.find((r) => r.profile_id === other.id)!.topics).toEqual([]);
		// The table's rule holds for everyone: at most twelve.
		await expect(
			trackDb.setReviewerTopics(
				reviewer.claims,
				cycle,
				Array.from({ length: 13 }, (_, i) => `topic-${i}`)
			)
		).rejects.toMatchObject({ code: '23514' });
	});
});

describe('declared conflicts', () => {
	it('only the reviewer who declared one reads it, with the title, and takes it back', async () => {
		await trackDb.declareConflict(reviewer.claims, someone, 'I advise its organisers.');
		expect(await trackDb.declaredConflicts(reviewer.claims, cycle)).toEqual([
			expect.objectContaining({
				proposal_id: someone,
				title: 'Cables under the Indian Ocean',
				reason: 'I advise its organisers.'
			})
		]);
		// Hidden from the reviewer's proposals while it stands.
		expect(
			(await trackDb.reviewerProposals(reviewer.claims, cycle)).map((p) => p.id)
		).not.toContain(someone);
		for (const who of [other, member]) {
			expect(await trackDb.declaredConflicts(who.claims, cycle)).toEqual([]);
			expect(await trackDb.withdrawConflict(who.claims, someone)).toBe(false);
		}
		expect(await trackDb.declaredConflicts(admin, cycle)).toEqual([]);
		expect(
			(await trackDb.conflictsOf(admin, cycle)).some(
				(c) => c.reviewer_id === reviewer.id && c.proposal_id === someone && c.declared
			)
		).toBe(true);

		expect(await trackDb.withdrawConflict(reviewer.claims, someone)).toBe(true);
		expect(await trackDb.withdrawConflict(reviewer.claims, someone)).toBe(false);
		expect(await trackDb.declaredConflicts(reviewer.claims, cycle)).toEqual([]);
		expect((await trackDb.reviewerProposals(reviewer.claims, cycle)).map((p) => p.id)).toContain(
			someone
		);
	});

	it('a conflict the database sees (their own proposal) is not taken back', async () => {
		expect(await trackDb.withdrawConflict(reviewer.claims, theirs)).toBe(false);
		expect(
			(await trackDb.conflictsOf(admin, cycle)).some(
				(c) => c.reviewer_id === reviewer.id && c.proposal_id === theirs
			)
		).toBe(true);
		expect(
			(await trackDb.reviewerProposals(reviewer.claims, cycle)).map((p) => p.id)
		).not.toContain(theirs);
	});
});
