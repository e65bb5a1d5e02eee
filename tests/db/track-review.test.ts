/**
 * The track's reviewers and their conflicts: who invites (admins only), who answers (the person,
 * once, and is told), who reads the reviewers and the conflicts, the conflicts the database sees
 * (own or co-proposed proposal, speaking in it, the organisation of a proposer or a speaker) and
 * declared ones, and what a reviewer reads of the proposals: never one they have a conflict
 * with, never who proposes or speaks in it.
 */
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import * as trackDb from '$lib/server/db/track';
import { asAdmin, createPerson, type Person } from './factories';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);

let admin: Claims;
let cycle: string;
let lead: Person;
let coProposer: Person;
let speakerMember: Person;
let colleague: Person;
let speakerColleague: Person;
let free: Person;
let declarer: Person;
let outsider: Person;
let proposal: string;
let other: string;

const handleOf = (person: Person) =>
	asService(async (sql) => {
		const [row] = await sql<
			{ handle: string }[]
		>`select handle from public.profiles where id = ${person.id}`;
		return row!.handle;
	});

const as = <T>(person: Person | 'admin', fn: (sql: postgres.TransactionSql) => Promise<T>) =>
	withUser(person === 'admin' ? admin : person.claims, fn);

async function proposalBy(proposer: Person, title: string) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycle,
				proposer_id: proposer.id,
				title,
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
		return row!.id;
	});
}

