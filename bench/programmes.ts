/**
 * The compendium at scale: 5,000 programmes (the seeder's --programmes), searched by a visitor.
 *
 *   node bench/programmes.ts [--programmes 5000] [--seconds 10]
 *
 * The first run builds .data/bench/programmes-<n> (the demo world with its compendium grown to n
 * programmes) and keeps it; later runs reuse it. It then starts the product as `npm start` does and
 * measures:
 *   1. the database: one page of the compendium with its facet counts and total, as the page asks
 *      for it (compendium.search, in its transaction as a visitor under RLS, from Node: each figure
 *      includes the round trips and the transaction's set-up), unfiltered, by words, by facets,
 *      and the next page by keyset; each asked again (its counts kept by the compendium's
 *      version) and first (the version changed before each call, as a change of a programme does),
 *      also after the searches with one filter less (whose counts give the chosen facets');
 *   2. the plans: EXPLAIN ANALYZE of those statements as the visitor (auto_explain, nested);
 *   3. the page: GET /programmes as a visitor at 10 concurrent requests, unfiltered and filtered,
 *      beside a bare page (/privacy) in the same run for the ratio of requests per second; from
 *      Node's HTTP client, and again from wrk when it is installed;
 *   4. what the page weighs: its HTML and the JavaScript it ships, compressed as served.
 */
import './app-modules.ts';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ready, startProduct, stopProduct } from '../tests/support/product.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';
import { ACCEPT_ENCODING, get, hasWrk, load, summary, wrkLoad } from './load.ts';

const { values } = parseArgs({
	options: {
		programmes: { type: 'string', default: '5000' },
		seconds: { type: 'string', default: '10' }
	}
});
const PROGRAMMES = Number(values.programmes);
const SECONDS = Number(values.seconds);

// ─── 1. the database ───────────────────────────────────────────────────────────────────────────

type Filters = import('../src/lib/server/db/compendium.ts').Filters;
type Case = { label: string; filters: Filters; after?: string };

const none: Filters = {
	q: undefined,
	open: [],
	cost: [],
	format: [],
	level: [],
	component: [],
	scope: [],
	status: [],
	topic: [],
	audience: [],
	language: [],
	region: [],
	country: []
};

async function time(
	label: string,
	fn: () => Promise<unknown>,
	n = 100,
	/** Done before each call, untimed. */
	first?: () => Promise<unknown>
): Promise<number[]> {
	for (let i = 0; i < 5; i++) await fn();
	const ms: number[] = [];
	for (let i = 0; i < n; i++) {
		await first?.();
		const t = performance.now();
		await fn();
		ms.push(performance.now() - t);
	}
	console.log(`   ${label.padEnd(52)} ${summary(ms)}`);
	return ms;
}

/**
 * What a change of the compendium does (private.compendium_changed): a new version, so that every
 * instance computes each search's counts anew, and the whole compendium's kept counts forgotten.
 */
const changed = (sql: postgres.Sql) => sql`
	with v as (update private.compendium_version set value = gen_random_uuid())
	delete from private.compendium_counts
`;

async function database(sql: postgres.Sql): Promise<Case[]> {
	const compendium = await import('../src/lib/server/db/compendium.ts');
	const first = await compendium.search(null, none);
	const cases: Case[] = [
		{ label: 'no filter (the first page a visitor sees)', filters: none },
		{ label: 'next page (keyset)', filters: none, after: first.next ?? undefined },
		{ label: 'words "cybersecurity policy"', filters: { ...none, q: 'cybersecurity policy' } },
		{ label: 'format online', filters: { ...none, format: ['online'] } },
		{
			label: 'topic + language French',
			filters: { ...none, topic: ['cybercrime'], language: ['fr'] }
		},
		{
			label: 'free + open now + level introductory',
			filters: { ...none, cost: ['free'], open: ['now'], level: ['introductory'] }
		},
		{
			label: 'words "school" + scope regional',
			filters: { ...none, q: 'school', scope: ['regional'] }
		}
	];
	console.log('1. One page of the compendium with its facet counts and total, as a visitor:');
	console.log('   asked again (its counts kept), and first (the compendium changed before each)');
	for (const c of cases) {
		const after = c.after ? compendium.decodeCursor(c.after) : undefined;
		const search = () => compendium.search(null, c.filters, { after });
		await time(c.label, search);
		await time('  first', search, 50, () => changed(sql));
		// As when a visitor adds a filter to a search: each search with one filter less asked before.
		const lessOne = Object.entries(c.filters)
			.filter(([key, value]) => key !== 'q' && (value as string[]).length)
			.map(([key]) => ({ ...c.filters, [key]: [] }));
		if (!c.after && lessOne.length) {
			await time('  first, one filter less asked before', search, 50, async () => {
				await changed(sql);
				for (const less of lessOne) await compendium.search(null, less);
			});
		}
	}
	await changed(sql);
	console.log();
	return cases;
}

// ─── 2. the plans ──────────────────────────────────────────────────────────────────────────────

/**
 * The statements exactly as the module sends them, explained by auto_explain: a login role of the
 * benchmark's own loads it in every session and logs each plan (nested ones too) to the server's
 * log, which is read back. The role is dropped at the end.
 */
