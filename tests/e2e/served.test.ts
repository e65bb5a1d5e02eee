/** How the product is served: compression, caching and security headers, and the health probe. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../supabase/seed/demo-accounts.ts';
import { ROOT } from '../support/test-cluster.ts';

const { url } = inject('product');

/** The product runs as behind a proxy (ADDRESS_HEADER), so every request names its address. */
function get(target: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set('x-forwarded-for', '198.51.100.20');
	return fetch(target, { ...init, headers });
}

describe('served like a product for slow connections', () => {
	it('compresses server-rendered HTML with zstd, brotli, or gzip, as the browser takes them', async () => {
		for (const [accept, expected] of [
			['gzip, deflate, br, zstd', 'zstd'],
			['br, gzip', 'br'],
			['gzip, deflate', 'gzip']
		]) {
			const response = await get(url, { headers: { 'accept-encoding': accept! } });
			expect(response.headers.get('content-encoding')).toBe(expected);
			expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
			// fetch decodes it: the page is intact.
			expect(await response.text()).toMatch(/<\/html>/);
		}
		const plain = await get(url, { headers: { 'accept-encoding': 'identity' } });
		expect(plain.headers.get('content-encoding')).toBeNull();
	});

	it('serves static assets precompressed and immutable', async () => {
		const html = await (await get(url)).text();
		const asset = /(\/_app\/immutable\/[^"]+\.js)/.exec(html)?.[1];
		expect(asset, 'a script of the page').toBeTruthy();
		const response = await get(url + asset, { headers: { 'accept-encoding': 'br' } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('cache-control')).toMatch(/immutable/);
	});

	it('sends the security headers with static files too (served before any hook runs)', async () => {
		const html = await (await get(url)).text();
		const asset = /(\/_app\/immutable\/[^"]+\.js)/.exec(html)?.[1];
		for (const file of [asset!, '/robots.txt']) {
			const response = await get(url + file);
			expect(response.status, file).toBe(200);
			expect(response.headers.get('x-content-type-options'), file).toBe('nosniff');
			expect(response.headers.get('x-frame-options'), file).toBe('DENY');
			expect(response.headers.get('referrer-policy'), file).toBe('strict-origin-when-cross-origin');
			expect(response.headers.get('content-security-policy'), file).toMatch(/default-src 'none'/);
		}
	});

	it('sends security headers and a nonce-based content security policy', async () => {
		const response = await get(url);
		const csp = response.headers.get('content-security-policy') ?? '';
		for (const directive of [
			"object-src 'none'",
			"base-uri 'none'",
			"frame-ancestors 'none'",
			"form-action 'self'"
		]) {
			expect(csp).toContain(directive);
		}
		expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
		expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
		// Signed-in pages keep a Realtime socket to the Supabase origin (here the stand-in).
		expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+;/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		// HSTS is only sent over https.
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('refuses a cross-site form post (SvelteKit origin check)', async () => {
		const response = await get(url + '/', {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'a=b'
		});
		expect(response.status).toBe(403);
	});

	it('lets a same-origin form post through the origin check', async () => {
		const response = await get(url + '/', {
			method: 'POST',
			headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'a=b'
		});
		expect(response.status).not.toBe(403);
	});

	it('answers the health probe with the database and migration state', async () => {
		const response = await get(url + '/health');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const body = await response.json();
		expect(body).toMatchObject({
			status: 'ok',
			database: { reachable: true },
			migration: { version: expect.stringMatching(/^\d{14}$/) }
		});
		expect(body.migration.version).toBe(body.migration.expected);
	});

	it('shows a helpful page, not a stack trace, for an unknown address', async () => {
		const response = await get(url + '/no/such/page');
		expect(response.status).toBe(404);
		const html = await response.text();
		expect(html).toMatch(/could not find/i);
		expect(html).not.toMatch(/at .*\.js:\d+/);
	});

	it('serves a production build, even when the tests built it', async () => {
		// vitest runs with NODE_ENV=test, under which vite compiled Svelte with its development
		// checks (push_element and friends): pages rendered several times slower than in production.
		const pages = path.join(ROOT, 'build/server/chunks/entries/pages');
		const files = (await readdir(pages, { recursive: true })).filter((f) => f.endsWith('.js'));
		expect(files.length).toBeGreaterThan(10);
		const withDevChecks = [];
		for (const file of files) {
			if ((await readFile(path.join(pages, file), 'utf8')).includes('push_element(')) {
				withDevChecks.push(file);
			}
		}
		expect(withDevChecks).toEqual([]);
	});
});

describe('who the server believes a request comes from', () => {
	/** Signs in with the form, and gives the session cookie as a browser would send it back. */
	async function sessionCookie(): Promise<{ name: string; session: Record<string, unknown> }> {
		const response = await get(`${url}/sign-in?/password`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				email: 'tomas@example.org',
				password: DEMO_PASSWORD,
				redirectTo: '/'
			})
		});
		expect(response.status).toBe(303);
		const [cookie] = response.headers.getSetCookie().filter((c) => /^sb-.+-auth-token=/.test(c));
		const [name, value] = cookie!.split(';')[0]!.split(/=(.*)/s) as [string, string];
		const json = Buffer.from(value.replace(/^base64-/, ''), 'base64url').toString('utf8');
		return { name, session: JSON.parse(json) };
	}
	const encode = (session: Record<string, unknown>) =>
		'base64-' + Buffer.from(JSON.stringify(session)).toString('base64url');
	/** 200 for the signed-in person's account page; a redirect to sign in for anyone else. */
	const account = (cookie: string) =>
		get(`${url}/account`, { redirect: 'manual', headers: { cookie } });

	it('believes a token each time it is sent, and never one altered since it was believed', async () => {
		const { name, session } = await sessionCookie();
		const cookie = `${name}=${encode(session)}`;
		expect((await account(cookie)).status).toBe(200);
		expect((await account(cookie)).status).toBe(200); // the token is remembered

		const token = String(session.access_token);
		const [header, payload, signature] = token.split('.') as [string, string, string];
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		const forged = [
			header,
			Buffer.from(JSON.stringify({ ...claims, role: 'service_role' })).toString('base64url'),
			signature
		].join('.');
		const altered = await account(`${name}=${encode({ ...session, access_token: forged })}`);
		expect(altered.status).toBe(303);
		expect(altered.headers.get('location')).toMatch(/^\/sign-in/);
	});

	it('refreshes a session about to expire, and sets the new one in the cookie', async () => {
		const { name, session } = await sessionCookie();
		const expiring = { ...session, expires_at: Math.floor(Date.now() / 1000) + 10 };
		const response = await account(`${name}=${encode(expiring)}`);
		expect(response.status).toBe(200);
		const renewed = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
		expect(renewed, 'a new session cookie').toBeTruthy();
		const json = Buffer.from(
			renewed!
				.split(';')[0]!
				.slice(name.length + 1)
				.replace(/^base64-/, ''),
			'base64url'
		).toString('utf8');
		expect(JSON.parse(json).refresh_token).not.toBe(session.refresh_token);
		expect(renewed).toMatch(/HttpOnly/i);
	});
});
