/**
 * The members' read policy on events matches the viewer's audience once per query against a copy
 * of each event's organisers (events.organiser_ids). Two things must hold for it to say what the
 * calendar always said: the copy equals public.event_organisers after every kind of change, and,
 * for every kind of person, the policy admits exactly the events the domain's own predicates admit
 * (public and members' events, their own, private.in_event_audience, private.can_manage_event).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import {
	addMembership,
	asAdmin,
	asPlatformModerator,
	createEvent,
	createPerson,
	createProgramme,
	createSpace,
	type Person,
	type Programme
} from './factories';

let school: Programme, sister: Programme, other: Programme;
let group: { id: string }, secret: { id: string };
const people: Record<string, Person> = {};
const ids: string[] = [];

/** An event by the service, with these organisers (none: its creator's while it has none). */
async function eventBy(
	organisers: { programme?: string; organisation?: string; space?: string }[],
	visibility: 'public' | 'members' | 'programmes',
	createdBy: string | null = null
) {
	const id = await asService(async (sql) => {
		const [event] = await sql<{ id: string }[]>`
			insert into public.events (slug, title, kind, format, time_zone, starts_at, ends_at, visibility,
			                           created_by)
			values ('audience', 'An audience test', 'webinar', 'online', 'Europe/Zurich',
			        now() + interval '3 days', now() + interval '3 days 1 hour', ${visibility}, ${createdBy})
			returning id
		`;
		for (const o of organisers) {
			await sql`
				insert into public.event_organisers (event_id, programme_id, organisation_id, space_id)
				values (${event!.id}, ${o.programme ?? null}, ${o.organisation ?? null}, ${o.space ?? null})
			`;
		}
		return event!.id;
	});
	ids.push(id);
	return id;
}

beforeAll(async () => {
	[school, sister, other] = await Promise.all([
		createProgramme('Audience School'),
		createProgramme('Sister School'),
		createProgramme('Unrelated School')
	]);
	// The sister school belongs to the school's organisation: an event the organisation organises
	// is for both schools' members.
	await asService(
		(sql) => sql`
			update public.programmes set organisation_id = ${school.organisationId}
			where id = ${sister.programmeId}
		`
	);
	for (const name of [
		'alumna',
		'pending',
		'sister alumna',
		'coordinator',
		'other coordinator',
		'space member',
		'suspended',
		'space moderator',
		'platform moderator',
		'admin',
		'creator',
		'outsider'
	]) {
		people[name] = await createPerson();
	}
	await Promise.all([
		addMembership(people.alumna!, school, 'alumnus'),
		addMembership(people.pending!, school, 'alumnus', 'pending'),
		addMembership(people['sister alumna']!, sister, 'alumnus'),
		addMembership(people.coordinator!, school, 'coordinator'),
		addMembership(people['other coordinator']!, other, 'coordinator')
	]);
	[group, secret] = await Promise.all([
		createSpace(
			{ kind: 'working_group', visibility: 'members' },
			{ members: [people['space member']!, people.suspended!] }
		),
		createSpace(
			{ kind: 'working_group', visibility: 'private' },
			{ moderators: [people['space moderator']!] }
		)
	]);
	await asService(
		(sql) => sql`
			update public.space_members set suspended_until = now() + interval '3 days',
			       suspension_reason = 'Testing'
			where space_id = ${group.id} and profile_id = ${people.suspended!.id}
		`
	);
	await asPlatformModerator(people['platform moderator']!);
	await asAdmin(people.admin!);

	for (const visibility of ['public', 'members', 'programmes'] as const) {
		await eventBy([{ programme: school.programmeId }], visibility);
		await eventBy([{ organisation: school.organisationId }], visibility);
		await eventBy([{ space: group.id }], visibility);
		await eventBy([{ space: secret.id }, { programme: other.programmeId }], visibility);
		await eventBy([], visibility, people.creator!.id);
	}
});

/** What the policy lets a person read of the test's events. */
const policyReads = (person: Person) =>
	withUser(
		person.claims,
		(sql) => sql<{ id: string }[]>`select id from public.events where id in ${sql(ids)}`
	).then((rows) => rows.map((r) => r.id).sort());

