import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import {
	addMembership,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

type Sql = postgres.TransactionSql;

/** The claims of an admin: the service sets app_metadata.platform_role, and tokens carry it. */
const asAdmin = (person: Person): Claims => ({
	...person.claims,
	app_metadata: { ...person.claims.app_metadata, platform_role: 'admin' }
});

let programme: Programme, other: Programme;
let member: Person, coordinator: Person, otherCoordinator: Person, admin: Claims;

beforeAll(async () => {
	[programme, other] = await Promise.all([
		createProgramme('Policy School'),
		createProgramme('Other Academy')
	]);
	let adminPerson: Person;
	[member, coordinator, otherCoordinator, adminPerson] = await Promise.all([
		createPerson(),
		createPerson(),
		createPerson(),
		createPerson()
	]);
	admin = asAdmin(adminPerson);
	await addMembership(coordinator, programme, 'coordinator');
	await addMembership(otherCoordinator, other, 'coordinator');
});

describe('is_platform_admin', () => {
	it('is true only for a token whose app_metadata says admin', async () => {
		const ask = (sql: Sql) => sql<{ yes: boolean }[]>`select public.is_platform_admin() as yes`;
		expect((await withUser(admin, ask))[0]?.yes).toBe(true);
		expect((await withUser(member.claims, ask))[0]?.yes).toBe(false);
		// user_metadata is the person's own to write: it must not make anyone an admin.
		const sneaky = { ...member.claims, user_metadata: { platform_role: 'admin' } };
		expect((await withUser(sneaky, ask))[0]?.yes).toBe(false);
		await expect(withAnon(ask)).rejects.toMatchObject({ code: '42501' });
	});
});

describe('programmes: who edits what', () => {
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

describe('cohorts and facets', () => {
	it('a coordinator adds, edits and removes cohorts of their programme only', async () => {
		const add = (claims: Claims, programmeId: string) =>
			withUser(
				claims,
				(sql) => sql<{ id: string }[]>`
					insert into public.cohorts (programme_id, edition, starts_on, ends_on, online)
					values (${programmeId}, '2027', '2027-03-01', '2027-03-05', true) returning id
				`
			);
		await expect(add(member.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		await expect(add(otherCoordinator.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		const [cohort] = await add(coordinator.claims, programme.programmeId);
		const moved = await withUser(
			otherCoordinator.claims,
			(sql) =>
				sql`update public.cohorts set place = 'Elsewhere' where id = ${cohort!.id} returning id`
		);
		expect(moved).toHaveLength(0);
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.cohorts set programme_id = ${other.programmeId} where id = ${cohort!.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		const removed = await withUser(
			coordinator.claims,
			(sql) => sql`delete from public.cohorts where id = ${cohort!.id} returning id`
		);
		expect(removed).toHaveLength(1);
	});

	it.each([
		['programme_topics', 'topic_slug', 'cybersecurity'],
		['programme_target_groups', 'target_group_slug', 'youth'],
		['programme_languages', 'language_code', 'fr'],
		['programme_regions', 'region_code', '002'],
		['programme_countries', 'country_code', 'KE']
	])('%s: anyone reads, only coordinators of it and admins write', async (table, column, value) => {
		const add = (claims: Claims, programmeId: string) =>
			withUser(
				claims,
				(sql) =>
					sql`insert into ${sql('public.' + table)} (programme_id, ${sql(column)}) values (${programmeId}, ${value}) returning 1`
			);
		await expect(add(member.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		await expect(add(otherCoordinator.claims, programme.programmeId)).rejects.toMatchObject({
			code: '42501'
		});
		await expect(
			withAnon(
				(sql) =>
					sql`insert into ${sql('public.' + table)} (programme_id, ${sql(column)}) values (${programme.programmeId}, ${value})`
			)
		).rejects.toMatchObject({ code: '42501' });
		expect(await add(coordinator.claims, programme.programmeId)).toHaveLength(1);
		expect(await add(admin, other.programmeId)).toHaveLength(1);
		const read = await withAnon(
			(sql) =>
				sql`select ${sql(column)} from ${sql('public.' + table)} where programme_id = ${programme.programmeId}`
		);
		expect(read).toHaveLength(1);
		const removeAs = (claims: Claims) =>
			withUser(
				claims,
				(sql) =>
					sql`delete from ${sql('public.' + table)} where programme_id = ${programme.programmeId} returning 1`
			);
		expect(await removeAs(otherCoordinator.claims)).toHaveLength(0);
		expect(await removeAs(coordinator.claims)).toHaveLength(1);
	});
});

describe('suggested edits', () => {
	let suggestionId: string;
	const suggest = (person: Person, extra: Record<string, unknown> = {}) =>
		withUser(
			person.claims,
			(sql) => sql<{ id: string; status: string }[]>`
				insert into public.programme_suggestions ${sql({
					programme_id: programme.programmeId,
					author_id: person.id,
					field: 'website',
					proposal: 'The website moved to https://new.example.org',
					...extra
				})}
				returning id, status
			`
		);

	it('a member suggests an edit as themselves, pending; a visitor cannot', async () => {
		const [row] = await suggest(member);
		expect(row?.status).toBe('pending');
		suggestionId = row!.id;
		await expect(suggest(member, { author_id: coordinator.id })).rejects.toMatchObject({
			code: '42501'
		});
		await expect(suggest(member, { status: 'accepted' })).rejects.toMatchObject({
			code: '42501'
		});
		await expect(
			withAnon(
				(sql) =>
					sql`insert into public.programme_suggestions (programme_id, author_id, proposal) values (${programme.programmeId}, ${member.id}, 'x')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('the author, the coordinators of the programme and admins read it; nobody else', async () => {
		const read = (sql: Sql) =>
			sql`select id from public.programme_suggestions where id = ${suggestionId}`;
		expect(await withUser(member.claims, read)).toHaveLength(1);
		expect(await withUser(coordinator.claims, read)).toHaveLength(1);
		expect(await withUser(admin, read)).toHaveLength(1);
		expect(await withUser(otherCoordinator.claims, read)).toHaveLength(0);
		const stranger = await createPerson();
		expect(await withUser(stranger.claims, read)).toHaveLength(0);
		await expect(withAnon(read)).rejects.toMatchObject({ code: '42501' });
	});

	it('the author cannot accept their own suggestion nor rewrite it after sending', async () => {
		const decided = await withUser(
			member.claims,
			(sql) => sql`
				update public.programme_suggestions set status = 'accepted', decided_by = ${member.id}, decided_at = now()
				where id = ${suggestionId} returning id
			`
		);
		expect(decided).toHaveLength(0);
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.programme_suggestions set proposal = 'changed' where id = ${suggestionId}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('a coordinator of another programme cannot decide; this one decides as themselves', async () => {
		const decide = (claims: Claims, by: string) =>
			withUser(
				claims,
				(sql) => sql`
					update public.programme_suggestions set status = 'accepted', decided_by = ${by}, decided_at = now()
					where id = ${suggestionId} returning status
				`
			);
		expect(await decide(otherCoordinator.claims, otherCoordinator.id)).toHaveLength(0);
		await expect(decide(coordinator.claims, member.id)).rejects.toMatchObject({ code: '42501' });
		expect(await decide(coordinator.claims, coordinator.id)).toEqual([{ status: 'accepted' }]);
	});
});

describe('full-text search', () => {
	it('finds a programme by a word of its name without accents, weighting the name first', async () => {
		await asService(
			(sql) => sql`
				update public.programmes set name = 'Escuela de Gobernanza', summary = 'Política digital',
				       description = 'Participación ciudadana'
				where id = ${other.programmeId}
			`
		);
		const rows = await withAnon(
			(sql) => sql<{ id: string }[]>`
				select id from public.programmes
				where search @@ websearch_to_tsquery('simple', public.unaccented('politica participacion'))
			`
		);
		expect(rows.map((r) => r.id)).toEqual([other.programmeId]);
	});
});
