/**
 * What asking "does this session still stand?" adds to each signed-in request: the very statement
 * the app runs (src/lib/server/db/sessions.ts), through a pool configured as the app's, against
 * Auth's tables filled as a large community would fill them.
 *
 *   node bench/session-check.ts [--people 100000] [--requests 20000]
 *
 * Its own throwaway cluster: the Supabase bootstrap and every migration, then `people` accounts
 * with three sessions each (ended ones deleted, as Auth does). Latency is timed around each call,
 * one at a time (the added latency of one request), then 10 at once (as concurrent requests share
 * the pool); p50/p95/p99 in ms. For scale, the same for `select 1` (a round trip and nothing else).
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { bootstrap } from '../supabase/local/bootstrap.ts';
import { serviceConnection } from '../supabase/local/database.ts';
import { migrate } from '../supabase/local/migrate.ts';
import { current } from '../src/lib/server/db/sessions.ts';
import { startTestCluster } from '../tests/support/test-cluster.ts';

const { values } = parseArgs({
	options: {
		people: { type: 'string', default: '100000' },
		requests: { type: 'string', default: '20000' }
	}
});
const PEOPLE = Number(values.people);
const REQUESTS = Number(values.requests);

const cluster = await startTestCluster('bench-sessions');
try {
	const setup = serviceConnection(cluster.url());
	await bootstrap(setup);
	await migrate(setup);
	const started = performance.now();
	await setup`
		insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
		                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
		       'member-' || n || '@bench.example', '', now(), '{"provider":"email"}',
		       jsonb_build_object('display_name', 'Member ' || n), now(), now()
		from generate_series(1, ${PEOPLE}) as n
	`;
	await setup`
		insert into auth.sessions (id, user_id, created_at, updated_at)
		select gen_random_uuid(), u.id, now(), now() from auth.users u, generate_series(1, 3)
	`;
	await setup`analyze auth.users, auth.sessions`;
	const claims = await setup<{ sub: string; session_id: string }[]>`
		select user_id as sub, id as session_id from auth.sessions order by random() limit 5000
	`;
	await setup.end();
	console.log(
		`${PEOPLE} people, ${PEOPLE * 3} sessions loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);

	// As the app's pool (src/lib/server/db/client.ts): prepared statements, 10 connections.
	const sql = postgres(cluster.url(), { max: 10, onnotice: () => {} });
	const asClaims = (i: number) => ({ ...claims[i % claims.length]!, role: 'authenticated' });
	const check = (i: number) => current(sql, asClaims(i));
	const roundTrip = () => sql`select 1`;

	for (let i = 0; i < 2000; i++) await check(i); // warm: plans, caches, connections

	for (const [label, fn] of [
		['session check', check],
		['select 1', roundTrip]
	] as const) {
		const alone = await timed(REQUESTS, fn, 1);
		const shared = await timed(REQUESTS, fn, 10);
		console.log(`${label.padEnd(14)} one at a time: ${summary(alone)}`);
		console.log(`${label.padEnd(14)} 10 at once:     ${summary(shared)}`);
	}
	const plan = await sql.unsafe(
		`explain (analyze, costs off, timing off, summary off)
		 select u.raw_app_meta_data ->> 'platform_role' from auth.sessions s join auth.users u on u.id = s.user_id
		 where s.id = $1 and s.user_id = $2`,
		[claims[0]!.session_id, claims[0]!.sub]
	);
	console.log('plan:\n' + plan.map((row) => `  ${String(row['QUERY PLAN'])}`).join('\n'));
	const stood = (await Promise.all(claims.slice(0, 100).map((c, i) => check(i)))).filter(Boolean);
	console.log(`sessions found standing: ${stood.length} of 100`);
	await sql.end();
} finally {
	await cluster.stop();
}

async function timed(count: number, fn: (i: number) => Promise<unknown>, concurrency: number) {
	const ms: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++;
				const t = performance.now();
				await fn(i);
				ms.push(performance.now() - t);
			}
		})
	);
	return ms.sort((a, b) => a - b);
}

function summary(ms: number[]) {
	const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))]!.toFixed(3);
	return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms (${ms.length} calls)`;
}
