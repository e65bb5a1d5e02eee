/**
 * What a coordinator may change of their programme's memberships: exactly what the claims page
 * does (verify or decline a pending claim, as themselves), whether they ask through the app or
 * write the SQL themselves (as the Data API would let them, with their own token). Decided
 * memberships and coordinators' rows are not theirs to change.
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withUser } from '$lib/server/db/client';
import * as memberships from '$lib/server/db/memberships';
import {
	addMembership,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

let programme: Programme, coordinator: Person;

beforeAll(async () => {
	[programme, coordinator] = await Promise.all([
		createProgramme('Decisions School'),
		createPerson()
	]);
	await addMembership(coordinator, programme, 'coordinator');
});

/** A person with one membership of the programme, decided by the service (test setup). */
async function membershipOf(
	role: 'alumnus' | 'trainer' | 'coordinator',
	status: 'pending' | 'verified' | 'declined'
) {
	const person = await createPerson();
	await addMembership(person, programme, role, status);
	const [row] = await asService(
		(sql) =>
			sql<{ id: string }[]>`select id from public.memberships where profile_id = ${person.id}`
	);
	return { person, id: row!.id };
}

const statusOf = async (id: string) =>
	(
		await asService(
			(sql) =>
				sql<
					{ status: string; decided_by: string | null }[]
				>`select status, decided_by from public.memberships where id = ${id}`
		)
	)[0];

/** An update written by the coordinator themselves; the rows it changed. */
const asCoordinator = (
	change: (sql: postgres.TransactionSql) => postgres.PendingQuery<postgres.Row[]>
) => withUser(coordinator.claims, (sql) => change(sql));

describe('a coordinator decides pending claims, and only those', () => {
	it('verifies and declines a pending claim through the claims page', async () => {
		const toVerify = await membershipOf('alumnus', 'pending');
		const toDecline = await membershipOf('trainer', 'pending');
		expect(
			await memberships.decide(coordinator.claims, programme.programmeId, toVerify.id, {
				decision: 'verify'
			})
		).toBe(true);
		expect(
			await memberships.decide(coordinator.claims, programme.programmeId, toDecline.id, {
				decision: 'decline',
				reason: 'Not on our lists.'
			})
		).toBe(true);
		expect(await statusOf(toVerify.id)).toEqual({ status: 'verified', decided_by: coordinator.id });
		expect(await statusOf(toDecline.id)).toEqual({
			status: 'declined',
			decided_by: coordinator.id
		});
	});

	it('verifies a pending claim to coordinate, as the page offers', async () => {
		const claim = await membershipOf('coordinator', 'pending');
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships set status = 'verified', decided_by = ${coordinator.id}, decided_at = now()
				where id = ${claim.id} returning id
			`
		);
		expect(changed).toHaveLength(1);
	});

	it('cannot demote a co-coordinator', async () => {
		const co = await membershipOf('coordinator', 'verified');
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships
				set status = 'declined', decided_by = ${coordinator.id}, decided_at = now(), decline_reason = 'Out.'
				where id = ${co.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
		expect(await statusOf(co.id)).toMatchObject({ status: 'verified' });
	});

	it('cannot reopen a verified membership', async () => {
		const verified = await membershipOf('alumnus', 'verified');
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships set status = 'pending', decided_by = null, decided_at = null
				where id = ${verified.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
		expect(await statusOf(verified.id)).toMatchObject({ status: 'verified' });
	});

	it('cannot reverse a verified membership into a declined one', async () => {
		const verified = await membershipOf('trainer', 'verified');
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships set status = 'declined', decided_by = ${coordinator.id}, decided_at = now()
				where id = ${verified.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
		expect(await statusOf(verified.id)).toMatchObject({ status: 'verified' });
	});

	it('cannot reverse a declined claim into a verified membership', async () => {
		const declined = await membershipOf('alumnus', 'declined');
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships set status = 'verified', decided_by = ${coordinator.id}, decided_at = now()
				where id = ${declined.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
		expect(await statusOf(declined.id)).toMatchObject({ status: 'declined' });
	});

	it('cannot rewrite who decided, or why, once decided', async () => {
		const declined = await membershipOf('alumnus', 'declined');
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships set decided_by = ${coordinator.id}, decline_reason = 'Rewritten.'
				where id = ${declined.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
		expect(await statusOf(declined.id)).toEqual({ status: 'declined', decided_by: null });
	});

	it('cannot leave a claim pending while signing it as decided', async () => {
		const pending = await membershipOf('alumnus', 'pending');
		await expect(
			asCoordinator(
				(sql) => sql`
					update public.memberships set decided_by = ${coordinator.id}, decline_reason = 'Hmm.'
					where id = ${pending.id} returning id
				`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('cannot demote themselves either (a coordinator row changes through the service)', async () => {
		const [own] = await asService(
			(sql) => sql<{ id: string }[]>`
				select id from public.memberships where profile_id = ${coordinator.id} and role = 'coordinator'
			`
		);
		const changed = await asCoordinator(
			(sql) => sql`
				update public.memberships set status = 'declined', decided_by = ${coordinator.id}, decided_at = now()
				where id = ${own!.id} returning id
			`
		);
		expect(changed).toHaveLength(0);
		expect(await statusOf(own!.id)).toMatchObject({ status: 'verified' });
	});
});

describe('invitations', () => {
	it('a coordinator cannot choose when an invitation expires', async () => {
		const inviter = await createPerson();
		await addMembership(inviter, programme, 'coordinator');
		await expect(
			withUser(
				inviter.claims,
				(sql) => sql`
					insert into public.membership_invitations
					  (programme_id, role, email, token_hash, invited_by, expires_at)
					values (${programme.programmeId}, 'alumnus', 'forever@example.test', ${'a'.repeat(64)},
					        ${inviter.id}, now() + interval '100 years')
					returning id
				`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});
