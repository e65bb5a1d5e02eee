/**
 * The compendium's search: full text, facets counted under the other facets' filters, keyset
 * pages. Who edits programmes, cohorts, suggestions and organisations: their own test files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as compendium from '$lib/server/db/compendium';
import { FACET_SHOWN, FACETS } from '$lib/words/compendium';
import * as programmes from '$lib/server/db/programmes';
import { inLocale } from '../support/locale';
import { curationWorld, noFilters } from './curation';
import { asAdmin, createPerson, createProgramme, type Person, type Programme } from './factories';

describe('full-text search', () => {
	let other: Programme;
	beforeAll(async () => {
		({ other } = await curationWorld());
	});

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
	let programme: Programme, member: Person, coordinator: Person, otherCoordinator: Person;
	beforeAll(async () => {
		({ programme, member, coordinator, otherCoordinator } = await curationWorld());
	});

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
		const result = await compendium.search(null, {
			...noFilters,
			q: 'zebrafacet',
			format: ['online']
		});
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
			...noFilters,
			q: 'zebrafacet',
			language: ['fr', 'es']
		});
		expect(either.total).toBe(3);
		const both = await compendium.search(member.claims, {
			...noFilters,
			q: 'zebrafacet',
			language: ['fr', 'es'],
			cost: ['free'],
			topic: ['cybersecurity']
		});
		expect(both.programmes.map((p) => p.name)).toEqual(['Zebrafacet D Course']);
		const open = await compendium.search(null, { ...noFilters, q: 'zebrafacet', open: ['now'] });
		expect(open.programmes.map((p) => [p.name, p.applications_open])).toEqual([
			['Zebrafacet A Course', true]
		]);
	});

	it('pages by keyset, in name order or by relevance, without gaps or repeats', async () => {
		for (const q of [undefined, 'zebrafacet course']) {
			const everything = await compendium.search(null, { ...noFilters, q }, { limit: 100 });
			const seen: string[] = [];
			let after: string | null = null;
			do {
				const page: compendium.SearchResult = await compendium.search(
					null,
					{ ...noFilters, q },
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

	it('pages back from any page to the first, in the same order', async () => {
		for (const q of [undefined, 'zebrafacet course']) {
			const pages: string[][] = [];
			let result = await compendium.search(null, { ...noFilters, q }, { limit: 2 });
			expect(result.previous).toBeNull();
			pages.push(result.programmes.map((p) => p.id));
			while (result.next) {
				result = await compendium.search(
					null,
					{ ...noFilters, q },
					{ limit: 2, after: compendium.decodeCursor(result.next) }
				);
				pages.push(result.programmes.map((p) => p.id));
			}
			// Back from the last page: every page as it was, and none before the first.
			for (let i = pages.length - 2; i >= 0; i--) {
				expect(result.previous).not.toBeNull();
				result = await compendium.search(
					null,
					{ ...noFilters, q },
					{ limit: 2, before: compendium.decodeCursor(result.previous!) }
				);
				expect(result.programmes.map((p) => p.id)).toEqual(pages[i]);
				expect(result.next).not.toBeNull();
			}
			expect(result.previous).toBeNull();
		}
	});

	it('keeps the whole compendium’s counts for everyone, equal to the counts as each viewer sees them, and forgets them on a change', async () => {
		const all = { expand: [...FACETS] };
		const kept = await compendium.search(null, noFilters, all);
		const kept2 = await compendium.search(member.claims, noFilters, all);
		expect(kept2.facets).toEqual(kept.facets);
		const [row] = await asService(
			(sql) =>
				sql<
					{ n: number }[]
				>`select count(distinct (locale, day))::int as n from private.compendium_counts`
		);
		expect(row!.n).toBe(1);
		// The same counts computed live under RLS: a filter that every programme passes.
		const live = await compendium.search(null, {
			...noFilters,
			status: ['active', 'paused', 'closed']
		});
		const withoutStatus = (r: compendium.SearchResult) =>
			r.facets.filter((f) => f.facet !== 'status');
		expect(withoutStatus(live)).toEqual(withoutStatus(kept));
		expect(live.total).toBe(kept.total);
		// A coordinator adds a topic: the programme's facets follow, the kept counts are forgotten.
		const before = kept.facets.find((f) => f.facet === 'topic' && f.value === 'gender')?.count ?? 0;
		await withUser(
			coordinator.claims,
			(sql) => sql`insert into public.programme_topics values (${programme.programmeId}, 'gender')`
		);
		const [facets] = await asService(
			(sql) =>
				sql<
					{ facets: string[] }[]
				>`select facets from public.programmes where id = ${programme.programmeId}`
		);
		expect(facets!.facets).toContain('topic:gender');
		const after = await compendium.search(null, noFilters, all);
		expect(after.facets.find((f) => f.facet === 'topic' && f.value === 'gender')?.count).toBe(
			before + 1
		);
		await withUser(
			coordinator.claims,
			(sql) =>
				sql`delete from public.programme_topics where programme_id = ${programme.programmeId} and topic_slug = 'gender'`
		);
		const [gone] = await asService(
			(sql) =>
				sql<
					{ facets: string[] }[]
				>`select facets from public.programmes where id = ${programme.programmeId}`
		);
		expect(gone!.facets).not.toContain('topic:gender');
	});

	it('lists the first few values of a long facet with how many it has, all of them when asked', async () => {
		await asService(
			(sql) => sql`
				insert into public.programme_topics (programme_id, topic_slug)
				select ${programme.programmeId}, slug from public.topics where parent_slug is not null
				order by slug limit 12
				on conflict do nothing
			`
		);
		const short = await compendium.search(null, noFilters);
		const all = await compendium.search(null, noFilters, { expand: ['topic'] });
		const topics = (r: compendium.SearchResult) => r.facets.filter((f) => f.facet === 'topic');
		expect(topics(all).length).toBeGreaterThan(FACET_SHOWN + 2);
		expect(topics(short)).toEqual(topics(all).slice(0, FACET_SHOWN));
		expect(short.sizes.topic).toBe(topics(all).length);
		expect(short.total).toBe(all.total);
	});

	it('refuses the kept counts and the facets column to the API roles', async () => {
		await expect(
			withAnon((sql) => sql`select counts from private.compendium_counts`)
		).rejects.toThrow();
		await expect(
			withUser(
				coordinator.claims,
				(sql) =>
					sql`update public.programmes set facets = '{topic:forged}' where id = ${programme.programmeId}`
			)
		).rejects.toThrow();
		await expect(
			withUser(member.claims, (sql) => sql`delete from private.compendium_counts`)
		).rejects.toThrow();
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

describe('the counts kept by the compendium’s version', () => {
	let programme: Programme, coordinator: Person, member: Person;
	beforeAll(async () => {
		({ programme, coordinator, member } = await curationWorld());
	});

	/** The whole compendium (its counts kept in the database too), and a search every programme passes. */
	const searches: compendium.Filters[] = [
		noFilters,
		{ ...noFilters, status: ['active', 'paused', 'closed'] }
	];
	const topic = (result: compendium.SearchResult, slug: string) =>
		result.facets.find((f) => f.facet === 'topic' && f.value === slug);
	const genderCounts = () =>
		Promise.all(
			searches.map((filters) =>
				compendium
					.search(null, filters, { expand: ['topic'] })
					.then((r) => topic(r, 'gender')?.count ?? 0)
			)
		);
	const version = () =>
		asService((sql) =>
			sql<{ value: string }[]>`select value::text from private.compendium_version`.then(
				(rows) => rows[0]!.value
			)
		);

	it('follow a coordinator’s change as soon as it commits, and never before', async () => {
		const before = await genderCounts();
		// Asked again: the same, kept.
		expect(await genderCounts()).toEqual(before);
		let during: number[] = [];
		await withUser(coordinator.claims, async (sql) => {
			await sql`insert into public.programme_topics values (${programme.programmeId}, 'gender')`;
			// Another connection, while the coordinator's transaction is still open.
			during = await genderCounts();
		});
		expect(during).toEqual(before);
		expect(await genderCounts()).toEqual(before.map((n) => n + 1));
		await withUser(
			coordinator.claims,
			(sql) =>
				sql`delete from public.programme_topics where programme_id = ${programme.programmeId} and topic_slug = 'gender'`
		);
		expect(await genderCounts()).toEqual(before);
	});

	it('follow a change of a programme’s own columns, and not a change that fails', async () => {
		const online = () =>
			compendium
				.search(null, { ...noFilters, status: ['active'] })
				.then(
					(r) => r.facets.find((f) => f.facet === 'format' && f.value === 'online')?.count ?? 0
				);
		const before = await online();
		const was = await version();
		await expect(
			withUser(coordinator.claims, async (sql) => {
				await sql`update public.programmes set format = 'online' where id = ${programme.programmeId}`;
				throw new Error('the coordinator’s request fails after its change');
			})
		).rejects.toThrow('fails');
		expect(await version()).toBe(was);
		expect(await online()).toBe(before);
		await withUser(
			coordinator.claims,
			(sql) =>
				sql`update public.programmes set format = 'online' where id = ${programme.programmeId}`
		);
		expect(await version()).not.toBe(was);
		expect(await online()).toBe(before + 1);
		await asService(
			(sql) =>
				sql`update public.programmes set format = 'blended' where id = ${programme.programmeId}`
		);
		expect(await online()).toBe(before);
	});

	it('are relabelled when a topic is renamed, in each language', async () => {
		await asService(
			(sql) =>
				sql`insert into public.programme_topics values (${programme.programmeId}, 'gender') on conflict do nothing`
		);
		const [was] = await asService(
			(sql) =>
				sql<
					{ name: string; names: Record<string, string> }[]
				>`select name, names from public.topics where slug = 'gender'`
		);
		const labels = () =>
			Promise.all(
				(['en', 'fr'] as const).flatMap((locale) =>
					searches.map((filters) =>
						inLocale(locale, () =>
							compendium.search(member.claims, filters, { expand: ['topic'] })
						).then((r) => topic(r, 'gender')?.label)
					)
				)
			);
		const before = await labels();
		expect(before).toEqual([was!.name, was!.name, was!.names.fr, was!.names.fr]);
		try {
			await asService(
				(sql) => sql`
					update public.topics
					set name = 'Gender and inclusion', names = names || '{"fr": "Genre et inclusion"}'
					where slug = 'gender'
				`
			);
			expect(await labels()).toEqual([
				'Gender and inclusion',
				'Gender and inclusion',
				'Genre et inclusion',
				'Genre et inclusion'
			]);
		} finally {
			await asService(
				(sql) =>
					sql`update public.topics set name = ${was!.name}, names = ${sql.json(was!.names)} where slug = 'gender'`
			);
		}
		expect(await labels()).toEqual(before);
	});

	it('of a new combination come from the kept counts of each search one filter less, as counted in full', async () => {
		// A change of nothing: the next searches are each asked first.
		const changed = () => asService((sql) => sql`update public.topics set name = name where false`);
		const combination: compendium.Filters = {
			...noFilters,
			format: ['blended', 'online'],
			scope: ['regional'],
			open: ['now']
		};
		const lessOne = (['format', 'scope', 'open'] as const).map((facet) => ({
			...combination,
			[facet]: []
		}));
		// The coordinator's programme (blended, regional) takes applications today.
		await asService(
			(sql) => sql`
				update public.programmes
				set applications_open_on = current_date - 1, applications_close_on = current_date + 10
				where id = ${programme.programmeId}
			`
		);
		const full = await compendium.search(null, combination);
		await changed();
		for (const less of lessOne) await compendium.search(null, less);
		const fromKept = await compendium.search(null, combination);
		expect(full.programmes.map((p) => p.id)).toContain(programme.programmeId);
		expect(fromKept.facets).toEqual(full.facets);
		expect(fromKept.total).toBe(full.total);
		expect(fromKept.programmes).toEqual(full.programmes);
		// The chosen facets' counts are read from those kept, not counted again: changed behind the
		// version's back (no triggers), the programme moves in the format's counts only once a
		// change gives a new version.
		await changed();
		for (const less of lessOne) await compendium.search(null, less);
		const format = (r: compendium.SearchResult, value: string) =>
			r.facets.find((f) => f.facet === 'format' && f.value === value)?.count ?? 0;
		await asService(async (sql) => {
			await sql`set local session_replication_role = replica`;
			await sql`
				update public.programmes
				set format = 'in-situ', facets = array_replace(facets, 'format:blended', 'format:in-situ')
				where id = ${programme.programmeId}
			`;
		});
		try {
			const kept = await compendium.search(null, combination);
			expect(format(kept, 'blended')).toBe(format(full, 'blended'));
			await changed();
			const fresh = await compendium.search(null, combination);
			expect(format(fresh, 'blended')).toBe(format(full, 'blended') - 1);
		} finally {
			await asService(
				(sql) =>
					sql`
						update public.programmes
						set format = 'blended', applications_open_on = null, applications_close_on = null
						where id = ${programme.programmeId}
					`
			);
		}
	});

	it('are the same for everyone of a role, because everyone reads every programme and label', async () => {
		// The counts are kept by role, not by person: true only while these tables' rows are all
		// readable by both API roles. A policy that narrows what someone reads here must key the
		// counts by what they read (compendium.ts, countsKey).
		const tables = ['countries', 'languages', 'programmes', 'regions', 'target_groups', 'topics'];
		const readers = await asService(
			(sql) => sql<{ table: string; permissive: boolean; roles: string[]; qual: string }[]>`
				select c.relname::text as table, p.polpermissive as permissive,
				       array(select r.rolname::text from pg_catalog.pg_roles r
				             where r.oid = any(p.polroles) order by 1) as roles,
				       pg_catalog.pg_get_expr(p.polqual, p.polrelid) as qual
				from pg_catalog.pg_policy p join pg_catalog.pg_class c on c.oid = p.polrelid
				where c.relnamespace = 'public'::regnamespace and c.relname = any(${tables})
				  and p.polcmd in ('r', '*')
				order by 1
			`
		);
		expect(readers.map((r) => ({ ...r }))).toEqual(
			tables.map((table) => ({
				table,
				permissive: true,
				roles: ['anon', 'authenticated'],
				qual: 'true'
			}))
		);
		const admin = await asAdmin(await createPerson());
		const seen = await Promise.all([
			withAnon((sql) => sql<{ n: number }[]>`select count(*)::int as n from public.programmes`),
			withUser(
				member.claims,
				(sql) => sql<{ n: number }[]>`select count(*)::int as n from public.programmes`
			),
			withUser(
				coordinator.claims,
				(sql) => sql<{ n: number }[]>`select count(*)::int as n from public.programmes`
			),
			withUser(
				admin,
				(sql) => sql<{ n: number }[]>`select count(*)::int as n from public.programmes`
			),
			asService((sql) => sql<{ n: number }[]>`select count(*)::int as n from public.programmes`)
		]);
		expect(new Set(seen.map(([row]) => row!.n)).size).toBe(1);
	});

	it('keep the version from the API roles: they read it through the function only, and never write it', async () => {
		const was = await version();
		expect(
			await withAnon((sql) =>
				sql<{ v: string }[]>`select private.compendium_version()::text as v`.then((r) => r[0]!.v)
			)
		).toBe(was);
		for (const attempt of [
			() => withAnon((sql) => sql`select value from private.compendium_version`),
			() =>
				withUser(coordinator.claims, (sql) => sql`select value from private.compendium_version`),
			() =>
				withUser(
					coordinator.claims,
					(sql) => sql`update private.compendium_version set value = gen_random_uuid()`
				),
			() => withUser(coordinator.claims, (sql) => sql`select private.compendium_changed()`)
		]) {
			await expect(attempt()).rejects.toThrow();
		}
		expect(await version()).toBe(was);
	});
});

async function slugOf(id: string) {
	const [row] = await asService(
		(sql) => sql<{ slug: string }[]>`select slug from public.programmes where id = ${id}`
	);
	return row?.slug;
}