beforeAll(async () => {
	const [adminPerson, ...rest] = await Promise.all([
		createPerson(),
		createPerson({ displayName: 'Zanele Proposer' }),
		createPerson({ displayName: 'Yusuf Coproposer' }),
		createPerson({ displayName: 'Xiadani Speaker' }),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	[lead, coProposer, speakerMember, colleague, speakerColleague, free, declarer, outsider] =
		rest as [Person, Person, Person, Person, Person, Person, Person, Person];
	admin = await asAdmin(adminPerson);
	cycle = await asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values ('review-test', 'Review test', 'Africa/Nairobi') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at, proposers_may_edit)
			values (${row!.id}, 'call', ${at(-30)}, ${at(-10)}, true),
			       (${row!.id}, 'review', ${at(-10)}, ${at(10)}, false)
		`;
		return row!.id;
	});
	proposal = await proposalBy(lead, 'Reaching rural learners');
	other = await proposalBy(outsider, 'Open data for parliaments');
	await asService(async (sql) => {
		await sql`
			insert into public.track_co_proposers (proposal_id, profile_id, status)
			values (${proposal}, ${coProposer.id}, 'accepted')
		`;
		await sql`
			insert into public.track_speakers (proposal_id, name, organisation, profile_id, confirmed)
			values (${proposal}, 'Xiadani Speaker', 'Baobab School', ${speakerMember.id}, true),
			       (${proposal}, 'Wen Outside', '  Kigali Policy Lab ', null, true)
		`;
		await sql`update public.profiles set current_organisation = 'Monsoon Institute' where id = ${lead.id}`;
		await sql`update public.profiles set current_organisation = 'monsoon institute' where id = ${colleague.id}`;
		await sql`update public.profiles set current_organisation = 'Kigali Policy Lab' where id = ${speakerColleague.id}`;
		await sql`update public.profiles set current_organisation = 'Elsewhere' where id = ${free.id}`;
	});
	for (const person of [
		lead,
		coProposer,
		speakerMember,
		colleague,
		speakerColleague,
		free,
		declarer
	]) {
		expect(await trackDb.inviteReviewer(admin, cycle, await handleOf(person))).toBe(true);
		expect(await trackDb.answerReviewing(person.claims, cycle, 'accepted')).toBe(true);
	}
});

describe('inviting and answering', () => {
	it('only admins invite; an unknown handle invites no one', async () => {
		await expect(
			trackDb.inviteReviewer(free.claims, cycle, await handleOf(outsider))
		).rejects.toThrow(/row-level security/);
		expect(await trackDb.inviteReviewer(admin, cycle, 'no-such-handle-anywhere')).toBe(false);
	});

	it('the invited person is told, answers once, and reads only their own row', async () => {
		expect(await trackDb.inviteReviewer(admin, cycle, await handleOf(outsider))).toBe(true);
		const told = await asService(
			(sql) => sql<{ payload: { cycle_slug: string } }[]>`
				select payload from public.notifications
				where recipient_id = ${outsider.id} and kind = 'track_reviewer_invited'
			`
		);
		expect(told.map((n) => n.payload.cycle_slug)).toEqual(['review-test']);
		expect(await trackDb.myReviewing(outsider.claims, cycle)).toMatchObject({ status: 'invited' });
		expect(await trackDb.answerReviewing(outsider.claims, cycle, 'declined')).toBe(true);
		expect(await trackDb.answerReviewing(outsider.claims, cycle, 'accepted')).toBe(false);
		await expect(
			as(
				outsider,
				(sql) =>
					sql`update public.track_reviewers set status = 'accepted' where profile_id = ${outsider.id}`
			)
		).rejects.toThrow(/answers once/);
		expect((await trackDb.reviewers(outsider.claims, cycle)).map((r) => r.profile_id)).toEqual([
			outsider.id
		]);
		expect((await trackDb.reviewers(admin, cycle)).length).toBe(8);
	});

	it('a reviewer sets their topics, not someone else’s; no one but admins removes a reviewer', async () => {
		expect(await trackDb.setReviewerTopics(free.claims, cycle, ['cybersecurity'])).toBe(true);
		const changed = await as(
			free,
			(sql) =>
				sql`update public.track_reviewers set topics = '{}' where profile_id = ${declarer.id} returning 1`
		);
		expect(changed.length).toBe(0);
		const removed = await as(
			free,
			(sql) => sql`delete from public.track_reviewers where profile_id = ${declarer.id} returning 1`
		);
		expect(removed.length).toBe(0);
		expect((await trackDb.myReviewing(free.claims, cycle))?.topics).toEqual(['cybersecurity']);
	});
});

describe('conflicts', () => {
	it('the database sees proposing, co-proposing, speaking and a shared organisation', async () => {
		const pairs = await trackDb.conflictsOf(admin, cycle);
		const onProposal = pairs.filter((p) => p.proposal_id === proposal).map((p) => p.reviewer_id);
		expect(new Set(onProposal)).toEqual(
			new Set([lead.id, coProposer.id, speakerMember.id, colleague.id, speakerColleague.id])
		);
		expect(pairs.some((p) => p.reviewer_id === free.id)).toBe(false);
	});

	it('only admins read the pairs', async () => {
		expect(await trackDb.conflictsOf(free.claims, cycle)).toEqual([]);
	});

	it('a reviewer declares a conflict; a non-reviewer may not', async () => {
		expect((await trackDb.reviewerProposals(declarer.claims, cycle)).map((p) => p.id)).toContain(
			other
		);
		await trackDb.declareConflict(declarer.claims, other, 'I advise this parliament');
		expect(
			(await trackDb.reviewerProposals(declarer.claims, cycle)).map((p) => p.id)
		).not.toContain(other);
		expect(
			(await trackDb.conflictsOf(admin, cycle)).find(
				(p) => p.reviewer_id === declarer.id && p.proposal_id === other
			)
		).toMatchObject({ declared: true });
		await expect(trackDb.declareConflict(outsider.claims, proposal, null)).rejects.toThrow(
			/row-level security/
		);
		const seen = await as(declarer, (sql) => sql`select proposal_id from public.track_conflicts`);
		expect(seen.length).toBe(1);
		expect(await as(free, (sql) => sql`select proposal_id from public.track_conflicts`)).toEqual(
			[]
		);
	});
});

describe('what reviewers read of proposals', () => {
	it.each([
		['the lead', () => lead],
		['a co-proposer', () => coProposer],
		['a speaker', () => speakerMember],
		['a proposer’s colleague', () => colleague],
		['a speaker’s colleague', () => speakerColleague]
	])('%s, in conflict, never reads the proposal as a reviewer', async (_, who) => {
		const ids = (await trackDb.reviewerProposals(who().claims, cycle)).map((p) => p.id);
		expect(ids).not.toContain(proposal);
	});

	it('a reviewer with no conflict reads the proposal, without any name or organisation', async () => {
		const rows = await trackDb.reviewerProposals(free.claims, cycle);
		expect(rows.map((p) => p.id)).toEqual(expect.arrayContaining([proposal, other]));
		const text = JSON.stringify(rows);
		for (const word of [
			'Zanele',
			'Yusuf',
			'Xiadani',
			'Wen Outside',
			'Baobab',
			'Kigali',
			'Monsoon',
			lead.id
		]) {
			expect(text).not.toContain(word);
		}
	});

	it('reviewers still do not read the proposals table, nor its speakers', async () => {
		expect(
			await as(free, (sql) => sql`select id from public.track_proposals where cycle_id = ${cycle}`)
		).toEqual([]);
		expect(
			await as(
				free,
				(sql) => sql`select id from public.track_speakers where proposal_id = ${proposal}`
			)
		).toEqual([]);
	});

	it('someone invited but not accepted, or who declined, reads nothing', async () => {
		expect(await trackDb.reviewerProposals(outsider.claims, cycle)).toEqual([]);
	});
});

describe('assignments', () => {
	it('only admins run the assignment; it never gives a conflict; a reviewer reads only theirs', async () => {
		// Anyone else reads no proposals and writes no rows: the run does nothing.
		expect(await trackDb.runAssignment(free.claims, cycle, 2)).toEqual({ short: 0, assigned: 0 });
		expect(await trackDb.assignments(admin, cycle)).toEqual([]);
		const { short } = await trackDb.runAssignment(admin, cycle, 2);
		expect(short).toBe(0);
		const rows = await trackDb.assignments(admin, cycle);
		const conflicts = await trackDb.conflictsOf(admin, cycle);
		const inConflict = new Set(conflicts.map((c) => `${c.reviewer_id}:${c.proposal_id}`));
		expect(rows.length).toBe(4);
		for (const row of rows) {
			expect(inConflict.has(`${row.reviewer_id}:${row.proposal_id}`)).toBe(false);
		}
		const mine = await trackDb.assignments(free.claims, cycle);
		expect(mine.every((r) => r.reviewer_id === free.id)).toBe(true);
	});

	it('the database refuses a pair in conflict, or someone who does not review, even from the service', async () => {
		await expect(trackDb.assignByHand(admin, proposal, lead.id)).rejects.toThrow(/conflict/);
		await expect(trackDb.assignByHand(admin, proposal, outsider.id)).rejects.toThrow(
			/does not review/
		);
		await expect(
			asService(
				(sql) =>
					sql`insert into public.track_assignments (proposal_id, reviewer_id) values (${proposal}, ${colleague.id})`
			)
		).rejects.toThrow(/conflict/);
		await expect(trackDb.assignByHand(free.claims, other, free.id)).rejects.toThrow(
			/row-level security/
		);
	});

	it('a hand-made assignment is kept by a re-run; a reviewer may not remove one', async () => {
		const idle = free;
		await trackDb.assignByHand(admin, proposal, idle.id);
		await trackDb.runAssignment(admin, cycle, 1);
		const after = await trackDb.assignments(admin, cycle);
		expect(after).toContainEqual({ proposal_id: proposal, reviewer_id: idle.id, by_hand: true });
		expect(after.filter((r) => r.proposal_id === proposal).length).toBe(1);
		expect(await trackDb.unassign(idle.claims, proposal, idle.id)).toBe(false);
		expect(await trackDb.unassign(admin, proposal, idle.id)).toBe(true);
	});
});
