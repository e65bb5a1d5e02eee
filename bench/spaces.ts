/**
 * Discussion spaces at scale: 100,000 people, 200 spaces, 20,000 threads and 1,000,000 posts, read
 * as a member of 20 spaces under RLS.
 *
 *   node bench/spaces.ts [--size 100000] [--seconds 10] [--only database|page]
 *
 * The first run builds .data/bench/spaces-<size> (the seeder's demo world at that size, then the
 * benchmark's spaces, threads and posts in bulk) and keeps it; later runs reuse it. It then measures, through the app's own data modules (the queries the
 * pages run, in their transactions as the member, from Node: so each figure includes the round
 * trip and the transaction's set-up):
 *   1. a thread page: the thread and its first page of posts, a page in the middle of a long
 *      thread by keyset, and the page at the first unread post; a thread the member may not read
 *      (answered 404), against an allowed one;
 *   2. /spaces with new and unread counts for a member of 20 spaces; the search, for a rare
 *      word, a word that is nowhere, a word in most posts, a phrase, in one space, as a visitor;
 *   3. the thread page's server response at 10 concurrent requests, and its requests per second
 *      as a share of a bare page's (/privacy) in the same run;
 *   4. the JavaScript a thread page downloads in Chromium for a visitor and for a member, as
 *      transferred (compressed), the live updates that load after first paint included.
 */
import './app-modules.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ready, startProduct, stopProduct } from '../tests/support/product.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';
import { load, signIn, summary } from './load.ts';

const { values } = parseArgs({
	options: {
		size: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '10' },
		// `database` or `page` runs that half alone (1–2, or 3–4).
		only: { type: 'string' }
	}
});
const SIZE = Number(values.size);
const SECONDS = Number(values.seconds);
const SPACES = 200;
const THREADS = 20_000;
const POSTS = 1_000_000;
const MEMBER_EMAIL = 'amina@example.org';

// Its own folder, seeded on the first run (the directory bench's would do, but a folder made by an
// older checkout may hold a migration since changed, which the migrator refuses).
const dataDir = path.join(ROOT, '.data/bench', `spaces-${SIZE}`);
console.log(`Starting the product on ${dataDir} (a first run seeds ${SIZE} people)…`);

const [port, postgresPort, supabasePort] = [await freePort(), await freePort(), await freePort()];
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
	const url = `postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`;
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	await fill(sql);
	const member = await memberOf20(sql);
	const { provideEnv } = await import('../src/lib/server/env.ts');
	provideEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: '4' });
	if (values.only !== 'page') await database(sql, member);
	await sql.end();
	const { closeDb } = await import('../src/lib/server/db/client.ts');
	await closeDb();
	if (values.only !== 'database') await page(product.url, member);
} finally {
	await stopProduct(product);
}

// ─── the data ──────────────────────────────────────────────────────────────────────────────────

/**
 * 200 spaces (a third private), 20,000 threads and 1,000,000 posts, in bulk with the triggers off
 * and the counters set after, as the demo's seeder does. Thread lengths are skewed: most short,
 * some of thousands of posts, for a middle page worth the name.
 */
