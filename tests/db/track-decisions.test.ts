/**
 * The committee's decisions under each role's RLS (supabase/migrations/20261221000100_track_decisions.sql
 * through src/lib/server/db/track-decisions.ts and the sending of src/lib/server/track/decisions.ts):
 * only admins decide, only from the decisions phase's start, only a proposal in review; the merge
 * rules; nobody but admins reads a decision before it is sent, the proposers after; sending sends
 * each decision once (also two sends at once), to the lead and the accepted co-proposers, each in
 * their language, with the reviewers' comments to proposers and never the committee's words or a
 * reviewer's name; only the proposers of a sent acceptance confirm or decline it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import * as decisions from '$lib/server/db/track-decisions';
import { sendDecisions } from '$lib/server/track/decisions';
import { asAdmin, createPerson, setProfile, type Person } from './factories';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.now() + days * DAY);
const ORIGIN = 'https://commons.test';

let admin: Claims;
let lead: Person;
let co: Person;
let asked: Person;
let reviewer: Person;
let member: Person;
let cycle: string;
let later: string;
let other: string;

/** A cycle whose decisions phase starts `decisionsFrom` days from now. */
async function newCycle(slug: string, decisionsFrom: number) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values (${slug}, ${`Cycle ${slug}`}, 'Pacific/Tongatapu') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at, reviewers_may_review)
			values (${row!.id}, 'call', ${at(decisionsFrom - 60)}, ${at(decisionsFrom - 40)}, false),
			       (${row!.id}, 'review', ${at(decisionsFrom - 40)}, ${at(decisionsFrom)}, true),
			       (${row!.id}, 'decisions', ${at(decisionsFrom)}, ${at(decisionsFrom + 20)}, false)
		`;
		return row!.id;
	});
}

async function proposal(cycleId: string, title: string, status = 'submitted', by: Person = lead) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycleId,
				proposer_id: by.id,
				title,
				status,
				submitted_at: status === 'draft' ? null : new Date(),
				withdrawn_at: status === 'withdrawn' ? new Date() : null,
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'Who keeps the island’s exchange running?',
				description: 'A workshop.',
				expected_outcomes: 'A plan.',
				interaction: 'Groups.',
				target_audience: 'Trainers.',
				languages: ['en'],
				screening_reason: status === 'screened_out' ? 'Two speakers only.' : null,
				screened_at: status === 'screened_out' ? new Date() : null
			})}
			returning id
		`;
		return row!.id;
	});
}

const decide = (
	who: Claims,
	id: string,
	decision: decisions.DecideValues['decision'],
	merged_into: string | null = null,
	note: string | null = null
) => decisions.decide(who, id, { decision, merged_into, note });

const statusOf = (id: string) =>
	asService(async (sql) => {
		const [row] = await sql<
			{ status: string }[]
		>`select status from public.track_proposals where id = ${id}`;
		return row!.status;
	});

/** What a person reads of the decisions table itself. */
const readsDecisions = (who: Claims, ids: string[]) =>
	withUser(
		who,
		(sql) => sql<{ proposal_id: string }[]>`
			select proposal_id from public.track_decisions where proposal_id = any(${sql.array(ids)}::uuid[])
		`
	);

const mailsTo = (email: string) =>
	asService(
		(sql) => sql<{ subject: string; text: string; html: string }[]>`
			select subject, text, html from public.mail_outbox
			where recipient = ${email} and kind = 'track_decision' order by created_at, id
		`
	);

const noticesOf = (person: Person) =>
	asService(
		(sql) => sql<{ payload: { proposal_id: string; decision: string } }[]>`
			select payload from public.notifications where recipient_id = ${person.id} and kind = 'track_decision'
		`
	);

let accepted: string;
let waitlisted: string;
let rejected: string;
let joins: string;
let joined: string;
let draft: string;
let withdrawn: string;
let screened: string;
let elsewhere: string;
let notYet: string;

