/**
 * The calendar's policies: who reads which event (visitor, member, member of the organising
 * programme, organiser, coordinator of another programme), who adds and edits events and their
 * organisers, who reads the join link (organisers and the seated only), the attendee list, and
 * RSVPs through private.rsvp with capacity: the race for the last seats and the promotion.
 */
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as eventsDb from '$lib/server/db/events';
import { databaseEnv } from '$lib/server/env';
import { editEventSchema, newEventSchema } from '$lib/schemas/events';
import { insertEvents as seedEvents } from '../../supabase/seed/events.ts';
import {
	addMembership,
	asAdmin,
	createEvent,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

type Who = 'visitor' | 'member' | 'programme member' | 'organiser' | 'other coordinator' | 'admin';

let organising: Programme, other: Programme;
let people: Record<Exclude<Who, 'visitor' | 'admin'>, Person>;
let admin: Claims;
let events: Record<'public' | 'members' | 'programmes', { id: string }>;

const as = <T>(who: Who, fn: (sql: postgres.TransactionSql) => Promise<T>) =>
	who === 'visitor' ? withAnon(fn) : withUser(who === 'admin' ? admin : people[who].claims, fn);

beforeAll(async () => {
	[organising, other] = await Promise.all([
		createProgramme('Organising School'),
		createProgramme('Other School')
	]);
	const [member, programmeMember, organiser, otherCoordinator, adminPerson] = await Promise.all([
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	people = {
		member,
		'programme member': programmeMember,
		organiser,
		'other coordinator': otherCoordinator
	};
	await Promise.all([
		addMembership(programmeMember, organising, 'alumnus'),
		addMembership(organiser, organising, 'coordinator'),
		addMembership(otherCoordinator, other, 'coordinator')
	]);
	admin = await asAdmin(adminPerson);
	events = {
		public: await createEvent(organising, { visibility: 'public' }),
		members: await createEvent(organising, { visibility: 'members' }),
		programmes: await createEvent(organising, { visibility: 'programmes' })
	};
});

const sees = (who: Who, id: string) =>
	as(who, (sql) => sql`select id from public.events where id = ${id}`).then((r) => r.length === 1);

describe('who reads which event', () => {
	it.each<[Who, boolean, boolean, boolean]>([
		// who                  public members programmes
		['visitor', true, false, false],
		['member', true, true, false],
		['programme member', true, true, true],
		['organiser', true, true, true],
		['other coordinator', true, true, false],
		['admin', true, true, true]
	])('%s: public %s, members %s, programme-only %s', async (who, pub, members, programmes) => {
		expect([
			await sees(who, events.public.id),
			await sees(who, events.members.id),
			await sees(who, events.programmes.id)
		]).toEqual([pub, members, programmes]);
	});

	it('the organisers of an event are read with it, and only with it', async () => {
		const read = (who: Who, id: string) =>
			as(
				who,
				(sql) => sql`select programme_id from public.event_organisers where event_id = ${id}`
			);
		expect(await read('visitor', events.public.id)).toEqual([
			{ programme_id: organising.programmeId }
		]);
		expect(await read('visitor', events.members.id)).toEqual([]);
		expect(await read('other coordinator', events.programmes.id)).toEqual([]);
		expect(await read('programme member', events.programmes.id)).toHaveLength(1);
	});
});

describe('who adds and edits events', () => {
	const add = (who: Who, visibility = 'public') =>
		as(
			who,
			(sql) => sql<{ id: string }[]>`
				insert into public.events (slug, title, kind, format, time_zone, starts_at, ends_at, visibility)
				values ('a-call', 'A call', 'webinar', 'online', 'Europe/Zurich',
				        now() + interval '1 day', now() + interval '1 day 1 hour', ${visibility})
				returning id
			`
		);
	const organise = (who: Who, event: string, programme: Programme) =>
		as(
			who,
			(sql) => sql`
				insert into public.event_organisers (event_id, programme_id)
				values (${event}, ${programme.programmeId})
			`
		);
	const rename = (who: Who, id: string) =>
		as(
			who,
			(sql) => sql`update public.events set title = 'Renamed' where id = ${id} returning id`
		).then((r) => r.length === 1);

	it('a member adds no event; a visitor neither', async () => {
		await expect(add('member')).rejects.toMatchObject({ code: '42501' });
		await expect(add('programme member')).rejects.toMatchObject({ code: '42501' });
		await expect(add('visitor')).rejects.toMatchObject({ code: '42501' });
	});

	it('a coordinator adds an event (even programme-only) and names their programme first', async () => {
		const [event] = await add('organiser', 'programmes');
		await expect(organise('organiser', event!.id, other)).rejects.toMatchObject({
			code: '42501'
		});
		await organise('organiser', event!.id, organising);
		expect(await sees('programme member', event!.id)).toBe(true);
		expect(await sees('other coordinator', event!.id)).toBe(false);
		// Once organised, a co-organiser may be any programme: its coordinators then edit it too.
		expect(await rename('other coordinator', event!.id)).toBe(false);
		await organise('organiser', event!.id, other);
		expect(await rename('other coordinator', event!.id)).toBe(true);
	});

	it('a coordinator of another programme may not add themselves as a co-organiser', async () => {
		await expect(organise('other coordinator', events.public.id, other)).rejects.toMatchObject({
			code: '42501'
		});
	});

	it.each<[Who, boolean]>([
		['visitor', false],
		['member', false],
		['programme member', false],
		['other coordinator', false],
		['organiser', true],
		['admin', true]
	])('%s edits the organising programme’s event: %s', async (who, allowed) => {
		if (who === 'visitor') {
			await expect(rename(who, events.public.id)).rejects.toMatchObject({ code: '42501' });
		} else {
			expect(await rename(who, events.public.id)).toBe(allowed);
		}
	});

	it('no one writes the seat count but the RSVP function', async () => {
		await expect(
			as(
				'organiser',
				(sql) => sql`update public.events set seats_taken = 0 where id = ${events.public.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('a time zone must be one of the IANA database', async () => {
		const withZone = (zone: string) =>
			as(
				'organiser',
				(sql) => sql`
					insert into public.events (slug, title, kind, format, time_zone, starts_at, ends_at)
					values ('z', 'Zoned', 'webinar', 'online', ${zone}, now(), now() + interval '1 hour')
					returning time_zone
				`
			);
		expect(await withZone('Asia/Kathmandu')).toEqual([{ time_zone: 'Asia/Kathmandu' }]);
		for (const zone of ['UTC+5', 'Mars/Olympus', 'EST5EDT,M3.2.0']) {
			await expect(withZone(zone)).rejects.toMatchObject({
				code: '23514',
				constraint_name: 'events_time_zone_check'
			});
		}
	});

	it('an all-day event has dates, never instants, and lasts until its last day is over everywhere', async () => {
		const [row] = await asService(
			(sql) => sql<{ sort_at: Date; until_at: Date }[]>`
				insert into public.events (slug, title, kind, format, time_zone, all_day, starts_on, ends_on)
				values ('d', 'Deadline', 'deadline', 'online', 'Pacific/Kiritimati', true, '2027-03-01', '2027-03-01')
				returning sort_at, until_at
			`
		);
		expect(row!.sort_at.toISOString()).toBe('2027-03-01T00:00:00.000Z');
		expect(row!.until_at.toISOString()).toBe('2027-03-02T12:00:00.000Z');
		await expect(
			asService(
				(sql) => sql`
					insert into public.events (slug, title, kind, format, time_zone, all_day, starts_on, ends_on, starts_at)
					values ('d', 'Deadline', 'deadline', 'online', 'UTC', true, '2027-03-01', '2027-03-01', now())
				`
			)
		).rejects.toMatchObject({ constraint_name: 'events_times_or_days' });
	});
});

const rsvp = (who: Who, event: string, answer: string, note: string | null = null) =>
	as(
		who,
		(sql) => sql<{ response: string; waitlist_position: number | null }[]>`
			select response, waitlist_position from private.rsvp(${event}, ${answer}, ${note})
		`
	).then((r) => r[0]!);

const joinLink = (who: Who | Person, event: string) =>
	(typeof who === 'string'
		? as(who, (sql) => sql`select join_url from public.event_join_links where event_id = ${event}`)
		: withUser(
				who.claims,
				(sql) => sql`select join_url from public.event_join_links where event_id = ${event}`
			)
	).then((r) => r[0]?.join_url ?? null);

describe('RSVPs and the join link', () => {
	it('answers go through private.rsvp only, and only for oneself', async () => {
		await expect(
			as(
				'member',
				(sql) => sql`
					insert into public.event_rsvps (event_id, profile_id, response)
					values (${events.public.id}, ${people.member.id}, 'going')
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withAnon((sql) => sql`select private.rsvp(${events.public.id}, 'going', null)`)
		).rejects.toMatchObject({ code: '42501' });
		expect(await rsvp('member', events.public.id, 'interested', 'Captions, please')).toEqual({
			response: 'interested',
			waitlist_position: null
		});
		const mine = await as(
			'member',
			(sql) =>
				sql`select profile_id, note from public.event_rsvps where event_id = ${events.public.id}`
		);
		expect(mine).toEqual([{ profile_id: people.member.id, note: 'Captions, please' }]);
	});

	it('a note is at most 280 characters; an answer is one of three', async () => {
		await expect(rsvp('member', events.public.id, 'going', 'x'.repeat(281))).rejects.toMatchObject({
			code: '23514'
		});
		await expect(rsvp('member', events.public.id, 'maybe')).rejects.toMatchObject({
			code: '22023'
		});
	});

	it('no one answers an event they may not see', async () => {
		await expect(rsvp('other coordinator', events.programmes.id, 'going')).rejects.toMatchObject({
			code: 'P0002'
		});
	});

	it('the join link: for organisers and the seated, never the waitlist or the interested', async () => {
		const event = await createEvent(organising, { capacity: 1, joinUrl: 'https://meet.test/x' });
		expect(await joinLink('organiser', event.id)).toBe('https://meet.test/x');
		expect(await joinLink('admin', event.id)).toBe('https://meet.test/x');
		expect(await joinLink('member', event.id)).toBeNull();
		await rsvp('member', event.id, 'interested');
		expect(await joinLink('member', event.id)).toBeNull();
		expect(await rsvp('member', event.id, 'going')).toEqual({
			response: 'going',
			waitlist_position: null
		});
		expect(await joinLink('member', event.id)).toBe('https://meet.test/x');
		expect(await rsvp('programme member', event.id, 'going')).toEqual({
			response: 'going',
			waitlist_position: 1
		});
		expect(await joinLink('programme member', event.id)).toBeNull();
		expect(await joinLink('other coordinator', event.id)).toBeNull();
		await expect(joinLink('visitor', event.id)).rejects.toMatchObject({ code: '42501' });
		// The seat passes on: the member's link goes with it.
		await rsvp('member', event.id, 'not-going');
		expect(await joinLink('member', event.id)).toBeNull();
		expect(await joinLink('programme member', event.id)).toBe('https://meet.test/x');
	});

	it('organisers see the attendee list with names; no one else does', async () => {
		const event = await createEvent(organising, { capacity: 5 });
		await rsvp('member', event.id, 'going', 'Wheelchair access');
		const list = (who: Who) =>
			as(
				who,
				(sql) => sql`
					select display_name, response, note from private.event_attendees(${event.id})
				`
			);
		expect(await list('organiser')).toEqual([
			{ display_name: expect.any(String), response: 'going', note: 'Wheelchair access' }
		]);
		expect(await list('programme member')).toEqual([]);
		expect(await list('other coordinator')).toEqual([]);
		// Answers themselves: each person their own, organisers every one.
		const answers = (who: Who) =>
			as(who, (sql) => sql`select profile_id from public.event_rsvps where event_id = ${event.id}`);
		expect(await answers('organiser')).toHaveLength(1);
		expect(await answers('other coordinator')).toHaveLength(0);
	});

	it('a cancelled event takes no new seats', async () => {
		const event = await createEvent(organising, { capacity: 5 });
		await as(
			'organiser',
			(sql) => sql`update public.events set status = 'cancelled' where id = ${event.id}`
		);
		await expect(rsvp('member', event.id, 'going')).rejects.toMatchObject({ code: '55000' });
		expect(await rsvp('member', event.id, 'not-going')).toMatchObject({ response: 'not-going' });
	});
});

describe('the race for the last seats', () => {
	it('50 people at once for the last 10 seats: exactly 10 seated, 40 waitlisted in order, and a cancellation promotes number 1', async () => {
		const event = await createEvent(organising, { capacity: 15, visibility: 'members' });
		const early = await Promise.all(Array.from({ length: 5 }, () => createPerson()));
		for (const person of early) {
			await withUser(person.claims, (sql) => sql`select private.rsvp(${event.id}, 'going', null)`);
		}
		const crowd = await Promise.all(Array.from({ length: 50 }, () => createPerson()));

		// Fifty connections, each in its own transaction as its person, released at one signal.
		const pool = postgres(databaseEnv().DATABASE_URL, { max: 50, onnotice: () => {} });
		let go!: () => void;
		const signal = new Promise<void>((resolve) => (go = resolve));
		let ready = 0;
		let allReady!: () => void;
		const everyoneReady = new Promise<void>((resolve) => (allReady = resolve));
		const answers = crowd.map((person) =>
			pool.begin(async (sql) => {
				await sql`select set_config('role', 'authenticated', true),
				                 set_config('request.jwt.claims', ${JSON.stringify(person.claims)}, true)`;
				if (++ready === crowd.length) allReady();
				await signal;
				const [row] = await sql<{ waitlist_position: number | null }[]>`
					select waitlist_position from private.rsvp(${event.id}, 'going', null)
				`;
				return { person, place: row!.waitlist_position };
			})
		);
		await everyoneReady;
		go();
		const results = await Promise.all(answers);
		await pool.end();

		const seated = results.filter((r) => r.place === null);
		const waiting = results.filter((r) => r.place !== null).sort((a, b) => a.place! - b.place!);
		expect(seated).toHaveLength(10);
		expect(waiting.map((r) => r.place)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

		const rows = await asService(
			(sql) => sql<{ profile_id: string; waitlist_position: number | null; created_at: Date }[]>`
				select profile_id, waitlist_position, created_at from public.event_rsvps
				where event_id = ${event.id} and response = 'going'
				order by waitlist_position nulls first, created_at
			`
		);
		const [count] = await asService(
			(sql) => sql`select seats_taken from public.events where id = ${event.id}`
		);
		expect(count).toEqual({ seats_taken: 15 });
		expect(rows.filter((r) => r.waitlist_position === null)).toHaveLength(15);
		// In order: a later place in line is a later answer.
		const line = rows.filter((r) => r.waitlist_position !== null);
		for (let i = 1; i < line.length; i++) {
			expect(line[i]!.created_at.getTime()).toBeGreaterThanOrEqual(
				line[i - 1]!.created_at.getTime()
			);
		}

		// A seated person cancels: number 1 takes the seat, is told, and everyone moves up.
		const first = waiting[0]!.person;
		expect(await joinLink(first, event.id)).toBeNull();
		await withUser(
			seated[0]!.person.claims,
			(sql) => sql`select private.rsvp(${event.id}, 'not-going', null)`
		);
		const after = await asService(
			(sql) => sql<{ profile_id: string; waitlist_position: number | null }[]>`
				select profile_id, waitlist_position from public.event_rsvps
				where event_id = ${event.id} and response = 'going' and waitlist_position is not null
				order by waitlist_position
			`
		);
		expect(after.map((r) => r.waitlist_position)).toEqual(
			Array.from({ length: 39 }, (_, i) => i + 1)
		);
		expect(after[0]!.profile_id).toBe(waiting[1]!.person.id);
		expect(await joinLink(first, event.id)).toBe('https://meet.example.test/room');
		const told = await withUser(
			first.claims,
			(sql) => sql`select kind, payload ->> 'event_id' as event_id from public.notifications`
		);
		expect(told).toEqual([{ kind: 'event_seat_confirmed', event_id: event.id }]);

		// Someone leaving the line moves those behind up; the seat count never changes for it.
		await withUser(
			waiting[5]!.person.claims,
			(sql) => sql`select private.rsvp(${event.id}, 'interested', null)`
		);
		const line2 = await asService(
			(sql) => sql<{ waitlist_position: number }[]>`
				select waitlist_position from public.event_rsvps
				where event_id = ${event.id} and waitlist_position is not null order by waitlist_position
			`
		);
		expect(line2.map((r) => r.waitlist_position)).toEqual(
			Array.from({ length: 38 }, (_, i) => i + 1)
		);
		expect(
			await asService((sql) => sql`select seats_taken from public.events where id = ${event.id}`)
		).toEqual([{ seats_taken: 15 }]);
	});

	it('a grown capacity seats the waitlist at once', async () => {
		const event = await createEvent(organising, { capacity: 1 });
		await rsvp('member', event.id, 'going');
		expect(await rsvp('programme member', event.id, 'going')).toEqual({
			response: 'going',
			waitlist_position: 1
		});
		await as(
			'organiser',
			(sql) => sql`update public.events set capacity = 2 where id = ${event.id}`
		);
		expect(await joinLink('programme member', event.id)).toBe('https://meet.example.test/room');
	});
});

describe('the domain module, under the person’s claims', () => {
	it('creates a co-organised event, lists it on its viewer’s day, shows the link to the seated', async () => {
		const form = newEventSchema.parse({
			title: 'Hybrid consultation',
			kind: 'consultation',
			format: 'hybrid',
			visibility: 'public',
			organiser: `programme:${organising.programmeId}`,
			co_organisers: [`programme:${other.programmeId}`],
			venue_name: 'Palais des Nations',
			venue_city: 'Geneva',
			country_code: 'CH',
			join_url: 'https://meet.test/hybrid',
			time_zone: 'Europe/Zurich',
			start_date: '2030-03-28',
			start_time: '23:30',
			end_time: '23:59',
			capacity: '1'
		});
		await expect(
			eventsDb.create(people.member.claims, { ...form, slug: 'hybrid-consultation' })
		).rejects.toMatchObject({ code: '42501' });
		const created = await eventsDb.create(people.organiser.claims, {
			...form,
			slug: 'hybrid-consultation'
		});
		const seen = await eventsDb.get(people.member.claims, created.id);
		expect(seen).toMatchObject({
			title: 'Hybrid consultation',
			time_zone: 'Europe/Zurich',
			join_url: null,
			manages: false,
			organisers: [
				{ kind: 'programme', name: 'Organising School' },
				{ kind: 'programme', name: 'Other School' }
			]
		});
		expect(seen!.starts_at!.toISOString()).toBe('2030-03-28T22:30:00.000Z');
		expect(await eventsDb.rsvp(people.member.claims, created.id, 'going', null)).toEqual({
			response: 'going',
			waitlist_position: null
		});
		expect((await eventsDb.get(people.member.claims, created.id))!.join_url).toBe(
			'https://meet.test/hybrid'
		);
		expect(
			await eventsDb.rsvp(people['programme member'].claims, created.id, 'going', null)
		).toEqual({ response: 'going', waitlist_position: 1 });
		expect((await eventsDb.get(people['other coordinator'].claims, created.id))!.manages).toBe(
			true
		);
		expect(await eventsDb.attendees(people['other coordinator'].claims, created.id)).toHaveLength(
			2
		);
		expect(await eventsDb.get(null, created.id)).toMatchObject({ join_url: null, mine: null });

		// The list: upcoming, keyset pages, filters.
		const first = await eventsDb.upcoming(null, { kind: 'consultation' }, { limit: 1 });
		expect(first.events.every((e) => e.kind === 'consultation')).toBe(true);
		const all = await eventsDb.upcoming(null, {}, { limit: 100 });
		expect(all.events.map((e) => e.id)).toContain(created.id);
		expect(all.events.map((e) => e.id)).not.toContain(events.members.id);
		const paged: string[] = [];
		let after: ReturnType<typeof eventsDb.decodeCursor>;
		for (;;) {
			const page = await eventsDb.upcoming(null, {}, { limit: 2, after });
			paged.push(...page.events.map((e) => e.id));
			if (!page.next) break;
			after = eventsDb.decodeCursor(page.next);
		}
		expect(paged).toEqual(all.events.map((e) => e.id));
	});

	it('the demo calendar loads once, co-organised, with one cancelled and one moved', async () => {
		// The two programmes that organise the Arabic workshop, under the demo world's addresses.
		const qalam = await Promise.all([createProgramme('Qalam'), createProgramme('Qalam online')]);
		await asService(async (sql) => {
			await sql`update public.programmes set slug = 'qalam-school-internet-governance' where id = ${qalam[0].programmeId}`;
			await sql`update public.programmes set slug = 'qalam-online-course-arabic' where id = ${qalam[1].programmeId}`;
		});
		expect(await asService((sql) => seedEvents(sql, 7))).toBe(16 + 12 + 10);
		const again = await asService((sql) => seedEvents(sql, 7));
		expect(again).toBe(0);
		// The monthly clinic: ten second Tuesdays in Nairobi, the third moved, the fifth cancelled.
		const clinic = await asService(
			(sql) => sql<{ status: string; day: number; time: string }[]>`
				select status, extract(isodow from starts_at at time zone 'Africa/Nairobi')::int as day,
				       to_char(starts_at at time zone 'Africa/Nairobi', 'HH24:MI') as time
				from public.events where slug = 'nri-funding-clinic' order by recurrence_id
			`
		);
		expect(clinic.map((d) => d.status)).toEqual([
			'scheduled',
			'scheduled',
			'moved',
			'scheduled',
			'cancelled',
			...Array(5).fill('scheduled')
		]);
		expect(clinic.map((d) => d.day)).toEqual([2, 2, 4, 2, 2, 2, 2, 2, 2, 2]);
		expect(new Set(clinic.map((d) => d.time))).toEqual(new Set(['14:00']));
		const rows = await asService(
			(sql) => sql<{ status: string; organisers: number }[]>`
				select e.status, (select count(*)::int from public.event_organisers o where o.event_id = e.id) as organisers
				from public.events e where e.slug in ('track-consultation', 'kilima-open-day', 'cyber-norms-briefing', 'qalam-arabic-workshop')
				order by e.slug
			`
		);
		// Organisers only where their programme is here (this database has no demo compendium).
		expect(rows).toEqual([
			{ status: 'moved', organisers: 0 },
			{ status: 'cancelled', organisers: 0 },
			{ status: 'scheduled', organisers: 2 },
			{ status: 'scheduled', organisers: 0 }
		]);
	});
});

describe('organisers edit, move and cancel', () => {
	/** The edit form of an event of the organising programme, with some fields changed. */
	const changes = (values: Record<string, string | string[]> = {}) => ({
		...editEventSchema.parse({
			title: 'Changed call',
			description: 'New words',
			kind: 'workshop',
			format: 'online',
			visibility: 'members',
			organisers: [`programme:${organising.programmeId}`],
			join_url: 'https://meet.test/new-room',
			time_zone: 'Europe/Zurich',
			start_date: '2030-06-04',
			start_time: '15:00',
			end_time: '16:00',
			capacity: '30',
			...values
		}),
		slug: 'changed-call'
	});
	const row = (id: string) =>
		asService(
			(sql) => sql<
				{ title: string; status: string; sequence: number; starts_at: Date; kind: string }[]
			>`
				select title, status, sequence, starts_at, kind from public.events where id = ${id}
			`
		).then((r) => r[0]!);

	it.each<[Who, 'saved' | 'not-there']>([
		['organiser', 'saved'],
		['admin', 'saved'],
		['other coordinator', 'not-there'],
		['programme member', 'not-there'],
		['member', 'not-there']
	])('%s changes an event: %s', async (who, outcome) => {
		const event = await createEvent(organising, { visibility: 'public' });
		const claims =
			who === 'admin' ? admin : people[who as Exclude<Who, 'visitor' | 'admin'>].claims;
		expect(await eventsDb.update(claims, event.id, changes())).toBe(outcome);
		const after = await row(event.id);
		expect(after.title).toBe(outcome === 'saved' ? 'Changed call' : 'Test webinar');
		expect(await eventsDb.forEdit(claims, event.id).then(Boolean)).toBe(outcome === 'saved');
		expect(await eventsDb.setStatus(claims, event.id, 'cancelled')).toBe(outcome === 'saved');
	});

	it('a visitor changes nothing (no grant), a member nothing through SQL either', async () => {
		const event = await createEvent(organising);
		await expect(
			as('visitor', (sql) => sql`update public.events set title = 'Mine' where id = ${event.id}`)
		).rejects.toMatchObject({ code: '42501' });
		const rows = await as(
			'member',
			(sql) =>
				sql`update public.events set status = 'cancelled' where id = ${event.id} returning id`
		);
		expect(rows).toHaveLength(0);
		expect((await row(event.id)).status).toBe('scheduled');
	});

	it('a new time moves it and raises the SEQUENCE; new words alone do neither', async () => {
		const event = await createEvent(organising, { startsAt: new Date('2030-06-01T13:00:00Z') });
		const organiser = people.organiser.claims;
		const form = await eventsDb.forEdit(organiser, event.id);
		expect(form!.values).toMatchObject({
			time_zone: 'Europe/Zurich',
			organisers: [`programme:${organising.programmeId}`]
		});
		// The same time, written back from the form: words change, the event is not moved.
		const same = changes({
			start_date: form!.values.start_date as string,
			start_time: form!.values.start_time as string,
			end_date: form!.values.end_date as string,
			end_time: form!.values.end_time as string
		});
		expect(await eventsDb.update(organiser, event.id, same)).toBe('saved');
		expect(await row(event.id)).toMatchObject({
			title: 'Changed call',
			kind: 'workshop',
			status: 'scheduled',
			sequence: 0
		});
		// 15:00 in Zurich on 4 June 2030 (summer time): 13:00 UTC.
		expect(await eventsDb.update(organiser, event.id, changes())).toBe('saved');
		const moved = await row(event.id);
		expect(moved).toMatchObject({ status: 'moved', sequence: 1 });
		expect(moved.starts_at.toISOString()).toBe('2030-06-04T13:00:00.000Z');
		expect((await eventsDb.get(organiser, event.id))!.join_url).toBe('https://meet.test/new-room');
		// In person now: no join link, a venue.
		expect(
			await eventsDb.update(
				organiser,
				event.id,
				changes({ format: 'in-person', venue_name: 'Hall' })
			)
		).toBe('saved');
		expect((await eventsDb.get(organiser, event.id))!.join_url).toBeNull();
		expect((await row(event.id)).sequence).toBe(2);
	});

	it('a cancelled event stays in the feed as cancelled, takes no seat, and can be put back on', async () => {
		const event = await createEvent(organising);
		const organiser = people.organiser.claims;
		expect(await eventsDb.setStatus(organiser, event.id, 'cancelled')).toBe(true);
		const feed = await eventsDb.feed(null);
		expect(feed.find((e) => e.id === event.id)).toMatchObject({ status: 'cancelled', sequence: 1 });
		await expect(
			eventsDb.rsvp(people.member.claims, event.id, 'going', null)
		).rejects.toMatchObject({
			code: '55000'
		});
		expect(await eventsDb.setStatus(organiser, event.id, 'scheduled')).toBe(true);
		expect(await row(event.id)).toMatchObject({ status: 'scheduled', sequence: 2 });
	});

	it('organisers change their co-organisers, but may not leave themselves out', async () => {
		const event = await createEvent(organising);
		const organiser = people.organiser.claims;
		const both = [`programme:${organising.programmeId}`, `programme:${other.programmeId}`];
		expect(await eventsDb.update(organiser, event.id, changes({ organisers: both }))).toBe('saved');
		// Now the other programme's coordinator organises it too.
		expect(await eventsDb.forEdit(people['other coordinator'].claims, event.id)).not.toBeNull();
		// Dropping their own programme would leave the organiser out: refused whole.
		expect(
			await eventsDb.update(
				organiser,
				event.id,
				changes({ organisers: [`programme:${other.programmeId}`], title: 'Gone' })
			)
		).toBe('would-not-organise');
		expect((await row(event.id)).title).toBe('Changed call');
		// The other coordinator may drop the first programme: they still organise it.
		expect(
			await eventsDb.update(
				people['other coordinator'].claims,
				event.id,
				changes({ organisers: [`programme:${other.programmeId}`] })
			)
		).toBe('saved');
		expect(await eventsDb.forEdit(organiser, event.id)).toBeNull();
		expect((await eventsDb.get(people['other coordinator'].claims, event.id))!.organisers).toEqual([
			expect.objectContaining({ name: 'Other School' })
		]);
	});

	it('the edit form refuses what the new one refuses, and an event without organisers', () => {
		const form = {
			title: 'A call',
			kind: 'webinar',
			format: 'hybrid',
			visibility: 'public',
			time_zone: 'Europe/Zurich',
			start_date: '2030-03-31',
			// The hour Zurich skips that night.
			start_time: '02:30',
			end_time: '03:30'
		};
		const fields = (values: Record<string, unknown>) =>
			new Set(editEventSchema.safeParse(values).error?.issues.map((i) => String(i.path[0])));
		expect(fields({ ...form, title: 'x' })).toEqual(
			new Set(['title', 'organisers', 'venue_name', 'start_time'])
		);
		expect(fields({ ...form, organisers: `programme:${organising.programmeId}` })).toEqual(
			new Set(['venue_name', 'start_time'])
		);
	});
});

describe('recurring series', () => {
	const seriesForm = (values: Record<string, string> = {}) => ({
		...newEventSchema.parse({
			title: 'Working group call',
			kind: 'webinar',
			format: 'online',
			visibility: 'public',
			organiser: `programme:${organising.programmeId}`,
			join_url: 'https://meet.test/wg',
			time_zone: 'Europe/Zurich',
			start_date: '2030-10-08',
			start_time: '15:00',
			end_time: '16:00',
			repeat: 'fortnightly',
			repeat_count: '6',
			...values
		}),
		slug: 'working-group-call'
	});
	const dates = (series: string) =>
		asService(
			(sql) => sql<
				{ id: string; starts_at: Date; recurrence_id: Date; status: string; title: string }[]
			>`
				select id, starts_at, recurrence_id, status, title from public.events
				where series_id = ${series} order by recurrence_id
			`
		);

	it('a coordinator makes a series: each date an event with its organiser and link, at 15:00 in Zurich across DST', async () => {
		const first = await eventsDb.create(people.organiser.claims, seriesForm());
		const event = await eventsDb.get(people.member.claims, first.id);
		expect(event!.series_id).not.toBeNull();
		const rows = await dates(event!.series_id!);
		expect(rows).toHaveLength(6);
		expect(rows[0]!.id).toBe(first.id);
		// 8 Oct 2030 in summer time (13:00 UTC); from 27 Oct winter time (14:00 UTC).
		expect(rows.map((r) => r.starts_at.toISOString().slice(0, 16))).toEqual([
			'2030-10-08T13:00',
			'2030-10-22T13:00',
			'2030-11-05T14:00',
			'2030-11-19T14:00',
			'2030-12-03T14:00',
			'2030-12-17T14:00'
		]);
		const organisers = await asService(
			(sql) => sql<{ n: number }[]>`
				select count(*)::int as n from public.event_organisers o
				join public.events e on e.id = o.event_id where e.series_id = ${event!.series_id}
			`
		);
		expect(organisers[0]!.n).toBe(6);
		// Each date is answered on its own.
		await eventsDb.rsvp(people.member.claims, rows[1]!.id, 'going', null);
		expect((await eventsDb.get(people.member.claims, rows[1]!.id))!.join_url).toBe(
			'https://meet.test/wg'
		);
		expect((await eventsDb.get(people.member.claims, rows[2]!.id))!.join_url).toBeNull();
		// The page's other dates: the rest, in order.
		const others = await eventsDb.seriesDates(null, event!.series_id!, rows[0]!.id);
		expect(others.map((o) => o.id)).toEqual(rows.slice(1).map((r) => r.id));
		// Read by whoever reads its dates; made only by coordinators and admins.
		expect(
			await as(
				'visitor',
				(sql) => sql`select rrule from public.event_series where id = ${event!.series_id}`
			)
		).toEqual([{ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6' }]);
		await expect(
			eventsDb.create(people['programme member'].claims, seriesForm())
		).rejects.toMatchObject({ code: '42501' });
	});

	it('no one adds a date to a series they did not make, nor a 201st, nor changes a date’s series', async () => {
		const first = await eventsDb.create(people.organiser.claims, seriesForm());
		const { series_id } = (await eventsDb.get(people.organiser.claims, first.id))!;
		const addDate = (who: Who, at: string) =>
			as(
				who,
				(sql) => sql`
					insert into public.events (slug, title, kind, format, time_zone, starts_at, ends_at, series_id, recurrence_id)
					values ('x', 'Extra', 'webinar', 'online', 'Europe/Zurich', ${at}, ${at}::timestamptz + interval '1 hour', ${series_id}, ${at})
				`
			);
		await expect(addDate('other coordinator', '2031-01-01T10:00:00Z')).rejects.toMatchObject({
			code: '42501'
		});
		await expect(
			as(
				'organiser',
				(sql) => sql`update public.events set series_id = null where id = ${first.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		// The same recurrence twice: refused.
		await expect(
			addDate('organiser', (await dates(series_id!))[0]!.recurrence_id.toISOString())
		).rejects.toMatchObject({ code: '23505' });
		// Up to 200, then no more.
		await asService(async (sql) => {
			await sql`
				insert into public.events (slug, title, kind, format, time_zone, starts_at, ends_at, series_id, recurrence_id)
				select 'x', 'Extra', 'webinar', 'online', 'Europe/Zurich', t, t + interval '1 hour', ${series_id}, t
				from generate_series(timestamptz '2032-01-01', timestamptz '2032-01-01' + interval '193 days', interval '1 day') t
			`;
		});
		expect(await dates(series_id!)).toHaveLength(200);
		await expect(addDate('organiser', '2035-01-01T10:00:00Z')).rejects.toMatchObject({
			code: '54000'
		});
	}, 30_000);

	it('one date moved and one cancelled; "this and following" moves the rest alike; "all" renames every date', async () => {
		const first = await eventsDb.create(people.organiser.claims, seriesForm());
		const { series_id } = (await eventsDb.get(people.organiser.claims, first.id))!;
		const rows = await dates(series_id!);
		const organiser = people.organiser.claims;
		const edit = async (id: string, values: Record<string, string>) => {
			const form = (await eventsDb.forEdit(organiser, id))!;
			expect(form.inSeries).toBe(true);
			return eventsDb.update(organiser, id, {
				...editEventSchema.parse({ ...form.values, ...values }),
				slug: 'working-group-call'
			});
		};
		// This date only: the second moves to Wednesday 16:00.
		expect(
			await edit(rows[1]!.id, { start_date: '2030-10-23', start_time: '16:00', end_time: '17:00' })
		).toBe('saved');
		// The fourth is cancelled.
		expect(await eventsDb.setStatus(organiser, rows[3]!.id, 'cancelled')).toBe(true);
		let after = await dates(series_id!);
		expect(after.map((r) => r.status)).toEqual([
			'scheduled',
			'moved',
			'scheduled',
			'cancelled',
			'scheduled',
			'scheduled'
		]);
		expect(after[1]!.starts_at.toISOString()).toBe('2030-10-23T14:00:00.000Z');
		expect(after[1]!.recurrence_id.toISOString()).toBe('2030-10-22T13:00:00.000Z');

		// From the third on, an hour earlier (14:00 in Zurich), each on its own day.
		expect(
			await edit(rows[2]!.id, { scope: 'following', start_time: '14:00', end_time: '15:00' })
		).toBe('saved');
		after = await dates(series_id!);
		expect(after.map((r) => r.starts_at.toISOString().slice(0, 16))).toEqual([
			'2030-10-08T13:00',
			'2030-10-23T14:00',
			'2030-11-05T13:00',
			'2030-11-19T13:00',
			'2030-12-03T13:00',
			'2030-12-17T13:00'
		]);
		// The cancelled date stays cancelled; the others moved.
		expect(after.map((r) => r.status)).toEqual([
			'scheduled',
			'moved',
			'moved',
			'cancelled',
			'moved',
			'moved'
		]);

		// All dates renamed, no time changed: statuses as they were.
		const form = (await eventsDb.forEdit(organiser, rows[0]!.id))!;
		expect(
			await edit(rows[0]!.id, {
				scope: 'all',
				title: 'WG call',
				start_time: form.values.start_time as string
			})
		).toBe('saved');
		after = await dates(series_id!);
		expect(new Set(after.map((r) => r.title))).toEqual(new Set(['WG call']));
		expect(after.map((r) => r.status)).toEqual([
			'scheduled',
			'moved',
			'moved',
			'cancelled',
			'moved',
			'moved'
		]);
		expect(after[0]!.starts_at.toISOString()).toBe('2030-10-08T13:00:00.000Z');
		expect(after[1]!.starts_at.toISOString()).toBe('2030-10-23T14:00:00.000Z');
		// Someone who does not organise it changes none of it.
		expect(
			await eventsDb.update(people['other coordinator'].claims, rows[0]!.id, {
				...editEventSchema.parse({ ...form.values, scope: 'all', title: 'Taken' }),
				slug: 'taken'
			})
		).toBe('not-there');
	});
});

describe('the upcoming list’s filters', () => {
	it.each<[Exclude<Who, 'admin'>, boolean, boolean, boolean]>([
		// who                  public members programmes
		['visitor', true, false, false],
		['member', true, true, false],
		['programme member', true, true, true],
		['other coordinator', true, true, false]
	])(
		'by organiser, %s sees the events of the organising programme their own policy lets them read',
		async (who, pub, members, programmes) => {
			const slug = await asService(
				(sql) =>
					sql<
						{ slug: string }[]
					>`select slug from public.programmes where id = ${organising.programmeId}`
			).then(([row]) => row!.slug);
			const listed = (
				await eventsDb.upcoming(
					who === 'visitor' ? null : people[who].claims,
					{ organiser: { kind: 'programme', slug } },
					{ limit: 200 }
				)
			).events.map((e) => e.id);
			expect(listed.includes(events.public.id)).toBe(pub);
			expect(listed.includes(events.members.id)).toBe(members);
			expect(listed.includes(events.programmes.id)).toBe(programmes);
		}
	);

	it('by topic, language, region, organiser (a programme, an organisation with its programmes) and days', async () => {
		const [slugs] = await asService(
			(sql) => sql<{ programme: string; organisation: string; name: string }[]>`
				select p.slug as programme, g.slug as organisation, g.name
				from public.programmes p, public.organisations g
				where p.id = ${organising.programmeId} and g.id = ${other.organisationId}
			`
		);
		const organisation = { slug: slugs!.organisation };
		const at = (iso: string) => new Date(iso);
		const a = await createEvent(organising, {
			title: 'Filter A',
			startsAt: at('2031-03-10T09:00:00Z')
		});
		const b = await createEvent(other, { title: 'Filter B', startsAt: at('2031-03-12T09:00:00Z') });
		await asService(async (sql) => {
			await sql`update public.events set topics = '{cybersecurity}', languages = '{fr,en}', format = 'in-person', venue_name = 'Hall', country_code = 'SN' where id = ${a.id}`;
			await sql`update public.events set topics = '{data-governance}', languages = '{es}', format = 'in-person', venue_name = 'Hall', country_code = 'CL' where id = ${b.id}`;
		});
		const ids = async (filters: eventsDb.EventFilters) =>
			(await eventsDb.upcoming(null, filters, { limit: 200 })).events
				.map((e) => e.id)
				.filter((id) => id === a.id || id === b.id);
		expect(await ids({})).toEqual([a.id, b.id]);
		expect(await ids({ topic: 'cybersecurity' })).toEqual([a.id]);
		expect(await ids({ language: 'es' })).toEqual([b.id]);
		// Africa (002) holds Senegal; the Americas (019) Chile.
		expect(await ids({ region: '002' })).toEqual([a.id]);
		expect(await ids({ region: '019' })).toEqual([b.id]);
		expect(await ids({ organiser: { kind: 'programme', slug: slugs!.programme } })).toEqual([a.id]);
		expect(await ids({ organiser: { kind: 'organisation', slug: organisation.slug } })).toEqual([
			b.id
		]);
		expect(
			await ids({ from: at('2031-03-11T00:00:00Z'), until: at('2031-03-13T00:00:00Z') })
		).toEqual([b.id]);
		expect(await ids({ until: at('2031-03-11T00:00:00Z') })).toEqual([a.id]);
		// The organiser's feed: its events only.
		const feed = await eventsDb.feed(null, {
			organiser: { kind: 'organisation', slug: organisation.slug }
		});
		expect(feed.map((e) => e.id)).toContain(b.id);
		expect(feed.map((e) => e.id)).not.toContain(a.id);
		expect(
			await eventsDb.organiserName(null, { kind: 'organisation', slug: organisation.slug })
		).toBe(slugs!.name);
		expect(await eventsDb.organiserName(null, { kind: 'programme', slug: 'no-such' })).toBeNull();
	});
});

describe('the iCalendar SEQUENCE', () => {
	it('rises with each change of time, place or status, and with nothing else', async () => {
		const event = await createEvent(organising);
		const sequence = async () =>
			(
				await asService(
					(sql) =>
						sql<{ sequence: number }[]>`select sequence from public.events where id = ${event.id}`
				)
			)[0]!.sequence;
		expect(await sequence()).toBe(0);
		await as(
			'organiser',
			(sql) => sql`update public.events set title = 'Renamed' where id = ${event.id}`
		);
		expect(await sequence()).toBe(0);
		await as(
			'organiser',
			(sql) =>
				sql`update public.events set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' where id = ${event.id}`
		);
		expect(await sequence()).toBe(1);
		await as(
			'organiser',
			(sql) => sql`update public.events set status = 'cancelled' where id = ${event.id}`
		);
		expect(await sequence()).toBe(2);
		await expect(
			as('organiser', (sql) => sql`update public.events set sequence = 0 where id = ${event.id}`)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('the personal feed', () => {
	it('opens, behind its secret, what its owner goes to and their programmes’ events, as they may see them', async () => {
		const owner = people['programme member'];
		const going = await createEvent(other, { title: 'Another school’s call' });
		await rsvp('programme member', going.id, 'going');
		const token = await eventsDb.resetPersonalFeed(owner.claims);
		const feed = await eventsDb.personalFeed(token);
		const ids = feed!.map((e) => e.id);
		expect(ids).toContain(going.id);
		// The organising programme's events, its programme-only one too (she is its member).
		expect(ids).toEqual(expect.arrayContaining([events.public.id, events.programmes.id]));

		// Someone else's feed: the same rules, for them.
		const token2 = await eventsDb.resetPersonalFeed(people['other coordinator'].claims);
		const theirs = (await eventsDb.personalFeed(token2))!.map((e) => e.id);
		expect(theirs).toContain(going.id);
		expect(theirs).not.toContain(events.programmes.id);

		// Only the hash is kept, and no one reads it; a new address stops the old one.
		const rows = await asService(
			(sql) => sql`select token_hash from public.calendar_feeds where profile_id = ${owner.id}`
		);
		expect(rows).toEqual([{ token_hash: eventsDb.feedTokenHash(token) }]);
		await expect(
			as('programme member', (sql) => sql`select token_hash from public.calendar_feeds`)
		).rejects.toMatchObject({ code: '42501' });
		expect(await as('member', (sql) => sql`select profile_id from public.calendar_feeds`)).toEqual(
			[]
		);
		expect(await eventsDb.personalFeedSince(owner.claims)).toBeInstanceOf(Date);
		const replaced = await eventsDb.resetPersonalFeed(owner.claims);
		expect(await eventsDb.personalFeed(token)).toBeNull();
		expect(await eventsDb.personalFeed(replaced)).not.toBeNull();
		await eventsDb.removePersonalFeed(owner.claims);
		expect(await eventsDb.personalFeed(replaced)).toBeNull();
		expect(await eventsDb.personalFeedSince(owner.claims)).toBeNull();
	});
});
