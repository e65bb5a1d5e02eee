/**
 * The calendar at scale: 100,000 events beside the demo world, read as a member under RLS.
 *
 *   node bench/events.ts [--events 100000] [--seconds 3]
 *
 * The first run builds .data/bench/events-<n> (the demo world, then the benchmark's events in bulk,
 * organised round the demo's programmes, and a person whose programme organises 500 of them with a
 * personal feed) and keeps it; later runs reuse it (and apply any new migration first). It then
 * starts the product as `npm start` does and measures:
 *   1. the upcoming list as a signed-in member (Amina, of the demo) under RLS, through the app's
 *      own module (events.upcoming: its transaction, set-up and round trips included) and, apart,
 *      the statement alone inside a transaction already set up as her (what the database takes):
 *      no filter, by kind, topic, a topic's basket, target group, language, region, organiser, a
 *      range of days, and two together; a page of 31;
 *   2. a personal feed of 500 events: the database read (events.personalFeed) and the iCalendar
 *      text (calendarOf, with its VTIMEZONEs), timed apart, then the feed's address over HTTP;
 *   3. GET /events at 10 concurrent requests, as a visitor and as Amina, unfiltered and by topic,
 *      beside a bare page (/privacy) in the same run for the ratio of requests per second.
 * p50/p95/p99 in milliseconds. Short runs on a shared machine: the figures are noisy.
 */
import './app-modules.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ready, startProduct, stopProduct } from '../tests/support/product.ts';
import { freePort, ROOT } from '../tests/support/test-cluster.ts';
import { get, load, signIn, summary } from './load.ts';

const { values } = parseArgs({
	options: {
		events: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '3' }
	}
});
const EVENTS = Number(values.events);
const SECONDS = Number(values.seconds);
const MEMBER_EMAIL = 'amina@example.org';
const FEED_EVENTS = 500;
/** The personal feed's secret (a bench's own: 43 characters of base64url). */
const FEED_TOKEN = 'bench-feed-token-bench-feed-token-bench-fee';

const ZONES = [
	'Europe/Zurich',
	'Africa/Dakar',
	'Asia/Kathmandu',
	'Asia/Kolkata',
	'Pacific/Apia',
	'America/Santiago'
];
const KINDS = [
	'webinar',
	'workshop',
	'consultation',
	'nri-meeting',
	'school',
	'igf-session',
	'deadline',
	'other'
];
/** Topics of the taxonomy (public.topics), from five of its baskets. */
const TOPICS = [
	'encryption',
	'data-governance',
	'internet-access',
	'gender',
	'artificial-intelligence'
];
const TARGET_GROUPS = [
	'youth',
	'diplomats',
	'regulators',
	'policy-makers',
	'end-users',
	'law-enforcement'
];
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh', 'pt'];
const COUNTRIES = ['SN', 'CH', 'IN', 'NP', 'CL', 'WS', 'KE', 'BR', 'FR', 'US'];

async function timed(seconds: number, fn: () => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	const until = performance.now() + seconds * 1000;
	// A short warm-up: plans and caches.
	for (let i = 0; i < 5; i++) await fn();
	while (performance.now() < until || times.length === 0) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	return times;
}

// ─── the data ──────────────────────────────────────────────────────────────────────────────────

/**
 * The events, from a month ago to two years on, every zone, kind and visibility (a quarter for
 * their programmes' members only), each organised by one of the demo's programmes; then a
 * programme of the benchmark's that co-organises 500 upcoming ones, and its one member with a feed.
 */