beforeAll(async () => {
	const [adminPerson, ...rest] = await Promise.all([
		createPerson(),
		createPerson({ displayName: 'Sione Lead' }),
		createPerson({ displayName: 'Lucía Coproponente' }),
		createPerson({ displayName: 'Still Asked' }),
		createPerson({ displayName: 'Rhea Reviewer-Name' }),
		createPerson()
	]);
	[lead, co, asked, reviewer, member] = rest as [Person, Person, Person, Person, Person];
	admin = await asAdmin(adminPerson!);
	await setProfile(co.id, { locale: 'es' });
	await setProfile(lead.id, { locale: 'en' });
	cycle = await newCycle('decisions-now', -2);
	later = await newCycle('decisions-later', 5);
	other = await newCycle('decisions-other', -2);
	accepted = await proposal(cycle, 'Island schools share trainers');
	waitlisted = await proposal(cycle, 'Pacific cables and who pays');
	rejected = await proposal(cycle, 'A session nobody needs');
	joins = await proposal(cycle, 'Small islands, small registries');
	joined = await proposal(cycle, 'Registries in the Pacific');
	draft = await proposal(cycle, 'A draft', 'draft');
	withdrawn = await proposal(cycle, 'Withdrawn', 'withdrawn');
	screened = await proposal(cycle, 'Screened out', 'screened_out');
	elsewhere = await proposal(other, 'In another cycle');
	notYet = await proposal(later, 'Too early to decide');
	await asService(async (sql) => {
		await sql`
			insert into public.track_co_proposers (proposal_id, profile_id, status)
			values (${accepted}, ${co.id}, 'accepted'), (${accepted}, ${asked.id}, 'invited')
		`;
		await sql`insert into public.track_reviewers (cycle_id, profile_id, status) values (${cycle}, ${reviewer.id}, 'accepted')`;
		await sql`insert into public.track_assignments (proposal_id, reviewer_id) values (${accepted}, ${reviewer.id})`;
		const [review] = await sql<{ id: string }[]>`
			insert into public.track_reviews (proposal_id, reviewer_id, comment_to_proposers, comment_to_committee)
			values (${accepted}, ${reviewer.id}, 'The policy question is clear and timely.',
			        'COMMITTEE ONLY: the moderator is my cousin.')
			returning id
		`;
		await sql`
			insert into public.track_review_scores (review_id, criterion_id, score)
			select ${review!.id}, c.id, 1 from public.track_criteria c where c.cycle_id = ${cycle}
		`;
		await sql`update public.track_reviews set state = 'submitted', submitted_at = now() where id = ${review!.id}`;
	});
});

