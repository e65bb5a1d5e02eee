/**
 * The directory at scale: 100,000 people (the seeder's --size), searched as a signed-in member
 * under RLS.
 *
 *   node bench/directory.ts [--size 100000] [--seconds 15]
 *
 * The first run builds the product's own data folder .data/bench/directory-<size> (seeding takes a
 * few minutes); later runs reuse it. It then starts the product as `npm start` does and measures:
 *   1. the database: name searches, a broad free-text search (words found in a third of all bios),
 *      and ten filter combinations, each a page of 21 as the directory asks for it, timed around the
 *      query inside a transaction already set up as the member (role, claims), p50/p95/p99;
 *   1b. the count the page shows above its results, capped at 1,000 (directory.ts COUNT_CAP);
 *   2. the plans: EXPLAIN ANALYZE of the statements the search runs (auto_explain, nested), with
 *      the indexes they use, and that none pages with OFFSET;
 *   3. the page: GET /people as the signed-in member at 10 concurrent requests, with the same run
 *      against a bare page (/privacy) for the ratio of requests per second; from Node's HTTP
 *      client, and again from wrk when it is installed (apt-get install wrk); both send
 *      Accept-Encoding as Chrome does;
 *   4. the JavaScript a visitor downloads for /people and /programmes, compressed as served, and
 *      whether any of it is a Supabase client.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ready, startProduct, stopProduct } from '../tests/support/product.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';
import { get, hasWrk, load, signIn, summary, wrkLoad } from './load.ts';

const { values } = parseArgs({
	options: {
		size: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '15' }
	}
});
const SIZE = Number(values.size);
const SECONDS = Number(values.seconds);

const dataDir = path.join(ROOT, '.data/bench', `directory-${SIZE}`);
const [port, postgresPort, supabasePort] = [await freePort(), await freePort(), await freePort()];
console.log(`Starting the product on ${dataDir} (a first run seeds ${SIZE} people)…`);
const started = performance.now();
const product = startProduct({
	PORT: String(port),
	POSTGRES_PORT: String(postgresPort),
	SUPABASE_PORT: String(supabasePort),
	SMTP_PORT: String(await freePort()),
	DATA_DIR: dataDir,
	SEED_SIZE: String(SIZE),
	ADDRESS_HEADER: 'x-forwarded-for'
});
try {
	await ready(product, 30 * 60_000);
	console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
	const sql = postgres(`postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`, {
		max: 1,
		onnotice: () => {}
	});
	await database(sql);
	await counts(sql);
	await plans(sql);
	await alumni(sql);
	await sql.end();
	await page(product.url);
	await javaScript(product.url);
} finally {
	await stopProduct(product);
}

// ─── 1. the database ───────────────────────────────────────────────────────────────────────────

type Search = { label: string; args: [string | null, string[], string | null, string | null] };

/** A member verified in a programme, with a profile shared with members: the typical viewer. */
async function viewer(sql: postgres.Sql) {
	const [row] = await sql<{ id: string; programme: string }[]>`
		select p.id, m.programme_id as programme from public.profiles p
		join public.memberships m on m.profile_id = p.id and m.status = 'verified' and m.role = 'alumnus'
		where p.visibility = 'members' order by p.id limit 1
	`;
	return row!;
}

