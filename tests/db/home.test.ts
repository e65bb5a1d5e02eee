/**
 * The signed-in home's questions: what waits for a coordinator (claims counted whatever each
 * claimant's profile shows, suggested edits), for their own programmes only; the events a person
 * is going to, their own answers only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as eventsDb from '$lib/server/db/events';
import * as home from '$lib/server/db/home';
import {
	addMembership,
	createEvent,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

let school: Programme, other: Programme;
let coordinator: Person, claimant: Person, hidden: Person, member: Person, otherCoordinator: Person;

beforeAll(async () => {
	[school, other] = await Promise.all([
		createProgramme('Waiting School'),
		createProgramme('Quiet School')
	]);
	[coordinator, claimant, hidden, member, otherCoordinator] = await Promise.all([
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	await Promise.all([
		addMembership(coordinator, school, 'coordinator'),
		addMembership(otherCoordinator, other, 'coordinator'),
		addMembership(member, school, 'alumnus')
	]);
	await asService(async (sql) => {
		// Two claims waiting, one of them behind a profile only its owner sees.
		await sql`
			insert into public.memberships (profile_id, programme_id, role, status)
			values (${claimant.id}, ${school.programmeId}, 'alumnus', 'pending'),
			       (${hidden.id}, ${school.programmeId}, 'alumnus', 'pending')
		`;
		await sql`update public.profiles set visibility = 'private' where id = ${hidden.id}`;
		await sql`
			insert into public.programme_suggestions (programme_id, author_id, field, proposal)
			values (${school.programmeId}, ${member.id}, 'summary', 'A better summary of the school.')
		`;
	});
});

describe('what waits on the home page', () => {
	it('a coordinator sees her programme’s claims and suggestions; nobody else sees them', async () => {
		expect(await home.waiting(coordinator.claims)).toEqual([
			{ slug: expect.any(String), name: 'Waiting School', claims: 2, suggestions: 1 }
		]);
		// Nothing waits in the other programme: it is left out; a member has nothing to decide.
		expect(await home.waiting(otherCoordinator.claims)).toEqual([]);
		expect(await home.waiting(member.claims)).toEqual([]);
		expect(await home.waiting(claimant.claims)).toEqual([]);
	});
});

describe('the events a person is going to', () => {
	it('lists their own answers only, soonest first, and marks a place on the waiting list', async () => {
		const soon = await createEvent(school, {
			title: 'Soon',
			startsAt: new Date(Date.now() + 2 * 86_400_000),
			capacity: 1
		});
		const later = await createEvent(school, {
			title: 'Later',
			startsAt: new Date(Date.now() + 9 * 86_400_000)
		});
		await eventsDb.rsvp(member.claims, later.id, 'going', null);
		await eventsDb.rsvp(coordinator.claims, soon.id, 'going', null);
		await eventsDb.rsvp(member.claims, soon.id, 'going', null);
		expect((await eventsDb.going(member.claims)).map((e) => [e.title, e.waitlisted])).toEqual([
			['Soon', true],
			['Later', false]
		]);
		expect((await eventsDb.going(coordinator.claims)).map((e) => e.title)).toEqual(['Soon']);
		expect(await eventsDb.going(claimant.claims)).toEqual([]);
	});
});
