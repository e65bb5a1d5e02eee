import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as memberships from '$lib/server/db/memberships';
import {
	addMembership,
	createPerson,
	createProgramme,
	setProfile,
	type Person,
	type Programme
} from './factories';

describe('the compendium is public and read-only for the API roles', () => {
	let programme: Programme;
	beforeAll(async () => {
		programme = await createProgramme();
	});

	it('a visitor reads organisations, programmes and cohorts', async () => {
		const rows = await withAnon(
			(sql) => sql`
				select p.name, o.name as organisation, c.edition
				from public.programmes p
				join public.organisations o on o.id = p.organisation_id
				join public.cohorts c on c.programme_id = p.id
				where p.id = ${programme.programmeId}
			`
		);
		expect(rows).toEqual([
			{
				name: 'Test School of Internet Governance',
				organisation: 'Test School of Internet Governance Foundation',
				edition: '2025'
			}
		]);
	});

	it('a member cannot change the compendium (curation: see compendium.test.ts)', async () => {
		const member = await createPerson();
		// Coordinators and admins may update programmes, so a member's update is filtered by RLS.
		const changed = await withUser(
			member.claims,
			(sql) =>
				sql`update public.programmes set name = 'Mine' where id = ${programme.programmeId} returning id`
		);
		expect(changed).toHaveLength(0);
		await expect(
			withUser(
				member.claims,
				(sql) => sql`insert into public.organisations (slug, name) values ('x-org', 'X Org')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe('memberships', () => {
	let programme: Programme, coordinator: Person, alumna: Person, other: Person;

	const claim = (person: Person, extra: Record<string, unknown> = {}) =>
		withUser(
			person.claims,
			(sql: postgres.TransactionSql) => sql<{ id: string; status: string }[]>`
				insert into public.memberships ${sql({
					profile_id: person.id,
					programme_id: programme.programmeId,
					cohort_id: programme.cohortId,
					role: 'alumnus',
					...extra
				})}
				returning id, status
			`
		);

	beforeAll(async () => {
		programme = await createProgramme('Claims School');
		[coordinator, alumna, other] = await Promise.all([
			createPerson(),
			createPerson(),
			createPerson()
		]);
		await addMembership(coordinator, programme, 'coordinator');
	});

	it('a member claims a membership for themselves, pending', async () => {
		const [row] = await claim(alumna);
		expect(row?.status).toBe('pending');
	});

	it('a member cannot claim for someone else, nor verify their own claim', async () => {
		await expect(
			withUser(
				other.claims,
				(sql) =>
					sql`insert into public.memberships (profile_id, programme_id, role) values (${alumna.id}, ${programme.programmeId}, 'trainer')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			claim(other, { status: 'verified', decided_at: new Date() })
		).rejects.toMatchObject({ code: '42501' });
	});

	it('pending claims are seen by the claimant and the coordinators, not by other members or visitors', async () => {
		const query = (sql: postgres.TransactionSql) =>
			sql`select profile_id from public.memberships where profile_id = ${alumna.id} and status = 'pending'`;
		expect(await withUser(alumna.claims, query)).toHaveLength(1);
		expect(await withUser(coordinator.claims, query)).toHaveLength(1);
		expect(await withUser(other.claims, query)).toHaveLength(0);
		await expect(withAnon(query)).rejects.toMatchObject({ code: '42501' });
	});

	it('the claimant cannot verify their own claim', async () => {
		const changed = await withUser(
			alumna.claims,
			(sql) => sql`
				update public.memberships set status = 'verified', decided_by = ${alumna.id}, decided_at = now()
				where profile_id = ${alumna.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
	});

	it('a coordinator verifies a claim on their programme, as themselves', async () => {
		await expect(
			withUser(
				coordinator.claims,
				(sql) => sql`
					update public.memberships set status = 'verified', decided_by = ${other.id}, decided_at = now()
					where profile_id = ${alumna.id}
				`
			)
		).rejects.toMatchObject({ code: '42501' });
		const changed = await withUser(
			coordinator.claims,
			(sql) => sql`
				update public.memberships set status = 'verified', decided_by = ${coordinator.id}, decided_at = now()
				where profile_id = ${alumna.id} returning status
			`
		);
		expect(changed).toEqual([{ status: 'verified' }]);
	});

	it('verified memberships are seen by every member', async () => {
		const rows = await withUser(
			other.claims,
			(sql) => sql`select role from public.memberships where profile_id = ${alumna.id}`
		);
		expect(rows).toEqual([{ role: 'alumnus' }]);
	});

	describe('follow who may see the profile', () => {
		let school: Programme, elsewhere: Programme;
		let kept: Person, peersOnly: Person, peer: Person, stranger: Person, schoolCoordinator: Person;

		const seenBy = (viewer: Person, person: Person) =>
			withUser(
				viewer.claims,
				(sql) => sql<{ role: string }[]>`
					select role from public.memberships where profile_id = ${person.id} and status = 'verified'
				`
			);

		beforeAll(async () => {
			[school, elsewhere] = await Promise.all([
				createProgramme('Kept School'),
				createProgramme('Stranger School')
			]);
			[kept, peersOnly, peer, stranger, schoolCoordinator] = await Promise.all(
				Array.from({ length: 5 }, () => createPerson())
			);
			await setProfile(kept.id, { visibility: 'private' });
			await setProfile(peersOnly.id, { visibility: 'programmes' });
			await Promise.all([
				addMembership(kept, school, 'alumnus'),
				addMembership(peersOnly, school, 'alumnus'),
				addMembership(peer, school, 'alumnus'),
				addMembership(stranger, elsewhere, 'alumnus'),
				addMembership(schoolCoordinator, school, 'coordinator')
			]);
		});

		it('a profile kept to oneself: its memberships are seen by the person and its coordinators only', async () => {
			expect(await seenBy(kept, kept)).toEqual([{ role: 'alumnus' }]);
			expect(await seenBy(schoolCoordinator, kept)).toEqual([{ role: 'alumnus' }]);
			expect(await seenBy(peer, kept)).toEqual([]);
			expect(await seenBy(stranger, kept)).toEqual([]);
			// Nor found by looking for the programme's verified members.
			const listed = await withUser(
				stranger.claims,
				(sql) => sql<{ profile_id: string }[]>`
					select profile_id from public.memberships
					where programme_id = ${school.programmeId} and status = 'verified'
				`
			);
			expect(listed.map((r) => r.profile_id)).not.toContain(kept.id);
			expect(listed.map((r) => r.profile_id)).toContain(peer.id);
		});

		it('a profile for programme peers: its memberships are seen by peers, not by other members', async () => {
			expect(await seenBy(peer, peersOnly)).toEqual([{ role: 'alumnus' }]);
			expect(await seenBy(stranger, peersOnly)).toEqual([]);
		});

		it('the programme’s list of people shows each viewer only the profiles they may see', async () => {
			const listedFor = async (viewer: Person) =>
				(await memberships.alumniOf(viewer.claims, school.programmeId)).people.map(
					(p) => p.display_name
				);
			// Test setup reads the names as the service.
			const nameOf = (person: Person) =>
				asService(async (sql) => {
					const [row] = await sql<{ display_name: string }[]>`
						select display_name from public.profiles where id = ${person.id}
					`;
					return row!.display_name;
				});
			const [keptName, peersOnlyName, peerName] = await Promise.all(
				[kept, peersOnly, peer].map(nameOf)
			);
			expect(await listedFor(peer)).toEqual(expect.arrayContaining([peersOnlyName, peerName]));
			expect(await listedFor(peer)).not.toContain(keptName);
			expect(await listedFor(stranger)).toContain(peerName);
			expect(await listedFor(stranger)).not.toContain(peersOnlyName);
			expect(await listedFor(stranger)).not.toContain(keptName);
			expect(await listedFor(kept)).toContain(keptName);
			// Visitors may not ask at all.
			await expect(
				withAnon((sql) => sql`select * from private.programme_people(${school.programmeId}::uuid)`)
			).rejects.toMatchObject({ code: '42501' });
		});

		it('a profile for members: every member sees its memberships, a visitor none', async () => {
			expect(await seenBy(stranger, peer)).toEqual([{ role: 'alumnus' }]);
			await expect(
				withAnon((sql) => sql`select role from public.memberships where profile_id = ${peer.id}`)
			).rejects.toMatchObject({ code: '42501' });
		});
	});

	it('a coordinator of another programme decides nothing here', async () => {
		const elsewhere = await createProgramme('Elsewhere Academy');
		const outsider = await createPerson();
		await addMembership(outsider, elsewhere, 'coordinator');
		const pending = await createPerson();
		await addMembership(pending, programme, 'trainer', 'pending');
		const changed = await withUser(
			outsider.claims,
			(sql) => sql`
				update public.memberships set status = 'declined', decided_by = ${outsider.id}, decided_at = now()
				where profile_id = ${pending.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
	});

	it('a member withdraws their own membership, and only their own', async () => {
		const removedByOther = await withUser(
			other.claims,
			(sql) => sql`delete from public.memberships where profile_id = ${alumna.id} returning id`
		);
		expect(removedByOther).toHaveLength(0);
		const removed = await withUser(
			alumna.claims,
			(sql) => sql`delete from public.memberships where profile_id = ${alumna.id} returning id`
		);
		expect(removed).toHaveLength(1);
	});
});
