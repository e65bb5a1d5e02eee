import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { withAnon, withUser } from '$lib/server/db/client';
import { createPerson } from './factories';

const TABLES = [
	'stakeholder_groups',
	'regions',
	'countries',
	'languages',
	'topics',
	'target_groups'
] as const;

describe('taxonomies are seeded', () => {
	it('has the six stakeholder groups', async () => {
		const rows = await withAnon(
			(sql) =>
				sql<{ slug: string }[]>`select slug from public.stakeholder_groups order by sort_order`
		);
		expect(rows.map((r) => r.slug)).toEqual([
			'government',
			'civil-society',
			'private-sector',
			'technical-community',
			'academia',
			'intergovernmental-organisation'
		]);
	});

	it('has UN M49 countries with their regions and development groupings', async () => {
		const [counts] = await withAnon(
			(sql) => sql<
				{ countries: number; ldc: number; lldc: number; sids: number; orphans: number }[]
			>`
				select count(*)::int as countries,
				       count(*) filter (where is_ldc)::int as ldc,
				       count(*) filter (where is_lldc)::int as lldc,
				       count(*) filter (where is_sids)::int as sids,
				       count(*) filter (where sub_region_code is null and code <> 'AQ')::int as orphans
				from public.countries
			`
		);
		expect(counts!.countries).toBeGreaterThanOrEqual(245);
		expect(counts!.ldc).toBe(44);
		expect(counts!.lldc).toBe(32);
		expect(counts!.sids).toBeGreaterThanOrEqual(38);
		expect(counts!.orphans).toBe(0);

		const [kenya] = await withAnon(
			(sql) => sql`
				select c.name, r.name as region, s.name as sub_region, c.is_developing, c.is_lldc
				from public.countries c
				join public.regions r on r.code = c.region_code
				join public.regions s on s.code = c.sub_region_code
				where c.code = 'KE'
			`
		);
		expect(kenya).toEqual({
			name: 'Kenya',
			region: 'Africa',
			sub_region: 'Sub-Saharan Africa',
			is_developing: true,
			is_lldc: false
		});
	});

	it('has the ISO 639-1 languages with the six UN languages marked', async () => {
		const rows = await withAnon(
			(sql) =>
				sql<
					{ code: string }[]
				>`select code from public.languages where is_un_official order by code`
		);
		expect(rows.map((r) => r.code)).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
		const [{ count }] = (await withAnon(
			(sql) => sql`select count(*)::int as count from public.languages`
		)) as unknown as [{ count: number }];
		expect(count).toBe(184);
	});

	it('has the seven baskets of Internet governance, each with its issues', async () => {
		const baskets = await withAnon(
			(sql) => sql<{ slug: string; issues: number }[]>`
				select b.slug, count(i.slug)::int as issues
				from public.topics b left join public.topics i on i.parent_slug = b.slug
				where b.parent_slug is null
				group by b.slug, b.sort_order order by b.sort_order
			`
		);
		expect(baskets.map((b) => b.slug)).toEqual([
			'infrastructure',
			'cybersecurity',
			'human-rights',
			'legal',
			'economic',
			'development',
			'sociocultural'
		]);
		for (const basket of baskets) expect(basket.issues).toBeGreaterThanOrEqual(5);
	});

	it('has the target groups of capacity-building programmes', async () => {
		const rows = await withAnon(
			(sql) => sql<{ name: string }[]>`select name from public.target_groups order by sort_order`
		);
		expect(rows).toHaveLength(11);
		expect(rows.at(-1)?.name).toMatch(/diplomats/i);
	});
});

describe('taxonomies are read-only for everyone but migrations', () => {
	it.each(TABLES)('anyone reads %s', async (table) => {
		const member = await createPerson();
		const asAnon = await withAnon(
			(sql) => sql`select count(*)::int as n from ${sql('public')}.${sql(table)}`
		);
		const asMember = await withUser(
			member.claims,
			(sql) => sql`select count(*)::int as n from ${sql('public')}.${sql(table)}`
		);
		expect(asAnon[0]!.n).toBeGreaterThan(0);
		expect(asMember[0]!.n).toBe(asAnon[0]!.n);
	});

	it.each(TABLES)('neither a visitor nor a member writes %s', async (table) => {
		const member = await createPerson();
		const attempts = [
			(sql: postgres.TransactionSql) => sql`delete from ${sql('public')}.${sql(table)}`,
			(sql: postgres.TransactionSql) =>
				sql`update ${sql('public')}.${sql(table)} set name = 'changed'`
		];
		for (const attempt of attempts) {
			await expect(withAnon(attempt)).rejects.toMatchObject({ code: '42501' });
			await expect(withUser(member.claims, attempt)).rejects.toMatchObject({ code: '42501' });
		}
	});
});
