/**
 * Password sign-ins through the Auth stand-in: throughput and latency of POST
 * /auth/v1/token?grant_type=password as the real supabase-js client sees it.
 *
 *   node bench/auth-signin.ts            (its own database and stand-in; about 40 s)
 *
 * A child process runs a fresh migrated database and the stand-in (rate limits off, loopback
 * only) with 200 members whose passwords are bcrypt cost 10, as GoTrue stores them. This process
 * runs the clients: one supabase-js client each, signing in member after member with
 * signInWithPassword for a fixed time. Latency is measured around each call, so it includes
 * supabase-js, HTTP on loopback, the user lookup, the bcrypt comparison (libuv's thread pool), the
 * session insert and the ES256 signature. Two phases: 1 client (latency without queueing), then
 * 20 concurrent clients for 15 s after a 2 s warm-up.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { anonClient } from '../supabase/local/standin/auth/testing.ts';
import { hashPassword } from '../supabase/local/standin/auth/passwords.ts';
import { startTestStandIn } from '../tests/support/stand-in.ts';

const MEMBERS = 200;
const PASSWORD = 'bench-password-2026';
const CHILD = 'AUTH_BENCH_CHILD';

type Ready = { url: string; emails: string[] };

/** The child: database, stand-in, members; stops when the parent says so or goes away. */
async function serve(): Promise<void> {
	const standIn = await startTestStandIn('bench-auth', {
		rateLimits: { signInSignUps: 0, tokenRefresh: 0, tokenVerifications: 0 },
		mailInterval: 0
	});
	const sql = postgres(standIn.databaseUrl, { max: 1, onnotice: () => {} });
	const hash = await hashPassword(PASSWORD);
	const rows = await sql<{ email: string }[]>`
		with members as (
			insert into auth.users (
				instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at
			)
			select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
				'authenticated', 'member-' || n || '@bench.example', ${hash}, now(),
				'{"provider":"email","providers":["email"]}', jsonb_build_object('display_name', 'Member ' || n),
				now(), now()
			from generate_series(1, ${MEMBERS}) as n
			returning id, email
		), identities as (
			insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
			select id, id, jsonb_build_object('sub', id, 'email', email), 'email', now(), now()
			from members
		)
		select email from members
	`;
	await sql.end();
	const stop = async () => {
		await standIn.stopAll();
		process.exit(0);
	};
	process.on('message', () => void stop());
	process.on('disconnect', () => void stop());
	process.send?.({ url: standIn.url, emails: rows.map((r) => r.email) } satisfies Ready);
}

type Phase = { clients: number; seconds: number; warmup: number };
type Result = Phase & { ok: number; failed: number; latencies: number[]; elapsed: number };

async function run(ready: Ready, phase: Phase): Promise<Result> {
	const latencies: number[] = [];
	let ok = 0;
	let failed = 0;
	let next = 0;
	const start = performance.now();
	const measureFrom = start + phase.warmup * 1000;
	const end = measureFrom + phase.seconds * 1000;
	await Promise.all(
		Array.from({ length: phase.clients }, async () => {
			const client = anonClient(ready.url);
			while (performance.now() < end) {
				const email = ready.emails[next++ % ready.emails.length]!;
				const began = performance.now();
				const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
				const finished = performance.now();
				if (began < measureFrom || finished > end) continue;
				if (error) failed++;
				else ok++;
				latencies.push(finished - began);
			}
		})
	);
	return { ...phase, ok, failed, latencies, elapsed: (end - measureFrom) / 1000 };
}

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(results: Result[]): void {
	const rows = results.map((r) => {
		const sorted = [...r.latencies].sort((a, b) => a - b);
		return {
			clients: String(r.clients),
			'sign-ins/s': (r.ok / r.elapsed).toFixed(1),
			'p50 ms': percentile(sorted, 50).toFixed(0),
			'p95 ms': percentile(sorted, 95).toFixed(0),
			'p99 ms': percentile(sorted, 99).toFixed(0),
			'max ms': (sorted.at(-1) ?? NaN).toFixed(0),
			measured: `${r.ok + r.failed} in ${r.elapsed.toFixed(0)} s`,
			failed: String(r.failed)
		};
	});
	const keys = Object.keys(rows[0] ?? {}) as (keyof (typeof rows)[number])[];
	const width = (key: (typeof keys)[number]) =>
		Math.max(key.length, ...rows.map((row) => row[key].length));
	const line = (cells: Record<string, string>) =>
		keys.map((key) => (cells[key] ?? '').padStart(width(key))).join('  ');
	console.log(line(Object.fromEntries(keys.map((k) => [k, k]))));
	for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
	const child = fork(fileURLToPath(import.meta.url), [], {
		env: { ...process.env, [CHILD]: '1' },
		execArgv: process.execArgv,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const kill = () => child.kill('SIGTERM');
	process.once('exit', kill);
	try {
		const ready = await new Promise<Ready>((resolve, reject) => {
			child.once('message', (message) => resolve(message as Ready));
			child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
		});
		console.log(`Stand-in with ${ready.emails.length} members (bcrypt cost 10) on ${ready.url}`);
		const results = [
			await run(ready, { clients: 1, seconds: 5, warmup: 1 }),
			await run(ready, { clients: 20, seconds: 15, warmup: 2 })
		];
		report(results);
		console.log(
			`Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`
		);
	} finally {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.send('stop');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
		process.off('exit', kill);
	}
}

if (process.env[CHILD]) await serve();
else await main();
