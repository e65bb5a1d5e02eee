/**
 * The stand-in's own signing keys: made per data folder, kept across restarts, and the only keys
 * a session is trusted with. The CLI's demo keys are public, so a token signed with them (say, one
 * that claims platform_role admin) must open nothing; the demo API keys still work as API keys.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { importJWK, SignJWT } from 'jose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
	adminClient,
	anonClient,
	confirmedUser,
	rawGetUser
} from '../../supabase/local/standin/auth/testing.ts';
import {
	ANON_KEY,
	DEMO_JWT_SECRET,
	DEMO_SIGNING_KEY,
	PUBLISHABLE_KEY,
	SECRET_KEY,
	SERVICE_ROLE_KEY
} from '../../supabase/local/standin/keys.ts';
import { KEYS_FILE } from '../../supabase/local/standin/signing-keys.ts';
import { startStandIn, type StandIn } from '../../supabase/local/standin/server.ts';

const { url, databaseUrl, dataDir } = inject('standIn');
const folders: string[] = [];
const running: StandIn[] = [];

afterAll(async () => {
	for (const standIn of running) await standIn.stop().catch(() => {});
	for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject()
			);
		});
	});
}

async function standInOn(folder: string, port: number): Promise<StandIn> {
	const standIn = await startStandIn({ databaseUrl, port, dataDir: folder });
	running.push(standIn);
	return standIn;
}

async function stop(standIn: StandIn): Promise<void> {
	running.splice(running.indexOf(standIn), 1);
	await standIn.stop();
}

async function newFolder(): Promise<string> {
	const folder = await mkdtemp(path.join(tmpdir(), 'standin-keys-'));
	folders.push(folder);
	return folder;
}

/** The claims the stand-in would issue for `userId`, plus what a forger would add. */
function adminClaims(userId: string, email: string) {
	const now = Math.floor(Date.now() / 1000);
	return {
		iss: `${url}/auth/v1`,
		sub: userId,
		aud: 'authenticated',
		exp: now + 3600,
		iat: now,
		email,
		phone: '',
		app_metadata: { provider: 'email', providers: ['email'], platform_role: 'admin' },
		user_metadata: {},
		role: 'authenticated',
		aal: 'aal1',
		amr: [{ method: 'password', timestamp: now }],
		is_anonymous: false
	};
}

const demoKey = () => importJWK({ ...DEMO_SIGNING_KEY, key_ops: ['sign'] }, 'ES256');

async function jwks(base: string): Promise<{ keys: { kid: string; x: string; d?: string }[] }> {
	return (await fetch(`${base}/auth/v1/.well-known/jwks.json`)).json();
}

describe("the stand-in's signing keys", () => {
	it('are its own, kept in the data folder for its owner only, and published without the private part', async () => {
		const file = await stat(path.join(dataDir, KEYS_FILE));
		expect(file.mode & 0o777).toBe(0o600);
		const { keys } = await jwks(url);
		expect(keys).toHaveLength(1);
		expect(keys[0]!.kid).not.toBe(DEMO_SIGNING_KEY.kid);
		expect(keys[0]!.x).not.toBe(DEMO_SIGNING_KEY.x);
		expect(keys[0]!.d).toBeUndefined();
	});

	it('differ between data folders', async () => {
		const other = await standInOn(await newFolder(), await freePort());
		expect((await jwks(other.url)).keys[0]!.kid).not.toBe((await jwks(url)).keys[0]!.kid);
		await stop(other);
	});
});

