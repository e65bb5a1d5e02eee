/**
 * An admin's removals of reviewers (supabase/migrations/20261229000200_track_assignment_removals.sql
 * through src/lib/server/db/track.ts): a reviewer removed from a proposal is never put back by a
 * re-run of the automatic assignment, even when the proposal is left short; assigning them by hand
 * forgets the removal; only admins read or write the removals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import * as trackDb from '$lib/server/db/track';
import { asAdmin, createPerson, type Person } from './factories';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);

let admin: Claims;
let cycle: string;
let lead: Person;
let reviewers: Person[];
let proposal: string;

const reviewersOf = async (id: string) =>
	(await trackDb.assignments(admin, cycle))
		.filter((a) => a.proposal_id === id)
		.map((a) => a.reviewer_id)
		.sort();

const removals = (who: Claims) =>
	withUser(
		who,
		(sql) => sql<{ reviewer_id: string; removed_by: string }[]>`
			select reviewer_id, removed_by from public.track_assignment_removals where proposal_id = ${proposal}
		`
	);

beforeAll(async () => {
	const [adminPerson, leadPerson, ...rest] = await Promise.all([
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	admin = await asAdmin(adminPerson!);
	lead = leadPerson!;
	reviewers = rest as Person[];
	cycle = await asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values ('removals-test', 'Removals test', 'Africa/Nairobi') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at)
			values (${row!.id}, 'call', ${at(-30)}, ${at(-10)}), (${row!.id}, 'review', ${at(-10)}, ${at(10)})
		`;
		const [p] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: row!.id,
				proposer_id: lead.id,
				title: 'Reaching rural learners',
				status: 'submitted',
				submitted_at: new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'How do schools reach rural learners?',
				description: 'A workshop.',
				expected_outcomes: 'A checklist.',
				interaction: 'Breakout groups.',
				target_audience: 'Trainers.',
				languages: ['en']
			})}
			returning id
		`;
		proposal = p!.id;
		await sql`
			insert into public.track_reviewers ${sql(
				reviewers.map((r) => ({ cycle_id: row!.id, profile_id: r.id, status: 'accepted' }))
			)}
		`;
		return row!.id;
	});
});

describe('removing a reviewer', () => {
	it('a re-run never puts a removed reviewer back, even when the proposal is left short', async () => {
		await trackDb.runAssignment(admin, cycle, 3);
		expect(await reviewersOf(proposal)).toEqual(reviewers.map((r) => r.id).sort());
		const [gone] = reviewers;
		expect(await trackDb.unassign(admin, proposal, gone!.id)).toBe(true);
		expect(await removals(admin)).toEqual([{ reviewer_id: gone!.id, removed_by: admin.sub }]);

		const { short } = await trackDb.runAssignment(admin, cycle, 3);
		expect(short).toBe(1);
		expect(await reviewersOf(proposal)).not.toContain(gone!.id);
		expect(await reviewersOf(proposal)).toHaveLength(2);
		await trackDb.runAssignment(admin, cycle, 3);
		expect(await reviewersOf(proposal)).not.toContain(gone!.id);
	});

	it('assigning them by hand forgets the removal; a later re-run keeps them', async () => {
		const [gone] = reviewers;
		await trackDb.assignByHand(admin, proposal, gone!.id);
		expect(await removals(admin)).toEqual([]);
		await trackDb.runAssignment(admin, cycle, 3);
		expect(await reviewersOf(proposal)).toContain(gone!.id);
		// Removed again (a by-hand row this time): remembered again, and not put back.
		expect(await trackDb.unassign(admin, proposal, gone!.id)).toBe(true);
		await trackDb.runAssignment(admin, cycle, 3);
		expect(await reviewersOf(proposal)).not.toContain(gone!.id);
	});

	it('only admins read or write the removals', async () => {
		const [gone, other] = reviewers;
		for (const who of [lead.claims, gone!.claims, other!.claims]) {
			expect(await removals(who)).toEqual([]);
			await expect(
				withUser(
					who,
					(sql) => sql`
						insert into public.track_assignment_removals (proposal_id, reviewer_id)
						values (${proposal}, ${other!.id})
					`
				)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				withUser(
					who,
					(sql) => sql`
						delete from public.track_assignment_removals where proposal_id = ${proposal} returning 1
					`
				)
			).resolves.toHaveLength(0);
			// Nor does a reviewer take themselves off by hand (the assignments' own policy).
			expect(await trackDb.unassign(who, proposal, other!.id)).toBe(false);
		}
		expect(await removals(admin)).toHaveLength(1);
		await expect(
			withUser(
				admin,
				(sql) => sql`update public.track_assignment_removals set removed_by = null returning 1`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});
