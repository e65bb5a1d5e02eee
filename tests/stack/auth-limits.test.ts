/**
 * Throttles and the autoconfirm setting, on a second stand-in over the shared database with its own
 * configuration: per-IP request limits as GoTrue applies [auth.rate_limit] (a token bucket of 30
 * per group and address, refilled at the configured rate per five minutes; X-Forwarded-For
 * honoured from loopback), the per-address mail interval, and sign-up when addresses need no
 * confirmation.
 */
import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	anonClient,
	confirmedUser,
	extraStandIn,
	mailsTo,
	uniqueEmail
} from '../../supabase/local/standin/auth/testing.ts';
import { clientIp } from '../../supabase/local/standin/auth/context.ts';
import { RequestLimiter } from '../../supabase/local/standin/auth/rate-limit.ts';

const shared = inject('standIn');
let standIn: Awaited<ReturnType<typeof extraStandIn>>;
let url = '';

beforeAll(async () => {
	standIn = await extraStandIn(shared.databaseUrl, {
		siteUrl: 'http://localhost:3999',
		redirectUrls: ['http://localhost:3999/**'],
		autoconfirm: true,
		mailInterval: 60,
		// The CLI's defaults, as the project's config.toml has them.
		rateLimits: { signInSignUps: 30, tokenRefresh: 150, tokenVerifications: 30 }
	});
	url = standIn.url;
});
afterAll(() => standIn?.close());

/** A fresh documentation address (RFC 5737) each time, so tests never share a budget. */
let lastOctet = 0;
const ip = () => `203.0.113.${++lastOctet}`;

/**
 * Calls `attempt` until it is refused with 429 (at most `cap` times); returns how many went through
 * and the most the bucket could have allowed: the burst of 30 and what refilled meanwhile.
 */
async function untilRefused(
	attempt: () => Promise<{ error: { status?: number } | null }>,
	perFiveMinutes: number,
	cap = 60
): Promise<{ allowed: number; mostAllowed: number }> {
	const started = Date.now();
	let allowed = 0;
	while (allowed < cap && (await attempt()).error?.status !== 429) allowed++;
	const refilled = ((Date.now() - started) / 1000) * (perFiveMinutes / 300);
	return { allowed, mostAllowed: 30 + Math.ceil(refilled) };
}

describe('the per-IP limits, as GoTrue counts them', () => {
	it('lets 30 sign-ins come at once from one address, then one every 2 s, and not another address', async () => {
		const member = await confirmedUser(url, 'limited');
		const from = ip();
		const client = anonClient(url, { ip: from });
		// token_refresh (150 per 5 minutes) counts every POST /token, with GoTrue's burst of 30.
		let i = 0;
		const { allowed, mostAllowed } = await untilRefused(
			() =>
				client.auth.signInWithPassword(
					i++ % 2 ? member : { email: member.email, password: 'wrong password' }
				),
			150
		);
		expect(allowed).toBeGreaterThanOrEqual(30);
		expect(allowed).toBeLessThanOrEqual(mostAllowed);

		const raw = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { 'x-forwarded-for': from, 'content-type': 'application/json' },
			body: JSON.stringify(member)
		});
		expect(raw.status).toBe(429);
		expect(await raw.json()).toMatchObject({
			code: 'over_request_rate_limit',
			message: 'Request rate limit reached'
		});
		// One more request every 300 / 150 = 2 seconds.
		expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(Number(raw.headers.get('retry-after'))).toBeLessThanOrEqual(2);

		const elsewhere = await anonClient(url, { ip: ip() }).auth.signInWithPassword(member);
		expect(elsewhere.error).toBeNull();
	});

	it('counts refreshes in the same budget as sign-ins', async () => {
		const member = await confirmedUser(url, 'refresher');
		const client = anonClient(url, { ip: ip() });
		const { data } = await client.auth.signInWithPassword(member);
		let refreshToken = data.session?.refresh_token ?? '';
		const { allowed, mostAllowed } = await untilRefused(async () => {
			const refreshed = await client.auth.refreshSession({ refresh_token: refreshToken });
			refreshToken = refreshed.data.session?.refresh_token ?? refreshToken;
			return refreshed;
		}, 150);
		// The sign-in took one of the 30.
		expect(allowed).toBeGreaterThanOrEqual(29);
		expect(allowed).toBeLessThanOrEqual(mostAllowed - 1);
	});

	it('counts recoveries under sign_in_sign_ups: 30 at once from one address, then one every 10 s', async () => {
		const client = anonClient(url, { ip: ip() });
		let i = 0;
		const { allowed, mostAllowed } = await untilRefused(
			() => client.auth.resetPasswordForEmail(uniqueEmail(`burst-${i++}`)),
			30
		);
		expect(allowed).toBeGreaterThanOrEqual(30);
		expect(allowed).toBeLessThanOrEqual(mostAllowed);
	});

	it('refills at the configured rate per five minutes', () => {
		const limiter = new RequestLimiter({
			signInSignUps: 30,
			tokenRefresh: 150,
			tokenVerifications: 0
		});
		const start = 1_000_000;
		for (let i = 0; i < 30; i++) limiter.hit('signInSignUps', '192.0.2.1', start);
		expect(() => limiter.hit('signInSignUps', '192.0.2.1', start)).toThrow(
			'Request rate limit reached'
		);
		// 30 per 300 s: one more after 10 s, not before.
		expect(() => limiter.hit('signInSignUps', '192.0.2.1', start + 9_000)).toThrow();
		expect(() => limiter.hit('signInSignUps', '192.0.2.1', start + 10_000)).not.toThrow();
		// Groups and addresses have budgets of their own; a rate of 0 is no limit.
		expect(() => limiter.hit('tokenRefresh', '192.0.2.1', start)).not.toThrow();
		expect(() => limiter.hit('signInSignUps', '192.0.2.2', start)).not.toThrow();
		for (let i = 0; i < 100; i++) limiter.hit('tokenVerifications', '192.0.2.1', start);
	});
});

