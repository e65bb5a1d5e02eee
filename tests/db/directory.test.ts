/**
 * Who finds whom in the directory: its search and filters must never match on what the viewer may
 * not see; people like you in other programmes; the search index stays true.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon } from '$lib/server/db/client';
import * as directory from '$lib/server/db/directory';
import * as profiles from '$lib/server/db/profiles';
import { addMembership, createPerson, createProgramme, setProfile } from './factories';
import { card, claimsOf, meetNadia, owner, peer, programme, type Viewer } from './audiences';

beforeAll(meetNadia);

describe('the directory finds people only by what the viewer may see', () => {
	const ids = (page: directory.DirectoryPage) => page.people.map((p) => p.id);
	const search = (viewer: Viewer, query: directory.DirectoryQuery) =>
		directory.search(claimsOf(viewer), query);

	it('a card in the directory names the country, group and topics as the profile does, for their audience only', async () => {
		await profiles.saveOwn(
			owner.claims,
			{
				location_visibility: 'programmes',
				stakeholder_visibility: 'programmes',
				topics_visibility: 'programmes'
			},
			{ topics: ['privacy-and-data-protection', 'cybersecurity'] }
		);
		const listed = async (viewer: Viewer) =>
			(await search(viewer, { q: 'Nadia Okonkwo' })).people.find((p) => p.id === owner.id);
		const profile = (await card('peer'))!;
		expect(await listed('peer')).toMatchObject({
			country_name: 'Jamaica',
			stakeholder_group_name: profile.stakeholder_group_name,
			// In the taxonomy's order, as the profile lists them.
			topics: profile.topics.map((t) => t.name)
		});
		expect(profile.topics).toHaveLength(2);
		expect(await listed('member')).toMatchObject({
			country_name: null,
			stakeholder_group_name: null,
			topics: null
		});
		await profiles.saveOwn(
			owner.claims,
			{
				location_visibility: 'members',
				stakeholder_visibility: 'members',
				topics_visibility: 'members'
			},
			{ topics: ['cybersecurity'] }
		);
	});

	it('finds a person by name, accent- and typo-tolerant, and by a prefix', async () => {
		for (const q of ['Nadia Okonkwo', 'nádia', 'Okonkow', 'okonk']) {
			expect(ids(await search('member', { q })), q).toContain(owner.id);
		}
	});

	it('a hidden country neither shows nor matches a filter, except for those who may see it', async () => {
		await profiles.saveOwn(owner.claims, { location_visibility: 'programmes' });
		const byCountry = { tokens: ['country:JM'] };
		const byRegion = { tokens: ['region:419'] };
		expect(ids(await search('member', byCountry))).not.toContain(owner.id);
		expect(ids(await search('member', byRegion))).not.toContain(owner.id);
		expect(ids(await search('visitor', byCountry))).not.toContain(owner.id);
		expect(ids(await search('member', { q: 'Jamaica' }))).not.toContain(owner.id);
		expect(ids(await search('peer', byCountry))).toContain(owner.id);
		expect(ids(await search('peer', { q: 'Jamaica' }))).toContain(owner.id);
		expect(ids(await search('owner', byCountry))).toContain(owner.id);

		await profiles.saveOwn(owner.claims, { location_visibility: 'private' });
		expect(ids(await search('peer', byCountry))).not.toContain(owner.id);
		await profiles.saveOwn(owner.claims, { location_visibility: 'members' });
		expect(ids(await search('member', byCountry))).toContain(owner.id);
		expect(ids(await search('visitor', byCountry))).not.toContain(owner.id);
	});

	it('words in a hidden bio, topic or language do not find the person', async () => {
		const rare = { q: 'zanzibarite' };
		await profiles.saveOwn(owner.claims, { bio_visibility: 'private' });
		expect(ids(await search('member', rare))).not.toContain(owner.id);
		expect(ids(await search('peer', rare))).not.toContain(owner.id);
		await profiles.saveOwn(owner.claims, { bio_visibility: 'members' });
		expect(ids(await search('member', rare))).toContain(owner.id);
		expect(ids(await search('visitor', rare))).not.toContain(owner.id);

		await profiles.saveOwn(owner.claims, { topics_visibility: 'private' });
		expect(ids(await search('member', { tokens: ['topic:cybersecurity'] }))).not.toContain(
			owner.id
		);
		await profiles.saveOwn(owner.claims, { topics_visibility: 'members' });
		expect(ids(await search('member', { tokens: ['topic:cybersecurity'] }))).toContain(owner.id);

		await profiles.saveOwn(owner.claims, { open_to_visibility: 'programmes' });
		expect(ids(await search('member', { tokens: ['open:mentoring'] }))).not.toContain(owner.id);
		expect(ids(await search('peer', { tokens: ['open:mentoring'] }))).toContain(owner.id);
		await profiles.saveOwn(owner.claims, { open_to_visibility: 'members' });
	});

	it('a visitor finds public profiles by public fields only, and cannot filter by programme', async () => {
		await profiles.saveOwn(owner.claims, { headline_visibility: 'public' });
		expect(ids(await search('visitor', { q: 'spectrum' }))).toContain(owner.id);
		expect(ids(await search('visitor', { q: 'zanzibarite' }))).not.toContain(owner.id);
		expect(ids(await search('visitor', { programme: programme.programmeId }))).toEqual([]);
		await profiles.saveOwn(owner.claims, { visibility: 'members' });
		expect(ids(await search('visitor', { q: 'spectrum' }))).not.toContain(owner.id);
		await profiles.saveOwn(owner.claims, { visibility: 'public' });
	});

	it('filters by programme and role through verified memberships', async () => {
		const found = ids(
			await search('member', { programme: programme.programmeId, role: 'alumnus' })
		);
		expect(found.sort()).toEqual([owner.id, peer.id].sort());
		expect(
			ids(await search('member', { programme: programme.programmeId, role: 'trainer' }))
		).toEqual([]);
	});

	it('pages by keyset through everyone, without repeats, in relevance and newest order', async () => {
		const many = await Promise.all(
			Array.from({ length: 7 }, (_, i) => createPerson({ displayName: `Pagination Person ${i}` }))
		);
		for (const sort of ['relevance', 'newest'] as const) {
			const seen: string[] = [];
			let after: directory.Cursor | undefined;
			do {
				const page = await search('member', { q: 'pagination', sort, after, pageSize: 3 });
				seen.push(...ids(page));
				after = page.next ?? undefined;
			} while (after);
			expect(new Set(seen).size, sort).toBe(seen.length);
			expect(seen.sort(), sort).toEqual(many.map((p) => p.id).sort());
		}
	});

	it('pages from names to other words without a gap or a repeat', async () => {
		const named = await Promise.all(
			Array.from({ length: 4 }, (_, i) => createPerson({ displayName: `Tessellate Person ${i}` }))
		);
		const mentioning = await Promise.all(
			Array.from({ length: 4 }, (_, i) => createPerson({ displayName: `Someone Plain ${i}` }))
		);
		await Promise.all(
			mentioning.map((person) =>
				profiles.saveOwn(person.claims, { headline: 'Studies tessellate networks' })
			)
		);
		const seen: string[] = [];
		let after: directory.Cursor | undefined;
		do {
			const page = await search('member', { q: 'tessellate', after, pageSize: 3 });
			seen.push(...ids(page));
			after = page.next ?? undefined;
		} while (after);
		// The names first (the first page is all names), then the others; each once.
		expect(new Set(seen.slice(0, 4))).toEqual(new Set(named.map((p) => p.id)));
		expect(new Set(seen.slice(4))).toEqual(new Set(mentioning.map((p) => p.id)));
		expect(seen).toHaveLength(8);
	});

	it('lists names that match before people found by other words', async () => {
		const named = await createPerson({ displayName: 'Quillon Vartanian' });
		const mentions = await createPerson({ displayName: 'Someone Else Entirely' });
		await profiles.saveOwn(mentions.claims, {
			headline: 'Works with Quillon on standards',
			bio: 'A long bio so that this profile is more complete than the named one.',
			country_code: 'AM'
		});
		const page = await search('member', { q: 'quillon' });
		expect(ids(page).slice(0, 2)).toEqual([named.id, mentions.id]);
	});

	it('matches the word being typed by its beginning, and the words before it whole', async () => {
		const person = await createPerson({ displayName: 'Marguerite Zephyrine' });
		await profiles.saveOwn(person.claims, { headline: 'Works on interoperability standards' });
		// Names and other words alike, as they are typed.
		expect(ids(await search('member', { q: 'Marguerite Zeph' }))).toContain(person.id);
		expect(ids(await search('member', { q: 'interoperability stan' }))).toContain(person.id);
		// An earlier word is a whole word: "interop" is not "interoperability".
		expect(ids(await search('member', { q: 'interop standards' }))).not.toContain(person.id);
	});
});

describe('people like you in other programmes', () => {
	it('suggests people who share topics and are verified in other programmes, never peers', async () => {
		const elsewhere = await createProgramme('Pacific Digital Policy Fellowship');
		const [like, samePeer, noProgramme] = await Promise.all([
			createPerson({ displayName: 'Like Minded' }),
			createPerson({ displayName: 'Same Programme' }),
			createPerson({ displayName: 'No Programme' })
		]);
		await addMembership(like, elsewhere, 'alumnus');
		await addMembership(samePeer, programme, 'alumnus');
		for (const person of [like, samePeer, noProgramme]) {
			await profiles.saveOwn(person.claims, { country_code: 'FJ' }, { topics: ['cybersecurity'] });
		}
		await profiles.saveOwn(owner.claims, { topics_visibility: 'members' });
		const suggested = (await directory.peopleLikeMe(owner.claims)).map((s) => s.id);
		expect(suggested).toContain(like.id);
		expect(suggested).not.toContain(samePeer.id);
		expect(suggested).not.toContain(noProgramme.id);
		expect(suggested).not.toContain(owner.id);
		await expect(
			withAnon((sql) => sql`select * from private.people_like_me(6)`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('remembers who matched, but shows their cards as they are now', async () => {
		const elsewhere = await createProgramme('Caribbean Internet Governance School');
		const like = await createPerson({ displayName: 'Remembered Match' });
		await addMembership(like, elsewhere, 'alumnus');
		await profiles.saveOwn(
			like.claims,
			{ country_code: 'JM', headline: 'Spectrum policy', headline_visibility: 'members' },
			{ topics: ['cybersecurity'] }
		);
		// Editing one's own profile forgets one's remembered matches.
		await profiles.saveOwn(owner.claims, {}, { topics: ['cybersecurity'] });
		const first = await directory.peopleLikeMe(owner.claims);
		expect(first.find((s) => s.id === like.id)?.headline).toBe('Spectrum policy');

		// The match is remembered, yet a field hidden since is hidden at once...
		await profiles.saveOwn(like.claims, { headline_visibility: 'private' });
		const again = await directory.peopleLikeMe(owner.claims);
		expect(again.find((s) => s.id === like.id)).toMatchObject({ headline: null });

		// ...and a profile gone since is left out.
		await asService((sql) => sql`delete from auth.users where id = ${like.id}`);
		expect((await directory.peopleLikeMe(owner.claims)).map((s) => s.id)).not.toContain(like.id);
	});
});

describe('the index stays true', () => {
	it('re-indexes a profile when its lists change, and counts completeness', async () => {
		const person = await createPerson({ displayName: 'Index Person' });
		const score = async () =>
			(
				await asService(
					(sql) =>
						sql<
							{ directory_score: number; facets_members: string[] }[]
						>`select directory_score, facets_members from public.profiles where id = ${person.id}`
				)
			)[0]!;
		expect((await score()).directory_score).toBe(0);
		await profiles.saveOwn(person.claims, {}, { languages: [{ code: 'fr', level: 'native' }] });
		expect((await score()).facets_members).toContain('lang:fr');
		await setProfile(person.id, { headline: 'Index headline' });
		expect((await score()).directory_score).toBeCloseTo(0.2);
	});
});

describe('how many people a list holds', () => {
	it('counts what the viewer may find, and no one they may not', async () => {
		const word = `Zorblat${Date.now().toString(36)}`;
		const [shared, members] = await Promise.all([
			createPerson({ displayName: `Ana ${word}` }),
			createPerson({ displayName: `Ben ${word}` })
		]);
		await Promise.all([
			setProfile(shared.id, { visibility: 'public' }),
			setProfile(members.id, { visibility: 'members' })
		]);
		const total = async (viewer: Viewer, q: string) =>
			(await directory.page(claimsOf(viewer), { q }, { suggestions: false })).total;
		expect(await total('member', word)).toBe(2);
		expect(await total('visitor', word)).toBe(1);
		expect(await total('member', 'Qxwvkjhgfd')).toBe(0);
		// Everyone, counted up to the cap and no further.
		const everyone = await total('member', '');
		expect(everyone).toBeGreaterThan(2);
		expect(everyone).toBeLessThanOrEqual(directory.COUNT_CAP + 1);
	});
});
