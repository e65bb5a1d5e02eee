/**
 * Who sees which part of a person, and who finds them by it: per-field audiences (public, members,
 * programme peers, only me) through profile_cards, the list tables' policies, and the directory's
 * search and filters, which must never match on what the viewer may not see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as directory from '$lib/server/db/directory';
import * as profiles from '$lib/server/db/profiles';
import {
	addMembership,
	createPerson,
	createProgramme,
	setProfile,
	type Person,
	type Programme
} from './factories';

type Viewer = 'visitor' | 'member' | 'peer' | 'owner';

/** The owner, a member who shares a verified programme with them, and one who does not. */
let owner: Person, peer: Person, member: Person, programme: Programme;
const claimsOf = (viewer: Viewer) =>
	viewer === 'visitor'
		? null
		: { owner: owner.claims, peer: peer.claims, member: member.claims }[viewer];
const card = (viewer: Viewer) => profiles.getByHandle(claimsOf(viewer), handle);
let handle: string;

beforeAll(async () => {
	[owner, peer, member, programme] = await Promise.all([
		createPerson({ displayName: 'Nadia Okonkwo-Ferreira' }),
		createPerson({ displayName: 'Peer Person' }),
		createPerson({ displayName: 'Member Person' }),
		createProgramme('Caribbean School of Internet Governance')
	]);
	await addMembership(owner, programme, 'alumnus');
	await addMembership(peer, programme, 'alumnus');
	await profiles.saveOwn(
		owner.claims,
		{
			visibility: 'public',
			headline: 'Spectrum policy analyst',
			bio: 'Works on **community networks** and zanzibarite spectrum sharing.',
			country_code: 'JM',
			city: 'Kingston',
			stakeholder_group: 'government',
			current_position: 'Analyst',
			current_organisation: 'Spectrum Management Authority',
			time_zone: 'America/Jamaica',
			open_to: ['mentoring']
		},
		{ topics: ['cybersecurity'], languages: [{ code: 'en', level: 'native' }] }
	);
	await profiles.addPosition(owner.claims, {
		title: 'Engineer',
		organisation: 'Ministry of Science',
		kind: 'government',
		starts_on: '2015-01-01',
		ends_on: '2019-12-31'
	});
	await profiles.addLink(owner.claims, {
		kind: 'website',
		url: 'https://nadia.example',
		label: null
	});
	handle = (await profiles.getOwn(owner.claims)).handle;
});

describe('a field is seen by exactly its audience', () => {
	const expectations: [profiles.Audience, Record<Viewer, boolean>][] = [
		['public', { visitor: true, member: true, peer: true, owner: true }],
		['members', { visitor: false, member: true, peer: true, owner: true }],
		['programmes', { visitor: false, member: false, peer: true, owner: true }],
		['private', { visitor: false, member: false, peer: false, owner: true }]
	];

	it.each(expectations)('headline, bio, country and lists at %s', async (audience, seen) => {
		await profiles.saveOwn(owner.claims, {
			headline_visibility: audience,
			bio_visibility: audience,
			location_visibility: audience,
			topics_visibility: audience,
			languages_visibility: audience,
			positions_visibility: audience,
			links_visibility: audience
		});
		for (const viewer of ['visitor', 'member', 'peer', 'owner'] as Viewer[]) {
			const profile = await card(viewer);
			expect(profile, `${viewer} sees the profile`).toBeDefined();
			const expected = seen[viewer];
			expect(profile!.headline !== null, `${viewer} sees the headline`).toBe(expected);
			expect(profile!.bio !== null, `${viewer} sees the bio`).toBe(expected);
			expect(profile!.country_code !== null, `${viewer} sees the country`).toBe(expected);
			expect(profile!.region_name !== null, `${viewer} sees the region`).toBe(expected);
			expect(profile!.topics.length > 0, `${viewer} sees the topics`).toBe(expected);
			expect(profile!.languages.length > 0, `${viewer} sees the languages`).toBe(expected);
			expect(profile!.positions.length > 0, `${viewer} sees the positions`).toBe(expected);
			expect(profile!.links.length > 0, `${viewer} sees the links`).toBe(expected);
		}
	});

	it('the profile’s own visibility narrows every field', async () => {
		await profiles.saveOwn(owner.claims, {
			visibility: 'members',
			headline_visibility: 'public',
			topics_visibility: 'public'
		});
		expect(await card('visitor')).toBeUndefined();
		expect((await card('member'))!.headline).toBe('Spectrum policy analyst');

		await profiles.saveOwn(owner.claims, { visibility: 'programmes' });
		expect(await card('member')).toBeUndefined();
		expect((await card('peer'))!.topics).toEqual([
			{ slug: 'cybersecurity', name: expect.any(String) }
		]);
		const listsAsMember = await withUser(
			member.claims,
			(sql) => sql`select 1 from public.profile_topics where profile_id = ${owner.id}`
		);
		expect(listsAsMember).toHaveLength(0);

		await profiles.saveOwn(owner.claims, { visibility: 'private' });
		expect(await card('peer')).toBeUndefined();
		expect((await card('owner'))!.headline).toBe('Spectrum policy analyst');
		await profiles.saveOwn(owner.claims, { visibility: 'public' });
	});

	it('the e-mail address is the owner’s alone by default', async () => {
		expect((await card('owner'))!.email).toBe(owner.email);
		expect((await card('peer'))!.email).toBeNull();
		await profiles.saveOwn(owner.claims, { email_visibility: 'members' });
		expect((await card('member'))!.email).toBe(owner.email);
		expect((await card('visitor'))!.email).toBeNull();
		await profiles.saveOwn(owner.claims, { email_visibility: 'private' });
	});

	it('only the owner sees their settings, consent and onboarding', async () => {
		const own = await card('owner');
		expect(own!.is_me).toBe(true);
		expect(own!.field_visibility).toMatchObject({ email: 'private' });
		expect(own!.aggregate_consent).toBe(false);
		const other = await card('peer');
		expect(other).toMatchObject({
			is_me: false,
			visibility: null,
			field_visibility: null,
			aggregate_consent: null
		});
	});
});

