/**
 * A sent "waitlisted" decision raised to "accepted" when a seat frees
 * (supabase/migrations/20261229000100_track_decision_raised.sql through
 * src/lib/server/db/track-decisions.ts): only admins raise, only a sent waitlisted decision, only
 * once; the raised decision waits for Send, is neither changed again nor taken back, and sending
 * it makes the proposal accepted and tells its proposers again, in their language; every other
 * change to a sent decision stays refused.
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
let member: Person;
let cycle: string;
let waitlisted: string;
let rejected: string;
let accepted: string;

async function proposal(title: string) {
	return asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_proposals ${sql({
				cycle_id: cycle,
				proposer_id: lead.id,
				title,
				status: 'submitted',
				submitted_at: new Date(),
				format: 'workshop',
				duration_minutes: 60,
				policy_questions: 'Who keeps the island’s exchange running?',
				description: 'A workshop.',
				expected_outcomes: 'A plan.',
				interaction: 'Groups.',
				target_audience: 'Trainers.',
				languages: ['en']
			})}
			returning id
		`;
		return row!.id;
	});
}

const decisionOf = (id: string) =>
	asService(async (sql) => {
		const [row] = await sql<
			{ decision: string; note: string | null; sent_at: Date | null; raised_at: Date | null }[]
		>`select decision, note, sent_at, raised_at from public.track_decisions where proposal_id = ${id}`;
		return row!;
	});

const statusOf = (id: string) =>
	asService(async (sql) => {
		const [row] = await sql<
			{ status: string }[]
		>`select status from public.track_proposals where id = ${id}`;
		return row!.status;
	});

const noticesAbout = (person: Person, id: string) =>
	asService(
		(sql) => sql<{ payload: { decision: string } }[]>`
			select payload from public.notifications
			where recipient_id = ${person.id} and kind = 'track_decision' and payload ->> 'proposal_id' = ${id}
			order by created_at, id
		`
	);

const mailsTo = (email: string) =>
	asService(
		(sql) => sql<{ subject: string; text: string }[]>`
			select subject, text from public.mail_outbox
			where recipient = ${email} and kind = 'track_decision' order by created_at, id
		`
	);

/** A bare update as a person, as a form could not make it: what the database itself allows. */
const update = (who: Claims, id: string, set: 'accepted' | 'rejected' | 'waitlisted') =>
	withUser(
		who,
		(sql) => sql`
			update public.track_decisions set decision = ${set} where proposal_id = ${id} returning proposal_id
		`
	);

