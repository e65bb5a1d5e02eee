import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as profiles from '$lib/server/db/profiles';
import { createPerson, setProfile, type Person } from './factories';
import { card, meetNadia, member, owner, peer, type Viewer } from './audiences';

const handles = (rows: { handle: string }[]) => rows.map((r) => r.handle).sort();

describe('handle_new_user', () => {
	it('creates a profile with the display name and a readable handle', async () => {
		const person = await createPerson({ displayName: 'Amina Diallo' });
		const [profile] = await asService(
			(sql) =>
				sql`select handle, display_name, visibility from public.profiles where id = ${person.id}`
		);
		expect(profile).toEqual({
			handle: 'amina-diallo',
			display_name: 'Amina Diallo',
			visibility: 'members'
		});
	});

	it.each([
		['José Ñúñez', /^jose-nunez$/],
		['王芳', /^member(-[0-9a-f]{4})?$/],
		['  ', /^member(-[0-9a-f]{4})?$/]
	])('derives a handle from %j', async (displayName, pattern) => {
		const person = await createPerson({ displayName });
		const [profile] = await asService(
			(sql) => sql`select handle from public.profiles where id = ${person.id}`
		);
		expect(profile?.handle).toMatch(pattern);
	});

	it('keeps handles unique when names are the same', async () => {
		const a = await createPerson({ displayName: 'Same Name' });
		const b = await createPerson({ displayName: 'Same Name' });
		const rows = await asService(
			(sql) =>
				sql<{ handle: string }[]>`select handle from public.profiles where id in (${a.id}, ${b.id})`
		);
		expect(new Set(handles(rows)).size).toBe(2);
	});

	it('removes the profile with the account', async () => {
		const person = await createPerson();
		await asService((sql) => sql`delete from auth.users where id = ${person.id}`);
		const rows = await asService(
			(sql) => sql`select 1 from public.profiles where id = ${person.id}`
		);
		expect(rows).toHaveLength(0);
	});
});

describe('who reads which profile', () => {
	let open: Person, members: Person, hidden: Person, other: Person;

	beforeAll(async () => {
		[open, members, hidden, other] = await Promise.all([
			createPerson({ displayName: 'Open Profile' }),
			createPerson({ displayName: 'Members Profile' }),
			createPerson({ displayName: 'Hidden Profile' }),
			createPerson({ displayName: 'Other Member' })
		]);
		await setProfile(open.id, { visibility: 'public' });
		await setProfile(hidden.id, { visibility: 'private' });
	});

	const visibleTo = (who: Person | null, ids: string[]) => {
		const query = (sql: postgres.TransactionSql) =>
			sql<{ handle: string }[]>`select handle from public.profiles where id in ${sql(ids)}`;
		return who ? withUser(who.claims, query) : withAnon(query);
	};

	it('a visitor reads only public profiles', async () => {
		expect(handles(await visibleTo(null, [open.id, members.id, hidden.id]))).toEqual([
			'open-profile'
		]);
	});

	it('another member reads public and members profiles, not private ones', async () => {
		expect(handles(await visibleTo(other, [open.id, members.id, hidden.id]))).toEqual([
			'members-profile',
			'open-profile'
		]);
	});

	it('the owner reads their own private profile', async () => {
		expect(handles(await visibleTo(hidden, [hidden.id]))).toEqual(['hidden-profile']);
	});

	it('the domain module applies the viewer (twin of the above)', async () => {
		expect(await profiles.getByHandle(null, 'members-profile')).toBeUndefined();
		expect((await profiles.getByHandle(other.claims, 'members-profile'))?.id).toBe(members.id);
		expect(await profiles.getByHandle(other.claims, 'hidden-profile')).toBeUndefined();
		expect((await profiles.getByHandle(hidden.claims, 'hidden-profile'))?.id).toBe(hidden.id);
	});
});

describe('who changes which profile', () => {
	let owner: Person, other: Person;

	beforeAll(async () => {
		[owner, other] = await Promise.all([
			createPerson({ displayName: 'Profile Owner' }),
			createPerson({ displayName: 'Someone Else' })
		]);
		await setProfile(owner.id, { visibility: 'public' });
	});

	it('the owner updates their own profile', async () => {
		await profiles.saveOwn(owner.claims, { headline: 'Policy officer', country_code: 'KE' });
		expect(await profiles.getOwn(owner.claims)).toMatchObject({
			headline: 'Policy officer',
			country_code: 'KE',
			country_name: 'Kenya'
		});
	});

	it('another member cannot update it: no row is theirs to change', async () => {
		const changed = await withUser(
			other.claims,
			(sql) =>
				sql`update public.profiles set headline = 'defaced' where id = ${owner.id} returning id`
		);
		expect(changed).toHaveLength(0);
	});

	it('a visitor cannot update any profile', async () => {
		await expect(
			withAnon((sql) => sql`update public.profiles set headline = 'x' where id = ${owner.id}`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('the owner cannot change columns that are not theirs to edit', async () => {
		await expect(
			withUser(
				owner.claims,
				(sql) => sql`update public.profiles set created_at = now() where id = ${owner.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(
				owner.claims,
				(sql) => sql`update public.profiles set id = ${other.id} where id = ${owner.id}`
			)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('nobody inserts or deletes profiles directly', async () => {
		await expect(
			withUser(
				owner.claims,
				(sql) =>
					sql`insert into public.profiles (id, handle, display_name) values (${owner.id}, 'dupe', 'Dupe')`
			)
		).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(owner.claims, (sql) => sql`delete from public.profiles where id = ${owner.id}`)
		).rejects.toMatchObject({ code: '42501' });
	});

	it('check constraints refuse bad values', async () => {
		await expect(
			profiles.saveOwn(owner.claims, { visibility: 'everyone' as profiles.Audience })
		).rejects.toMatchObject({ code: '22P02' });
		await expect(
			profiles.saveOwn(owner.claims, { open_to: ['gossip' as profiles.OpenTo] })
		).rejects.toMatchObject({ code: '23514' });
		await expect(profiles.saveOwn(owner.claims, { country_code: 'XX' })).rejects.toMatchObject({
			code: '23503'
		});
	});

	it('keeps updated_at true', async () => {
		const before = await asService(
			(sql) =>
				sql<{ updated_at: Date }[]>`select updated_at from public.profiles where id = ${owner.id}`
		);
		await profiles.saveOwn(owner.claims, { headline: 'Researcher' });
		const after = await asService(
			(sql) =>
				sql<{ updated_at: Date }[]>`select updated_at from public.profiles where id = ${owner.id}`
		);
		expect(after[0]!.updated_at.getTime()).toBeGreaterThan(before[0]!.updated_at.getTime());
	});
});

/**
 * Who sees which part of a person: per-field audiences (public, members, programme peers, only me)
 * through profile_cards, and the list tables' policies.
 */
describe('a person, as each audience sees them', () => {
	beforeAll(meetNadia);

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
			for (const column of [
				'headline',
				'bio',
				'country_code',
				'search_members',
				'facets_members'
			]) {
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
});