async function fill(sql: postgres.Sql) {
	const [{ posts } = { posts: 0 }] = await sql<
		{ posts: number }[]
	>`select count(*)::int as posts from public.posts`;
	if (posts >= POSTS) return;
	console.log(`Adding ${SPACES} spaces, ${THREADS} threads and ${POSTS} posts (once)…`);
	const started = performance.now();
	await sql.begin(async (tx) => {
		await tx.unsafe(`
			alter table public.threads disable trigger user;
			alter table public.posts disable trigger user;
			alter table public.space_members disable trigger user;
		`);
		const [{ have } = { have: 0 }] = await tx<
			{ have: number }[]
		>`select count(*)::int as have from public.spaces`;
		await tx`
			insert into public.spaces (slug, kind, name, description, visibility, status)
			select 'bench-space-' || i, 'working_group', 'Bench space ' || i, 'A space of the benchmark.',
				case when i % 3 = 0 then 'private' when i % 3 = 1 then 'members' else 'public' end, 'open'
			from generate_series(1, greatest(${SPACES}::int - ${have}::int, 0)) i
		`;
		// Private spaces have members: a few hundred people each.
		await tx`
			insert into public.space_members (space_id, profile_id, role, via, joined_at)
			select s.id, p.id, 'member', 'added', now() - interval '2 years'
			from public.spaces s
			cross join lateral (
				select id from public.profiles order by md5(id::text || s.id::text) limit 300
			) p
			where s.slug like 'bench-space-%'
			on conflict do nothing
		`;
		await tx`
			with s as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from public.spaces where status = 'open'),
			t as (
				select gen_random_uuid() as id, i
				from generate_series(1, ${THREADS}::int) i
			),
			people as (select array_agg(id) as ids from (select id from public.profiles order by id limit 5000) x)
			insert into public.threads (id, space_id, author_id, title, slug, created_at, last_posted_at)
			select t.id, s.id,
				people.ids[1 + (t.i * 7919) % 5000],
				'Bench thread ' || t.i || ' on data protection and cybersecurity capacity', 'bench-thread-' || t.i,
				now() - make_interval(days => (t.i % 700)), now()
			from t join s on s.n = t.i % s.total cross join people
		`;
		// Lengths: 1,000,000 posts over 20,000 threads, skewed (a tail of long ones).
		await tx`
			with t as (
				select id, space_id, created_at, row_number() over (order by id) as r from public.threads
				where slug like 'bench-thread-%'
			),
			lengths as (
				select id, space_id, created_at,
					greatest(2, (${POSTS}::float / ${THREADS}::int * power(random(), 3) * 4)::int) as n
				from t
			),
			people as (select array_agg(id) as ids from (select id from public.profiles order by id limit 5000) x)
			insert into public.posts (id, thread_id, space_id, number, author_id, body, created_at)
			select gen_random_uuid(), l.id, l.space_id, g.n,
				people.ids[1 + (abs(hashtext(l.id::text || g.n)) % 5000)],
				'A post of the benchmark about data protection, cybersecurity and meaningful access, number ' || g.n || '.',
				l.created_at + make_interval(mins => g.n)
			from lengths l
			cross join people
			cross join lateral generate_series(1, l.n) as g(n)
		`;
		await tx`
			update public.threads t
			set last_post_number = x.last, post_count = x.count, last_posted_at = x.at, last_poster_id = x.poster
			from (
				select thread_id, max(number) as last, count(*)::int as count, max(created_at) as at,
					(array_agg(author_id order by number desc))[1] as poster
				from public.posts group by thread_id
			) x
			where x.thread_id = t.id
		`;
		await tx`
			update public.spaces s
			set thread_count = x.threads, post_count = x.posts, last_posted_at = x.at
			from (
				select space_id, count(*)::int as threads, sum(post_count)::int as posts, max(last_posted_at) as at
				from public.threads group by space_id
			) x
			where x.space_id = s.id
		`;
		await tx.unsafe(`
			alter table public.threads enable trigger user;
			alter table public.posts enable trigger user;
			alter table public.space_members enable trigger user;
		`);
	});
	await sql`vacuum analyze public.posts`;
	await sql`vacuum analyze public.threads`;
	await sql`analyze public.spaces, public.space_members, public.thread_reads`;
	const [count] = await sql<{ posts: number; threads: number; spaces: number }[]>`
		select (select count(*)::int from public.posts) as posts, (select count(*)::int from public.threads) as threads,
			(select count(*)::int from public.spaces) as spaces
	`;
	console.log(
		`   now ${count!.spaces} spaces, ${count!.threads} threads, ${count!.posts} posts (${((performance.now() - started) / 1000).toFixed(0)} s)\n`
	);
}

type Member = { id: string; claims: { sub: string; role: string } };

/** Amina, a member of 20 spaces (10 of them private), who has read part of their threads. */
async function memberOf20(sql: postgres.Sql): Promise<Member> {
	const [row] = await sql<
		{ id: string }[]
	>`select id from auth.users where email = ${MEMBER_EMAIL}`;
	const id = row!.id;
	await sql`
		insert into public.space_members (space_id, profile_id, role, via, joined_at)
		select s.id, ${id}, 'member', 'added', now() - interval '2 years'
		from (
			(select id from public.spaces where slug like 'bench-space-%' and visibility = 'private' order by slug limit 10)
			union all
			(select id from public.spaces where slug like 'bench-space-%' and visibility <> 'private' order by slug limit 10)
		) s
		on conflict do nothing
	`;
	const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`
		select count(*)::int as n from public.space_members where profile_id = ${id}
	`;
	// Read state: half of the threads of her spaces, part-way.
	await sql`
		insert into public.thread_reads (profile_id, thread_id, last_read_number)
		select ${id}, t.id, greatest(1, t.last_post_number / 2)
		from public.threads t
		join public.space_members m on m.space_id = t.space_id and m.profile_id = ${id}
		where hashtext(t.id::text) % 2 = 0
		on conflict do nothing
	`;
	// Fresh statistics: without them the planner takes her read state for a handful of rows.
	await sql`analyze public.thread_reads, public.space_members`;
	console.log(`The member: ${MEMBER_EMAIL}, in ${n} spaces.\n`);
	return { id, claims: { sub: id, role: 'authenticated' } };
}

