/**
 * Who is a platform admin is what Auth's record of the person says now (app_metadata in
 * auth.users), not what their token said when it was issued: a demoted admin loses admin rights
 * at once, and a token that claims the role for someone else gives nothing.
 */
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { asService, withUser, type Claims } from '$lib/server/db/client';
import { asAdmin, createPerson } from './factories';

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
