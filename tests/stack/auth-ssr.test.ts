/**
 * @supabase/ssr's server client against the stand-in: the session cookie round trip (name,
 * base64- encoding, chunking) and the PKCE flows it always uses — the app's token_hash links, and
 * GoTrue's own links with exchangeCodeForSession.
 */
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
	anonClient,
	confirmedUser,
	cookieJar,
	lastMail,
	linkParams,
	ssrClient,
	uniqueEmail
} from '../../supabase/local/standin/auth/testing.ts';
import { PUBLISHABLE_KEY } from '../../supabase/local/standin/keys.ts';

const { url, databaseUrl } = inject('standIn');
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

const CALLBACK = 'http://localhost:3999/auth/callback';

/** Follows GoTrue's own link as a browser would, up to the redirect. */
async function click(token: string, type: string): Promise<URL> {
	const response = await fetch(
		`${url}/auth/v1/verify?token=${token}&type=${type}&redirect_to=${encodeURIComponent(CALLBACK)}`,
		{ redirect: 'manual' }
	);
	expect(response.status).toBe(303);
	return new URL(response.headers.get('location') ?? '');
}

function decodeCookie(value: string): Record<string, unknown> {
	expect(value.startsWith('base64-')).toBe(true);
	return JSON.parse(Buffer.from(value.slice('base64-'.length), 'base64url').toString('utf8'));
}

describe('the session cookie', () => {
	it('is sb-127-auth-token, base64- encoded, and read back by the next request', async () => {
		const member = await confirmedUser(url, 'cookie');
		const jar = cookieJar();
		const { error } = await ssrClient(url, jar).auth.signInWithPassword(member);
		expect(error).toBeNull();
		const value = jar.cookies.get('sb-127-auth-token') ?? '';
		const session = decodeCookie(value);
		expect(session).toMatchObject({
			token_type: 'bearer',
			refresh_token: expect.stringMatching(/^[a-z0-9]{12}$/),
			user: { id: member.id }
		});

		// The next request: a new client over the same cookies.
		const next = ssrClient(url, jar);
		const claims = await next.auth.getClaims();
		expect(claims.data?.claims.sub).toBe(member.id);
		const user = await next.auth.getUser();
		expect(user.data.user?.email).toBe(member.email);
	});

	it('is split into chunks when the session is large, and still read back', async () => {
		const member = await confirmedUser(url, 'chunks');
		const jar = cookieJar();
		const client = ssrClient(url, jar);
		await client.auth.signInWithPassword(member);
		await client.auth.updateUser({ data: { bio: 'Capacity building. '.repeat(200) } });
		await client.auth.refreshSession();
		const names = [...jar.cookies.keys()].filter((name) => name.startsWith('sb-127-auth-token'));
		expect(names).toEqual(expect.arrayContaining(['sb-127-auth-token.0', 'sb-127-auth-token.1']));
		expect(names).not.toContain('sb-127-auth-token');

		const next = ssrClient(url, jar);
		const { data, error } = await next.auth.getUser();
		expect(error).toBeNull();
		expect(String(data.user?.user_metadata.bio)).toHaveLength('Capacity building. '.length * 200);
	});

	it('is removed on sign-out, and the old access token stops working', async () => {
		const member = await confirmedUser(url, 'cookieout');
		const jar = cookieJar();
		const client = ssrClient(url, jar);
		await client.auth.signInWithPassword(member);
		const token = String(decodeCookie(jar.cookies.get('sb-127-auth-token') ?? '').access_token);
		await client.auth.signOut();
		expect([...jar.cookies.keys()].filter((n) => n.startsWith('sb-127-auth-token'))).toEqual([]);
		expect((await anonClient(url).auth.getUser(token)).error?.name).toBe('AuthSessionMissingError');
	});
});

