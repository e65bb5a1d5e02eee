/**
 * What is sent about events, through the job any instance may run: who gets an announcement (the
 * organising programme's verified members who did not turn it off; not someone who left, not an
 * outsider), each in their own language; updates and cancellation notices to the people who
 * answered; reminders a day and an hour before to the people going, as each chose. Idempotent:
 * a retried run or two instances at once send nobody anything twice. The settings are each
 * person's own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as eventMessages from '$lib/server/db/event-messages';
import * as eventsDb from '$lib/server/db/events';
import { runEventMessages } from '$lib/server/events/messages';
import { editEventSchema } from '$lib/schemas/events';
import {
	addMembership,
	createEvent,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

const ORIGIN = 'https://commons.test';
let school: Programme;
let organiser: Person, french: Person, quiet: Person, left: Person, outsider: Person;

beforeAll(async () => {
	school = await createProgramme('Announcing School');
	[organiser, french, quiet, left, outsider] = await Promise.all([
		createPerson({ displayName: 'Olu Organiser' }),
		createPerson({ displayName: 'Fatou Ndiaye' }),
		createPerson({ displayName: 'Quiet Member' }),
		createPerson({ displayName: 'Left Member' }),
		createPerson({ displayName: 'Outsider' })
	]);
	await Promise.all([
		addMembership(organiser, school, 'coordinator'),
		addMembership(french, school, 'alumnus'),
		addMembership(quiet, school, 'alumnus'),
		addMembership(left, school, 'alumnus')
	]);
	await asService(async (sql) => {
		await sql`update public.profiles set locale = 'fr', time_zone = 'Africa/Dakar' where id = ${french.id}`;
		// Left the programme: the membership is gone.
		await sql`delete from public.memberships where profile_id = ${left.id}`;
	});
	await eventMessages.saveSettings(quiet.claims, {
		announcements: false,
		day_before: true,
		hour_before: true
	});
});

type Sent = { recipient: string; kind: string; subject: string; text: string };

/** What the outbox and the notifications hold about an event, per person. */
const sent = async (eventId: string) =>
	asService(async (sql) => {
		const mails = await sql<Sent[]>`
			select recipient, kind, subject, text from public.mail_outbox
			where text like ${`%/events/${eventId}-%`} order by recipient, kind, created_at
		`;
		const notices = await sql<{ recipient_id: string; kind: string }[]>`
			select recipient_id, kind from public.notifications
			where payload ->> 'event_id' = ${eventId} order by recipient_id, kind
		`;
		return { mails, notices };
	});

const to = (mails: Sent[], kind: string) =>
	mails
		.filter((m) => m.kind === kind)
		.map((m) => m.recipient)
		.sort();

describe('announcements', () => {
	it('an organiser announces once; a member may not', async () => {
		const event = await createEvent(school, { title: 'Atelier sur les réseaux communautaires' });
		await expect(eventMessages.announce(french.claims, event.id)).rejects.toMatchObject({
			code: '42501'
		});
		expect(await eventMessages.announce(organiser.claims, event.id)).toBe(true);
		expect(await eventMessages.announce(organiser.claims, event.id)).toBe(false);
		// Only its organisers read when it was announced.
		expect(await eventMessages.announcement(french.claims, event.id)).toBeNull();
		expect(await eventMessages.announcement(organiser.claims, event.id)).toMatchObject({
			done_at: null
		});
	});

	it('reaches the verified members who want it, each in their language, and no one twice', async () => {
		const event = await createEvent(school, { title: 'Atelier NRI' });
		await eventMessages.announce(organiser.claims, event.id);
		await runEventMessages(ORIGIN);
		const { mails, notices } = await sent(event.id);
		expect(to(mails, 'event_announced')).toEqual([french.email, organiser.email].sort());
		expect(notices.map((n) => n.recipient_id).sort()).toEqual([french.id, organiser.id].sort());
		const hers = mails.find((m) => m.recipient === french.email)!;
		expect(hers.subject).toBe('Nouvel événement : Atelier NRI');
		expect(hers.text).toContain('Bonjour Fatou Ndiaye,');
		expect(hers.text).toContain('Announcing School vous invite à un événement :');
		// Her own clock (Dakar) beside the event's (Zurich), and links in French.
		expect(hers.text).toMatch(/Pour vous : /);
		expect(hers.text).toContain(`${ORIGIN}/fr/events/${event.id}-`);
		expect(hers.text).toContain(`${ORIGIN}/fr/account/calendar`);
		expect(mails.find((m) => m.recipient === organiser.email)!.subject).toBe(
			'New event: Atelier NRI'
		);
		expect(await eventMessages.announcement(organiser.claims, event.id)).toMatchObject({
			sent: 2
		});

		// A retried run (the row taken again) sends nothing more.
		await asService(
			(sql) => sql`update public.event_dispatches set done_at = null where event_id = ${event.id}`
		);
		await runEventMessages(ORIGIN);
		const again = await sent(event.id);
		expect(again.mails).toHaveLength(mails.length);
		expect(again.notices).toHaveLength(notices.length);
	});

	it('two instances at once: every recipient once', async () => {
		const event = await createEvent(school, { title: 'Deux instances' });
		await eventMessages.announce(organiser.claims, event.id);
		await Promise.all([runEventMessages(ORIGIN), runEventMessages(ORIGIN)]);
		const { mails, notices } = await sent(event.id);
		expect(to(mails, 'event_announced')).toEqual([french.email, organiser.email].sort());
		expect(notices).toHaveLength(2);
	});
});

