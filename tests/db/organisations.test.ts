/** The index of organisations: what it lists, how it matches words, its keyset pages. */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as organisations from '$lib/server/db/organisations';
import { curationWorld } from './curation';
import { createProgramme, type Person, type Programme } from './factories';

describe('organisations.search: the index of organisations', () => {
	let member: Person;
	beforeAll(async () => {
		({ member } = await curationWorld());
	});

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
