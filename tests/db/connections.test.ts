/**
 * No exception in or around a query keeps a pooled connection, and a restarted database costs no
 * request: the pool here has 3 connections, so a single leak per attempt would exhaust it within
 * the first few attempts and every later query would hang.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, closeDb, db, withAnon, withUser } from '$lib/server/db/client';
import { peopleError } from '$lib/server/db/errors';
import * as profiles from '$lib/server/db/profiles';
import { databaseEnv, provideEnv } from '$lib/server/env';
import { createPerson, type Person } from './factories';

const POOL = 3;
let admin: postgres.Sql;
let person: Person;

beforeAll(async () => {
	await closeDb();
	provideEnv({ DATABASE_POOL_MAX: String(POOL), DATABASE_DEADLINE_MS: '1000' });
	admin = postgres(databaseEnv().DATABASE_URL, { max: 1, onnotice: () => {} });
	person = await createPerson();
});

afterAll(async () => {
	await admin.end();
	await closeDb();
	provideEnv({ DATABASE_DEADLINE_MS: '15000' });
});

/** Rejects if the pool does not answer a simple query within a second. */
const answers = () =>
	Promise.race([
		withAnon((sql) => sql`select 1 as one`).then(([row]) => row?.one),
		new Promise((_, reject) => setTimeout(() => reject(new Error('the pool hangs')), 1000))
	]);

/** The app's own connections that sit inside a transaction nobody will finish. */
const stuck = async () => {
	const [row] = await admin<{ count: number }[]>`
		select count(*)::int as count from pg_stat_activity
		where application_name = 'capacity-commons' and state like 'idle in transaction%'
		  and datname = current_database()
	`;
	return row?.count ?? -1;
};

describe('impossible dates', () => {
	it.each(['0000-00-00', '9999-99-99', '2026-13-01', '2026-02-30'])(
		'%s, sent 20 times at once, is refused as bad input and leaks no connection',
		async (day) => {
			const position = {
				title: 'Fellow',
				organisation: 'Somewhere',
				kind: 'academia' as const,
				starts_on: day,
				ends_on: null
			};
			const results = await Promise.allSettled(
				Array.from({ length: 20 }, () => profiles.addPosition(person.claims, position))
			);
			for (const result of results) {
				expect(result.status).toBe('rejected');
				const reason = (result as PromiseRejectedResult).reason as { code?: string };
				// Postgres itself refused the date (datetime_field_overflow or invalid_datetime_format).
				expect(reason.code).toMatch(/^2200[78]$/);
				expect(peopleError(reason)?.status).toBe(400);
			}
			expect(await answers()).toBe(1);
			expect(await stuck()).toBe(0);
		}
	);
});

describe('the deadline', () => {
	it('gives back a connection held by code that never finishes, and the pool goes on', async () => {
		const started = Date.now();
		const hung = await Promise.allSettled(
			Array.from({ length: POOL * 2 }, () =>
				withUser(person.claims, async (sql) => {
					await sql`select 1`;
					await new Promise(() => {});
				})
			)
		);
		expect(hung.every((r) => r.status === 'rejected')).toBe(true);
		// Two rounds of three, each cut at the one-second deadline.
		expect(Date.now() - started).toBeLessThan(5000);
		expect(await answers()).toBe(1);
		expect(await stuck()).toBe(0);
	});

	it('gives back a connection whose query cannot be sent (a parameter that fails to serialise)', async () => {
		const poisoned = { toJSON: () => BigInt(1) };
		for (let i = 0; i < POOL * 2; i++) {
			await expect(
				withUser(person.claims, (sql) =>
					Promise.all([sql`select 1`, sql`select ${sql.json(poisoned as never)}::jsonb`])
				)
			).rejects.toThrow();
		}
		expect(await answers()).toBe(1);
	});
});

describe('a database that restarted', () => {
	const terminateAll = () =>
		admin`
			select pg_terminate_backend(pid) from pg_stat_activity
			where application_name = 'capacity-commons' and pid <> pg_backend_pid()
			  -- This file's database only: other files run beside it on the same cluster.
			  and datname = current_database()
		`;

	it('costs no request on a pooled connection the database has closed', async () => {
		for (let round = 0; round < 10; round++) {
			await Promise.all(Array.from({ length: POOL }, () => answers()));
			await terminateAll();
			// The pool's connections are all dead now, and some of them may not know it yet.
			await expect(withUser(person.claims, (sql) => sql`select 1 as one`)).resolves.toEqual([
				{ one: 1 }
			]);
		}
	});

	it('survives connections killed in the middle of transactions, and recovers', async () => {
		let refused = 0;
		for (let round = 0; round < 10; round++) {
			const inFlight = Array.from({ length: POOL }, () =>
				asService((sql) => sql`select pg_sleep(0.2)`).catch(() => (refused += 1))
			);
			await new Promise((r) => setTimeout(r, 50));
			await terminateAll();
			await Promise.all(inFlight);
		}
		// The killed transactions fail (they had begun: they are not tried again) ...
		expect(refused).toBeGreaterThan(0);
		// ... and nothing of theirs remains: every later transaction works.
		const later = await Promise.all(Array.from({ length: POOL * 4 }, () => answers()));
		expect(later.every((one) => one === 1)).toBe(true);
		expect(db()).toBeDefined();
	});
});