// ─── 1 and 2: the database ─────────────────────────────────────────────────────────────────────

async function time(label: string, fn: () => Promise<unknown>, n = 200): Promise<number[]> {
	for (let i = 0; i < 10; i++) await fn();
	const ms: number[] = [];
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		await fn();
		ms.push(performance.now() - t);
	}
	console.log(`   ${label.padEnd(58)} ${summary(ms)}`);
	return ms;
}

async function database(sql: postgres.Sql, member: Member) {
	const posts = await import('../src/lib/server/db/posts.ts');
	const threads = await import('../src/lib/server/db/threads.ts');
	const spaces = await import('../src/lib/server/db/spaces.ts');
	const [readable] = await sql<{ number: number; id: string; last: number }[]>`
		select t.number, t.id, t.last_post_number as last from public.threads t
		join public.space_members m on m.space_id = t.space_id and m.profile_id = ${member.id}
		join public.spaces s on s.id = t.space_id and s.visibility = 'private'
		order by t.last_post_number desc limit 1
	`;
	const [unread] = await sql<{ number: number; id: string; read: number }[]>`
		select t.number, t.id, r.last_read_number as read from public.threads t
		join public.thread_reads r on r.thread_id = t.id and r.profile_id = ${member.id}
		where r.last_read_number < t.last_post_number
		order by t.id limit 1
	`;
	const [forbidden] = await sql<{ number: number }[]>`
		select t.number from public.threads t
		join public.spaces s on s.id = t.space_id and s.visibility = 'private'
		where not exists (select 1 from public.space_members m where m.space_id = s.id and m.profile_id = ${member.id})
		order by t.last_post_number desc limit 1
	`;
	const claims = member.claims;
	console.log(
		`1. A thread page, as the member under RLS (thread #${readable!.number}: ${readable!.last} posts; 20 posts a page)`
	);
	const firstPage = async (number: number, after?: number) => {
		const thread = await threads.get(claims, number);
		if (thread) await posts.page(claims, thread.id, { after });
		return thread;
	};
	await time('first page (the thread, then posts 1–20)', () => firstPage(readable!.number));
	await time(`middle, by keyset (after post ${Math.floor(readable!.last / 2)})`, () =>
		firstPage(readable!.number, Math.floor(readable!.last / 2))
	);
	await time(`first unread (after post ${unread!.read})`, () =>
		firstPage(unread!.number, unread!.read)
	);
	const allowed = await time('the thread alone (allowed)', () =>
		threads.get(claims, readable!.number)
	);
	const refused = await time('a thread the member may not read (404)', async () => {
		if (await threads.get(claims, forbidden!.number)) throw new Error('read a forbidden thread');
	});
	const p95 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.95)]!;
	console.log(`   → refused / allowed at p95: ${(p95(refused) / p95(allowed)).toFixed(2)}×\n`);

	console.log('2. /spaces with new and unread counts, for the member of 20 spaces');
	await time('spaces.list, nothing kept (each call deletes her kept counts)', async () => {
		await sql`delete from public.space_counts where profile_id = ${member.id}`;
		await spaces.list(claims);
	});
	await time('spaces.list, counts kept (nothing changed since)', () => spaces.list(claims));
	const [busiest] = await sql<{ id: string }[]>`
		select t.id from public.threads t join public.space_members m on m.space_id = t.space_id
		where m.profile_id = ${member.id} order by t.id limit 1
	`;
	let n = 0;
	await time(
		'spaces.list after a new post in one of her spaces',
		async () => {
			await sql`
			insert into public.posts (thread_id, author_id, body)
			select ${busiest!.id}, author_id, ${`A new post ${n++}`} from public.threads where id = ${busiest!.id}
		`;
			await spaces.list(claims);
		},
		50
	);
	console.log();

	const spaceSearch = await import('../src/lib/server/db/space-search.ts');
	const [own] = await sql<{ id: string }[]>`
		select s.id from public.spaces s join public.space_members m on m.space_id = s.id
		where m.profile_id = ${member.id} order by s.post_count desc limit 1
	`;
	const [{ posts: count } = { posts: 0 }] = await sql<{ posts: number }[]>`
		select count(*)::int as posts from public.posts
	`;
	console.log(
		`2b. Search over ${count.toLocaleString('en')} posts, as the member under RLS (a page of 20)`
	);
	for (const [label, q, spaceId] of [
		['a rare word ("Bangladesh", in one post)', 'Bangladesh', undefined],
		['a name-like rare word ("zanzibarquorum", in none)', 'zanzibarquorum', undefined],
		['a common word ("cybersecurity", in most posts)', 'cybersecurity', undefined],
		['a phrase of common words ("data protection")', '"data protection"', undefined],
		['a common word in one space', 'cybersecurity', own!.id]
	] as const) {
		await time(label, () => spaceSearch.search(claims, { q, spaceId }));
	}
	await time('a common word, as a visitor', () => spaceSearch.search(null, { q: 'cybersecurity' }));
	console.log();
}