describe('PKCE', () => {
	it('sign-up: the mail carries a pkce_ token_hash that verifyOtp accepts (the app’s /auth/confirm)', async () => {
		const email = uniqueEmail('pkce-confirm');
		const jar = cookieJar();
		await ssrClient(url, jar).auth.signUp({
			email,
			password: 'correct horse battery',
			options: { emailRedirectTo: 'http://localhost:3999/?welcome' }
		});
		const link = linkParams(await lastMail(url, email, 'confirmation'));
		expect(link.token_hash).toMatch(/^pkce_[0-9a-f]{56}$/);
		expect(link.next).toBe('/?welcome');

		// The app's confirm page runs in another request, maybe another browser: no verifier needed.
		const page = cookieJar();
		const { data, error } = await ssrClient(url, page).auth.verifyOtp({
			token_hash: link.token_hash,
			type: 'signup'
		});
		expect(error).toBeNull();
		expect(data.session?.user.email).toBe(email);
		expect(page.cookies.has('sb-127-auth-token')).toBe(true);
	});

	it('sign-up: GoTrue’s link redirects with ?code=, which exchangeCodeForSession redeems once', async () => {
		const email = uniqueEmail('pkce-code');
		const jar = cookieJar();
		const client = ssrClient(url, jar);
		await client.auth.signUp({ email, password: 'correct horse battery' });
		expect(jar.cookies.has('sb-127-auth-token-code-verifier')).toBe(true);
		const { token_hash } = linkParams(await lastMail(url, email, 'confirmation'));

		const location = await click(token_hash, 'signup');
		expect(location.origin + location.pathname).toBe(CALLBACK);
		const code = location.searchParams.get('code') ?? '';
		expect(code).toMatch(/^[0-9a-f-]{36}$/);
		expect(location.hash).toBe('');

		const { data, error } = await client.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(data.session?.user.email_confirmed_at).toBeTruthy();
		expect(decodeJwt(data.session?.access_token ?? '').amr).toEqual([
			{ method: 'email/signup', timestamp: expect.any(Number) }
		]);
		expect(jar.cookies.has('sb-127-auth-token')).toBe(true);

		const reused = await fetch(`${url}/auth/v1/token?grant_type=pkce`, {
			method: 'POST',
			headers: { apikey: PUBLISHABLE_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(64) })
		});
		expect(reused.status).toBe(404);
		expect(await reused.json()).toMatchObject({ code: 'flow_state_not_found' });
	});

	it('refuses a wrong verifier (bad_code_verifier) and an expired flow (flow_state_expired)', async () => {
		const member = await confirmedUser(url, 'pkce-bad');
		const client = ssrClient(url, cookieJar());
		await client.auth.signInWithOtp({ email: member.email });
		const { token_hash } = linkParams(await lastMail(url, member.email, 'magic_link'));
		const code = (await click(token_hash, 'magiclink')).searchParams.get('code') ?? '';
		const exchange = (verifier: string) =>
			fetch(`${url}/auth/v1/token?grant_type=pkce`, {
				method: 'POST',
				headers: { apikey: PUBLISHABLE_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({ auth_code: code, code_verifier: verifier })
			});
		const wrong = await exchange('not-the-verifier-'.repeat(4));
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ code: 'bad_code_verifier' });

		await sql`
			update auth.flow_state set auth_code_issued_at = now() - interval '301 seconds'
			where auth_code = ${code}
		`;
		const late = await exchange('not-the-verifier-'.repeat(4));
		expect(late.status).toBe(422);
		expect(await late.json()).toMatchObject({ code: 'flow_state_expired' });
	});

	it('recovery: the exchanged session announces PASSWORD_RECOVERY and may set a password', async () => {
		const member = await confirmedUser(url, 'pkce-recover');
		const jar = cookieJar();
		const client = ssrClient(url, jar);
		await client.auth.resetPasswordForEmail(member.email, { redirectTo: CALLBACK });
		const { token_hash, type } = linkParams(await lastMail(url, member.email, 'recovery'));
		expect(token_hash.startsWith('pkce_')).toBe(true);
		const code = (await click(token_hash, type)).searchParams.get('code') ?? '';

		const events: string[] = [];
		client.auth.onAuthStateChange((event) => void events.push(event));
		const { data, error } = await client.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(events).toContain('PASSWORD_RECOVERY');
		expect(decodeJwt(data.session?.access_token ?? '').amr).toEqual([
			{ method: 'recovery', timestamp: expect.any(Number) }
		]);
		expect((await client.auth.updateUser({ password: 'recovered password' })).error).toBeNull();
		const signIn = await anonClient(url).auth.signInWithPassword({
			email: member.email,
			password: 'recovered password'
		});
		expect(signIn.error).toBeNull();
	});

	it('e-mail change: each confirmation link of the pair is a PKCE link', async () => {
		const member = await confirmedUser(url, 'pkce-move');
		const newEmail = uniqueEmail('pkce-moved');
		const jar = cookieJar();
		const client = ssrClient(url, jar);
		await client.auth.signInWithPassword(member);
		await client.auth.updateUser({ email: newEmail });
		const toNew = linkParams(await lastMail(url, newEmail, 'email_change_new'));
		const toCurrent = linkParams(await lastMail(url, member.email, 'email_change_current'));
		expect(toNew.token_hash.startsWith('pkce_')).toBe(true);

		const halfway = await click(toNew.token_hash, 'email_change');
		expect(halfway.searchParams.get('message')).toMatch(/^Confirmation link accepted/);
		const done = await click(toCurrent.token_hash, 'email_change');
		const { data, error } = await client.auth.exchangeCodeForSession(
			done.searchParams.get('code') ?? ''
		);
		expect(error).toBeNull();
		expect(data.session?.user.email).toBe(newEmail);
	});
});