async function searches(sql: postgres.Sql, programme: string): Promise<Search[]> {
	const names = await sql<{ display_name: string }[]>`
		select display_name from public.profiles where visibility <= 'members'
		order by md5(id::text) limit 5
	`;
	const [cohort] = await sql<{ id: string }[]>`
		select id from public.cohorts where programme_id = ${programme} order by starts_on desc limit 1
	`;
	const surname = (n: string) => n.split(' ').at(-1)!;
	return [
		...names.map((n): Search => ({
			label: `name "${n.display_name}"`,
			args: [n.display_name, [], null, null]
		})),
		...names.slice(0, 3).map((n): Search => ({
			label: `surname "${surname(n.display_name)}"`,
			args: [surname(n.display_name), [], null, null]
		})),
		{ label: 'broad text "cybersecurity"', args: ['cybersecurity', [], null, null] },
		{ label: 'broad text "data protection"', args: ['data protection', [], null, null] },
		{ label: 'broad text "digital inclusion"', args: ['digital inclusion', [], null, null] },
		{ label: 'filter country KE', args: [null, ['country:KE'], null, null] },
		{ label: 'filter region Sub-Saharan Africa', args: [null, ['region:202'], null, null] },
		{
			label: 'filter topic basket cybersecurity',
			args: [null, ['topic:cybersecurity'], null, null]
		},
		{
			label: 'filter language French + open to mentoring',
			args: [null, ['lang:fr', 'open:mentoring'], null, null]
		},
		{
			label: 'filter group government + region Latin America',
			args: [null, ['group:government', 'region:419'], null, null]
		},
		{
			label: 'filter topic privacy + language Spanish',
			args: [null, ['topic:privacy-and-data-protection', 'lang:es'], null, null]
		},
		{ label: 'filter programme (viewer’s)', args: [null, [], programme, null] },
		{ label: 'filter programme + cohort', args: [null, [], programme, cohort!.id] },
		{
			label: 'filter country IN + group technical community',
			args: [null, ['country:IN', 'group:technical-community'], null, null]
		},
		{
			label: 'filter rare: country TO + topic DNS',
			args: [null, ['country:TO', 'topic:domain-name-system'], null, null]
		}
	];
}

async function database(sql: postgres.Sql) {
	const member = await viewer(sql);
	const claims = JSON.stringify({ sub: member.id, role: 'authenticated' });
	const list = await searches(sql, member.programme);
	console.log(
		`1. The database: ${SIZE} people, as member ${member.id} under RLS (a page of 21 each)`
	);
	const groups: Record<string, number[]> = { name: [], text: [], filter: [] };
	await sql.begin(async (tx) => {
		await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
		for (const search of list) {
			// The columns the directory reads (profiles.ts, listCardColumns).
			const run = () => tx`
				select c.id, c.handle, c.display_name, c.headline, c.country_code, c.city,
				       c.current_position, c.current_organisation, c.stakeholder_group, c.open_to,
				       c.topic_slugs
				from private.search_directory(${search.args[0]}, ${search.args[1]}::text[], ${search.args[2]}::uuid,
				                             ${search.args[3]}::uuid, null, 'relevance', null, null, null, 21)
				     with ordinality as s (id, tier, sort_key, n)
				cross join lateral (select * from private.profile_cards pc where pc.id = s.id limit 1) c
				order by s.n
			`;
			for (let i = 0; i < 5; i++) await run(); // warm
			const ms: number[] = [];
			let rows = 0;
			for (let i = 0; i < 60; i++) {
				const t = performance.now();
				rows = (await run()).length;
				ms.push(performance.now() - t);
			}
			const kind = search.label.startsWith('filter')
				? 'filter'
				: search.label.startsWith('broad')
					? 'text'
					: 'name';
			groups[kind]!.push(...ms);
			console.log(`   ${search.label.padEnd(48)} ${rows} rows  ${summary(ms)}`);
		}
	});
	console.log(`   → name searches:     ${summary(groups.name!)}`);
	console.log(`   → broad text:        ${summary(groups.text!)}`);
	console.log(`   → filter combos:     ${summary(groups.filter!)}\n`);
}

/** The page's count of the same searches: their candidates up to the cap, as the member. */
async function counts(sql: postgres.Sql) {
	const member = await viewer(sql);
	const claims = JSON.stringify({ sub: member.id, role: 'authenticated' });
	const list = await searches(sql, member.programme);
	console.log('1b. The count above the results, capped at 1,000 (the same searches)');
	const all: number[] = [];
	await sql.begin(async (tx) => {
		await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
		for (const search of list) {
			const run = () => tx<{ n: number }[]>`
				select count(*)::int as n
				from private.search_directory(${search.args[0]}, ${search.args[1]}::text[], ${search.args[2]}::uuid,
				                             ${search.args[3]}::uuid, null, 'relevance', null, null, null, 1001)
			`;
			for (let i = 0; i < 3; i++) await run(); // warm
			const ms: number[] = [];
			let n = 0;
			for (let i = 0; i < 30; i++) {
				const t = performance.now();
				n = (await run())[0]!.n;
				ms.push(performance.now() - t);
			}
			all.push(...ms);
			console.log(`   ${search.label.padEnd(48)} ${String(n).padStart(4)} counted  ${summary(ms)}`);
		}
	});
	console.log(`   → every count:       ${summary(all)}\n`);
}

