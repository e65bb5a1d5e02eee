/**
 * Cohort spaces (db/spaces.ts openCohortSpace, cohortSpaces): a programme's coordinators open a
 * space for one of its cohorts; its verified people are its members and its coordinators moderate
 * it; nobody else may open one, and a cohort has one space at most. The programme's space lists
 * them: the ones that exist for everyone, every cohort for its coordinators.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as spaces from '$lib/server/db/spaces';
import {
	addMembership,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

let coordinator: Person, alumna: Person, pending: Person, otherCoordinator: Person;
let school: Programme, other: Programme;
let slug: string;

beforeAll(async () => {
	[coordinator, alumna, pending, otherCoordinator] = await Promise.all([
		createPerson({ displayName: 'Cyra Coordinator' }),
		createPerson({ displayName: 'Ada Alumna' }),
		createPerson({ displayName: 'Pim Pending' }),
		createPerson({ displayName: 'Oz Other' })
	]);
	[school, other] = await Promise.all([
		createProgramme('Cohort Space School'),
		createProgramme('Another Cohort School')
	]);
	await Promise.all([
		addMembership(coordinator, school, 'coordinator'),
		addMembership(alumna, school, 'alumnus'),
		addMembership(pending, school, 'alumnus', 'pending'),
		addMembership(otherCoordinator, other, 'coordinator')
	]);
	const [row] = await asService(
		(sql) =>
			sql<{ slug: string }[]>`select slug from public.programmes where id = ${school.programmeId}`
	);
	slug = row!.slug;
});

describe('cohort spaces', () => {
	it('before one is opened: its coordinators see the cohort to open, nobody else sees any', async () => {
		expect(
			(await spaces.cohortSpaces(coordinator.claims, slug)).map((c) => [c.edition, c.slug])
		).toEqual([['2025', null]]);
		expect(await spaces.cohortSpaces(alumna.claims, slug)).toEqual([]);
		expect(await spaces.cohortSpaces(null, slug)).toEqual([]);
	});

	it('only the programme’s coordinators may open one', async () => {
		const values = { cohort: school.cohortId, visibility: 'private' as const };
		expect(await spaces.openCohortSpace(alumna.claims, slug, values)).toBeNull();
		expect(await spaces.openCohortSpace(otherCoordinator.claims, slug, values)).toBeNull();
		// A cohort of another programme, named through this one, is not there.
		expect(
			await spaces.openCohortSpace(coordinator.claims, slug, { ...values, cohort: other.cohortId })
		).toBeNull();
		const none = await asService(
			(sql) => sql`select 1 from public.spaces where cohort_id = ${school.cohortId}`
		);
		expect(none).toHaveLength(0);
	});

	it('a coordinator opens it: the verified cohort are its members, the coordinators moderate; one a cohort', async () => {
		const values = { cohort: school.cohortId, visibility: 'private' as const };
		const opened = await spaces.openCohortSpace(coordinator.claims, slug, values);
		expect(opened).toMatch(/^cohort-space-school-2025/);
		const members = await asService(
			(sql) => sql<{ profile_id: string; role: string }[]>`
				select m.profile_id, m.role from public.space_members m
				join public.spaces s on s.id = m.space_id
				where s.slug = ${opened as string} order by m.role
			`
		);
		expect(members).toEqual(
			expect.arrayContaining([
				{ profile_id: alumna.id, role: 'member' },
				{ profile_id: coordinator.id, role: 'moderator' }
			])
		);
		expect(members.map((m) => m.profile_id)).not.toContain(pending.id);
		expect(await spaces.openCohortSpace(coordinator.claims, slug, values)).toBe('taken');

		// Listed on the programme's space: to the alumna, readable; to another member, named but
		// closed (they may ask to join); a visitor is not told a private space exists.
		const [mine] = await spaces.cohortSpaces(alumna.claims, slug);
		expect(mine).toMatchObject({ edition: '2025', slug: opened, readable: true });
		const [seen] = await spaces.cohortSpaces(pending.claims, slug);
		expect(seen).toMatchObject({ slug: opened, visibility: 'private', readable: false });
		expect(await spaces.cohortSpaces(null, slug)).toEqual([]);
		expect((await spaces.get(pending.claims, opened as string))?.readable).toBe(false);
	});
});
