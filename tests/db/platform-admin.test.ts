/**
 * Who is a platform admin is what Auth's record of the person says now (app_metadata in
 * auth.users), not what their token said when it was issued: a demoted admin loses admin rights
 * at once, and a token that claims the role for someone else gives nothing.
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as invitations from '$lib/server/db/invitations';
import * as memberships from '$lib/server/db/memberships';
import { curationWorld } from './curation';
import { addMembership, asAdmin, createPerson, createProgramme, type Person } from './factories';

type Sql = postgres.TransactionSql;

const isAdmin = (claims: Claims) =>
	withUser(
		claims,
		async (sql) =>
			(await sql<{ yes: boolean }[]>`select private.is_platform_admin() as yes`)[0]!.yes
	);

const addOrganisation = (claims: Claims, slug: string) =>
	withUser(
		claims,
		(sql: postgres.TransactionSql) => sql`
			insert into public.organisations (slug, name) values (${slug}, 'Admin Test Foundation') returning id
		`
	);

describe('platform admins', () => {
	it('an admin curates while Auth says they are one', async () => {
		const admin = await asAdmin(await createPerson());
		expect(await isAdmin(admin)).toBe(true);
		expect(await addOrganisation(admin, 'admin-test-one')).toHaveLength(1);
	});

	it('a demoted admin is refused at once, though their token still says admin', async () => {
		const person = await createPerson();
		const claims = await asAdmin(person);
		await asService(
			(sql) => sql`
				update auth.users set raw_app_meta_data = raw_app_meta_data - 'platform_role'
				where id = ${person.id}
			`
		);
		expect(claims.app_metadata).toMatchObject({ platform_role: 'admin' });
		expect(await isAdmin(claims)).toBe(false);
		await expect(addOrganisation(claims, 'admin-test-two')).rejects.toMatchObject({
			code: '42501'
		});
	});

	it('a token that claims the role for someone Auth does not know as admin gives nothing', async () => {
		const person = await createPerson();
		const forged = {
			...person.claims,
			app_metadata: { ...person.claims.app_metadata, platform_role: 'admin' }
		};
		expect(await isAdmin(forged)).toBe(false);
		await expect(addOrganisation(forged, 'admin-test-three')).rejects.toMatchObject({
			code: '42501'
		});
	});
});

/**
 * Coordinator pages have one rule: the programme's verified coordinators and platform admins. A
 * programme an admin creates has no coordinator yet; the admin verifies its claims and invites
 * its first people, and nobody else who merely belongs to it may.
 */
describe('platform admins coordinate any programme', () => {
	it('an admin reads and decides the claims of a programme without coordinators', async () => {
		const programme = await createProgramme('Admin Coordinated School');
		const [admin, claimant, member, outsider] = await Promise.all([
			createPerson().then(asAdmin),
			createPerson(),
			createPerson(),
			createPerson()
		]);
		await addMembership(member, programme, 'alumnus');
		await addMembership(claimant, programme, 'alumnus', 'pending');
		const [claim] = await memberships.pendingFor(admin, programme.programmeId);
		expect(claim).toBeDefined();

		// A member of the programme and an outsider see no claim and decide nothing.
		for (const person of [member, outsider]) {
			expect(await memberships.pendingFor(person.claims, programme.programmeId)).toEqual([]);
			expect(
				await memberships.decide(person.claims, programme.programmeId, claim!.id, {
					decision: 'verify'
				})
			).toBe(false);
		}

		expect(
			await memberships.decide(admin, programme.programmeId, claim!.id, { decision: 'verify' })
		).toBe(true);
		const [decided] = await asService(
			(sql) => sql<{ status: string; decided_by: string }[]>`
				select status, decided_by from public.memberships where id = ${claim!.id}
			`
		);
		expect(decided).toEqual({ status: 'verified', decided_by: admin.sub });
	});

	it('an admin invites to a programme without coordinators, sees the invitation and withdraws it', async () => {
		const programme = await createProgramme('Admin Invites School');
		const [admin, member] = await Promise.all([createPerson().then(asAdmin), createPerson()]);
		await addMembership(member, programme, 'alumnus');

		const sent = await invitations.invite(
			admin,
			programme.programmeId,
			{ email: 'first-coordinator@example.test', role: 'coordinator' },
			'http://localhost'
		);
		expect(sent).toMatchObject({ email: 'first-coordinator@example.test' });
		const [open] = await invitations.of(admin, programme.programmeId);
		expect(open).toMatchObject({ email: 'first-coordinator@example.test', role: 'coordinator' });

		// A member neither sees it, nor invites, nor withdraws it.
		expect(await invitations.of(member.claims, programme.programmeId)).toEqual([]);
		await expect(
			invitations.invite(
				member.claims,
				programme.programmeId,
				{ email: 'someone@example.test', role: 'alumnus' },
				'http://localhost'
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await invitations.revoke(member.claims, programme.programmeId, open!.id)).toBe(false);

		expect(await invitations.revoke(admin, programme.programmeId, open!.id)).toBe(true);
		expect(await invitations.of(admin, programme.programmeId)).toEqual([]);
	});

	it('an admin is told who on a roster is already a member; a member is not', async () => {
		const programme = await createProgramme('Admin Roster School');
		const [admin, member] = await Promise.all([createPerson().then(asAdmin), createPerson()]);
		await addMembership(member, programme, 'alumnus');
		const among = (claims: Claims) =>
			withUser(
				claims,
				(sql) => sql<{ email: string }[]>`
					select email from private.members_among(${programme.programmeId}, ${[member.email.toLowerCase()]})
				`
			);
		expect(await among(admin)).toEqual([{ email: member.email.toLowerCase() }]);
		expect(await among(member.claims)).toEqual([]);
	});
});

describe('is_platform_admin', () => {
	let member: Person, admin: Claims;
	beforeAll(async () => {
		({ member, admin } = await curationWorld());
	});

	it('is true only for a person whose app_metadata (in auth.users) says admin', async () => {
		const ask = (sql: Sql) => sql<{ yes: boolean }[]>`select private.is_platform_admin() as yes`;
		expect((await withUser(admin, ask))[0]?.yes).toBe(true);
		expect((await withUser(member.claims, ask))[0]?.yes).toBe(false);
		// user_metadata is the person's own to write: it must not make anyone an admin.
		const sneaky = { ...member.claims, user_metadata: { platform_role: 'admin' } };
		expect((await withUser(sneaky, ask))[0]?.yes).toBe(false);
		await expect(withAnon(ask)).rejects.toMatchObject({ code: '42501' });
	});
});