// ─── 2. the plans ──────────────────────────────────────────────────────────────────────────────

async function plans(sql: postgres.Sql) {
	const member = await viewer(sql);
	const claims = JSON.stringify({ sub: member.id, role: 'authenticated' });
	const notices: string[] = [];
	const explained = postgres(`postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`, {
		max: 1,
		onnotice: (n) => notices.push(String(n.message))
	});
	await explained`load 'auto_explain'`;
	await explained`
		select set_config('auto_explain.log_min_duration', '0', false),
		       set_config('auto_explain.log_analyze', 'on', false),
		       set_config('auto_explain.log_nested_statements', 'on', false),
		       set_config('auto_explain.log_timing', 'on', false),
		       set_config('client_min_messages', 'log', false)
	`;
	console.log('2. Plans of the statements the search runs (EXPLAIN ANALYZE through auto_explain)');
	const cases: [string, string | null, string[]][] = [
		['name search', 'Okonkwo', []],
		['broad text', 'cybersecurity', []],
		['filters', null, ['region:202', 'topic:cybersecurity']]
	];
	for (const [label, q, tokens] of cases) {
		notices.length = 0;
		await explained.begin(async (tx) => {
			await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
			await tx`select * from private.search_directory(${q}, ${tokens}::text[], null, null, null, 'relevance', null, null, null, 21)`;
		});
		// The nested statement is the search itself (the outer one is the function call).
		const plan =
			notices.find((n) => /Query Text: select s\.id|Query Text: select p\.id/.test(n)) ??
			notices[0] ??
			'';
		const indexes = [
			...new Set(plan.match(/(?:using|on) (profiles_[a-z_]+|memberships_[a-z_]+)/g) ?? [])
		];
		const time = plan.match(/actual time=[\d.]+\.\.([\d.]+)/)?.[1];
		console.log(
			`   ${label}: indexes ${indexes.join(', ') || 'none'}; OFFSET ${/offset/i.test(plan) ? 'USED' : 'not used'}; top node ${time} ms`
		);
		console.log(
			plan
				.split('\n')
				.filter((l) => /Scan|Limit|Sort|Append|Filter:|Index Cond|Recheck/.test(l))
				.slice(0, 14)
				.map((l) => `      ${l.trim()}`)
				.join('\n')
		);
	}
	await explained.end();
	console.log();
}

// ─── 2b. a programme's people ───────────────────────────────────────────────────────────────────

/** The alumni list (programme_people and the page's cards) of the largest and smallest programme. */
async function alumni(sql: postgres.Sql) {
	const member = await viewer(sql);
	const claims = JSON.stringify({ sub: member.id, role: 'authenticated' });
	const programmes = await sql<{ id: string; name: string; people: number }[]>`
		(select p.id, p.name, count(*)::int as people from public.memberships m
		 join public.programmes p on p.id = m.programme_id where m.status = 'verified'
		 group by p.id order by people desc limit 1)
		union all
		(select p.id, p.name, count(*)::int from public.memberships m
		 join public.programmes p on p.id = m.programme_id where m.status = 'verified'
		 group by p.id order by count(*) limit 1)
	`;
	console.log('2b. A programme’s people, a page of 51 in name order, as the member');
	await sql.begin(async (tx) => {
		await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
		for (const programme of programmes) {
			const run = () => tx`
				select s.membership_id, pc.handle, pc.display_name, pc.headline
				from private.programme_people(${programme.id}::uuid, null, null, null, null, 51)
				     with ordinality as s (membership_id, profile_id, display_name, cohort_id, role, n)
				cross join lateral (select * from private.profile_cards pc where pc.id = s.profile_id limit 1) pc
				order by s.n
			`;
			for (let i = 0; i < 5; i++) await run();
			const ms: number[] = [];
			for (let i = 0; i < 60; i++) {
				const t = performance.now();
				await run();
				ms.push(performance.now() - t);
			}
			console.log(
				`   ${`${programme.name} (${programme.people} people)`.padEnd(60)} ${summary(ms)}`
			);
		}
	});
	// The statement programme_people builds, as planned for each size.
	for (const programme of programmes) {
		const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(
			`explain select m.id, p.id, p.display_name, m.cohort_id, m.role
			 from public.memberships m join public.profiles p on p.id = m.profile_id
			 where m.programme_id = '${programme.id}' and m.status = 'verified'
			   and (p.visibility <= 'members' or p.id = (select auth.uid())
			        or (p.visibility = 'programmes' and public.shares_programme_with(p.id)))
			 order by p.display_name, m.id limit 51`
		);
		const text = plan.map((r) => r['QUERY PLAN']).join('\n');
		const indexes = [...new Set(text.match(/using ([a-z_]+)/g) ?? [])].map((u) => u.slice(6));
		console.log(
			`   plan for ${programme.people} people: ${indexes.join(', ')}; OFFSET ${/offset/i.test(text) ? 'USED' : 'not used'}`
		);
	}
	console.log();
}

