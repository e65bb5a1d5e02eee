/**
 * The claims page's rows: a coordinator deciding on a claim sees who makes it — name, e-mail and
 * cohort — even when the claimant's profile is private (the profile's address only where they may
 * open it); nobody else reads any. Filters by cohort and role, three orders, and verifying many
 * claims at once, by the programme's coordinators and admins only.
 */
import { describe, expect, it } from 'vitest';
import { asService, withAnon } from '$lib/server/db/client';
import * as memberships from '$lib/server/db/memberships';
import {
	addMembership,
	asAdmin,
	createPerson,
	createProgramme,
	setProfile,
	type Programme
} from './factories';

async function world() {
	const programme = await createProgramme('Claimants School');
	const [coordinator, member, priv, open, trainer] = await Promise.all([
		createPerson({ displayName: 'Cora Coordinator' }),
		createPerson({ displayName: 'Mo Member' }),
		createPerson({ displayName: 'Zara Private' }),
		createPerson({ displayName: 'Abe Open' }),
		createPerson({ displayName: 'Tess Trainer' })
	]);
	await addMembership(coordinator, programme, 'coordinator');
	await addMembership(member, programme, 'alumnus');
	await setProfile(priv.id, { visibility: 'private' });
	await setProfile(open.id, { visibility: 'public' });
	await addMembership(open, programme, 'alumnus', 'pending');
	await addMembership(priv, programme, 'alumnus', 'pending');
	await addMembership(trainer, programme, 'trainer', 'pending');
	return { programme, coordinator, member, priv, open, trainer };
}

const names = (rows: { display_name: string }[]) => rows.map((r) => r.display_name);

const statusOf = (programme: Programme, profileId: string) =>
	asService(
		async (sql) =>
			(
				await sql<{ status: string }[]>`
					select status from public.memberships
					where programme_id = ${programme.programmeId} and profile_id = ${profileId}
				`
			)[0]!.status
	);

describe('who is claiming, for coordinators', () => {
	it("shows a private claimant's name, e-mail and cohort to the coordinator, without a link to the profile", async () => {
		const { programme, coordinator, priv, open } = await world();
		const rows = await memberships.pendingFor(coordinator.claims, programme.programmeId);
		const zara = rows.find((r) => r.profile_id === priv.id)!;
		expect(zara).toMatchObject({
			display_name: 'Zara Private',
			email: priv.email,
			cohort_id: programme.cohortId,
			cohort_edition: '2025',
			role: 'alumnus',
			handle: null
		});
		expect(rows.find((r) => r.profile_id === open.id)!.handle).not.toBeNull();
	});

	it('a member, a claimant and a visitor read no claim; an admin reads them all', async () => {
		const { programme, member, priv } = await world();
		expect(await memberships.pendingFor(member.claims, programme.programmeId)).toEqual([]);
		expect(await memberships.pendingFor(priv.claims, programme.programmeId)).toEqual([]);
		expect(
			await withAnon(
				(sql) => sql`select id from private.pending_claimants(${programme.programmeId})`
			)
		).toEqual([]);
		const admin = await asAdmin(await createPerson());
		expect(await memberships.pendingFor(admin, programme.programmeId)).toHaveLength(3);
	});

	it('filters by cohort and role, and sorts by name, oldest and newest', async () => {
		const { programme, coordinator } = await world();
		const c = coordinator.claims;
		const id = programme.programmeId;
		expect(names(await memberships.pendingFor(c, id, { role: 'trainer' }))).toEqual([
			'Tess Trainer'
		]);
		// Alumni claim the cohort; the trainer claims the programme as a whole.
		expect(
			names(await memberships.pendingFor(c, id, { cohortId: programme.cohortId, sort: 'name' }))
		).toEqual(['Abe Open', 'Zara Private']);
		expect(names(await memberships.pendingFor(c, id, { sort: 'name' }))).toEqual([
			'Abe Open',
			'Tess Trainer',
			'Zara Private'
		]);
		const oldest = names(await memberships.pendingFor(c, id));
		const newest = names(await memberships.pendingFor(c, id, { sort: 'newest' }));
		expect(newest).toEqual([...oldest].reverse());
	});
});

describe('verifying many claims at once', () => {
	it("verifies the programme's coordinator's choice and tells each claimant; a member verifies none", async () => {
		const { programme, coordinator, member, priv, open, trainer } = await world();
		const rows = await memberships.pendingFor(coordinator.claims, programme.programmeId);
		const ids = rows.map((r) => r.id);
		expect(await memberships.verifyMany(member.claims, programme.programmeId, ids)).toEqual([]);
		expect(await statusOf(programme, priv.id)).toBe('pending');

		// Another programme's claim, slipped in, is not touched.
		const other = await createProgramme('Other School');
		const outsider = await createPerson();
		await addMembership(outsider, other, 'alumnus', 'pending');
		const [foreign] = await asService(
			(sql) => sql<{ id: string }[]>`
				select id from public.memberships where profile_id = ${outsider.id}
			`
		);
		const two = rows.filter((r) => r.profile_id !== trainer.id).map((r) => r.id);
		const verified = await memberships.verifyMany(coordinator.claims, programme.programmeId, [
			...two,
			foreign!.id
		]);
		expect(verified.sort()).toEqual([...two].sort());
		expect(await statusOf(programme, priv.id)).toBe('verified');
		expect(await statusOf(programme, open.id)).toBe('verified');
		expect(await statusOf(programme, trainer.id)).toBe('pending');
		expect(await statusOf(other, outsider.id)).toBe('pending');
		const told = await asService(
			(sql) => sql<{ kind: string }[]>`
				select kind from public.notifications where recipient_id = ${priv.id}
			`
		);
		expect(told.map((t) => t.kind)).toEqual(['membership_verified']);
		// Already decided: verifying again changes nothing.
		expect(await memberships.verifyMany(coordinator.claims, programme.programmeId, two)).toEqual(
			[]
		);
	});
});