beforeAll(async () => {
	const [adminPerson, ...rest] = await Promise.all([
		createPerson(),
		createPerson({ displayName: 'Sione Lead' }),
		createPerson({ displayName: 'Lucía Coproponente' }),
		createPerson()
	]);
	[lead, co, member] = rest as [Person, Person, Person];
	admin = await asAdmin(adminPerson!);
	await setProfile(co.id, { locale: 'es' });
	await setProfile(lead.id, { locale: 'en' });
	cycle = await asService(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.track_cycles (slug, title, time_zone)
			values ('raised-cycle', 'Raised cycle', 'Pacific/Tongatapu') returning id
		`;
		await sql`
			insert into public.track_phases (cycle_id, kind, starts_at, ends_at)
			values (${row!.id}, 'call', ${at(-60)}, ${at(-40)}),
			       (${row!.id}, 'decisions', ${at(-2)}, ${at(20)})
		`;
		return row!.id;
	});
	waitlisted = await proposal('Pacific cables and who pays');
	rejected = await proposal('A session nobody needs');
	accepted = await proposal('Island schools share trainers');
	await asService(
		(sql) => sql`
			insert into public.track_co_proposers (proposal_id, profile_id, status)
			values (${waitlisted}, ${co.id}, 'accepted')
		`
	);
	for (const [id, decision] of [
		[waitlisted, 'waitlisted'],
		[rejected, 'rejected'],
		[accepted, 'accepted']
	] as const) {
		expect(await decisions.decide(admin, id, { decision, merged_into: null, note: null })).toBe(
			'done'
		);
	}
	expect(await sendDecisions(admin, cycle, ORIGIN)).toBe(3);
	expect(await statusOf(waitlisted)).toBe('waitlisted');
});

describe('raising a waitlisted decision', () => {
	it('nobody but an admin raises it', async () => {
		for (const who of [lead.claims, co.claims, member.claims]) {
			expect(await decisions.raise(who, waitlisted, null)).toBe('not-raisable');
			await expect(update(who, waitlisted, 'accepted')).resolves.toHaveLength(0);
		}
		expect(await decisionOf(waitlisted)).toMatchObject({ decision: 'waitlisted', raised_at: null });
	});

	it('only a sent waitlisted decision, and only to accepted', async () => {
		expect(await decisions.raise(admin, rejected, null)).toBe('not-raisable');
		expect(await decisions.raise(admin, accepted, null)).toBe('not-raisable');
		await expect(update(admin, waitlisted, 'rejected')).rejects.toMatchObject({ code: 'CC114' });
		// Another sent decision is not the admins' to change at all (RLS: it is not there to update).
		await expect(update(admin, rejected, 'accepted')).resolves.toHaveLength(0);
		expect(await decisionOf(rejected)).toMatchObject({ decision: 'rejected', raised_at: null });
		expect(await decisionOf(waitlisted)).toMatchObject({ decision: 'waitlisted', raised_at: null });
	});

	it('an admin raises it once: it waits for Send, changes no more and is not taken back', async () => {
		const note = 'A seat is free: welcome to the track.';
		expect(await decisions.raise(admin, waitlisted, note)).toBe('done');
		const raised = await decisionOf(waitlisted);
		expect(raised).toMatchObject({ decision: 'accepted', note, sent_at: null });
		expect(raised.raised_at).toBeInstanceOf(Date);
		// Not sent yet: the proposal is still on the waiting list, and its proposers read nothing new.
		expect(await statusOf(waitlisted)).toBe('waitlisted');
		expect(await decisions.ofProposal(lead.claims, waitlisted)).toBeNull();
		expect((await decisions.sendingState(admin, cycle)).unsent).toBe(1);

		expect(await decisions.raise(admin, waitlisted, null)).toBe('not-raisable');
		await expect(update(admin, waitlisted, 'waitlisted')).rejects.toMatchObject({
			code: 'CC114'
		});
		expect(
			await decisions.decide(admin, waitlisted, {
				decision: 'rejected',
				merged_into: null,
				note: null
			})
		).not.toBe('done');
		expect(await decisions.remove(admin, waitlisted)).toBe(false);
		expect(await decisionOf(waitlisted)).toMatchObject({ decision: 'accepted', sent_at: null });
	});

	it('sending it accepts the proposal and tells its proposers again, each in their language', async () => {
		expect(await sendDecisions(admin, cycle, ORIGIN)).toBe(1);
		expect(await sendDecisions(admin, cycle, ORIGIN)).toBe(0);
		expect(await statusOf(waitlisted)).toBe('accepted');
		expect((await decisionOf(waitlisted)).sent_at).toBeInstanceOf(Date);
		expect((await decisions.ofProposal(lead.claims, waitlisted))?.decision).toBe('accepted');
		for (const person of [lead, co]) {
			expect((await noticesAbout(person, waitlisted)).map((n) => n.payload.decision)).toEqual([
				'waitlisted',
				'accepted'
			]);
		}
		const about = (mails: { text: string }[]) =>
			mails.filter((mail) => mail.text.includes('Pacific cables and who pays'));
		const [, leadMail] = about(await mailsTo(lead.email));
		expect(leadMail?.text).toContain('accepted your proposal');
		expect(leadMail?.text).toContain('A seat is free: welcome to the track.');
		const [, coMail] = about(await mailsTo(co.email));
		expect(coMail?.text).toContain('aceptó');
		// Raised once: accepted and sent, it stays as it is.
		expect(await decisions.raise(admin, waitlisted, null)).toBe('not-raisable');
		await expect(update(admin, waitlisted, 'rejected')).resolves.toHaveLength(0);
		expect(await decisionOf(waitlisted)).toMatchObject({ decision: 'accepted' });
	});

	it('its proposers may confirm it like any sent acceptance', async () => {
		expect(await decisions.answer(lead.claims, waitlisted, 'confirmed')).toBe('done');
		const [row] = await asService(
			(sql) => sql<{ answer: string }[]>`
				select answer from public.track_confirmations where proposal_id = ${waitlisted}
			`
		);
		expect(row?.answer).toBe('confirmed');
	});
});