// ─── 3 and 4: the page ─────────────────────────────────────────────────────────────────────────

async function page(base: string, member: Member) {
	const sql = postgres(`postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`, {
		max: 1
	});
	const [thread] = await sql<{ number: number; slug: string; space: string }[]>`
		select t.number, t.slug, s.slug as space from public.threads t
		join public.spaces s on s.id = t.space_id
		join public.space_members m on m.space_id = s.id and m.profile_id = ${member.id}
		order by t.last_post_number desc limit 1
	`;
	const [open] = await sql<{ number: number; slug: string; space: string }[]>`
		select t.number, t.slug, s.slug as space from public.threads t
		join public.spaces s on s.id = t.space_id and s.visibility = 'public'
		order by t.last_post_number desc limit 1
	`;
	await sql.end();
	const cookie = await signIn(base, MEMBER_EMAIL);
	const address = `${base}/spaces/${thread!.space}/${thread!.number}-${thread!.slug}`;
	await load([address], cookie, 2);
	console.log(`3. The thread page at 10 concurrent requests for ${SECONDS} s, signed in`);
	const threadPage = await load([address], cookie, SECONDS);
	const bare = await load([`${base}/privacy`], cookie, SECONDS);
	console.log(
		`   thread page: ${threadPage.rps.toFixed(0)} req/s, ${summary(threadPage.ms)}, failures ${threadPage.failures}`
	);
	console.log(
		`   /privacy:    ${bare.rps.toFixed(0)} req/s, ${summary(bare.ms)}, failures ${bare.failures}`
	);
	console.log(
		`   → ${(threadPage.rps / bare.rps).toFixed(2)}× a bare page's requests per second\n`
	);

	console.log(
		'4. JavaScript a thread page downloads in Chromium, as transferred (compressed), live updates included'
	);
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
	});
	try {
		const visitorPage = `${base}/spaces/${open!.space}/${open!.number}-${open!.slug}`;
		for (const [who, url] of [
			['visitor', visitorPage],
			['member', address]
		] as const) {
			const context = await browser.newContext({
				extraHTTPHeaders: { 'x-forwarded-for': '10.9.9.8' }
			});
			if (who === 'member') {
				await context.addCookies(
					cookie.split('; ').map((pair) => {
						const [name, ...rest] = pair.split('=');
						return { name: name!, value: rest.join('='), url: base };
					})
				);
			}
			const page = await context.newPage();
			const scripts: Promise<number>[] = [];
			page.on('response', (response) => {
				if (response.request().resourceType() === 'script') {
					scripts.push(
						response
							.request()
							.sizes()
							.then((s) => s.responseBodySize)
					);
				}
			});
			await page.goto(url, { waitUntil: 'networkidle' });
			// The live updates load after first paint.
			await page.waitForTimeout(2000);
			const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
			console.log(
				`   ${who}: ${scripts.length} scripts, ${(bytes / 1024).toFixed(1)} KB transferred`
			);
			await context.close();
		}
	} finally {
		await browser.close();
	}
}
