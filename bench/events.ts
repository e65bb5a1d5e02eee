/**
 * The calendar at scale: 100,000 events in a fresh migrated database (a throwaway cluster).
 *
 *   node bench/events.ts [--events 100000] [--seconds 3]
 *
 * Measures, each for a few seconds:
 *   1. the upcoming list as a signed-in member under RLS, inside a transaction already set up as
 *      that member (role authenticated, request.jwt.claims), timed around the query alone: no
 *      filter, by kind, by topic, by a topic's basket, by language, by target group, by region, by
 *      organiser, by a range of days, and two together; the query is the one src/lib/server/db/events.ts upcoming() sends (its SQL
 *      is copied here: the bench runs outside SvelteKit's $lib aliases), a page of 31;
 *   2. a personal feed of 500 events: the database read and the iCalendar text (calendarOf, with
 *      its VTIMEZONEs), timed apart.
 * p50/p95/p99 in milliseconds. Short runs on a shared machine: the figures are noisy.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { bootstrap } from '../supabase/local/bootstrap.ts';
import { serviceConnection } from '../supabase/local/database.ts';
import { migrate } from '../supabase/local/migrate.ts';
import { calendarOf, type FeedEvent } from '../src/lib/server/events/ical.ts';
import { startTestCluster } from '../tests/support/test-cluster.ts';

const { values } = parseArgs({
	options: {
		events: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '3' }
	}
});
const EVENTS = Number(values.events);
const SECONDS = Number(values.seconds);

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

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (times: number[]) => {
	const sorted = [...times].sort((a, b) => a - b);
	return `n=${sorted.length} p50=${percentile(sorted, 50).toFixed(2)} p95=${percentile(sorted, 95).toFixed(2)} p99=${percentile(sorted, 99).toFixed(2)} ms`;
};

async function timed(seconds: number, fn: () => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	const until = performance.now() + seconds * 1000;
	// A short warm-up: plans and caches.
	for (let i = 0; i < 5; i++) await fn();
	while (performance.now() < until) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	return times;
}

const cluster = await startTestCluster('bench-events');
try {
	const setup = serviceConnection(cluster.url());
	await bootstrap(setup);
	await migrate(setup);
	await setup.end();
	const sql = postgres(cluster.url(), { max: 2, onnotice: () => {} });

	// 40 programmes under 10 organisations, a member of two of them.
	console.log(`seeding ${EVENTS} events…`);
	const t0 = performance.now();
	const member = crypto.randomUUID();
	await sql.begin(async (tx) => {
		await tx`
			insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
			                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values ('00000000-0000-0000-0000-000000000000', ${member}, 'authenticated', 'authenticated',
			        'member@bench.example', '', now(), '{}', '{"display_name":"Bench Member"}', now(), now())
		`;
		await tx`
			insert into public.organisations (slug, name)
			select 'org-' || n, 'Organisation ' || n from generate_series(1, 10) n
		`;
		await tx`
			insert into public.programmes (slug, organisation_id, name, kind, format, scope)
			select 'programme-' || n, (select id from public.organisations where slug = 'org-' || (1 + n % 10)),
			       'Programme ' || n, 'school-of-internet-governance', 'blended', 'regional'
			from generate_series(1, 40) n
		`;
		await tx`
			insert into public.memberships (profile_id, programme_id, role, status, decided_at)
			select ${member}, id, 'trainer', 'verified', now() from public.programmes where slug in ('programme-1', 'programme-2')
		`;
		// The events: from a month ago to two years on, every zone, kind, visibility.
		await tx`
			insert into public.events (slug, title, kind, format, venue_name, country_code, time_zone,
			                           starts_at, ends_at, languages, topics, target_groups, visibility,
			                           capacity)
			select 'event-' || n, 'Event ' || n, (${KINDS}::text[])[1 + n % 8],
			       case when n % 3 = 0 then 'online' else 'hybrid' end,
			       case when n % 3 = 0 then null else 'Venue ' || n end,
			       case when n % 3 = 0 then null else (${COUNTRIES}::text[])[1 + n % 10] end,
			       (${ZONES}::text[])[1 + n % 6],
			       now() - interval '30 days' + (n * interval '1 minute' * (1051200 / ${EVENTS})),
			       now() - interval '30 days' + (n * interval '1 minute' * (1051200 / ${EVENTS})) + interval '90 minutes',
			       array[(${LANGUAGES}::text[])[1 + n % 7]], array[(${TOPICS}::text[])[1 + n % 5]],
			       array[(${TARGET_GROUPS}::text[])[1 + n % 6]],
			       (array['public', 'public', 'members', 'programmes'])[1 + n % 4],
			       case when n % 5 = 0 then 50 end
			from generate_series(1, ${EVENTS}) n
		`;
		await tx`
			insert into public.event_organisers (event_id, programme_id)
			select e.id, (select id from public.programmes where slug = 'programme-' || (1 + (substr(e.slug, 7)::int % 40)))
			from public.events e
		`;
		await tx`analyze public.events, public.event_organisers, public.memberships, public.programmes`;
	});
	console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

	const claims = JSON.stringify({ sub: member, role: 'authenticated', aud: 'authenticated' });
	const asMember = <T>(fn: (tx: postgres.TransactionSql) => Promise<T>) =>
		sql.begin(async (tx) => {
			await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
			return fn(tx);
		});

	type Filters = {
		kind?: string;
		topic?: string;
		language?: string;
		target_group?: string;
		region?: string;
		organiser?: string;
		from?: Date;
		until?: Date;
	};
	// The SQL of upcoming() with its filters (src/lib/server/db/events.ts), a page of 31.
	const upcoming = (tx: postgres.TransactionSql, f: Filters) => tx`
		select e.id, e.slug, e.title, e.kind, e.format, e.status, e.visibility, e.venue_name, e.venue_city,
		       e.country_code, private.named(c.names, c.name) as country_name, e.time_zone, e.all_day,
		       e.starts_at, e.ends_at, e.starts_on::text as starts_on, e.ends_on::text as ends_on, e.sort_at,
		       e.capacity, e.seats_taken,
		       coalesce((
		         select jsonb_agg(jsonb_build_object(
		           'kind', case when o.programme_id is not null then 'programme' else 'organisation' end,
		           'slug', coalesce(p.slug, g.slug), 'name', coalesce(p.name, g.name)) order by o.created_at, o.id)
		         from public.event_organisers o
		         left join public.programmes p on p.id = o.programme_id
		         left join public.organisations g on g.id = o.organisation_id
		         where o.event_id = e.id
		       ), '[]'::jsonb) as organisers
		from public.events e
		left join public.countries c on c.code = e.country_code
		where e.until_at > now()
		  and ${f.kind ? tx`e.kind = ${f.kind}` : tx`true`}
		  and ${
				f.topic
					? tx`e.topics && array(select t.slug from public.topics t
		              where t.slug = ${f.topic} or t.parent_slug = ${f.topic})`
					: tx`true`
			}
		  and ${f.language ? tx`e.languages @> array[${f.language}]::text[]` : tx`true`}
		  and ${f.target_group ? tx`e.target_groups @> array[${f.target_group}]::text[]` : tx`true`}
		  and ${
				f.region
					? tx`e.country_code in (select r.code from public.countries r
		              where ${f.region} in (r.region_code, r.sub_region_code, r.intermediate_region_code))`
					: tx`true`
			}
		  and ${
				f.organiser
					? tx`e.id in (select o.event_id from public.event_organisers o
		              join public.programmes p on p.id = o.programme_id where p.slug = ${f.organiser})`
					: tx`true`
			}
		  and ${f.from ? tx`e.sort_at >= ${f.from}` : tx`true`}
		  and ${f.until ? tx`e.sort_at < ${f.until}` : tx`true`}
		order by e.sort_at, e.id
		limit 31
	`;

	const day = 86_400_000;
	const cases: [string, Filters][] = [
		['no filter', {}],
		['kind', { kind: 'consultation' }],
		['topic', { topic: 'artificial-intelligence' }],
		['topic basket (cybersecurity)', { topic: 'cybersecurity' }],
		['target group', { target_group: 'diplomats' }],
		['language', { language: 'ar' }],
		['region (Africa)', { region: '002' }],
		['organiser (a programme)', { organiser: 'programme-7' }],
		[
			'days (a week, 200 days on)',
			{ from: new Date(Date.now() + 200 * day), until: new Date(Date.now() + 207 * day) }
		],
		['kind + language', { kind: 'webinar', language: 'fr' }],
		['region + organiser', { region: '002', organiser: 'programme-7' }]
	];
	console.log(`\nupcoming list as a member under RLS (${SECONDS} s each), in the database:`);
	for (const [name, filters] of cases) {
		const times = await asMember(async (tx) => {
			const rows = await upcoming(tx, filters);
			if (!rows.length && !name.includes('organiser')) console.warn(`  (${name}: no rows)`);
			return timed(SECONDS, () => upcoming(tx, filters));
		});
		console.log(`  ${name.padEnd(30)} ${summary(times)}`);
	}

	// A personal feed of 500: what the member's programmes organise, as feed() reads it.
	const feedRows = () =>
		asMember(
			(tx) => tx<FeedEvent[]>`
				select e.id, e.slug, e.title, e.description, e.status, e.format, e.venue_name, e.venue_address,
				       e.venue_city, e.time_zone, e.all_day, e.starts_at, e.ends_at, e.starts_on::text as starts_on,
				       e.ends_on::text as ends_on, e.sequence, e.updated_at
				from public.events e
				where e.until_at > now() - interval '31 days'
				  and exists (select 1 from public.event_organisers o
				              join public.memberships m on m.programme_id = o.programme_id
				              where o.event_id = e.id and m.profile_id = ${member} and m.status = 'verified')
				order by e.sort_at, e.id
				limit 500
			`
		);
	const rows = await feedRows();
	console.log(`\npersonal feed of ${rows.length} events:`);
	console.log(`  read (database, as the member)   ${summary(await timed(SECONDS, feedRows))}`);
	console.log(
		`  iCalendar text (calendarOf)       ${summary(
			await timed(SECONDS, async () =>
				calendarOf(rows, { name: 'Bench', origin: 'https://commons.example' })
			)
		)}`
	);
	await sql.end();
} finally {
	await cluster.stop();
}