/** What the domain's predicates say the person may read, asked of every one of the events. */
const predicatesAdmit = (person: Person) =>
	asService(async (sql) => {
		await sql`select set_config('request.jwt.claims', ${JSON.stringify(person.claims)}, true)`;
		const rows = await sql<{ id: string }[]>`
			select e.id from public.events e
			where e.id in ${sql(ids)}
			  and (e.visibility in ('public', 'members') or e.created_by = ${person.id}
			       or private.in_event_audience(e.id) or private.can_manage_event(e.id))
		`;
		return rows.map((r) => r.id).sort();
	});

describe('the policy reads what the predicates admit', () => {
	it.each([
		['alumna', 12],
		['pending', 10],
		['sister alumna', 11],
		['coordinator', 12],
		['other coordinator', 11],
		['space member', 11],
		['suspended', 10],
		['space moderator', 11],
		['platform moderator', 10],
		['admin', 15],
		['creator', 11],
		['outsider', 10]
	])('%s: the same events (%i of 15)', async (name, count) => {
		const person = people[name]!;
		const [policy, predicates] = [await policyReads(person), await predicatesAdmit(person)];
		expect(policy).toEqual(predicates);
		expect(policy).toHaveLength(count);
	});

	it('a visitor reads the public ones only', async () => {
		const rows = await withAnon((sql) => sql`select id from public.events where id in ${sql(ids)}`);
		expect(rows).toHaveLength(5);
	});
});

describe('the copy of the organisers', () => {
	const copy = (event: string) =>
		asService(async (sql) => {
			const [row] = await sql<{ copy: string[]; organisers: string[]; updated_at: Date }[]>`
				select e.organiser_ids as copy, e.updated_at,
				       coalesce((select array_agg(coalesce(o.programme_id, o.organisation_id, o.space_id)
				                                  order by o.created_at, o.id)
				                 from public.event_organisers o where o.event_id = e.id), '{}') as organisers
				from public.events e where e.id = ${event}
			`;
			return row!;
		});

	it('follows co-organisers added and removed, and a programme deleted, leaving updated_at', async () => {
		const event = await createEvent(school, { visibility: 'programmes' });
		const before = await copy(event.id);
		expect(before.copy).toEqual([school.programmeId]);
		await asService(
			(sql) => sql`
				insert into public.event_organisers (event_id, organisation_id, space_id)
				values (${event.id}, ${other.organisationId}, null), (${event.id}, null, ${group.id})
			`
		);
		const added = await copy(event.id);
		expect(added.copy).toEqual(added.organisers);
		expect(added.copy).toEqual([school.programmeId, other.organisationId, group.id]);
		expect(added.updated_at).toEqual(before.updated_at);
		await asService(
			(sql) => sql`
				delete from public.event_organisers where event_id = ${event.id} and space_id = ${group.id}
			`
		);
		expect((await copy(event.id)).copy).toEqual([school.programmeId, other.organisationId]);
		const gone = await createProgramme('Short-lived School');
		await asService(
			(sql) => sql`
				insert into public.event_organisers (event_id, programme_id) values (${event.id}, ${gone.programmeId})
			`
		);
		await asService((sql) => sql`delete from public.programmes where id = ${gone.programmeId}`);
		const after = await copy(event.id);
		expect(after.copy).toEqual(after.organisers);
		expect(after.copy).toEqual([school.programmeId, other.organisationId]);
		expect(after.updated_at).toEqual(before.updated_at);
	});

	it('an edit of the event still moves its updated_at', async () => {
		const event = await createEvent(school);
		const before = await copy(event.id);
		await asService(
			(sql) =>
				sql`update public.events set title = ${'Renamed ' + randomUUID()} where id = ${event.id}`
		);
		expect((await copy(event.id)).updated_at.getTime()).toBeGreaterThan(
			before.updated_at.getTime()
		);
	});

	it('the API roles may not read the copy', async () => {
		const event = await createEvent(school);
		await expect(
			withUser(
				people.coordinator!.claims,
				(sql) => sql`select organiser_ids from public.events where id = ${event.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withAnon((sql) => sql`select organiser_ids from public.events where id = ${event.id}`)
		).rejects.toMatchObject({ code: '42501' });
	});
});