// ─── 3. the page ───────────────────────────────────────────────────────────────────────────────

async function page(base: string) {
	const cookie = await signIn(base, 'amina@example.org');
	const directory = [
		'/people',
		'/people?q=cybersecurity',
		'/people?q=okonkwo',
		'/people?region=202&topic=cybersecurity',
		'/people?language=fr&open=mentoring',
		'/people?group=government&region=419'
	].map((p) => base + p);
	await load(directory, cookie, 2); // warm
	console.log(`3. Pages at 10 concurrent requests for ${SECONDS} s each, signed in`);
	const people = await load(directory, cookie, SECONDS);
	const bare = await load([`${base}/privacy`], cookie, SECONDS);
	console.log(
		`   /people (6 queries in turn): ${people.rps.toFixed(0)} req/s, ${summary(people.ms)}, failures ${people.failures}`
	);
	console.log(
		`   /privacy (bare page):         ${bare.rps.toFixed(0)} req/s, ${summary(bare.ms)}, failures ${bare.failures}`
	);
	console.log(
		`   → the directory serves ${((people.rps / bare.rps) * 100).toFixed(0)}% of a bare page's requests per second`
	);
	if (!(await hasWrk())) {
		console.log('   (install wrk for the same load from a client that takes less of the CPU)\n');
		return;
	}
	const line = (r: Awaited<ReturnType<typeof wrkLoad>>) =>
		`${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (n=${r.n}), failures ${r.failures}`;
	const peopleWrk = await wrkLoad(directory, cookie, SECONDS);
	const bareWrk = await wrkLoad([`${base}/privacy`], cookie, SECONDS);
	console.log(`   the same load from wrk:`);
	console.log(`   /people (6 queries in turn): ${line(peopleWrk)}`);
	console.log(`   /privacy (bare page):         ${line(bareWrk)}`);
	console.log(
		`   → the directory serves ${((peopleWrk.rps / bareWrk.rps) * 100).toFixed(0)}% of a bare page's requests per second\n`
	);
}

// ─── 4. JavaScript shipped ─────────────────────────────────────────────────────────────────────

async function javaScript(base: string) {
	console.log('4. JavaScript a visitor downloads (as served, brotli)');
	for (const pathname of ['/people', '/programmes']) {
		const page = await get(base + pathname, { 'accept-encoding': 'identity' });
		const html = page.body.toString('utf8');
		// SvelteKit lists the modules in a Link header (modulepreload) and imports the entries inline.
		const scripts = new Set<string>();
		const link = String(page.headers.link ?? '');
		for (const m of link.matchAll(/<([^>]+\.js)>; rel="modulepreload"/g)) scripts.add(m[1]!);
		for (const m of html.matchAll(/(?:href|src)="([^"]+\.js)"/g)) scripts.add(m[1]!);
		for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) scripts.add(m[1]!);
		let compressed = 0;
		let raw = 0;
		const supabase: string[] = [];
		for (const script of scripts) {
			const url = new URL(script, base + pathname).toString();
			const served = await get(url, { 'accept-encoding': 'br' });
			compressed += served.body.length;
			const plain = await get(url, { 'accept-encoding': 'identity' });
			raw += plain.body.length;
			if (/supabase|realtime\/v1|phx_join/i.test(plain.body.toString('utf8'))) {
				supabase.push(script);
			}
		}
		console.log(
			`   ${pathname}: ${scripts.size} files, ${(compressed / 1024).toFixed(1)} KB compressed (${(raw / 1024).toFixed(1)} KB raw); Supabase client: ${supabase.length ? supabase.join(', ') : 'none'}`
		);
	}
}