describe('updates and cancellation notices', () => {
	it('a new time tells the people who answered; a cancellation too; new words alone nobody', async () => {
		const event = await createEvent(school, {
			title: 'Consultation',
			startsAt: new Date('2030-05-07T13:00:00Z')
		});
		await eventsDb.rsvp(french.claims, event.id, 'going', null);
		await eventsDb.rsvp(outsider.claims, event.id, 'interested', null);
		await eventsDb.rsvp(quiet.claims, event.id, 'not-going', null);
		const form = (await eventsDb.forEdit(organiser.claims, event.id))!;
		const change = (values: Record<string, string>) =>
			eventsDb.update(organiser.claims, event.id, {
				...editEventSchema.parse({ ...form.values, ...values }),
				slug: 'consultation'
			});
		await change({ title: 'Consultation (new words)' });
		await runEventMessages(ORIGIN);
		expect((await sent(event.id)).mails).toEqual([]);

		await change({ title: 'Consultation (new words)', start_time: '16:00', end_time: '17:00' });
		await runEventMessages(ORIGIN);
		let { mails } = await sent(event.id);
		expect(to(mails, 'event_updated')).toEqual([french.email, outsider.email].sort());
		expect(mails.find((m) => m.recipient === french.email)!.subject).toBe(
			'Modifié : Consultation (new words)'
		);

		await eventsDb.setStatus(organiser.claims, event.id, 'cancelled');
		await runEventMessages(ORIGIN);
		({ mails } = await sent(event.id));
		expect(to(mails, 'event_cancelled')).toEqual([french.email, outsider.email].sort());
		expect(to(mails, 'event_updated')).toHaveLength(2);
		const notices = (await sent(event.id)).notices;
		expect(notices.filter((n) => n.recipient_id === french.id).map((n) => n.kind)).toEqual([
			'event_cancelled',
			'event_updated'
		]);
	});
});

describe('reminders', () => {
	it('a day before (on by default) and an hour before (off by default) to the people with a seat', async () => {
		const event = await createEvent(school, {
			title: 'Starts soon',
			startsAt: new Date(Date.now() + 30 * 60_000),
			capacity: 2
		});
		await eventsDb.rsvp(french.claims, event.id, 'going', null);
		await eventsDb.rsvp(quiet.claims, event.id, 'going', null);
		// Waitlisted: no reminder.
		await eventsDb.rsvp(outsider.claims, event.id, 'going', null);
		await runEventMessages(ORIGIN);
		await runEventMessages(ORIGIN);
		const { mails } = await sent(event.id);
		const reminders = mails.filter((m) => m.kind === 'event_reminder');
		expect(reminders.map((m) => [m.recipient, m.subject]).sort()).toEqual(
			[
				[french.email, 'Demain : Starts soon'],
				[quiet.email, 'In an hour: Starts soon'],
				[quiet.email, 'Tomorrow: Starts soon']
			].sort()
		);
		const deliveries = await asService(
			(sql) => sql<{ kind: string }[]>`
				select kind from public.event_deliveries where event_id = ${event.id} order by kind
			`
		);
		expect(deliveries.map((d) => d.kind)).toEqual([
			'reminder_day',
			'reminder_day',
			'reminder_hour'
		]);
	});

	it('a cancelled or far-off event reminds nobody', async () => {
		const far = await createEvent(school, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
		const cancelled = await createEvent(school, { startsAt: new Date(Date.now() + 3600_000) });
		await eventsDb.rsvp(french.claims, far.id, 'going', null);
		await eventsDb.rsvp(french.claims, cancelled.id, 'going', null);
		await eventsDb.setStatus(organiser.claims, cancelled.id, 'cancelled');
		await runEventMessages(ORIGIN);
		expect((await sent(far.id)).mails).toEqual([]);
		expect((await sent(cancelled.id)).mails.map((m) => m.kind)).toEqual(['event_cancelled']);
	});
});

describe('settings', () => {
	it('each person reads and changes only their own; the defaults until they choose', async () => {
		const someone = await createPerson();
		expect(await eventMessages.settings(someone.claims)).toEqual({
			announcements: true,
			day_before: true,
			hour_before: false
		});
		expect(await eventMessages.settings(quiet.claims)).toEqual({
			announcements: false,
			day_before: true,
			hour_before: true
		});
		const theirs = await withUser(
			someone.claims,
			(sql) =>
				sql`select profile_id from public.event_message_settings where profile_id = ${quiet.id}`
		);
		expect(theirs).toEqual([]);
		await expect(
			withUser(
				someone.claims,
				(sql) => sql`
					insert into public.event_message_settings (profile_id, announcements) values (${quiet.id}, true)
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		// Deliveries and dispatches are not for the API roles.
		await expect(
			withUser(someone.claims, (sql) => sql`select 1 from public.event_deliveries`)
		).rejects.toMatchObject({ code: '42501' });
	});
});
