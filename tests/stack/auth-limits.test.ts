/**
 * Throttles and the autoconfirm setting, on a second stand-in over the shared database with its own
 * configuration: per-IP request limits (X-Forwarded-For honoured from loopback), the per-address
 * mail interval, and sign-up when addresses need no confirmation.
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

const shared = inject('standIn');
let standIn: Awaited<ReturnType<typeof extraStandIn>>;
let url = '';

beforeAll(async () => {
	standIn = await extraStandIn(shared.databaseUrl, {
		siteUrl: 'http://localhost:3999',
		redirectUrls: ['http://localhost:3999/**'],
		autoconfirm: true,
		mailInterval: 60,
		rateLimits: { signIn: 10, signUp: 0, recover: 0, otp: 0, windowSeconds: 60 }
	});
	url = standIn.url;
});
afterAll(() => standIn?.close());

/** A fresh documentation address (RFC 5737) each time, so tests never share a budget. */
let lastOctet = 0;
const ip = () => `203.0.113.${++lastOctet}`;

describe('the sign-in limit per IP', () => {
	it('refuses the 11th sign-in within a minute from one address, and says how long to wait', async () => {
		const member = await confirmedUser(url, 'limited');
		const from = ip();
		const client = anonClient(url, { ip: from });
		for (let i = 0; i < 10; i++) {
			const attempt = await client.auth.signInWithPassword(
				i % 2 ? member : { email: member.email, password: 'wrong password' }
			);
			expect(attempt.error?.status ?? 200).not.toBe(429);
		}
		const eleventh = await client.auth.signInWithPassword(member);
		expect(eleventh.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
		// The wait is what is left of the minute since the first of the ten (less on a slow machine).
		const seconds = Number(/(\d+) seconds/.exec(eleventh.error?.message ?? '')?.[1]);
		expect(seconds).toBeGreaterThan(0);
		expect(seconds).toBeLessThanOrEqual(60);

		const raw = await fetch(`${url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { 'x-forwarded-for': from, 'content-type': 'application/json' },
			body: JSON.stringify(member)
		});
		expect(raw.status).toBe(429);
		expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);

		const elsewhere = await anonClient(url, { ip: ip() }).auth.signInWithPassword(member);
		expect(elsewhere.error).toBeNull();
	});

	it('does not count refreshes', async () => {
		const member = await confirmedUser(url, 'refresher');
		const client = anonClient(url, { ip: ip() });
		const { data } = await client.auth.signInWithPassword(member);
		let refreshToken = data.session?.refresh_token ?? '';
		for (let i = 0; i < 12; i++) {
			const refreshed = await client.auth.refreshSession({ refresh_token: refreshToken });
			expect(refreshed.error).toBeNull();
			refreshToken = refreshed.data.session?.refresh_token ?? '';
		}
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
