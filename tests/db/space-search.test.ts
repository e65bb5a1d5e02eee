/**
 * Search in the spaces: what it finds is what the viewer may read (a private space's words never
 * match for someone outside it; hidden and removed posts have no words), in the language of the
 * text (stemmed, accents aside, Chinese inside a sentence), titles as well as posts, in one space
 * or everywhere; and a common word ranks only the newest candidates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser, type Tx } from '$lib/server/db/client';
import * as posts from '$lib/server/db/posts';
import * as spaceSearch from '$lib/server/db/space-search';
import * as threads from '$lib/server/db/threads';
import { createPerson, createSpace, seasoned, type Person } from './factories';

let author: Person, insider: Person, outsider: Person, moderator: Person;
let open: { id: string; slug: string }, other: { id: string; slug: string };
let closed: { id: string; slug: string };

const ids = (found: spaceSearch.Found) => found.hits.map((h) => h.post_id);
const numbersFound = async (viewer: Person | null, q: string, spaceId?: string) =>
	(await spaceSearch.search(viewer?.claims ?? null, { q, spaceId })).hits.map(
		(h) => h.thread_title
	);

async function start(space: { id: string }, title: string, body: string, text_language = 'en') {
	const started = await threads.start(author.claims, space.id, { title, body, text_language });
	if (typeof started === 'string') throw new Error(started);
	const thread = await threads.get(author.claims, started.number);
	return thread!;
}

beforeAll(async () => {
	[author, insider, outsider, moderator] = (await Promise.all(
		Array.from({ length: 4 }, () => createPerson())
	)) as [Person, Person, Person, Person];
	await seasoned(author, insider, outsider, moderator);
	open = await createSpace(
		{ visibility: 'public' },
		{ members: [author], moderators: [moderator] }
	);
	other = await createSpace({ visibility: 'members' }, { members: [author] });
	closed = await createSpace(
		{ visibility: 'private', kind: 'working_group' },
		{ members: [author, insider] }
	);

	await start(
		open,
		'Consultation on the data protection bill',
		'The ministry publishes its draft and asks for comments before March.'
	);
	const french = await start(
		open,
		'Formations en gouvernance',
		'Nos formations sur la protection des données commencent en mai.',
		'fr'
	);
	// A reply in its thread's language unless said otherwise.
	await posts.reply(insider.claims, french, {
		body: 'Les inscriptions sont ouvertes aux politiques.'
	});
	await start(open, '数据保护', '我们正在讨论个人数据保护法草案。', 'zh');
	await start(other, 'Meaningful access in rural areas', 'Community networks bring access.');
	await start(closed, 'Our private dates', 'The zanzibarquorum meets on Tuesday.');
});

describe('search in the spaces', () => {
	it('finds words as written, stemmed in the language of the text, accents aside, and Chinese inside a sentence', async () => {
		expect(await numbersFound(null, 'protected bills')).toEqual([
			'Consultation on the data protection bill'
		]);
		// French stems: "formation" finds "formations"; "données" without its accent.
		expect(await numbersFound(null, 'formation donnees')).toEqual(['Formations en gouvernance']);
		// A reply takes its thread's language: "politique" finds "politiques" stemmed in French.
		const reply = await spaceSearch.search(null, { q: 'politique' });
		expect(reply.hits.map((h) => [h.thread_title, h.number, h.text_language])).toEqual([
			['Formations en gouvernance', 2, 'fr']
		]);
		expect(await numbersFound(null, '保护法')).toEqual(['数据保护']);
	});

	it('finds a thread by its title as its first post, with the matched words marked in a snippet', async () => {
		const byTitle = await spaceSearch.search(null, { q: 'consultation' });
		expect(byTitle.hits.map((h) => [h.thread_title, h.number])).toEqual([
			['Consultation on the data protection bill', 1]
		]);
		const found = await spaceSearch.search(null, { q: 'ministry' });
		expect(found.hits).toHaveLength(1);
		const [hit] = found.hits;
		expect(hit!.number).toBe(1);
		expect(hit!.space_slug).toBe(open.slug);
		expect(hit!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['ministry']);
		expect(hit!.snippet.map((p) => p.text).join('')).toContain('publishes its draft');
		expect(hit!.author_name).not.toBeNull();
	});

	it('never finds a private space’s words for someone outside it, nor a members’ space’s for a visitor', async () => {
		expect(await numbersFound(insider, 'zanzibarquorum')).toEqual(['Our private dates']);
		expect(await numbersFound(author, 'zanzibarquorum', closed.id)).toEqual(['Our private dates']);
		expect(await numbersFound(outsider, 'zanzibarquorum')).toEqual([]);
		expect(await numbersFound(outsider, 'zanzibarquorum', closed.id)).toEqual([]);
		expect(await numbersFound(null, 'zanzibarquorum')).toEqual([]);
		expect(await numbersFound(null, 'rural')).toEqual([]);
		expect(await numbersFound(outsider, 'rural')).toEqual(['Meaningful access in rural areas']);
	});

	it('the candidates’ function itself names no post of a space the caller may not read', async () => {
		const candidates = (person: Person | null, space: string | null) => {
			const run = (sql: Tx) =>
				sql<{ post_id: string }[]>`
					select post_id from private.search_candidates('zanzibarquorum'::tsquery, ${space}::uuid, 200)
				`;
			return person ? withUser(person.claims, run) : withAnon(run);
		};
		expect(await candidates(insider, null)).toHaveLength(1);
		expect(await candidates(insider, closed.id)).toHaveLength(1);
		expect(await candidates(outsider, null)).toHaveLength(0);
		expect(await candidates(outsider, closed.id)).toHaveLength(0);
		expect(await candidates(null, closed.id)).toHaveLength(0);
	});

	it('searches one space when asked', async () => {
		expect(await numbersFound(outsider, 'access', other.id)).toHaveLength(1);
		expect(await numbersFound(outsider, 'access', open.id)).toEqual([]);
	});

	it('a hidden or removed post is found by no one, its author and moderators included', async () => {
		const thread = await start(open, 'Quiet corner', 'An opening post.');
		const replied = await posts.reply(author.claims, thread, { body: 'The word xylophonic once.' });
		const second = await posts.reply(author.claims, thread, { body: 'And xylophonic twice.' });
		expect(await numbersFound(author, 'xylophonic')).toHaveLength(2);
		const page = await posts.page(author.claims, thread.id, {});
		const [one, two] = [
			page.find((p) => p.number === (replied as { number: number }).number)!,
			page.find((p) => p.number === (second as { number: number }).number)!
		];
		expect(await posts.hide(moderator.claims, one.id, 'Off topic')).toBe(true);
		expect(await posts.remove(author.claims, two.id)).toBe(true);
		expect(await numbersFound(author, 'xylophonic')).toEqual([]);
		expect(await numbersFound(moderator, 'xylophonic')).toEqual([]);
	});

	it('ranks only the newest candidates of a common word, and never a private one for an outsider', async () => {
		const thread = await start(open, 'A long thread', 'It begins with ubiquitous words.');
		await asService(async (sql) => {
			for (let i = 0; i < spaceSearch.CANDIDATES + 40; i += 1) {
				await sql`
					insert into public.posts (thread_id, author_id, body, created_at)
					values (${thread.id}, ${author.id}, ${`Reply ${i}: ubiquitous again.`},
						now() - ${`${spaceSearch.CANDIDATES + 40 - i} minutes`}::interval)
				`;
			}
		});
		const privateOne = await start(closed, 'Private and ubiquitous', 'ubiquitous inside');
		const found = await spaceSearch.search(outsider.claims, { q: 'ubiquitous' });
		expect(found.more).toBe(true);
		expect(found.ranked).toBe(spaceSearch.CANDIDATES);
		expect(found.hits).toHaveLength(spaceSearch.PAGE);
		const everyPage = [];
		for (let page = 1; page <= 20; page += 1) {
			const more = await spaceSearch.search(outsider.claims, { q: 'ubiquitous', page });
			if (!more.hits.length) break;
			everyPage.push(...more.hits);
		}
		expect(everyPage.length).toBe(found.ranked);
		expect(everyPage.some((h) => h.thread_title === privateOne.title)).toBe(false);
		// The oldest replies were never candidates.
		expect(everyPage.some((h) => /^Reply 0:/.test(h.snippet.map((p) => p.text).join('')))).toBe(
			false
		);
		const inside = await spaceSearch.search(insider.claims, { q: 'ubiquitous' });
		expect(ids(inside).length).toBe(spaceSearch.PAGE);
	});

	it('a search without words finds nothing rather than everything', async () => {
		const found = await spaceSearch.search(null, { q: '!!! --' });
		expect(found).toMatchObject({ hits: [], ranked: 0, more: false });
	});
});
