/**
 * Spaces organise events: a space's own moderators add and edit the events it organises (a plain
 * member, a moderator of another space and the platform's moderators may not name it), its
 * members who are not suspended are the audience of its members-only events and get its
 * announcements, and a private space's name is never shown to someone who may not read it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import * as eventMessages from '$lib/server/db/event-messages';
import * as eventsDb from '$lib/server/db/events';
import { runEventMessages } from '$lib/server/events/messages';
import { newEventSchema } from '$lib/schemas/events';
import {
	addMembership,
	asPlatformModerator,
	createPerson,
	createProgramme,
	createSpace,
	type Person,
	type Programme
} from './factories';

const ORIGIN = 'https://commons.test';
let moderator: Person, member: Person, suspended: Person, outsider: Person, otherModerator: Person;
let platformModerator: Person, coordinator: Person;
let group: { id: string; slug: string }, secret: { id: string; slug: string };
let other: { id: string; slug: string };
let school: Programme;

beforeAll(async () => {
	[moderator, member, suspended, outsider, otherModerator, platformModerator, coordinator] =
		await Promise.all([
			createPerson({ displayName: 'Mo Moderator' }),
			createPerson({ displayName: 'Mia Member' }),
			createPerson({ displayName: 'Sam Suspended' }),
			createPerson({ displayName: 'Otto Outsider' }),
			createPerson({ displayName: 'Odile Other' }),
			createPerson({ displayName: 'Pat Platform' }),
			createPerson({ displayName: 'Cora Coordinator' })
		]);
	school = await createProgramme('Co-organising School');
	await addMembership(coordinator, school, 'coordinator');
	await asPlatformModerator(platformModerator);
	[group, secret, other] = await Promise.all([
		createSpace(
			{ kind: 'working_group', visibility: 'members', name: 'Youth IGF working group' },
			{ moderators: [moderator], members: [member, suspended] }
		),
		createSpace(
			{ kind: 'working_group', visibility: 'private', name: 'Quiet drafting group' },
			{ moderators: [moderator], members: [member] }
		),
		createSpace({ name: 'Another space' }, { moderators: [otherModerator] })
	]);
	await asService(
		(sql) => sql`
			update public.space_members set suspended_until = now() + interval '3 days',
			       suspension_reason = 'Testing'
			where space_id = ${group.id} and profile_id = ${suspended.id}
		`
	);
});

const form = (organiser: string, values: Record<string, unknown> = {}) => ({
	...newEventSchema.parse({
		title: 'Preparatory call',
		kind: 'webinar',
		format: 'online',
		visibility: 'programmes',
		organiser,
		co_organisers: [],
		time_zone: 'Africa/Nairobi',
		start_date: '2031-02-11',
		start_time: '15:00',
		end_time: '16:00',
		...values
	}),
	slug: 'preparatory-call'
});

describe('who organises a space’s events', () => {
	it('its moderator adds one; a member, another space’s moderator and the platform’s may not', async () => {
		expect(await eventsDb.mayAdd(moderator.claims)).toBe(true);
		expect(await eventsDb.mayAdd(member.claims)).toBe(false);
		expect(await eventsDb.mayOrganiseFor(moderator.claims, group.id)).toBe(true);
		expect(await eventsDb.mayOrganiseFor(otherModerator.claims, group.id)).toBe(false);
		expect(await eventsDb.mayOrganiseFor(platformModerator.claims, group.id)).toBe(false);
		for (const who of [member, otherModerator, platformModerator]) {
			await expect(eventsDb.create(who.claims, form(`space:${group.id}`))).rejects.toMatchObject({
				code: '42501'
			});
		}
		const choices = await eventsDb.organiserChoices(moderator.claims);
		expect(choices.first.map((c) => c.value)).toEqual(
			expect.arrayContaining([`space:${group.id}`, `space:${secret.id}`])
		);
		expect(choices.first.map((c) => c.value)).not.toContain(`space:${other.id}`);
		const created = await eventsDb.create(moderator.claims, form(`space:${group.id}`));
		const seen = await eventsDb.get(moderator.claims, created.id);
		expect(seen).toMatchObject({
			manages: true,
			organisers: [{ kind: 'space', slug: group.slug, name: 'Youth IGF working group' }]
		});
		expect((await eventsDb.get(member.claims, created.id))!.manages).toBe(false);
		// Its moderator edits it; a member's update changes nothing.
		const changed = await withUser(
			member.claims,
			(sql) => sql`update public.events set title = 'Taken over' where id = ${created.id}`
		);
		expect(changed.count).toBe(0);
	});

	it('the space’s members who are not suspended are the audience of its own events', async () => {
		const created = await eventsDb.create(moderator.claims, form(`space:${group.id}`));
		const reads = async (who: Person) => (await eventsDb.get(who.claims, created.id)) !== null;
		expect(await reads(member)).toBe(true);
		expect(await reads(moderator)).toBe(true);
		expect(await reads(suspended)).toBe(false);
		expect(await reads(outsider)).toBe(false);
		// Answering asks the same: an outsider cannot say they are going.
		await expect(eventsDb.rsvp(outsider.claims, created.id, 'going', null)).rejects.toBeTruthy();
		expect(await eventsDb.rsvp(member.claims, created.id, 'going', null)).toMatchObject({
			response: 'going'
		});
		const listed = await eventsDb.upcoming(member.claims, {
			organiser: { kind: 'space', slug: group.slug }
		});
		expect(listed.events.map((e) => e.id)).toContain(created.id);
	});

	it('a private space’s name never shows to someone who may not read it', async () => {
		const created = await eventsDb.create(
			moderator.claims,
			form(`space:${secret.id}`, {
				visibility: 'public',
				co_organisers: [`programme:${school.programmeId}`]
			})
		);
		expect((await eventsDb.get(member.claims, created.id))!.organisers).toHaveLength(2);
		const outside = await eventsDb.get(outsider.claims, created.id);
		expect(outside!.organisers).toEqual([
			expect.objectContaining({ kind: 'programme', name: 'Co-organising School' })
		]);
		expect(await eventsDb.get(null, created.id)).toMatchObject({
			organisers: [expect.objectContaining({ kind: 'programme' })]
		});
		// Filtered by the space, its events are found only by those who may read the space.
		const bySpace = async (claims: Claims | null) =>
			(
				await eventsDb.upcoming(claims, { organiser: { kind: 'space', slug: secret.slug } })
			).events.map((e) => e.id);
		expect(await bySpace(member.claims)).toContain(created.id);
		expect(await bySpace(outsider.claims)).toEqual([]);
		expect(await bySpace(null)).toEqual([]);
		// Visitors do not learn of it at all; members know its name from /spaces (to ask to join).
		expect(await eventsDb.organiserName(null, { kind: 'space', slug: secret.slug })).toBeNull();
		expect(await eventsDb.organiserName(member.claims, { kind: 'space', slug: secret.slug })).toBe(
			'Quiet drafting group'
		);
		// The co-organising coordinator may not name a space they cannot read as co-organiser.
		const own = await eventsDb.create(coordinator.claims, {
			...form(`programme:${school.programmeId}`, { visibility: 'public' }),
			slug: 'school-call'
		});
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`insert into public.event_organisers (event_id, space_id) values (${own.id}, ${secret.id})`
			)
		).rejects.toMatchObject({ code: '42501' });
		// A members' space they may read, they may.
		await withUser(
			coordinator.claims,
			(sql) =>
				sql`insert into public.event_organisers (event_id, space_id) values (${own.id}, ${other.id})`
		);
		expect((await eventsDb.get(coordinator.claims, own.id))!.organisers).toHaveLength(2);
	});
});

describe('announcing a space’s event', () => {
	it('reaches its members who are not suspended, and leaves a private space’s name out', async () => {
		const created = await eventsDb.create(
			moderator.claims,
			form(`space:${group.id}`, { co_organisers: [`space:${secret.id}`], title: 'Youth call' })
		);
		await eventMessages.announce(moderator.claims, created.id);
		await runEventMessages(ORIGIN);
		const mails = await asService(
			(sql) => sql<{ recipient: string; text: string }[]>`
				select recipient, text from public.mail_outbox
				where kind = 'event_announced' and text like ${`%/events/${created.id}-%`}
				order by recipient
			`
		);
		expect(mails.map((m) => m.recipient)).toEqual([member.email, moderator.email].sort());
		expect(mails[0]!.text).toContain('Youth IGF working group');
		expect(mails[0]!.text).not.toContain('Quiet drafting group');
	});
});