async function fill(sql: postgres.Sql) {
	const [{ have } = { have: 0 }] = await sql<{ have: number }[]>`
		select count(*)::int as have from public.events where slug like 'bench-event-%'
	`;
	if (have >= EVENTS) return;
	console.log(`Adding ${EVENTS} events (once)…`);
	const t0 = performance.now();
	await sql.begin(async (tx) => {
		await tx`
			insert into public.events (slug, title, kind, format, venue_name, country_code, time_zone,
			                           starts_at, ends_at, languages, topics, target_groups, visibility,
			                           capacity)
			select 'bench-event-' || n, 'Event ' || n, (${KINDS}::text[])[1 + n % 8],
			       case when n % 3 = 0 then 'online' else 'hybrid' end,
			       case when n % 3 = 0 then null else 'Venue ' || n end,
			       case when n % 3 = 0 then null else (${COUNTRIES}::text[])[1 + n % 10] end,
			       (${ZONES}::text[])[1 + n % 6],
			       now() - interval '30 days' + (n * interval '1 minute' * (1051200 / ${EVENTS}::int)),
			       now() - interval '30 days' + (n * interval '1 minute' * (1051200 / ${EVENTS}::int)) + interval '90 minutes',
			       array[(${LANGUAGES}::text[])[1 + n % 7]], array[(${TOPICS}::text[])[1 + n % 5]],
			       array[(${TARGET_GROUPS}::text[])[1 + n % 6]],
			       (array['public', 'public', 'members', 'programmes'])[1 + n % 4],
			       case when n % 5 = 0 then 50 end
			from generate_series(1, ${EVENTS}::int) n
		`;
		await tx`
			with p as (select id, row_number() over (order by slug) - 1 as k, count(*) over () as total
			           from public.programmes)
			insert into public.event_organisers (event_id, programme_id)
			select e.id, p.id
			from public.events e
			join p on p.k = substr(e.slug, 13)::int % p.total
			where e.slug like 'bench-event-%'
		`;
		const [org] = await tx<
			{ id: string }[]
		>`select id from public.organisations order by slug limit 1`;
		const [programme] = await tx<{ id: string }[]>`
			insert into public.programmes (slug, organisation_id, name, kind, format, scope)
			values ('bench-feed-programme', ${org!.id}, 'Bench feed programme',
			        'school-of-internet-governance', 'blended', 'regional')
			returning id
		`;
		// Two in 40 upcoming events (public and members' ones: every member sees them), 500 of them.
		await tx`
			insert into public.event_organisers (event_id, programme_id)
			select e.id, ${programme!.id} from public.events e
			where e.slug like 'bench-event-%' and e.starts_at > now()
			  and substr(e.slug, 13)::int % 40 in (1, 6)
			order by e.sort_at limit ${FEED_EVENTS}
		`;
		const feeder = crypto.randomUUID();
		await tx`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
			                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values ('00000000-0000-0000-0000-000000000000', ${feeder}, 'authenticated', 'authenticated',
			        'feed@bench.example', '', now(), '{}', '{"display_name":"Bench Feed"}', now(), now())
		`;
		await tx`
			insert into public.memberships (profile_id, programme_id, role, status, decided_at)
			values (${feeder}, ${programme!.id}, 'alumnus', 'verified', now())
		`;
		await tx`
			insert into public.calendar_feeds (profile_id, token_hash)
			values (${feeder}, encode(sha256(convert_to(${FEED_TOKEN}, 'UTF8')), 'hex'))
		`;
	});
	await sql`analyze`;
	console.log(`Added in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

// ─── 1 and 2. the database ─────────────────────────────────────────────────────────────────────

type Filters = import('../src/lib/server/db/events.ts').EventFilters;

async function database(url: string) {
	const events = await import('../src/lib/server/db/events.ts');
	const { calendarOf } = await import('../src/lib/server/events/ical.ts');
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	const [amina] = await sql<{ id: string }[]>`
		select id from auth.users where email = ${MEMBER_EMAIL}
	`;
	const claims = { sub: amina!.id, role: 'authenticated', aud: 'authenticated' };

	const day = 86_400_000;
	const cases: [string, Filters][] = [
		['no filter', {}],
		['kind', { kind: 'consultation' }],
		['topic', { topic: 'artificial-intelligence' }],
		['topic basket (cybersecurity)', { topic: 'cybersecurity' }],
		['target group', { target_group: 'diplomats' }],
		['language', { language: 'ar' }],
		['region (Africa)', { region: '002' }],
		['organiser (a programme)', { organiser: { kind: 'programme', slug: 'bench-feed-programme' } }],
		[
			'days (a week, 200 days on)',
			{ from: new Date(Date.now() + 200 * day), until: new Date(Date.now() + 207 * day) }
		],
		['kind + language', { kind: 'webinar', language: 'fr' }],
		[
			'region + organiser',
			{ region: '002', organiser: { kind: 'programme', slug: 'bench-feed-programme' } }
		]
	];
	const client = await import('../src/lib/server/db/client.ts');
	console.log(
		`1. The upcoming list as ${MEMBER_EMAIL} under RLS (${SECONDS} s each), a page of 31`
	);
	console.log('   through events.upcoming (transaction, set-up and round trips):');
	for (const [name, filters] of cases) {
		const first = await events.upcoming(claims, filters);
		if (!first.events.length) console.warn(`   (${name}: no rows)`);
		const times = await timed(SECONDS, () => events.upcoming(claims, filters));
		console.log(`     ${name.padEnd(30)} ${summary(times)}`);
	}
	// The same statement (events.upcomingPage, which upcoming sends), in one transaction set up as
	// the member once: what the database takes, and one round trip.
	const jwt = JSON.stringify(claims);
	console.log('   the statement alone, in a transaction already set up as the member:');
	for (const [name, filters] of cases) {
		const times = await sql.begin(async (tx) => {
			await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${jwt}, true)`;
			return timed(SECONDS, () => events.upcomingPage(tx, filters, { limit: 30 }));
		});
		console.log(`     ${name.padEnd(30)} ${summary(times)}`);
	}
	console.log();

	console.log(`2. A personal feed of ${FEED_EVENTS} events`);
	try {
		const rows = (await events.personalFeed(FEED_TOKEN)) ?? [];
		console.log(`   ${rows.length} events in it`);
		console.log(
			`   read (events.personalFeed)       ${summary(await timed(SECONDS, () => events.personalFeed(FEED_TOKEN)))}`
		);
		console.log(
			`   iCalendar text (calendarOf)       ${summary(
				await timed(SECONDS, async () =>
					calendarOf(rows, { name: 'Bench', origin: 'https://commons.example' })
				)
			)}`
		);
	} catch (error) {
		// The statement timeout (8 s as a member) is an answer too.
		console.log(`   failed: ${(error as Error).message}`);
	}
	await sql.end();
	await client.closeDb();
}

