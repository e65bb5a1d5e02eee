/**
 * Programmes: the compendium's public read, who edits what (coordinators their own fields within
 * their rules, admins the address and organisation), and adding one with its facets.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as programmes from '$lib/server/db/programmes';
import { newProgrammeSchema } from '$lib/schemas/programmes';
import { curationWorld } from './curation';
import { createPerson, createProgramme, type Person, type Programme } from './factories';

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

describe('programmes: who edits what', () => {
	let programme: Programme,
		member: Person,
		coordinator: Person,
		otherCoordinator: Person,
		admin: Claims;
	beforeAll(async () => {
		({ programme, member, coordinator, otherCoordinator, admin } = await curationWorld());
	});

	const rename = (claims: Claims, id: string, summary: string) =>
		withUser(
			claims,
			(sql) =>
				sql`update public.programmes set summary = ${summary} where id = ${id} returning summary`
		);

	it('a visitor and a member change nothing', async () => {
		await expect(
			withAnon(
				(sql) => sql`update public.programmes set summary = 'x' where id = ${programme.programmeId}`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await rename(member.claims, programme.programmeId, 'Mine')).toHaveLength(0);
	});

	it('a coordinator edits their programme, not another one', async () => {
		expect(await rename(coordinator.claims, programme.programmeId, 'Updated by us')).toEqual([
			{ summary: 'Updated by us' }
		]);
		expect(await rename(otherCoordinator.claims, programme.programmeId, 'Not theirs')).toHaveLength(
			0
		);
	});

	it('a coordinator sets the compendium fields, within their rules', async () => {
		const [row] = await withUser(
			coordinator.claims,
			(sql) => sql<{ components: string[]; cost: string }[]>`
				update public.programmes
				set components = ${['online-learning', 'research']}, duration_weeks = 12, cost = 'fee',
				    fee_amount = 250, fee_currency = 'EUR', fellowships_available = true,
				    applications_open_on = '2026-10-01', applications_close_on = '2026-12-15'
				where id = ${programme.programmeId}
				returning components, cost
			`
		);
		expect(row).toEqual({ components: ['online-learning', 'research'], cost: 'fee' });
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.programmes set components = ${['juggling']} where id = ${programme.programmeId}`
			)
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.programmes set applications_close_on = '2026-01-01' where id = ${programme.programmeId}`
			)
		).rejects.toMatchObject({ code: '23514' });
	});

	it('column grants: nobody sets ids, timestamps or the search vector', async () => {
		for (const column of ['id', 'created_at', 'updated_at']) {
			await expect(
				withUser(
					admin,
					(sql) =>
						sql`update public.programmes set ${sql(column)} = ${column === 'id' ? programme.programmeId : new Date()} where id = ${programme.programmeId}`
				)
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('only admins move a programme to another address or organisation', async () => {
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.programmes set slug = 'taken-over' where id = ${programme.programmeId}`
			)
		).rejects.toMatchObject({ code: '42501' });
		const [row] = await withUser(
			admin,
			(sql) => sql<{ slug: string }[]>`
				update public.programmes set slug = 'policy-school-renamed' where id = ${programme.programmeId}
				returning slug
			`
		);
		expect(row?.slug).toBe('policy-school-renamed');
	});

	it('admins add organisations and programmes; members and coordinators do not', async () => {
		const addOrg = (claims: Claims, slug: string) =>
			withUser(
				claims,
				(sql) => sql<{ id: string }[]>`
					insert into public.organisations (slug, name, website) values (${slug}, 'New Org', 'https://new.example.org')
					returning id
				`
			);
		await expect(addOrg(member.claims, 'member-org')).rejects.toMatchObject({ code: '42501' });
		await expect(addOrg(coordinator.claims, 'coordinator-org')).rejects.toMatchObject({
			code: '42501'
		});
		const [org] = await addOrg(admin, 'admin-org');
		const changed = await withUser(
			member.claims,
			(sql) =>
				sql`update public.organisations set name = 'Hijacked' where id = ${org!.id} returning id`
		);
		expect(changed).toHaveLength(0);
		const [edited] = await withUser(
			admin,
			(sql) => sql<{ name: string }[]>`
				update public.organisations set name = 'Renamed Org' where id = ${org!.id} returning name
			`
		);
		expect(edited?.name).toBe('Renamed Org');
		const addProgramme = (claims: Claims) =>
			withUser(
				claims,
				(sql) => sql`
					insert into public.programmes (slug, organisation_id, name, kind, format, scope)
					values ('admin-course', ${org!.id}, 'Admin Course', 'course', 'online', 'global')
					returning id
				`
			);
		await expect(addProgramme(coordinator.claims)).rejects.toMatchObject({ code: '42501' });
		expect(await addProgramme(admin)).toHaveLength(1);
	});
});

describe('programmes.create', () => {
	let programme: Programme, member: Person, coordinator: Person, admin: Claims;
	beforeAll(async () => {
		({ programme, member, coordinator, admin } = await curationWorld());
	});

	const form = (change: Record<string, string | string[]> = {}) =>
		newProgrammeSchema.parse({
			organisation_id: programme.organisationId,
			name: 'Island Policy Lab',
			kind: 'course',
			format: 'online',
			scope: 'regional',
			status: 'active',
			cost: 'free',
			topics: ['encryption', 'cybercrime'],
			audiences: 'youth',
			...change
		});
	const named = (slug: string) =>
		asService(
			(sql) => sql<{ id: string }[]>`select id from public.programmes where slug = ${slug}`
		);

	it('an admin adds a programme with its facets, in one go', async () => {
		const { slug } = await programmes.create(admin, form({ slug: 'island-policy-lab' }));
		expect(slug).toBe('island-policy-lab');
		const page = await programmes.get(null, slug);
		expect(page?.programme.organisation_id).toBe(programme.organisationId);
		expect(page?.programme.topics.map((t) => t.code).sort()).toEqual(['cybercrime', 'encryption']);
		expect(page?.programme.audiences.map((t) => t.code)).toEqual(['youth']);
		expect(page?.programme.text_language).toBe('en');
	});

	it('keeps the language its texts are written in, one the database knows', async () => {
		const { slug } = await programmes.create(
			admin,
			form({ slug: 'atelier-politique-lab', text_language: 'fr' })
		);
		expect((await programmes.get(null, slug))?.programme.text_language).toBe('fr');
		await expect(
			programmes.create(admin, form({ slug: 'nowhere-lab', text_language: 'xx' }))
		).rejects.toMatchObject({ code: '23503' });
		expect(await named('nowhere-lab')).toEqual([]);
		expect(newProgrammeSchema.safeParse({ text_language: 'French' }).error?.issues).toContainEqual(
			expect.objectContaining({ path: ['text_language'] })
		);
	});

	it('a taken address, an unknown facet or a non-admin leaves nothing behind', async () => {
		await expect(
			programmes.create(admin, form({ slug: 'island-policy-lab', name: 'Another Lab' }))
		).rejects.toMatchObject({ code: '23505', constraint_name: 'programmes_slug_key' });
		// The programme row goes in first; the unknown topic fails after it, and takes it back.
		await expect(
			programmes.create(admin, form({ slug: 'half-made-lab', topics: ['no-such-topic'] }))
		).rejects.toMatchObject({ code: '23503' });
		expect(await named('half-made-lab')).toHaveLength(0);
		for (const claims of [member.claims, coordinator.claims]) {
			await expect(
				programmes.create(claims, form({ slug: 'not-theirs-lab' }))
			).rejects.toMatchObject({ code: '42501' });
		}
		expect(await named('not-theirs-lab')).toHaveLength(0);
	});
});
