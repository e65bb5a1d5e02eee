import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as profiles from '$lib/server/db/profiles';
import { createPerson, setProfile, type Person } from './factories';

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