describe('who decides', () => {
	it.each([
		['the proposer', () => lead.claims],
		['a reviewer', () => reviewer.claims],
		['another member', () => member.claims]
	])('%s may not decide', async (_, who) => {
		await expect(
			withUser(
				who(),
				(sql) => sql`
					insert into public.track_decisions (proposal_id, decision) values (${waitlisted}, 'accepted')
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(decide(who(), waitlisted, 'accepted')).rejects.toMatchObject({ code: '42501' });
		expect(await readsDecisions(admin, [waitlisted])).toEqual([]);
	});

	it('an admin decides, changes and takes back a decision before it is sent', async () => {
		expect(await decide(admin, rejected, 'accepted')).toBe('done');
		expect(await decide(admin, rejected, 'rejected', null, 'Out of the track’s scope.')).toBe(
			'done'
		);
		const [row] = await asService(
			(sql) => sql<{ decision: string; cycle_id: string; decided_by: string; note: string }[]>`
				select decision, cycle_id, decided_by, note from public.track_decisions where proposal_id = ${rejected}
			`
		);
		expect(row).toMatchObject({ decision: 'rejected', cycle_id: cycle, decided_by: admin.sub });
		expect(await decisions.remove(admin, rejected)).toBe(true);
		expect(await readsDecisions(admin, [rejected])).toEqual([]);
		// Nobody else changes or takes back an admin's decision: RLS hides the row from them.
		expect(await decide(admin, rejected, 'rejected')).toBe('done');
		for (const who of [lead, reviewer, member]) {
			const changed = await withUser(
				who.claims,
				(sql) =>
					sql`update public.track_decisions set decision = 'accepted' where proposal_id = ${rejected} returning 1`
			);
			expect(changed).toHaveLength(0);
			expect(await decisions.remove(who.claims, rejected)).toBe(false);
		}
		expect(await readsDecisions(admin, [rejected])).toHaveLength(1);
	});

	it('not before the decisions phase starts', async () => {
		expect(await decide(admin, notYet, 'accepted')).toBe('closed');
	});

	it('only a proposal in review', async () => {
		for (const id of [draft, withdrawn, screened]) {
			expect(await decide(admin, id, 'accepted')).toBe('not-decidable');
		}
	});
});

describe('merging', () => {
	it('never into itself, another cycle, a proposal not in review or one merged or rejected', async () => {
		expect(await decide(admin, joins, 'merged', joins)).toBe('bad-merge');
		expect(await decide(admin, joins, 'merged', elsewhere)).toBe('bad-merge');
		expect(await decide(admin, joins, 'merged', withdrawn)).toBe('bad-merge');
		expect(await decide(admin, joins, 'merged', draft)).toBe('bad-merge');
		expect(await decide(admin, joins, 'merged', rejected)).toBe('bad-merge');
	});

	it('points at the proposal it joins; no chains', async () => {
		expect(
			await decide(admin, joins, 'merged', joined, 'Please combine with the registries session.')
		).toBe('done');
		const rows = await decisions.list(admin, cycle);
		expect(rows.find((r) => r.proposal_id === joins)).toMatchObject({
			decision: 'merged',
			merged_into: joined,
			merged_into_title: 'Registries in the Pacific'
		});
		// Into a merged one, or the joined one merged or rejected while another points at it.
		expect(await decide(admin, waitlisted, 'merged', joins)).toBe('bad-merge');
		expect(await decide(admin, joined, 'merged', accepted)).toBe('bad-merge');
		expect(await decide(admin, joined, 'rejected')).toBe('bad-merge');
		expect(await decide(admin, joined, 'accepted')).toBe('done');
		// A merge becomes another decision, and merged_into goes with it.
		expect(await decide(admin, waitlisted, 'merged', joined)).toBe('done');
		expect(await decide(admin, waitlisted, 'waitlisted')).toBe('done');
		const [row] = await asService(
			(sql) => sql`select merged_into from public.track_decisions where proposal_id = ${waitlisted}`
		);
		expect(row!.merged_into).toBeNull();
	});
});

describe('sending and who sees a decision when', () => {
	it('before sending only admins read a decision, and the proposal stays in review', async () => {
		expect(await decide(admin, accepted, 'accepted', null, 'Bring the Tongan trainers too.')).toBe(
			'done'
		);
		for (const who of [lead, co, asked, reviewer, member]) {
			expect(await readsDecisions(who.claims, [accepted, joins, waitlisted])).toEqual([]);
			expect(await decisions.ofProposal(who.claims, accepted)).toBeNull();
		}
		expect(await decisions.ofProposal(admin, accepted)).toMatchObject({
			decision: 'accepted',
			sent_at: null
		});
		expect(await statusOf(accepted)).toBe('submitted');
		expect(await noticesOf(lead)).toEqual([]);
		// An acceptance not sent is not answered.
		expect(await decisions.answer(lead.claims, accepted, 'confirmed')).toBe('refused');
	});

	it('nobody sends but admins', async () => {
		for (const who of [lead, reviewer, member]) {
			expect(await sendDecisions(who.claims, cycle, ORIGIN)).toBe(0);
		}
		expect((await decisions.sendingState(admin, cycle)).sent).toBe(0);
	});

	it('sends each decision once, to the lead and the accepted co-proposers, in their languages', async () => {
		const state = await decisions.sendingState(admin, cycle);
		expect(state.unsent).toBe(5);
		// Two sends at once: each decision goes out once.
		const counts = await Promise.all([
			sendDecisions(admin, cycle, ORIGIN),
			sendDecisions(admin, cycle, ORIGIN)
		]);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
		expect(await sendDecisions(admin, cycle, ORIGIN)).toBe(0);

		expect(await statusOf(accepted)).toBe('accepted');
		expect(await statusOf(waitlisted)).toBe('waitlisted');
		expect(await statusOf(rejected)).toBe('rejected');
		expect(await statusOf(joins)).toBe('merged');

		const leadMails = await mailsTo(lead.email);
		expect(leadMails).toHaveLength(5);
		const [spanish, ...more] = await mailsTo(co.email);
		expect(more).toEqual([]);
		expect(await mailsTo(asked.email)).toEqual([]);
		expect(spanish!.subject).toBe('La decisión del comité sobre «Island schools share trainers»');
		expect(spanish!.text).toContain('aceptó su propuesta');
		expect(spanish!.html).toContain('lang="es"');
		const english = leadMails.find((m) => m.subject.includes('Island schools'))!;
		expect(english.text).toContain('accepted your proposal');
		for (const mail of [english, spanish!]) {
			expect(mail.text).toContain('Bring the Tongan trainers too.');
			expect(mail.text).toContain('The policy question is clear and timely.');
			expect(mail.text).toContain(`${ORIGIN}/`);
			for (const secret of ['COMMITTEE ONLY', 'Rhea Reviewer-Name']) {
				expect(mail.text).not.toContain(secret);
				expect(mail.html).not.toContain(secret);
			}
		}
		const merged = leadMails.find((m) => m.subject.includes('Small islands'))!;
		expect(merged.text).toContain('“Registries in the Pacific”');
		// The proposers of the one it joins are told who joins their session.
		const joinedMail = leadMails.find((m) => m.subject.includes('Registries in the Pacific'))!;
		expect(joinedMail.text).toContain('merged “Small islands, small registries” into it');

		expect((await noticesOf(lead)).map((n) => n.payload.decision).sort()).toEqual([
			'accepted',
			'accepted',
			'merged',
			'rejected',
			'waitlisted'
		]);
		expect((await noticesOf(co)).map((n) => n.payload.proposal_id)).toEqual([accepted]);
		expect(await noticesOf(asked)).toEqual([]);
		expect(await noticesOf(reviewer)).toEqual([]);
	});

	it('once sent the proposers read their decision and note; reviewers and others never', async () => {
		for (const who of [lead, co]) {
			expect(await decisions.ofProposal(who.claims, accepted)).toMatchObject({
				decision: 'accepted',
				note: 'Bring the Tongan trainers too.',
				answer: null
			});
		}
		expect(await decisions.ofProposal(lead.claims, joins)).toMatchObject({
			decision: 'merged',
			merged_into_title: 'Registries in the Pacific'
		});
		for (const who of [asked, reviewer, member]) {
			expect(await readsDecisions(who.claims, [accepted, joins, waitlisted, rejected])).toEqual([]);
			expect(await decisions.ofProposal(who.claims, accepted)).toBeNull();
			expect(
				await withUser(
					who.claims,
					(sql) => sql`select private.track_merge_target_title(${joins}) as t`
				)
			).toEqual([{ t: null }]);
		}
	});

	it('a sent decision stays as it was', async () => {
		expect(await decide(admin, accepted, 'rejected')).toBe('sent');
		expect(await decisions.remove(admin, accepted)).toBe(false);
		await expect(
			withUser(
				admin,
				(sql) =>
					sql`update public.track_decisions set sent_at = null where proposal_id = ${accepted}`
			)
		).resolves.toHaveLength(0);
		expect((await decisions.ofProposal(admin, accepted))!.decision).toBe('accepted');
		// Its proposal is not decided again by hand either.
		await expect(
			withUser(
				admin,
				(sql) => sql`update public.track_proposals set status = 'rejected' where id = ${accepted}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('a decision on a proposal withdrawn before sending stays unsent', async () => {
		const late = await proposal(cycle, 'Withdrawn after the decision');
		expect(await decide(admin, late, 'accepted')).toBe('done');
		await withUser(
			lead.claims,
			(sql) => sql`update public.track_proposals set status = 'withdrawn' where id = ${late}`
		);
		expect(await sendDecisions(admin, cycle, ORIGIN)).toBe(0);
		expect(await statusOf(late)).toBe('withdrawn');
		expect(await noticesOf(lead)).toHaveLength(5);
	});
});

describe('confirming an acceptance', () => {
	it('only its proposers, only a sent acceptance', async () => {
		for (const who of [reviewer, member, asked]) {
			expect(await decisions.answer(who.claims, accepted, 'confirmed')).toBe('refused');
		}
		expect(await decisions.answer(admin, accepted, 'confirmed')).toBe('refused');
		expect(await decisions.answer(lead.claims, waitlisted, 'confirmed')).toBe('refused');
		expect(await decisions.answer(lead.claims, rejected, 'confirmed')).toBe('refused');
		expect(
			(await decisions.list(admin, cycle)).find((r) => r.proposal_id === accepted)!.answer
		).toBeNull();
	});

	it('the proposers confirm, may still decline, and a decline is final', async () => {
		expect(await decisions.answer(co.claims, accepted, 'confirmed')).toBe('done');
		const row = (await decisions.list(admin, cycle)).find((r) => r.proposal_id === accepted)!;
		expect(row.answer).toBe('confirmed');
		const [by] = await asService(
			(sql) =>
				sql`select answered_by from public.track_confirmations where proposal_id = ${accepted}`
		);
		expect(by!.answered_by).toBe(co.id);
		expect(await decisions.answer(lead.claims, accepted, 'declined')).toBe('done');
		expect(await decisions.answer(lead.claims, accepted, 'confirmed')).toBe('final');
		expect((await decisions.ofProposal(lead.claims, accepted))!.answer).toBe('declined');
		// The admins are told of each answer, who gave it, and a repeat is not news.
		const told = await asService(
			(sql) => sql<{ answer: string; person_name: string }[]>`
				select payload ->> 'answer' as answer, payload ->> 'person_name' as person_name
				from public.notifications
				where recipient_id = ${admin.sub} and kind = 'track_answer'
				  and payload ->> 'proposal_id' = ${accepted}
				order by created_at, id
			`
		);
		expect(told).toEqual([
			{ answer: 'confirmed', person_name: 'Lucía Coproponente' },
			{ answer: 'declined', person_name: 'Sione Lead' }
		]);
		const toProposers = await asService(
			(sql) => sql`
				select 1 from public.notifications
				where recipient_id in (${lead.id}, ${co.id}) and kind = 'track_answer'
			`
		);
		expect(toProposers).toEqual([]);
		// Others never read the answer.
		for (const who of [reviewer, member]) {
			expect(
				await withUser(
					who.claims,
					(sql) => sql`select 1 from public.track_confirmations where proposal_id = ${accepted}`
				)
			).toEqual([]);
		}
	});
});