async function plans(sql: postgres.Sql, url: string, cases: Case[]) {
	const log = path.join(dataDir, 'postgres.log');
	await sql.unsafe(`
		drop role if exists bench_explain;
		create role bench_explain login superuser password 'postgres';
		alter role bench_explain set session_preload_libraries = 'auto_explain';
		alter role bench_explain set auto_explain.log_min_duration = 0;
		alter role bench_explain set auto_explain.log_analyze = on;
		alter role bench_explain set auto_explain.log_nested_statements = on;
	`);
	const { provideEnv } = await import('../src/lib/server/env.ts');
	const client = await import('../src/lib/server/db/client.ts');
	const compendium = await import('../src/lib/server/db/compendium.ts');
	await client.closeDb();
	provideEnv({ DATABASE_URL: url.replace('postgres:postgres@', 'bench_explain:postgres@') });
	console.log('2. Where the time goes (EXPLAIN ANALYZE as the visitor, under RLS)');
	try {
		for (const c of [cases[0]!, cases[3]!, cases[4]!]) {
			// Its counts computed too, not kept.
			await changed(sql);
			const from = (await stat(log)).size;
			await compendium.search(null, c.filters);
			// The server writes its log a moment later.
			await new Promise((r) => setTimeout(r, 300));
			const text = (await readFile(log)).subarray(from).toString();
			console.log(`   ${c.label}:`);
			for (const entry of text.split(/LOG: {2}duration: /).slice(1)) {
				const query = /Query Text:\s+(\S+(?:\s+\S+){0,3})/.exec(entry)?.[1] ?? '';
				if (!/^(with|select)/.test(query) || /set_config/.test(query)) continue;
				const nodes = entry
					.split('\n')
					.filter((l) => /actual time/.test(l))
					.slice(0, 8)
					.map((l) => `        ${l.trim().slice(0, 160)}`);
				console.log(`     ${entry.split(' ')[0]} ms: ${query.replace(/\s+/g, ' ')}…`);
				console.log(nodes.join('\n'));
			}
		}
	} finally {
		await client.closeDb();
		provideEnv({ DATABASE_URL: url });
		await sql`drop role if exists bench_explain`;
	}
	console.log();
}

// ─── 3 and 4. the page ─────────────────────────────────────────────────────────────────────────

async function page(base: string) {
	const unfiltered = `${base}/programmes`;
	const filtered = `${base}/programmes?format=online&topic=cybercrime`;
	await load([unfiltered, `${base}/privacy`], '', 2);
	console.log(`3. The page at 10 concurrent requests for ${SECONDS} s each, as a visitor`);
	const rows: [string, Awaited<ReturnType<typeof load>>][] = [];
	for (const [label, address] of [
		['/programmes', unfiltered],
		['/programmes, two filters', filtered],
		['/privacy (bare)', `${base}/privacy`]
	] as const) {
		rows.push([label, await load([address], '', SECONDS)]);
	}
	const bare = rows.at(-1)![1];
	for (const [label, r] of rows) {
		console.log(
			`   ${label.padEnd(26)} ${r.rps.toFixed(0).padStart(5)} req/s (${(r.rps / bare.rps).toFixed(2)}× bare), ${summary(r.ms)}, failures ${r.failures}`
		);
	}
	if (await hasWrk()) {
		console.log('   from wrk:');
		const wrk: [string, Awaited<ReturnType<typeof wrkLoad>>][] = [];
		for (const [label, address] of [
			['/programmes', unfiltered],
			['/privacy (bare)', `${base}/privacy`]
		] as const) {
			wrk.push([label, await wrkLoad([address], '', SECONDS)]);
		}
		const wrkBare = wrk.at(-1)![1];
		for (const [label, r] of wrk) {
			console.log(
				`   ${label.padEnd(26)} ${r.rps.toFixed(0).padStart(5)} req/s (${(r.rps / wrkBare.rps).toFixed(2)}× bare), p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, failures ${r.failures}`
			);
		}
	}
	console.log();

	console.log('4. What a visitor downloads for /programmes (compressed as served)');
	const html = await get(unfiltered, { 'accept-encoding': ACCEPT_ENCODING });
	const text = (await get(unfiltered)).body.toString();
	const scripts = [...text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map(
		(m) => m[1]!
	);
	console.log(
		`   HTML ${(html.body.length / 1024).toFixed(1)} KB (${html.headers['content-encoding'] ?? 'identity'}), ${(text.length / 1024).toFixed(1)} KB uncompressed; ${scripts.length} scripts referenced`
	);
}

// ─── the run ───────────────────────────────────────────────────────────────────────────────────

const dataDir = path.join(ROOT, '.data/bench', `programmes-${PROGRAMMES}`);
const [port, postgresPort, supabasePort] = [await freePort(), await freePort(), await freePort()];
console.log(`Starting the product on ${dataDir} (a first run seeds ${PROGRAMMES} programmes)…`);
const started = performance.now();
const product = startProduct({
	PORT: String(port),
	POSTGRES_PORT: String(postgresPort),
	SUPABASE_PORT: String(supabasePort),
	SMTP_PORT: String(await freePort()),
	DATA_DIR: dataDir,
	SEED_PROGRAMMES: String(PROGRAMMES),
	ADDRESS_HEADER: 'x-forwarded-for'
});
try {
	await ready(product, 30 * 60_000);
	console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
	const url = `postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`;
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`
		select count(*)::int as n from public.programmes
	`;
	console.log(`${n} programmes in the compendium.\n`);
	const { provideEnv } = await import('../src/lib/server/env.ts');
	provideEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: '4' });
	const searches = await database(sql);
	await plans(sql, url, searches);
	await sql.end();
	const { closeDb } = await import('../src/lib/server/db/client.ts');
	await closeDb();
	await page(product.url);
} finally {
	await stopProduct(product);
}