describe('the raw profile is not readable or writable around the masks', () => {
	it('the API roles cannot select masked columns or search columns directly', async () => {
		for (const column of ['headline', 'bio', 'country_code', 'search_members', 'facets_members']) {
			await expect(
				withUser(member.claims, (sql) => sql`select ${sql(column)} from public.profiles limit 1`)
			).rejects.toMatchObject({ code: '42501' });
			await expect(
				withAnon((sql) => sql`select ${sql(column)} from public.profiles limit 1`)
			).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('nobody writes another person’s lists, and no one writes the search columns', async () => {
		await expect(
			withUser(
				member.claims,
				(sql) =>
					sql`insert into public.profile_topics (profile_id, topic_slug) values (${owner.id}, 'privacy-and-data-protection')`
			)
		).rejects.toMatchObject({ code: '42501' });
		const removed = await withUser(
			member.claims,
			(sql) => sql`delete from public.positions where profile_id = ${owner.id} returning id`
		);
		expect(removed).toHaveLength(0);
		await expect(
			withUser(
				owner.claims,
				(sql) =>
					sql`update public.profiles set search_members = to_tsvector('x') where id = ${owner.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withAnon(
				(sql) =>
					sql`insert into public.profile_links (profile_id, kind, url) values (${owner.id}, 'other', 'https://x.example')`
			)
		).rejects.toMatchObject({ code: '42501' });
	});
});

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

describe('onboarding and the person’s own data', () => {
	it('onboarding ends when the person saves or skips it, as themselves', async () => {
		const person = await createPerson({ displayName: 'New Arrival' });
		expect(await profiles.needsOnboarding(person.claims)).toBe(true);
		await profiles.finishOnboarding(
			person.claims,
			{ headline: 'Fellow' },
			{ topics: ['cybercrime'], languages: [{ code: 'sw', level: 'native' }] }
		);
		expect(await profiles.needsOnboarding(person.claims)).toBe(false);
		const skipper = await createPerson({ displayName: 'In A Hurry' });
		await profiles.finishOnboarding(skipper.claims, {});
		expect(await profiles.needsOnboarding(skipper.claims)).toBe(false);
	});

	it('exports everything about the person, and only about them', async () => {
		const data = await profiles.exportMine(owner.claims);
		expect(data.profile).toMatchObject({ id: owner.id, email: owner.email, is_me: true });
		expect(data.profile.positions).toHaveLength(1);
		expect(data.memberships).toEqual([
			expect.objectContaining({
				programme: 'Caribbean School of Internet Governance',
				role: 'alumnus'
			})
		]);
		expect(JSON.stringify(data)).not.toContain(peer.id);
	});

	it('keeps the consent to aggregate statistics the person’s own to give', async () => {
		await profiles.saveOwn(owner.claims, { aggregate_consent: true });
		expect((await profiles.getOwn(owner.claims)).aggregate_consent).toBe(true);
		const changed = await withUser(
			member.claims,
			(sql) =>
				sql`update public.profiles set aggregate_consent = false where id = ${owner.id} returning id`
		);
		expect(changed).toHaveLength(0);
	});
});
