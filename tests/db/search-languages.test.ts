/**
 * Search respects language: the compendium's and the directory's words match as written (accents
 * aside), stemmed in the language of the text, and in Chinese by the words inside a sentence; a
 * search may be written in any of the six languages whatever the page's.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService } from '$lib/server/db/client';
import * as compendium from '$lib/server/db/compendium';
import * as directory from '$lib/server/db/directory';
import { noFilters } from './curation';
import { createPerson, createProgramme, setProfile, type Person } from './factories';

describe('the compendium in the language of each programme', () => {
	// A word no other test's programme has, so that each search concerns these alone.
	const tag = `zq${randomUUID().slice(0, 6)}`;
	const programmes: Record<string, string> = {};

	beforeAll(async () => {
		const texts: Record<string, [string, string, string]> = {
			fr: [
				'fr',
				`Formation ${tag}`,
				'Des formations à la gouvernance de l’Internet pour les élus.'
			],
			es: ['es', `Escuela ${tag}`, 'Políticas públicas digitales y derechos humanos.'],
			en: ['en', `Course ${tag}`, 'Policies for meaningful connectivity, taught by engineers.'],
			ru: ['ru', `Школа ${tag}`, 'Обучение кибербезопасности для государственных служащих.'],
			ar: ['ar', `مدرسة ${tag}`, 'حوكمة الإنترنت والتحول الرقمي في المنطقة العربية.'],
			zh: ['zh', `课程 ${tag}`, '面向青年的数据保护和隐私培训。']
		};
		for (const [key, [language, name, summary]] of Object.entries(texts)) {
			const { programmeId } = await createProgramme(`Search ${key}`);
			await asService(
				(sql) => sql`
					update public.programmes set name = ${name}, summary = ${summary}, text_language = ${language}
					where id = ${programmeId}
				`
			);
			programmes[key] = programmeId;
		}
	});

	const found = async (words: string) =>
		(await compendium.search(null, { ...noFilters, q: `${tag} ${words}` })).programmes.map(
			(p) => p.id
		);

	it.each([
		['French in other forms', 'formation gouvernances', 'fr'],
		['Spanish, without accents, in another form', 'politica publica', 'es'],
		['an English plural finds its singular', 'policy', 'en'],
		['Russian in another case', 'кибербезопасность', 'ru'],
		['Arabic by a whole word, with or without its article', 'الإنترنت', 'ar'],
		['Arabic stemmed', 'انترنت', 'ar'],
		['Chinese by a word inside a sentence', '隐私', 'zh'],
		['Chinese by a longer word inside it', '数据保护', 'zh']
	])('%s (%s)', async (_, words, language) => {
		expect(await found(words)).toEqual([programmes[language]]);
	});

	it('still matches words as written, and only the programmes that have them', async () => {
		expect(await found('formations')).toEqual([programmes.fr]);
		expect(await found('engineers')).toEqual([programmes.en]);
		expect(await found('nonexistentword')).toEqual([]);
		expect(await found('隐私 кибербезопасность')).toEqual([]);
	});

	it('refuses a language the database does not know', async () => {
		await expect(
			asService(
				(sql) => sql`update public.programmes set text_language = 'xx' where id = ${programmes.fr!}`
			)
		).rejects.toMatchObject({ code: '23503' });
	});
});

describe('the directory in the language of each person', () => {
	let french: Person, russian: Person, chinese: Person, senegal: Person, viewer: Person;

	beforeAll(async () => {
		[french, russian, chinese, senegal, viewer] = await Promise.all([
			createPerson({ displayName: 'Awa Diop' }),
			createPerson({ displayName: 'Olga Ivanova' }),
			createPerson({ displayName: '李娜' }),
			createPerson({ displayName: 'Moussa Ndiaye' }),
			createPerson()
		]);
		await setProfile(french.id, {
			locale: 'fr',
			headline: 'Formatrice en cybersécurité',
			visibility: 'members'
		});
		await setProfile(russian.id, {
			locale: 'ru',
			headline: 'Преподаватель кибербезопасности',
			visibility: 'members'
		});
		await setProfile(chinese.id, {
			locale: 'zh',
			headline: '研究数据保护政策',
			visibility: 'members'
		});
		await setProfile(senegal.id, { country_code: 'SN', visibility: 'members' });
	});

	/** Which of these four people a search finds (other tests' people aside). */
	const found = async (q: string) => {
		const mine = [french.id, russian.id, chinese.id, senegal.id];
		const { people } = await directory.search(viewer.claims, { q, pageSize: 101 });
		return people.map((p) => p.id).filter((id) => mine.includes(id));
	};

	it('finds a French headline by other forms of its words, accents aside', async () => {
		expect(await found('formatrices cybersecurite')).toEqual([french.id]);
	});

	it('finds a Chinese word inside a headline written without spaces, with a name', async () => {
		expect(await found('数据保护')).toEqual([chinese.id]);
		expect(await found('李娜 政策')).toEqual([chinese.id]);
		expect(await found('数据保护 Moussa')).toEqual([]);
	});

	it('finds a country by its name in any of the six languages', async () => {
		for (const name of ['Senegal', 'Sénégal', 'السنغال', '塞内加尔', 'Сенегал']) {
			expect(await found(name), name).toEqual([senegal.id]);
		}
	});

	it('stems in the person’s language, and a change of it indexes the profile anew', async () => {
		expect(await found('кибербезопасность')).toEqual([russian.id]);
		await setProfile(russian.id, { locale: 'en' });
		expect(await found('кибербезопасность')).toEqual([]);
		expect(await found('кибербезопасности')).toEqual([russian.id]);
		await setProfile(russian.id, { locale: 'ru' });
		expect(await found('кибербезопасность')).toEqual([russian.id]);
	});
});
