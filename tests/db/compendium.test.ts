import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Claims } from '$lib/server/db/client';
import * as organisations from '$lib/server/db/organisations';
import * as compendium from '$lib/server/db/compendium';
import * as programmes from '$lib/server/db/programmes';
import { newProgrammeSchema } from '$lib/schemas/programmes';
import {
	addMembership,
	asAdmin,
	createPerson,
	createProgramme,
	type Person,
	type Programme
} from './factories';

type Sql = postgres.TransactionSql;

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
	admin = await asAdmin(adminPerson);
	await addMembership(coordinator, programme, 'coordinator');
	await addMembership(otherCoordinator, other, 'coordinator');
});

describe('is_platform_admin', () => {
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

describe('programmes.create', () => {
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

describe('compendium.search: facets and keyset pages', () => {
	const none = {
		open: [],
		cost: [],
		format: [],
		level: [],
		component: [],
		scope: [],
		status: [],
		topic: [],
		audience: [],
		language: [],
		region: [],
		country: []
	};
	const ids: string[] = [];

	beforeAll(async () => {
		// Five programmes with the word "zebrafacet", so that counts concern them alone.
		const specs = [
			{ format: 'online', cost: 'free', topics: ['cybersecurity', 'encryption'], lang: ['en'] },
			{ format: 'online', cost: 'fee', topics: ['cybersecurity'], lang: ['en', 'fr'] },
			{ format: 'blended', cost: 'free', topics: ['gender'], lang: ['fr'] },
			{ format: 'in-situ', cost: 'free', topics: ['cybersecurity'], lang: ['es'] },
			{ format: 'blended', cost: 'fee', topics: [], lang: ['en'] }
		];
		for (const [i, spec] of specs.entries()) {
			const made = await createProgramme(`Zebrafacet ${String.fromCharCode(65 + i)} Course`);
			ids.push(made.programmeId);
			await asService(async (sql) => {
				await sql`
					update public.programmes
					set format = ${spec.format}, cost = ${spec.cost},
					    fee_amount = ${spec.cost === 'fee' ? 100 : null}, fee_currency = ${spec.cost === 'fee' ? 'USD' : null},
					    applications_open_on = ${i === 0 ? sql`current_date - 1` : null},
					    applications_close_on = ${i === 0 ? sql`current_date + 10` : null}
					where id = ${made.programmeId}
				`;
				for (const topic of spec.topics) {
					await sql`insert into public.programme_topics values (${made.programmeId}, ${topic})`;
				}
				for (const language of spec.lang) {
					await sql`insert into public.programme_languages values (${made.programmeId}, ${language})`;
				}
			});
		}
	});

	const count = (result: compendium.SearchResult, facet: string, value: string) =>
		result.facets.find((f) => f.facet === facet && f.value === value)?.count ?? 0;

	it('counts each facet value under the other facets’ filters, not its own', async () => {
		const result = await compendium.search(null, { ...none, q: 'zebrafacet', format: ['online'] });
		expect(result.total).toBe(2);
		expect(result.programmes.map((p) => p.name).sort()).toEqual([
			'Zebrafacet A Course',
			'Zebrafacet B Course'
		]);
		// The format facet ignores its own choice: every format keeps its count.
		expect(count(result, 'format', 'online')).toBe(2);
		expect(count(result, 'format', 'blended')).toBe(2);
		expect(count(result, 'format', 'in-situ')).toBe(1);
		// Other facets count within the chosen format.
		expect(count(result, 'topic', 'cybersecurity')).toBe(2);
		expect(count(result, 'language', 'fr')).toBe(1);
		expect(count(result, 'cost', 'free')).toBe(1);
		expect(count(result, 'open', 'now')).toBe(1);
		expect(result.facets.find((f) => f.facet === 'topic' && f.value === 'encryption')?.label).toBe(
			'Encryption'
		);
	});

	it('combines facets with AND and values within a facet with OR', async () => {
		const either = await compendium.search(null, {
			...none,
			q: 'zebrafacet',
			language: ['fr', 'es']
		});
		expect(either.total).toBe(3);
		const both = await compendium.search(member.claims, {
			...none,
			q: 'zebrafacet',
			language: ['fr', 'es'],
			cost: ['free'],
			topic: ['cybersecurity']
		});
		expect(both.programmes.map((p) => p.name)).toEqual(['Zebrafacet D Course']);
		const open = await compendium.search(null, { ...none, q: 'zebrafacet', open: ['now'] });
		expect(open.programmes.map((p) => [p.name, p.applications_open])).toEqual([
			['Zebrafacet A Course', true]
		]);
	});

	it('pages by keyset, in name order or by relevance, without gaps or repeats', async () => {
		for (const q of [undefined, 'zebrafacet course']) {
			const everything = await compendium.search(null, { ...none, q }, { limit: 100 });
			const seen: string[] = [];
			let after: string | null = null;
			do {
				const page: compendium.SearchResult = await compendium.search(
					null,
					{ ...none, q },
					{ limit: 2, after: after ? compendium.decodeCursor(after) : undefined }
				);
				expect(page.programmes.length).toBeLessThanOrEqual(2);
				seen.push(...page.programmes.map((p) => p.id));
				after = page.next;
			} while (after);
			expect(seen).toEqual(everything.programmes.map((p) => p.id));
			expect(new Set(seen).size).toBe(seen.length);
			if (q) expect(seen).toHaveLength(5);
		}
		expect(compendium.decodeCursor('not-a-cursor')).toBeUndefined();
	});

	it('a programme page shows its facets and the count of verified alumni and trainers', async () => {
		const page = await programmes.get(null, (await slugOf(ids[0]!))!);
		expect(page?.programme.topics.map((t) => t.code)).toEqual(['cybersecurity', 'encryption']);
		expect(page?.programme.people_count).toBe(0);
		expect(page?.mayCoordinate).toBe(false);
		expect(await programmes.get(null, 'no-such-programme')).toBeUndefined();
		const mine = await programmes.get(coordinator.claims, (await slugOf(programme.programmeId))!);
		expect(mine?.mayCoordinate).toBe(true);
		const notMine = await programmes.get(
			otherCoordinator.claims,
			(await slugOf(programme.programmeId))!
		);
		expect(notMine?.mayCoordinate).toBe(false);
	});
});

describe('organisations.search: the index of organisations', () => {
	let ceiba: Programme;

	beforeAll(async () => {
		// Four organisations with the word "Quokka": one with an accent, a short name, two programmes.
		ceiba = await createProgramme('Quokka Fundación Ceiba');
		const rest = await Promise.all(
			['Quokka Alpha', 'Quokka Beta', 'Quokka Gamma'].map((name) => createProgramme(name))
		);
		await asService(async (sql) => {
			await sql`
				update public.organisations
				set short_name = 'QSN', country_code = 'KE', stakeholder_group = 'academia'
				where id = ${rest[0]!.organisationId}
			`;
			await sql`
				insert into public.programmes (slug, organisation_id, name, kind, format, scope)
				values (${'quokka-second-' + ceiba.programmeId.slice(0, 8)}, ${ceiba.organisationId},
				        'Quokka Second Course', 'course', 'online', 'global')
			`;
		});
	});

	it('lists them by name with what tells them apart and how many programmes each runs', async () => {
		const found = await organisations.search(null, { q: 'quokka' });
		expect(found.total).toBe(4);
		expect(
			found.organisations.map((o) => [
				o.name,
				o.short_name,
				o.country_name,
				o.stakeholder_group_name,
				o.programme_count
			])
		).toEqual([
			['Quokka Alpha Foundation', 'QSN', 'Kenya', 'Academia', 1],
			['Quokka Beta Foundation', null, null, null, 1],
			['Quokka Fundación Ceiba Foundation', null, null, null, 2],
			['Quokka Gamma Foundation', null, null, null, 1]
		]);
		expect(found.next).toBeNull();
		// A member sees the same public list.
		expect(await organisations.search(member.claims, { q: 'quokka' })).toEqual(found);
	});

	it('matches the name or short name, accents and case aside, and words only as words', async () => {
		const names = async (q: string) =>
			(await organisations.search(null, { q })).organisations.map((o) => o.name);
		expect(await names('FUNDACION ceiba')).toEqual(['Quokka Fundación Ceiba Foundation']);
		expect(await names('Fundación')).toEqual(['Quokka Fundación Ceiba Foundation']);
		expect(await names('qsn')).toEqual(['Quokka Alpha Foundation']);
		// LIKE's wildcards are plain characters here.
		expect(await names('quokka%')).toEqual([]);
		expect(await names('quokka_alpha')).toEqual([]);
	});

	it('pages by keyset in name order, without gaps or repeats', async () => {
		const everything = await organisations.search(null, {}, { limit: 1000 });
		expect(everything.total).toBe(everything.organisations.length);
		const seen: string[] = [];
		let after: string | null = null;
		do {
			const page: organisations.OrganisationList = await organisations.search(
				null,
				{},
				{ limit: 2, after: after ? organisations.decodeCursor(after) : undefined }
			);
			expect(page.organisations.length).toBeLessThanOrEqual(2);
			expect(page.total).toBe(everything.total);
			seen.push(...page.organisations.map((o) => o.id));
			after = page.next;
		} while (after);
		expect(seen).toEqual(everything.organisations.map((o) => o.id));
		expect(new Set(seen).size).toBe(seen.length);
		expect(organisations.decodeCursor('not-a-cursor')).toBeUndefined();
	});
});

async function slugOf(id: string) {
	const [row] = await asService(
		(sql) => sql<{ slug: string }[]>`select slug from public.programmes where id = ${id}`
	);
	return row?.slug;
}
