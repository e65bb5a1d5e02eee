/**
 * The taxonomies in the site's six languages: each row's English `name` and its `names` in the
 * others; a request reads them in its own language (app.locale, set with the role), falling back
 * to English where a name is missing; the lists the forms and filters offer are in that
 * language's alphabetical order; and nobody but a migration writes them.
 */
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import { forgetTaxonomies, taxonomies } from '$lib/server/db/taxonomies';
import { inLocale } from '../support/locale';
import { createPerson } from './factories';

const TABLES = [
	['countries', 'code'],
	['regions', 'code'],
	['languages', 'code'],
	['stakeholder_groups', 'slug'],
	['topics', 'slug'],
	['target_groups', 'slug']
] as const;

describe('the taxonomies’ names in six languages', () => {
	it.each(TABLES)(
		'every row of %s has its name in Arabic, Chinese, French, Russian and Spanish',
		async (table) => {
			const [row] = await withAnon(
				(sql) => sql<{ rows: number; complete: number }[]>`
				select count(*)::int as rows,
				       count(*) filter (where names ?& array['ar', 'zh', 'fr', 'ru', 'es'])::int as complete
				from ${sql(`public.${table}`)}
			`
			);
			expect(row!.rows).toBeGreaterThan(0);
			expect(row!.complete).toBe(row!.rows);
		}
	);

	it('a request reads the names in its language, and English where none is given', async () => {
		const read = () =>
			withAnon(
				(sql) => sql<
					{ country: string; region: string; topic: string; group: string; unnamed: string }[]
				>`
					select
						(select private.named(names, name) from public.countries where code = 'SN') as country,
						(select private.named(names, name) from public.regions where code = '419') as region,
						(select private.named(names, name) from public.topics where slug = 'capacity-development') as topic,
						(select private.named(names, name) from public.stakeholder_groups where slug = 'civil-society') as group,
						private.named('{"fr": "Seulement en français"}', 'Only in English') as unnamed
				`
			);
		expect((await inLocale('fr', read))[0]).toEqual({
			country: 'Sénégal',
			region: 'Amérique latine et Caraïbes',
			topic: 'Renforcement des capacités',
			group: 'Société civile',
			unnamed: 'Seulement en français'
		});
		expect((await inLocale('ar', read))[0]).toMatchObject({
			country: 'السنغال',
			unnamed: 'Only in English'
		});
		expect((await inLocale('en', read))[0]).toEqual({
			country: 'Senegal',
			region: 'Latin America and the Caribbean',
			topic: 'Capacity development',
			group: 'Civil society',
			unnamed: 'Only in English'
		});
		// Outside any request (a job, a script): English.
		expect((await read())[0]!.country).toBe('Senegal');
	});

	it('the UN’s own names, not the short ones, where they differ', async () => {
		const name = (code: string) =>
			withAnon(
				(sql) => sql<{ name: string }[]>`
				select private.named(names, name) as name from public.countries where code = ${code}
			`
			).then((rows) => rows[0]!.name);
		expect(await inLocale('fr', () => name('PS'))).toBe('État de Palestine');
		expect(await inLocale('es', () => name('BO'))).toBe('Bolivia (Estado Plurinacional de)');
		expect(await inLocale('ru', () => name('KR'))).toBe('Республика Корея');
		expect(await inLocale('zh', () => name('TZ'))).toBe('坦桑尼亚联合共和国');
	});

	it('the forms’ and filters’ lists are in the language’s alphabetical order, each language its own', async () => {
		forgetTaxonomies();
		const [fr, ru, en] = [
			await inLocale('fr', taxonomies),
			await inLocale('ru', taxonomies),
			await inLocale('en', taxonomies)
		];
		const labels = (list: { label: string }[]) => list.map((o) => o.label);
		const sorted = (list: string[], locale: string) =>
			[...list].sort(new Intl.Collator(locale).compare);
		expect(labels(fr.countries)).toEqual(sorted(labels(fr.countries), 'fr'));
		expect(labels(fr.countries)).toContain('Égypte');
		// "Égypte" sorts with the E's in French, not after Z.
		expect(labels(fr.countries).indexOf('Égypte')).toBeLessThan(
			labels(fr.countries).indexOf('Zambie')
		);
		expect(labels(ru.countries)[0]).toBe('Австралия');
		expect(fr.names.countries.get('DE')).toBe('Allemagne');
		expect(en.names.countries.get('DE')).toBe('Germany');
		// The six UN languages first, in the page's language.
		expect(labels(fr.languages).slice(0, 6).sort()).toEqual(
			['Anglais', 'Arabe', 'Chinois', 'Espagnol', 'Français', 'Russe'].sort()
		);
		expect(fr.filterMarkup.countries.html).toContain('>Sénégal</option>');
		expect(en.filterMarkup.countries.html).toContain('>Senegal</option>');
	});
});

describe('only migrations write the names', () => {
	it('a member cannot rename a country in any language, nor the public', async () => {
		const person = await createPerson();
		for (const attempt of [
			withUser(
				person.claims,
				(sql) => sql`update public.countries set names = '{"fr": "X"}' where code = 'SN'`
			),
			withAnon((sql) => sql`update public.topics set names = '{}' where slug = 'gender'`)
		]) {
			await expect(attempt).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('refuses names in a language the site does not have, or empty ones', async () => {
		for (const names of ['{"de": "Senegal"}', '{"fr": " "}', '{"fr": 1}', '[]']) {
			await expect(
				asService(
					(sql) => sql`update public.countries set names = ${names}::jsonb where code = 'SN'`
				)
			).rejects.toBeInstanceOf(postgres.PostgresError);
		}
	});
});
