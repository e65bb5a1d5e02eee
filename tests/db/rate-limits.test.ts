import { describe, expect, it } from 'vitest';
import * as throttle from '$lib/server/auth/throttle';
import { asService, withAnon, withUser } from '$lib/server/db/client';
import * as rateLimits from '$lib/server/db/rate-limits';
import { createPerson } from './factories';

describe('sign-in throttle', () => {
	it('refuses the 11th attempt in a minute from one address, with the wait in seconds', async () => {
		const waits = [];
		for (let i = 0; i < 11; i++) {
			waits.push(await throttle.signInWait('someone@example.test', '192.0.2.10'));
		}
		expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
		expect(waits[10]).toBeGreaterThan(0);
		expect(waits[10]).toBeLessThanOrEqual(60);
	});

	it('never locks the owner out from a fresh address', async () => {
		for (let i = 0; i < 12; i++) await throttle.signInWait('owner@example.test', '192.0.2.20');
		expect(await throttle.signInWait('owner@example.test', '192.0.2.21')).toBe(0);
	});

	it('counts in fixed windows and forgets a key when told (after a successful sign-in)', async () => {
		const limit = { key: 'test:window', max: 2, windowSeconds: 60 };
		expect([await rateLimits.hit(limit), await rateLimits.hit(limit)]).toEqual([0, 0]);
		expect(await rateLimits.hit(limit)).toBeGreaterThan(0);
		await rateLimits.clear(limit.key);
		expect(await rateLimits.hit(limit)).toBe(0);
	});

	it('opens a new window once the old one has passed', async () => {
		const limit = { key: 'test:expired', max: 1, windowSeconds: 60 };
		await rateLimits.hit(limit);
		expect(await rateLimits.hit(limit)).toBeGreaterThan(0);
		await asService(
			(sql) =>
				sql`update private.rate_limits set window_start = now() - interval '61 seconds' where key = ${limit.key}`
		);
		expect(await rateLimits.hit(limit)).toBe(0);
	});
});

describe('the rate-limit bookkeeping is not reachable from the API roles', () => {
	it('refuses visitors and members', async () => {
		const member = await createPerson();
		const attempt = (sql: Parameters<Parameters<typeof withAnon>[0]>[0]) =>
			sql`select private.hit_rate_limit('x', 1, 60)`;
		await expect(withAnon(attempt)).rejects.toMatchObject({ code: '42501' });
		await expect(withUser(member.claims, attempt)).rejects.toMatchObject({ code: '42501' });
		await expect(
			withUser(member.claims, (sql) => sql`select key from private.rate_limits`)
		).rejects.toMatchObject({ code: '42501' });
	});
});
