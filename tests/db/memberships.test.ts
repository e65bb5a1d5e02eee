import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as memberships from '$lib/server/db/memberships';
import * as notifications from '$lib/server/db/notifications';
import {
	addMembership,
	createPerson,
	createProgramme,
	setProfile,
	type Person,
	type Programme
} from './factories';
import { invite } from './invitation-rows';

describe('notifications', () => {
	let programme: Programme, coordinator: Person;

	beforeAll(async () => {
		programme = await createProgramme('Notice School');
		coordinator = await createPerson();
		await addMembership(coordinator, programme, 'coordinator');
	});

	const claimOf = async (person: Person) => {
		await addMembership(person, programme, 'alumnus', 'pending');
		const [row] = await asService(
			(sql) =>
				sql<{ id: string }[]>`select id from public.memberships where profile_id = ${person.id}`
		);
		return row!.id;
	};

	const decide = (id: string, status: 'verified' | 'declined', reason: string | null = null) =>
		withUser(
			coordinator.claims,
			(sql) => sql`
				update public.memberships
				set status = ${status}, decided_by = ${coordinator.id}, decided_at = now(), decline_reason = ${reason}
				where id = ${id}
			`
		);

	const mine = (person: Person) =>
		withUser(
			person.claims,
			(sql) => sql<{ id: string; kind: string; payload: Record<string, unknown> }[]>`
				select id, kind, payload from public.notifications order by created_at
			`
		);

	it('a decision tells the claimant, in the table and on their private topic', async () => {
		const person = await createPerson();
		await decide(await claimOf(person), 'declined', 'Not on our list.');
		const [notice] = await mine(person);
		expect(notice).toMatchObject({
			kind: 'membership_declined',
			payload: {
				programme_name: 'Notice School',
				cohort_edition: '2025',
				reason: 'Not on our list.'
			}
		});
		const sent = await asService(
			(sql) => sql`
				select event, payload ->> 'kind' as kind from realtime.messages where topic = ${'user:' + person.id}
			`
		);
		expect(sent).toEqual([{ event: 'notification', kind: 'membership_declined' }]);
	});

	it('only the recipient reads a notification and marks it read', async () => {
		const [person, other] = await Promise.all([createPerson(), createPerson()]);
		await decide(await claimOf(person), 'verified');
		const [notice] = await mine(person);
		expect(notice?.kind).toBe('membership_verified');
		expect(await mine(other)).toHaveLength(0);
		expect(
			await withAnon((sql) => sql`select 1 from public.notifications`).catch((e) => e)
		).toMatchObject({ code: '42501' });
		const markedByOther = await withUser(
			other.claims,
			(sql) =>
				sql`update public.notifications set read_at = now() where id = ${notice!.id} returning id`
		);
		expect(markedByOther).toHaveLength(0);
		const marked = await withUser(
			person.claims,
			(sql) =>
				sql`update public.notifications set read_at = now() where id = ${notice!.id} returning id`
		);
		expect(marked).toHaveLength(1);
	});

	it('nobody writes notifications through the API, not even to themselves', async () => {
		const person = await createPerson();
		await expect(
			withUser(
				person.claims,
				(sql) =>
					sql`insert into public.notifications (recipient_id, kind) values (${person.id}, 'invitation')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(person.claims, (sql) => sql`select public.notify(${person.id}, 'invitation', '{}')`)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(person.claims, (sql) => sql`delete from public.notifications`)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(person.claims, (sql) => sql`update public.notifications set kind = 'invitation'`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('an invitation to an address with an account tells that person', async () => {
		const person = await createPerson();
		await invite(coordinator, programme, person.email);
		const [notice] = await mine(person);
		expect(notice).toMatchObject({
			kind: 'invitation',
			payload: { programme_name: 'Notice School' }
		});
	});
});

describe('claims name a cohort of their own programme', () => {
	it('refuses a claim with another programme’s cohort', async () => {
		const [one, two] = await Promise.all([createProgramme('One'), createProgramme('Two')]);
		const person = await createPerson();
		await expect(
			withUser(
				person.claims,
				(sql) => sql`
					insert into public.memberships (profile_id, programme_id, cohort_id, role)
					values (${person.id}, ${one.programmeId}, ${two.cohortId}, 'alumnus')
				`
			)
		).rejects.toMatchObject({ code: '23514' });
	});
});

describe('the memberships module, through withUser', () => {
	let programme: Programme, coordinator: Person, member: Person;

	beforeAll(async () => {
		programme = await createProgramme('Module School');
		[coordinator, member] = await Promise.all([createPerson(), createPerson()]);
		await addMembership(coordinator, programme, 'coordinator');
		await addMembership(member, programme, 'alumnus');
	});

	it('members_among answers only a coordinator of the programme', async () => {
		const ask = (person: Person) =>
			withUser(
				person.claims,
				(sql) =>
					sql`select email from private.members_among(${programme.programmeId}, ${[member.email]})`
			);
		expect(await ask(coordinator)).toEqual([{ email: member.email }]);
		expect(await ask(member)).toEqual([]);
	});

	it('claim, decide, notify and list: the whole journey', async () => {
		const person = await createPerson({ displayName: 'Zed Journey' });
		const [slug] = await asService(
			(sql) =>
				sql<
					{ slug: string }[]
				>`select slug from public.programmes where id = ${programme.programmeId}`
		);
		expect(
			await memberships.claim(person.claims, { programme: 'no-such', role: 'alumnus' })
		).toMatchObject({ field: 'programme' });
		expect(
			await memberships.claim(person.claims, {
				programme: slug!.slug,
				cohort: '1999',
				role: 'alumnus'
			})
		).toMatchObject({ field: 'cohort' });
		const claimed = await memberships.claim(person.claims, {
			programme: slug!.slug,
			cohort: '2025',
			role: 'alumnus'
		});
		if (!('id' in claimed)) throw new Error('not claimed');
		expect(
			await memberships.claim(person.claims, {
				programme: slug!.slug,
				cohort: '2025',
				role: 'alumnus'
			})
		).toMatchObject({ field: 'form' });
		expect(await memberships.pendingFor(member.claims, programme.programmeId)).toEqual([]);
		const pending = await memberships.pendingFor(coordinator.claims, programme.programmeId);
		expect(pending.map((p) => p.display_name)).toContain('Zed Journey');
		expect(
			await memberships.decide(member.claims, programme.programmeId, claimed.id, {
				decision: 'verify'
			})
		).toBe(false);
		expect(
			await memberships.decide(coordinator.claims, programme.programmeId, claimed.id, {
				decision: 'verify'
			})
		).toBe(true);
		const { items, unread } = await notifications.recent(person.claims);
		expect(unread.count).toBe(1);
		expect(items[0]).toMatchObject({ kind: 'membership_verified' });
		await notifications.markRead(person.claims);
		expect((await notifications.recent(person.claims)).unread.count).toBe(0);

		const first = await memberships.alumniOf(member.claims, programme.programmeId, { limit: 1 });
		expect(first.more).toBe(true);
		const everyone = [...first.people];
		let after = first.people.at(-1);
		while (after) {
			const page = await memberships.alumniOf(member.claims, programme.programmeId, {
				limit: 1,
				after
			});
			everyone.push(...page.people);
			after = page.more ? page.people.at(-1) : undefined;
		}
		expect(everyone.map((p) => p.display_name)).toContain('Zed Journey');
		const alumni = await memberships.alumniOf(member.claims, programme.programmeId, {
			role: 'alumnus',
			cohortId: programme.cohortId
		});
		expect(alumni.people.every((p) => p.role === 'alumnus' && p.cohort_edition === '2025')).toBe(
			true
		);
	});
});

describe('the hot queries have indexes', () => {
	/** The plan's text with sequential scans ruled out: an index is used when one fits. */
	const plan = (query: string) =>
		asService(async (sql) => {
			await sql`set local enable_seqscan = off`;
			const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query}`);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
	const id = '00000000-0000-0000-0000-000000000000';

	it.each([
		[
			'a person’s newest notifications',
			`select id from public.notifications where recipient_id = '${id}' order by created_at desc, id desc limit 20`,
			'notifications_recipient_id_created_at_id_idx'
		],
		[
			'an invitation by its token',
			`select id from public.membership_invitations where token_hash = '${'0'.repeat(64)}'`,
			'membership_invitations_token_hash_key'
		],
		[
			'a programme’s invitations, newest first',
			`select id from public.membership_invitations where programme_id = '${id}' order by created_at desc, id limit 500`,
			'membership_invitations_programme_id_created_at_idx'
		],
		[
			'open invitations to an address',
			`select id from public.membership_invitations where status = 'pending' and email = 'a@example.test'`,
			'membership_invitations_'
		],
		[
			'a programme’s verified members',
			`select id from public.memberships where programme_id = '${id}' and status = 'verified'`,
			'memberships_programme_id_status_idx'
		]
	])('%s', async (_, query, index) => {
		expect(await plan(query)).toContain(index);
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
			[kept, peersOnly, peer, stranger, schoolCoordinator] = await Promise.all([
				createPerson(),
				createPerson(),
				createPerson(),
				createPerson(),
				createPerson()
			]);
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