describe('a token forged with the CLI demo keys', async () => {
	const person = await confirmedUser(url, 'forged-admin');
	const claims = adminClaims(person.id, person.email);
	const forged = {
		'the demo ES256 key (and its kid)': await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: DEMO_SIGNING_KEY.kid, typ: 'JWT' })
			.sign(await demoKey()),
		"the demo ES256 key under the stand-in's kid": await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: (await jwks(url)).keys[0]!.kid, typ: 'JWT' })
			.sign(await demoKey()),
		'the demo JWT secret (HS256)': await new SignJWT(claims)
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.sign(new TextEncoder().encode(DEMO_JWT_SECRET))
	};

	it.each(Object.entries(forged))('signed with %s is refused by GET /user', async (_, token) => {
		expect(await rawGetUser(url, token)).toMatchObject({ status: 403, code: 'bad_jwt' });
	});

	it.each(Object.entries(forged))(
		'signed with %s gets no claims from supabase-js getClaims (JWKS, or GET /user for HS256)',
		async (_, token) => {
			const client = anonClient(url);
			const { data, error } = await client.auth.getClaims(token);
			expect(data).toBeNull();
			expect(error).toBeTruthy();
		}
	);

	it('is not let into Realtime either', async () => {
		const response = await fetch(`${url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: {
				apikey: PUBLISHABLE_KEY,
				authorization: `Bearer ${forged['the demo ES256 key (and its kid)']}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ messages: [{ topic: 't', event: 'e', payload: {} }] })
		});
		expect(response.status).toBe(401);
	});
});

describe("the CLI's demo API keys", () => {
	it('still work as API keys, as with `supabase start`', async () => {
		const person = await confirmedUser(url, 'demo-keys');
		for (const key of [ANON_KEY, PUBLISHABLE_KEY]) {
			const { data, error } = await anonClient(url, { key }).auth.signInWithPassword(person);
			expect(error).toBeNull();
			expect(data.session?.access_token).toBeTruthy();
		}
		for (const key of [SERVICE_ROLE_KEY, SECRET_KEY]) {
			const admin = createClient(url, key, { auth: { persistSession: false } }).auth.admin;
			const { error } = await admin.getUserById(person.id);
			expect(error).toBeNull();
		}
	});

	it('are no person: as an access token, GET /user refuses them', async () => {
		for (const key of [ANON_KEY, SERVICE_ROLE_KEY]) {
			expect(await rawGetUser(url, key)).toMatchObject({ status: 403, code: 'bad_jwt' });
		}
	});
});

describe('sessions across a restart', () => {
	it('keep working with the real clients after the stand-in restarts on the same data folder', async () => {
		const folder = await newFolder();
		const port = await freePort();
		let standIn = await standInOn(folder, port);
		const person = await confirmedUser(standIn.url, `restart-${randomUUID().slice(0, 4)}`);
		const client = anonClient(standIn.url);
		const { data: signedIn, error } = await client.auth.signInWithPassword(person);
		expect(error).toBeNull();
		const token = signedIn.session!.access_token;
		const kid = (await jwks(standIn.url)).keys[0]!.kid;

		await stop(standIn);
		standIn = await standInOn(folder, port);
		expect((await jwks(standIn.url)).keys[0]!.kid).toBe(kid);

		// A fresh client, so its JWKS comes from the restarted stand-in.
		const { data: verified, error: claimsError } = await anonClient(standIn.url).auth.getClaims(
			token
		);
		expect(claimsError).toBeNull();
		expect(verified?.claims.sub).toBe(person.id);
		expect((await client.auth.getUser(token)).data.user?.id).toBe(person.id);
		const { data: refreshed, error: refreshError } = await client.auth.refreshSession();
		expect(refreshError).toBeNull();
		expect(
			(await anonClient(standIn.url).auth.getClaims(refreshed.session!.access_token)).error
		).toBeNull();

		// Another data folder has other keys: the same token opens nothing there.
		const elsewhere = await standInOn(await newFolder(), await freePort());
		expect(await rawGetUser(elsewhere.url, token)).toMatchObject({ status: 403, code: 'bad_jwt' });
		expect((await adminClient(elsewhere.url).getUserById(person.id)).error).toBeNull();
		await stop(elsewhere);
		await stop(standIn);
	});
});
