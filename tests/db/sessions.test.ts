/**
 * Whether a session still stands, as the app asks on every signed-in request: each way Auth ends
 * one (sign-out here or everywhere, expiry, a ban, deleting the account) counts at once, and the
 * role is the one Auth holds now, not the token's.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { asService, db, type Claims } from '$lib/server/db/client';
import * as sessions from '$lib/server/db/sessions';
import { asAdmin, createPerson, setProfile, type Person } from './factories';

let person: Person;

/** A session row as Auth writes it at sign-in; the claims name it. */
async function signIn(who: Person): Promise<Claims> {
	const id = randomUUID();
	// Test setup writes auth.sessions directly, as the auth service does.
	await asService(
		(sql) => sql`insert into auth.sessions (id, user_id, created_at, updated_at)
		             values (${id}, ${who.id}, now(), now())`
	);
	return { ...who.claims, session_id: id };
}

const service = (change: (sql: Parameters<Parameters<typeof asService>[0]>[0]) => unknown) =>
	asService(async (sql) => {
		await change(sql);
	});

beforeEach(async () => {
	person = await createPerson();
});

describe('sessions.current', () => {
	it('stands for a session Auth still has, with no platform role for a member', async () => {
		const claims = await signIn(person);
		expect(await sessions.current(db(), claims)).toEqual({ platform_role: null, time_zone: null });
	});

	it('is over once signed out on this device; the other device stands', async () => {
		const here = await signIn(person);
		const other = await signIn(person);
		await service((sql) => sql`delete from auth.sessions where id = ${here.session_id as string}`);
		expect(await sessions.current(db(), here)).toBeNull();
		expect(await sessions.current(db(), other)).toEqual({ platform_role: null, time_zone: null });
	});

	it('is over on every device once signed out everywhere', async () => {
		const here = await signIn(person);
		const other = await signIn(person);
		await service((sql) => sql`delete from auth.sessions where user_id = ${person.id}`);
		expect(await sessions.current(db(), here)).toBeNull();
		expect(await sessions.current(db(), other)).toBeNull();
	});

	it('is over when the session has passed its end (not_after)', async () => {
		const claims = await signIn(person);
		await service(
			(sql) =>
				sql`update auth.sessions set not_after = now() - interval '1 second' where id = ${claims.session_id as string}`
		);
		expect(await sessions.current(db(), claims)).toBeNull();
	});

	it('is over for a banned account, and stands again when the ban ends', async () => {
		const claims = await signIn(person);
		await service(
			(sql) =>
				sql`update auth.users set banned_until = now() + interval '1 day' where id = ${person.id}`
		);
		expect(await sessions.current(db(), claims)).toBeNull();
		await service(
			(sql) =>
				sql`update auth.users set banned_until = now() - interval '1 second' where id = ${person.id}`
		);
		expect(await sessions.current(db(), claims)).toEqual({ platform_role: null, time_zone: null });
	});

	it('is over for a deleted account', async () => {
		const claims = await signIn(person);
		await service((sql) => sql`update auth.users set deleted_at = now() where id = ${person.id}`);
		expect(await sessions.current(db(), claims)).toBeNull();
	});

	it("does not stand for another person's session, or claims without one", async () => {
		const someone = await createPerson();
		const theirs = await signIn(someone);
		expect(
			await sessions.current(db(), { ...person.claims, session_id: theirs.session_id })
		).toBeNull();
		expect(await sessions.current(db(), { ...person.claims, session_id: undefined })).toBeNull();
		expect(await sessions.current(db(), { ...person.claims, session_id: 'not-a-uuid' })).toBeNull();
	});

	it("gives the profile's time zone, for every date and time the person's pages show", async () => {
		const claims = await signIn(person);
		await setProfile(person.id, { time_zone: 'Pacific/Fiji' });
		expect(await sessions.current(db(), claims)).toEqual({
			platform_role: null,
			time_zone: 'Pacific/Fiji'
		});
	});

	it('gives the role Auth holds now: promoted and demoted between two requests', async () => {
		const claims = await signIn(person);
		await asAdmin(person);
		expect(await sessions.current(db(), claims)).toEqual({
			platform_role: 'admin',
			time_zone: null
		});
		await service(
			(sql) =>
				sql`update auth.users set raw_app_meta_data = raw_app_meta_data - 'platform_role' where id = ${person.id}`
		);
		// The token would still say admin; the session says what is true now.
		expect(
			await sessions.current(db(), {
				...claims,
				app_metadata: { platform_role: 'admin', time_zone: null }
			})
		).toEqual({ platform_role: null, time_zone: null });
	});
});