describe('the client address', () => {
	const request = (remoteAddress: string, forwarded?: string) =>
		({
			socket: { remoteAddress },
			headers: forwarded ? { 'x-forwarded-for': forwarded } : {}
		}) as unknown as IncomingMessage;

	it('is X-Forwarded-For’s first entry only when the caller is on this machine', () => {
		expect(clientIp(request('127.0.0.1', '198.51.100.4, 10.0.0.1'))).toBe('198.51.100.4');
		expect(clientIp(request('::1', '2001:db8::1'))).toBe('2001:db8::1');
		expect(clientIp(request('::ffff:127.0.0.1', '198.51.100.5'))).toBe('198.51.100.5');
		expect(clientIp(request('192.0.2.9', '198.51.100.4'))).toBe('192.0.2.9');
		expect(clientIp(request('::ffff:192.0.2.9'))).toBe('192.0.2.9');
		expect(clientIp(request('127.0.0.1', 'not an address'))).toBe('127.0.0.1');
	});
});

describe('the mail interval per address', () => {
	it('refuses a second recovery mail within the interval, for members and strangers alike', async () => {
		const member = await confirmedUser(url, 'interval');
		const stranger = uniqueEmail('interval-stranger');
		for (const email of [member.email, stranger]) {
			const client = anonClient(url, { ip: ip() });
			expect((await client.auth.resetPasswordForEmail(email)).error).toBeNull();
			const again = await client.auth.resetPasswordForEmail(email);
			expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
			const wait = /^For security purposes, you can only request this after (\d+) seconds\.$/.exec(
				again.error?.message ?? ''
			);
			expect(Number(wait?.[1])).toBeGreaterThan(0);
			expect(Number(wait?.[1])).toBeLessThanOrEqual(60);
		}
		expect(await mailsTo(url, member.email, 'recovery')).toHaveLength(1);
		expect(await mailsTo(url, stranger)).toEqual([]);
	});

	it('applies to resend as well', async () => {
		const member = await confirmedUser(url, 'interval-otp');
		const client = anonClient(url, { ip: ip() });
		expect((await client.auth.signInWithOtp({ email: member.email })).error).toBeNull();
		const again = await client.auth.signInWithOtp({ email: member.email });
		expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });

		const email = uniqueEmail('interval-resend');
		expect((await client.auth.resend({ type: 'signup', email })).error).toBeNull();
		const resent = await client.auth.resend({ type: 'signup', email });
		expect(resent.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
	});
});

describe('sign-up with autoconfirm', () => {
	it('answers with a session at once', async () => {
		const email = uniqueEmail('auto');
		const { data, error } = await anonClient(url).auth.signUp({
			email,
			password: 'correct horse battery'
		});
		expect(error).toBeNull();
		expect(data.session?.user).toMatchObject({ email, email_confirmed_at: expect.any(String) });
		expect(decodeJwt(data.session?.access_token ?? '').amr).toEqual([
			{ method: 'password', timestamp: expect.any(Number) }
		]);
		expect(await mailsTo(url, email)).toEqual([]);
	});

	it('refuses a registered address with user_already_exists', async () => {
		const member = await confirmedUser(url, 'auto-dup');
		const { error } = await anonClient(url).auth.signUp({
			email: member.email,
			password: 'correct horse battery'
		});
		expect(error).toMatchObject({
			status: 422,
			code: 'user_already_exists',
			message: 'User already registered'
		});
	});
});
