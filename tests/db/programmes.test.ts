import { beforeAll, describe, expect, it } from 'vitest';
import { withAnon, withUser } from '$lib/server/db/client';
import { createPerson, createProgramme, type Programme } from './factories';

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
