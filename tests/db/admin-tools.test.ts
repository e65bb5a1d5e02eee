/**
 * The admins' tools: an admin grants and withdraws the moderator and admin roles (never the last
 * admin's), names and removes a programme's coordinators, and reads every such change in the
 * audit log. A member, a moderator and a visitor are refused each, and read nothing of the log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as admin from '$lib/server/db/admin';
import * as memberships from '$lib/server/db/memberships';
import { addMembership, asAdmin, createPerson, createProgramme, type Person } from './factories';

const roleOf = async (person: Person) =>
	asService(
		async (sql) =>
			(
				await sql<{ role: string | null }[]>`
					select raw_app_meta_data ->> 'platform_role' as role from auth.users where id = ${person.id}
				`
			)[0]!.role
	);

const isCoordinator = (claims: Claims, programmeId: string) =>
	withUser(
		claims,
		async (sql) =>
			(await sql<{ yes: boolean }[]>`select private.is_coordinator_of(${programmeId}) as yes`)[0]!
				.yes
	);

let adminPerson: Person;
let adminClaims: Claims;

beforeAll(async () => {
	adminPerson = await createPerson({ displayName: 'Ada Admin' });
	adminClaims = await asAdmin(adminPerson);
});

describe('platform roles', () => {
	it('an admin grants and withdraws the moderator role, sees who holds it, and the log says so', async () => {
		const person = await createPerson({ displayName: 'Mona Moderator' });
		expect(await admin.setRole(adminClaims, person.email.toUpperCase(), 'moderator')).toBe(
			'granted'
		);
		expect(await roleOf(person)).toBe('moderator');
		const holders = await admin.roleHolders(adminClaims);
		expect(holders).toContainEqual({
			id: person.id,
			display_name: 'Mona Moderator',
			email: person.email,
			role: 'moderator'
		});
		expect(holders.some((h) => h.id === adminPerson.id && h.role === 'admin')).toBe(true);
		// The moderator is one now, for the database too.
		await expect(
			withUser(
				person.claims,
				async (sql) =>
					(await sql<{ yes: boolean }[]>`select private.is_platform_moderator() as yes`)[0]!.yes
			)
		).resolves.toBe(true);

		expect(await admin.setRole(adminClaims, person.email, 'moderator')).toBe('unchanged');
		expect(await admin.setRole(adminClaims, person.email, null)).toBe('withdrawn');
		expect(await roleOf(person)).toBeNull();

		const { entries } = await admin.audit(adminClaims);
		const about = entries.filter((e) => e.subject_email === person.email);
		expect(about.map((e) => [e.action, e.role, e.actor_name, e.subject_name])).toEqual([
			['role_withdrawn', 'moderator', 'Ada Admin', 'Mona Moderator'],
			['role_granted', 'moderator', 'Ada Admin', 'Mona Moderator']
		]);
	});

	it('an admin makes another admin, who may then withdraw the first; the last admin stays', async () => {
		// Alone: every other admin of this database withdrawn by the service first.
		const first = await createPerson({ displayName: 'First Admin' });
		const firstClaims = await asAdmin(first);
		await asService(
			(sql) => sql`
				update auth.users set raw_app_meta_data = raw_app_meta_data - 'platform_role'
				where raw_app_meta_data ->> 'platform_role' = 'admin' and id <> ${first.id}
			`
		);
		expect(await admin.setRole(firstClaims, first.email, null)).toBe('last_admin');
		expect(await admin.setRole(firstClaims, first.email, 'moderator')).toBe('last_admin');
		expect(await roleOf(first)).toBe('admin');

		const second = await createPerson({ displayName: 'Second Admin' });
		expect(await admin.setRole(firstClaims, second.email, 'admin')).toBe('granted');
		expect(await admin.setRole(second.claims, first.email, null)).toBe('withdrawn');
		expect(await roleOf(first)).toBeNull();
		// The first is refused at once, though their token still says admin.
		await expect(admin.setRole(firstClaims, second.email, null)).rejects.toMatchObject({
			code: '42501'
		});
		expect(await admin.setRole(second.claims, second.email, null)).toBe('last_admin');
		// Put back the suite's own admin.
		adminClaims = await asAdmin(adminPerson);
	});

	it('says when no account has the address', async () => {
		expect(await admin.setRole(adminClaims, 'nobody-at-all@example.test', 'moderator')).toBe(
			'no_person'
		);
	});

	it('a member, a moderator and a visitor may not grant, withdraw, list holders or read the log', async () => {
		const member = await createPerson();
		const moderator = await createPerson();
		await admin.setRole(adminClaims, moderator.email, 'moderator');
		for (const who of [member.claims, moderator.claims]) {
			await expect(admin.setRole(who, who.email!, 'admin')).rejects.toMatchObject({
				code: '42501'
			});
			await expect(admin.setRole(who, adminPerson.email, null)).rejects.toMatchObject({
				code: '42501'
			});
			await expect(admin.roleHolders(who)).rejects.toMatchObject({ code: '42501' });
			expect((await admin.audit(who)).entries).toEqual([]);
		}
		expect(await roleOf(member)).toBeNull();
		expect(await roleOf(moderator)).toBe('moderator');
		await expect(
			withAnon((sql) => sql`select private.admin_set_platform_role(${member.email}, 'admin')`)
		).rejects.toMatchObject({ code: '42501' });
		expect(await withAnon((sql) => sql`select id from public.admin_audit`)).toEqual([]);
		// Nobody writes the log by hand, admins included.
		await expect(
			withUser(
				adminClaims,
				(sql) => sql`insert into public.admin_audit (action) values ('role_granted')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

describe("a programme's coordinators", () => {
	it('an admin names the first coordinator of a new programme, who may then verify a claim; then removes them', async () => {
		const programme = await createProgramme('Admin Named School');
		const coordinator = await createPerson({ displayName: 'Nora Named' });
		const claimant = await createPerson();
		await addMembership(claimant, programme, 'alumnus', 'pending');
		expect(await isCoordinator(coordinator.claims, programme.programmeId)).toBe(false);

		expect(await admin.nameCoordinator(adminClaims, programme.programmeId, coordinator.email)).toBe(
			'named'
		);
		expect(await admin.nameCoordinator(adminClaims, programme.programmeId, coordinator.email)).toBe(
			'already'
		);
		expect(await isCoordinator(coordinator.claims, programme.programmeId)).toBe(true);
		const list = await admin.coordinators(adminClaims, programme.programmeId);
		expect(list.map((c) => [c.display_name, c.email])).toEqual([['Nora Named', coordinator.email]]);

		// They are told, and they may decide the waiting claim.
		const told = await asService(
			(sql) => sql`
				select kind from public.notifications where recipient_id = ${coordinator.id}
			`
		);
		expect(told.map((n) => n.kind)).toEqual(['membership_verified']);
		const [claim] = await memberships.pendingFor(coordinator.claims, programme.programmeId);
		expect(
			await memberships.decide(coordinator.claims, programme.programmeId, claim!.id, {
				decision: 'verify'
			})
		).toBe(true);

		expect(await admin.removeCoordinator(adminClaims, list[0]!.membership_id)).toBe(true);
		expect(await admin.removeCoordinator(adminClaims, list[0]!.membership_id)).toBe(false);
		expect(await isCoordinator(coordinator.claims, programme.programmeId)).toBe(false);

		const { entries } = await admin.audit(adminClaims);
		expect(
			entries
				.filter((e) => e.programme_name === 'Admin Named School')
				.map((e) => [e.action, e.subject_name])
		).toEqual([
			['coordinator_removed', 'Nora Named'],
			['coordinator_named', 'Nora Named']
		]);
	});

	it('a pending claim to coordinate becomes the verified one; an unknown address is said so', async () => {
		const programme = await createProgramme('Claimed Coordination School');
		const person = await createPerson();
		await addMembership(person, programme, 'coordinator', 'pending');
		expect(await admin.nameCoordinator(adminClaims, programme.programmeId, person.email)).toBe(
			'named'
		);
		const rows = await asService(
			(sql) => sql`
				select status from public.memberships
				where profile_id = ${person.id} and programme_id = ${programme.programmeId}
			`
		);
		expect(rows.map((r) => r.status)).toEqual(['verified']);
		expect(
			await admin.nameCoordinator(adminClaims, programme.programmeId, 'nobody@example.test')
		).toBe('no_person');
	});

	it("a programme's own coordinator, a member and a visitor may not name, list or remove coordinators", async () => {
		const programme = await createProgramme('Guarded Coordination School');
		const coordinator = await createPerson();
		await addMembership(coordinator, programme, 'coordinator');
		const member = await createPerson();
		const [row] = await admin.coordinators(adminClaims, programme.programmeId);
		for (const who of [coordinator.claims, member.claims]) {
			await expect(
				admin.nameCoordinator(who, programme.programmeId, member.email)
			).rejects.toMatchObject({ code: '42501' });
			await expect(admin.coordinators(who, programme.programmeId)).rejects.toMatchObject({
				code: '42501'
			});
			await expect(admin.removeCoordinator(who, row!.membership_id)).rejects.toMatchObject({
				code: '42501'
			});
		}
		await expect(
			withAnon(
				(sql) =>
					sql`select private.admin_name_coordinator(${programme.programmeId}, ${member.email})`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await isCoordinator(coordinator.claims, programme.programmeId)).toBe(true);
		expect(await isCoordinator(member.claims, programme.programmeId)).toBe(false);
	});
});

describe('the audit log', () => {
	it('pages newest first without skipping or repeating an entry', async () => {
		const people = await Promise.all(Array.from({ length: 50 }, () => createPerson()));
		for (const p of people) await admin.setRole(adminClaims, p.email, 'moderator');
		const seen: string[] = [];
		let after: admin.AuditCursor | undefined;
		for (;;) {
			const page = await admin.audit(adminClaims, after);
			seen.push(...page.entries.map((e) => e.id));
			if (!page.next) break;
			after = page.next;
		}
		const all = await asService((sql) => sql`select id from public.admin_audit`);
		expect(all.length).toBeGreaterThan(50);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.length).toBe(all.length);
	});
});