// ─── 2 (over HTTP) and 3. the page ─────────────────────────────────────────────────────────────

async function page(base: string) {
	const feed = `${base}/calendar/personal/${FEED_TOKEN}.ics`;
	const answer = await get(feed);
	if (answer.status === 200) {
		const feedTimes = await timed(SECONDS, () => get(feed));
		console.log(`   the feed's address over HTTP, one at a time  ${summary(feedTimes)}`);
	} else {
		console.log(`   the feed's address over HTTP: ${answer.status}`);
	}
	console.log();
	const cookie = await signIn(base, MEMBER_EMAIL);
	const list = `${base}/events`;
	const byTopic = `${base}/events?topic=artificial-intelligence`;
	const bare = `${base}/privacy`;
	await load([list, byTopic, bare], cookie, 2);
	console.log(`3. /events at 10 concurrent requests for ${SECONDS} s each`);
	const rows: [string, Awaited<ReturnType<typeof load>>][] = [];
	for (const [label, address, who] of [
		['/events, visitor', list, ''],
		['/events, member', list, cookie],
		['/events?topic=…, member', byTopic, cookie],
		['/privacy (bare), visitor', bare, ''],
		['/privacy (bare), member', bare, cookie]
	] as const) {
		rows.push([label, await load([address], who, SECONDS)]);
	}
	const bareVisitor = rows.find(([l]) => l === '/privacy (bare), visitor')![1];
	const bareMember = rows.find(([l]) => l === '/privacy (bare), member')![1];
	for (const [label, r] of rows) {
		const against = label.endsWith('visitor') ? bareVisitor : bareMember;
		console.log(
			`   ${label.padEnd(28)} ${r.rps.toFixed(0).padStart(5)} req/s (${(r.rps / against.rps).toFixed(2)}× bare), ${summary(r.ms)}, failures ${r.failures}`
		);
	}
}

// ─── the run ───────────────────────────────────────────────────────────────────────────────────

const dataDir = path.join(ROOT, '.data/bench', `events-${EVENTS}`);
const [port, postgresPort, supabasePort] = [await freePort(), await freePort(), await freePort()];
console.log(`Starting the product on ${dataDir} (a first run seeds the demo world)…`);
const product = startProduct({
	PORT: String(port),
	POSTGRES_PORT: String(postgresPort),
	SUPABASE_PORT: String(supabasePort),
	SMTP_PORT: String(await freePort()),
	DATA_DIR: dataDir,
	ADDRESS_HEADER: 'x-forwarded-for'
});
try {
	await ready(product, 30 * 60_000);
	const url = `postgresql://postgres:postgres@127.0.0.1:${postgresPort}/postgres`;
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	await fill(sql);
	// A migration applied at this start may have rewritten the events: fresh statistics, no dead rows.
	await sql`vacuum analyze public.events, public.event_organisers`;
	await sql.end();
	const { provideEnv } = await import('../src/lib/server/env.ts');
	provideEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: '4' });
	await database(url);
	await page(product.url);
} finally {
	await stopProduct(product);
}
