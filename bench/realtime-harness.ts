/**
 * Shared by the Realtime benchmarks (not one itself): a fresh database and the stand-in in a child
 * process of their own (so the stand-in's memory and CPU are not mixed up with the clients'), its
 * counters over IPC, and the latency summary. Loopback only; the child is stopped however the
 * benchmark ends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestStandIn } from '../tests/support/stand-in.ts';
import type { RealtimeStats } from '../supabase/local/standin/realtime/index.ts';

export type ServerStats = RealtimeStats & { rss: number; heapUsed: number };

export type BenchStandIn = {
	url: string;
	databaseUrl: string;
	/** The stand-in's data folder (its signing keys: see standInTokens). */
	dataDir: string;
	/** The stand-in's counters and memory (after a full garbage collection). */
	stats: () => Promise<ServerStats>;
	stop: () => Promise<void>;
};

const CHILD = 'REALTIME_BENCH_CHILD';

type Request = { id: number; kind: 'stats' | 'stop' };
type Response = { id: number; stats?: ServerStats };

export async function startBenchStandIn(): Promise<BenchStandIn> {
	const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
		env: { ...process.env, [CHILD]: '1' },
		execArgv: [...process.execArgv, '--expose-gc'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	type Ready = { url: string; databaseUrl: string; dataDir: string };
	const ready = await new Promise<Ready>((resolve, reject) => {
		child.once('message', (message) => resolve(message as Ready));
		child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
	});
	let next = 0;
	const ask = (kind: Request['kind']) =>
		new Promise<Response>((resolve) => {
			const id = ++next;
			const listen = (message: Response) => {
				if (message.id !== id) return;
				child.off('message', listen);
				resolve(message);
			};
			child.on('message', listen);
			child.send({ id, kind } satisfies Request);
		});
	// However the benchmark ends, the database and the stand-in go with it.
	const kill = () => child.kill('SIGTERM');
	process.once('exit', kill);
	return {
		...ready,
		stats: async () => (await ask('stats')).stats!,
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await ask('stop');
			await exited;
			process.off('exit', kill);
		}
	};
}

/** The child: serves until the parent says stop (or goes away). */
async function serve(): Promise<void> {
	const standIn = await startTestStandIn('bench-realtime');
	let stopping: Promise<void> | undefined;
	const stop = () => (stopping ??= standIn.stopAll());
	process.on('disconnect', () => void stop().then(() => process.exit(0)));
	process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
	process.on('message', (message: Request) => {
		if (message.kind === 'stop') {
			void stop().then(() =>
				process.send!({ id: message.id } satisfies Response, () => process.exit(0))
			);
			return;
		}
		(globalThis as { gc?: () => void }).gc?.();
		const memory = process.memoryUsage();
		const stats = { ...standIn.realtime.stats(), rss: memory.rss, heapUsed: memory.heapUsed };
		process.send!({ id: message.id, stats } satisfies Response);
	});
	process.send!({
		url: standIn.url,
		databaseUrl: standIn.databaseUrl,
		dataDir: standIn.dataDir
	});
}

if (process.env[CHILD]) await serve();

export type Summary = {
	delivered: number;
	expected: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
};

export function summarise(latencies: number[], expected: number): Summary {
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (p: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
	return {
		delivered: sorted.length,
		expected,
		p50: at(50),
		p95: at(95),
		p99: at(99),
		max: sorted.at(-1) ?? NaN
	};
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, string | number>[]): void {
	const columns = Object.keys(rows[0] ?? {});
	const cell = (value: string | number | undefined) =>
		typeof value === 'number'
			? Number.isInteger(value)
				? String(value)
				: value.toFixed(1)
			: (value ?? '');
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => cell(row[c]).length)));
	const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
	console.log(line(columns));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function inBatches<T, R>(
	items: T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await fn(items[index]!, index);
			}
		})
	);
	return results;
}
