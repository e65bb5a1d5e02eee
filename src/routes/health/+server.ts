import { json } from '@sveltejs/kit';
import * as health from '$lib/server/db/health';
import type { RequestHandler } from './$types';

/** The newest migration this build ships, so a probe can tell a database that lags behind the code. */
const expected = Object.keys(import.meta.glob('/supabase/migrations/*.sql'))
	.map((file) => /\/(\d+)_[^/]+\.sql$/.exec(file)?.[1] ?? '')
	.sort()
	.at(-1);

/** For load balancers: 200 when the database answers and is migrated, 503 otherwise. */
export const GET: RequestHandler = async () => {
	const started = performance.now();
	const headers = { 'cache-control': 'no-store' };
	try {
		const migration = await health.status();
		const latencyMs = Math.round((performance.now() - started) * 10) / 10;
		// A database ahead of this build is fine (a rolling deploy migrated it first); behind is not.
		const current = migration.version !== null && migration.version >= (expected ?? '');
		return json(
			{
				status: current ? 'ok' : 'migrations_pending',
				database: { reachable: true, latency_ms: latencyMs },
				migration: { version: migration.version, name: migration.name, expected: expected ?? null }
			},
			{ status: current ? 200 : 503, headers }
		);
	} catch {
		return json(
			{ status: 'unavailable', database: { reachable: false } },
			{ status: 503, headers }
		);
	}
};
