/**
 * What an event is filed under and when it takes answers: the target groups' check (slugs of the
 * taxonomy only), languages, topics, target groups and the registration window round-tripped
 * through the domain module as the organiser (RLS: a member changes none of them), the upcoming
 * list's filters by topic (and by a topic's basket), language and target group, and the window
 * refusing a seat before it opens and after it closes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as eventsDb from '$lib/server/db/events';
import { editEventSchema, newEventSchema } from '$lib/schemas/events';
import {
	addMembership,
	createEvent,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

let organising: Programme;
let organiser: Person, member: Person;

beforeAll(async () => {
	organising = await createProgramme('Faceted School');
	[organiser, member] = await Promise.all([createPerson(), createPerson()]);
	await addMembership(organiser, organising, 'coordinator');
});

const targetGroupsOf = (id: string) =>
	asService(
		(sql) => sql<{ target_groups: string[] }[]>`
			select target_groups from public.events where id = ${id}
		`
	).then((r) => r[0]!.target_groups);

describe('the target groups column', () => {
	it.each<[string, string[], boolean]>([
		['none', [], true],
		['two of the taxonomy', ['youth', 'diplomats'], true],
		['a slug the taxonomy does not hold', ['youth', 'astronauts'], false],
		['not a slug', ['Youth'], false],
		['more than twelve', Array.from({ length: 13 }, () => 'youth'), false]
	])('%s: %s', async (_, groups, allowed) => {
		const event = await createEvent(organising);
		const write = withUser(
			organiser.claims,
			(sql) => sql`update public.events set target_groups = ${groups} where id = ${event.id}`
		);
		if (allowed) {
			await write;
			expect(await targetGroupsOf(event.id)).toEqual(groups);
		} else {
			await expect(write).rejects.toMatchObject({ code: '23514' });
		}
	});

	it('a member changes no event’s target groups, a visitor may not even try', async () => {
		const event = await createEvent(organising);
		const rows = await withUser(
			member.claims,
			(sql) =>
				sql`update public.events set target_groups = '{youth}' where id = ${event.id} returning id`
		);
		expect(rows).toHaveLength(0);
		await expect(
			withAnon(
				(sql) => sql`update public.events set target_groups = '{youth}' where id = ${event.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await targetGroupsOf(event.id)).toEqual([]);
	});
});

describe('through the domain module, as the organiser', () => {
	const fields = {
		title: 'Regulators’ roundtable',
		kind: 'webinar',
		format: 'online',
		visibility: 'public',
		time_zone: 'Europe/Zurich',
		start_date: '2030-03-28',
		start_time: '15:00',
		end_time: '16:30',
		languages: ['fr', 'en'],
		topics: ['data-governance', 'encryption'],
		target_groups: ['regulators', 'youth'],
		// Across the change to summer time in Geneva (31 March 2030): +01:00, then +02:00.
		registration_opens: '2030-03-01T09:00',
		registration_closes: '2030-03-28T12:00'
	};

	it('creates, shows and edits languages, topics, target groups and the window', async () => {
		const form = newEventSchema.parse({
			...fields,
			organiser: `programme:${organising.programmeId}`
		});
		const created = await eventsDb.create(organiser.claims, { ...form, slug: 'roundtable' });

		const seen = await eventsDb.get(member.claims, created.id);
		expect(seen).toMatchObject({
			languages: ['fr', 'en'],
			topics: ['data-governance', 'encryption'],
			target_groups: ['regulators', 'youth']
		});
		expect(seen!.registration_opens_at!.toISOString()).toBe('2030-03-01T08:00:00.000Z');
		expect(seen!.registration_closes_at!.toISOString()).toBe('2030-03-28T11:00:00.000Z');

		const editing = await eventsDb.forEdit(organiser.claims, created.id);
		expect(editing!.values).toMatchObject({
			languages: ['fr', 'en'],
			topics: ['data-governance', 'encryption'],
			target_groups: ['regulators', 'youth'],
			registration_opens: '2030-03-01T09:00',
			registration_closes: '2030-03-28T12:00'
		});
		expect(await eventsDb.forEdit(member.claims, created.id)).toBeNull();

		const changes = editEventSchema.parse({
			...fields,
			organisers: [`programme:${organising.programmeId}`],
			languages: 'es',
			topics: [],
			target_groups: ['diplomats'],
			registration_opens: '',
			registration_closes: '2030-03-27T18:00'
		});
		expect(await eventsDb.update(member.claims, created.id, { ...changes, slug: 'x' })).toBe(
			'not-there'
		);
		expect(
			await eventsDb.update(organiser.claims, created.id, { ...changes, slug: 'roundtable' })
		).toBe('saved');
		const after = await eventsDb.get(null, created.id);
		expect(after).toMatchObject({
			languages: ['es'],
			topics: [],
			target_groups: ['diplomats'],
			registration_opens_at: null
		});
		expect(after!.registration_closes_at!.toISOString()).toBe('2030-03-27T17:00:00.000Z');
	});

	it('the list filters by topic, by a topic’s basket, by language and by target group', async () => {
		const form = newEventSchema.parse({
			...fields,
			title: 'Filtered roundtable',
			registration_opens: '',
			registration_closes: '',
			organiser: `programme:${organising.programmeId}`
		});
		const { id } = await eventsDb.create(organiser.claims, { ...form, slug: 'filtered' });
		const found = async (filters: eventsDb.EventFilters) =>
			(await eventsDb.upcoming(member.claims, filters, { limit: 500 })).events.some(
				(e) => e.id === id
			);
		expect(await found({ topic: 'encryption' })).toBe(true);
		// Data governance is in the economic basket, encryption in the infrastructure one.
		expect(await found({ topic: 'economic' })).toBe(true);
		expect(await found({ topic: 'sociocultural' })).toBe(false);
		expect(await found({ topic: 'gender' })).toBe(false);
		expect(await found({ language: 'fr' })).toBe(true);
		expect(await found({ language: 'ar' })).toBe(false);
		expect(await found({ target_group: 'regulators' })).toBe(true);
		expect(await found({ target_group: 'diplomats' })).toBe(false);
	});
});

describe('the registration window', () => {
	const windowed = async (opens: string | null, closes: string | null) => {
		const event = await createEvent(organising);
		await asService(
			(sql) => sql`
				update public.events
				set registration_opens_at = now() + ${opens}::interval,
				    registration_closes_at = now() + ${closes}::interval
				where id = ${event.id}
			`
		);
		return event.id;
	};

	it.each<[string, string | null, string | null, boolean]>([
		['not open yet', '1 day', '2 days', false],
		['open', '-1 day', '1 day', true],
		['closed', '-2 days', '-1 day', false],
		['open, with no end', '-1 day', null, true],
		['closed, with no start', null, '-1 hour', false]
	])('%s: a seat %s', async (_, opens, closes, seated) => {
		const id = await windowed(opens, closes);
		const going = eventsDb.rsvp(member.claims, id, 'going', null);
		if (seated) {
			await expect(going).resolves.toEqual({ response: 'going', waitlist_position: null });
		} else {
			await expect(going).rejects.toMatchObject({ code: '55000' });
			// Interest is not a seat: it may still be said.
			await expect(eventsDb.rsvp(member.claims, id, 'interested', null)).resolves.toMatchObject({
				response: 'interested'
			});
		}
	});
});
