/**
 * The demo world's intersessional calendar: events across the time zones of the programmes that
 * run them, from tomorrow to a year on (so the calendar is never empty, whenever the demo loads):
 * several co-organised (one with the Africa space), one a private working group's call for its
 * members, one cancelled, one moved, all-day deadlines and schools, one for the
 * members of its programme only, one of two seats (to see the waitlist). Times are wall clocks in each event's own zone,
 * turned into instants by Temporal. Ids derive from the seed, so loading again adds nothing.
 * Two recurring series (their rules expanded as the app does): a fortnightly co-organised working
 * group call at 15:00 in Geneva's zone, across a change of daylight saving time, and a monthly
 * clinic on the second Tuesday in Nairobi, one date moved and one cancelled.
 * Each is filed under its languages, topics and target groups (FILED); a few take answers only in
 * a registration window on their own clock: one closed, one opening later, one open until soon.
 */
import type { TransactionSql } from 'postgres';
import { Temporal } from 'temporal-polyfill';
import { expand, ruleOf, shifted, type Repeat } from '../../src/lib/event-series.ts';
import { uuidFor } from './names.ts';

type Organiser = { programme: string } | { organisation: string } | { space: string };

type DemoEvent = {
	key: string;
	title: string;
	description?: string;
	kind: string;
	format: 'online' | 'in-person' | 'hybrid';
	zone: string;
	/** Days from today (the day the demo is loaded) and the wall-clock start and length there. */
	inDays: number;
	at?: string;
	minutes?: number;
	/** All-day: how many days (1 for a deadline). */
	days?: number;
	venue?: { name: string; address?: string; city: string; country: string };
	joinUrl?: string;
	capacity?: number;
	visibility?: 'public' | 'members' | 'programmes';
	status?: 'scheduled' | 'moved' | 'cancelled';
	languages?: string[];
	organisers: Organiser[];
};

/** What each demo event is about and who it is for (slugs of public.topics and target_groups). */
const FILED: Record<string, { topics: string[]; targetGroups: string[] }> = {
	'monsoon-data-protection': {
		topics: ['data-governance', 'consumer-protection'],
		targetGroups: ['regulators', 'policy-makers']
	},
	'track-consultation': {
		topics: ['capacity-development'],
		targetGroups: ['policy-makers', 'end-users']
	},
	'west-africa-igf-prep': {
		topics: ['internet-access', 'digital-inclusion'],
		targetGroups: ['youth', 'local-authorities']
	},
	'nri-coorganisers-call': { topics: ['capacity-development'], targetGroups: ['decision-makers'] },
	'ceiba-conectividad-rural': {
		topics: ['internet-access', 'digital-divide'],
		targetGroups: ['local-authorities', 'end-users']
	},
	'moana-applications': { topics: ['capacity-development'], targetGroups: ['youth'] },
	'youth-ambassadors-call': {
		topics: ['digital-literacy', 'child-safety-online'],
		targetGroups: ['youth', 'teachers-and-educators']
	},
	'qalam-arabic-workshop': {
		topics: ['multilingualism', 'domain-name-system'],
		targetGroups: ['end-users', 'entrepreneurs-and-smes']
	},
	'kilima-open-day': {
		topics: ['online-education', 'capacity-development'],
		targetGroups: ['youth', 'teachers-and-educators']
	},
	'cyber-norms-briefing': {
		topics: ['confidence-building-measures', 'international-law-in-cyberspace'],
		targetGroups: ['diplomats', 'government-officials']
	},
	'pacific-nri-call': {
		topics: ['telecommunications-infrastructure', 'digital-divide'],
		targetGroups: ['regulators', 'end-users']
	},
	'caspian-school-2027': {
		topics: ['cybercrime', 'encryption'],
		targetGroups: ['government-officials', 'law-enforcement']
	},
	'monsoon-reunion': { topics: ['capacity-development'], targetGroups: [] },
	'interlink-sharing': {
		topics: ['artificial-intelligence', 'gender'],
		targetGroups: ['policy-makers', 'youth']
	},
	'igf-session-proposals': { topics: ['capacity-development'], targetGroups: [] },
	'igf-2027-capacity-session': {
		topics: ['capacity-development', 'sustainable-development-goals'],
		targetGroups: ['policy-makers', 'diplomats', 'youth']
	},
	'community-networks-wg': {
		topics: ['internet-access', 'telecommunications-infrastructure'],
		targetGroups: ['end-users', 'local-authorities']
	},
	'nri-funding-clinic': { topics: ['capacity-development'], targetGroups: ['decision-makers'] }
};

/**
 * Registration windows, in days from today at a wall-clock time on the event's own clock: the
 * Caspian school's closed yesterday, the IGF alumni session's opens in a month, the Kilima open
 * day's is open until a few days before it.
 */
const WINDOWS: Record<string, { opens: [number, string]; closes: [number, string] }> = {
	'caspian-school-2027': { opens: [-30, '09:00'], closes: [-1, '18:00'] },
	'igf-2027-capacity-session': { opens: [30, '09:00'], closes: [190, '18:00'] },
	'kilima-open-day': { opens: [-10, '08:00'], closes: [17, '17:00'] }
};

const EVENTS: DemoEvent[] = [
	{
		key: 'monsoon-data-protection',
		title: 'Data protection in South Asia: what changed this year',
		description:
			'An alumni webinar of the **Monsoon School**: three alumni who now work for regulators compare the new data protection rules of their countries.\n\n- India\n- Sri Lanka\n- Nepal',
		kind: 'webinar',
		format: 'online',
		zone: 'Asia/Kolkata',
		inDays: 1,
		at: '18:00',
		minutes: 90,
		joinUrl: 'https://meet.example.org/monsoon-data-protection',
		capacity: 40,
		languages: ['en', 'hi'],
		organisers: [{ programme: 'monsoon-school-internet-governance' }]
	},
	{
		key: 'track-consultation',
		title: 'Open consultation on the IGF 2027 capacity-building track',
		description:
			'Programmes and alumni shape next year’s capacity-building track together. Come in person in Geneva or join online; interpretation into French and Spanish.',
		kind: 'consultation',
		format: 'hybrid',
		zone: 'Europe/Zurich',
		inDays: 4,
		at: '15:00',
		minutes: 120,
		venue: {
			name: 'Palais des Nations, Room XXIII',
			address: 'Avenue de la Paix 14',
			city: 'Geneva',
			country: 'CH'
		},
		joinUrl: 'https://meet.example.org/track-consultation',
		capacity: 80,
		languages: ['en', 'fr', 'es'],
		organisers: [
			{ programme: 'postgraduate-diploma-internet-governance' },
			{ programme: 'monsoon-school-internet-governance' },
			{ organisation: 'savanna-forum' }
		]
	},
	{
		key: 'west-africa-igf-prep',
		title: 'West Africa IGF: preparatory meeting of the NRIs',
		kind: 'nri-meeting',
		format: 'in-person',
		zone: 'Africa/Dakar',
		inDays: 8,
		at: '09:30',
		minutes: 240,
		venue: { name: 'Université Cheikh Anta Diop', city: 'Dakar', country: 'SN' },
		capacity: 60,
		languages: ['fr', 'en'],
		organisers: [
			{ programme: 'baobab-school-internet-governance' },
			{ programme: 'savanna-forum-youth-ambassadors' },
			{ space: 'africa' }
		]
	},
	{
		key: 'nri-coorganisers-call',
		title: 'NRI co-organisers: speakers and funding for the spring meetings',
		description:
			'The working group’s monthly call: who still needs speakers, which funders have opened calls, and one calendar for the spring NRI meetings so that they do not clash.',
		kind: 'webinar',
		format: 'online',
		zone: 'Asia/Kolkata',
		inDays: 6,
		at: '16:30',
		minutes: 60,
		joinUrl: 'https://meet.example.org/nri-coorganisers',
		visibility: 'programmes',
		languages: ['en'],
		organisers: [{ space: 'nri-coorganisers' }]
	},
	{
		key: 'ceiba-conectividad-rural',
		title: 'Conectividad rural en América Latina: redes comunitarias',
		kind: 'webinar',
		format: 'online',
		zone: 'America/Santiago',
		inDays: 10,
		at: '10:00',
		minutes: 90,
		joinUrl: 'https://meet.example.org/ceiba-redes',
		languages: ['es'],
		organisers: [{ programme: 'ceiba-school-internet-governance' }]
	},
	{
		key: 'moana-applications',
		title: 'Applications close: Moana School of Internet Governance 2027',
		kind: 'deadline',
		format: 'online',
		zone: 'Pacific/Fiji',
		inDays: 12,
		days: 1,
		organisers: [{ programme: 'moana-school-internet-governance' }]
	},
	{
		key: 'youth-ambassadors-call',
		title: 'Youth IGF ambassadors: monthly call',
		kind: 'workshop',
		format: 'online',
		zone: 'Asia/Kathmandu',
		inDays: 14,
		at: '19:00',
		minutes: 60,
		joinUrl: 'https://meet.example.org/youth-ambassadors',
		capacity: 2,
		organisers: [{ programme: 'monsoon-youth-igf-ambassadors' }]
	},
	{
		key: 'qalam-arabic-workshop',
		title: 'حلقة عمل: المحتوى العربي وحوكمة الإنترنت',
		kind: 'workshop',
		format: 'online',
		zone: 'Asia/Riyadh',
		inDays: 17,
		at: '13:00',
		minutes: 120,
		joinUrl: 'https://meet.example.org/qalam-workshop',
		languages: ['ar'],
		organisers: [
			{ programme: 'qalam-school-internet-governance' },
			{ programme: 'qalam-online-course-arabic' }
		]
	},
	{
		key: 'kilima-open-day',
		title: 'Kilima School open day',
		kind: 'school',
		format: 'in-person',
		zone: 'Africa/Nairobi',
		inDays: 20,
		at: '10:00',
		minutes: 360,
		venue: { name: 'Kilima Innovation Hub', city: 'Nairobi', country: 'KE' },
		status: 'cancelled',
		organisers: [{ programme: 'kilima-school-internet-governance' }]
	},
	{
		key: 'cyber-norms-briefing',
		title: 'Cyber norms briefing for diplomats (new date)',
		kind: 'webinar',
		format: 'online',
		zone: 'Europe/Zurich',
		inDays: 24,
		at: '08:30',
		minutes: 60,
		joinUrl: 'https://meet.example.org/cyber-norms',
		status: 'moved',
		visibility: 'members',
		organisers: [{ programme: 'jit-course-cyber-norms' }]
	},
	{
		key: 'pacific-nri-call',
		title: 'Pacific NRIs coordination call',
		kind: 'nri-meeting',
		format: 'online',
		zone: 'Pacific/Tongatapu',
		inDays: 30,
		at: '08:00',
		minutes: 90,
		joinUrl: 'https://meet.example.org/pacific-nris',
		organisers: [{ programme: 'moana-school-internet-governance' }]
	},
	{
		key: 'caspian-school-2027',
		title: 'Caspian and Black Sea School of Internet Governance 2027',
		kind: 'school',
		format: 'in-person',
		zone: 'Asia/Baku',
		inDays: 35,
		days: 5,
		venue: { name: 'ADA University', city: 'Baku', country: 'AZ' },
		capacity: 35,
		languages: ['en', 'ru'],
		organisers: [{ programme: 'caspian-black-sea-school' }]
	},
	{
		key: 'monsoon-reunion',
		title: 'Monsoon School alumni reunion (alumni only)',
		kind: 'other',
		format: 'hybrid',
		zone: 'Asia/Kolkata',
		inDays: 40,
		at: '17:00',
		minutes: 120,
		venue: { name: 'India Habitat Centre', city: 'New Delhi', country: 'IN' },
		joinUrl: 'https://meet.example.org/monsoon-reunion',
		visibility: 'programmes',
		organisers: [{ programme: 'monsoon-school-internet-governance' }]
	},
	{
		key: 'interlink-sharing',
		title: '互联网治理能力建设线上分享会',
		kind: 'webinar',
		format: 'online',
		zone: 'Asia/Shanghai',
		inDays: 60,
		at: '20:00',
		minutes: 90,
		joinUrl: 'https://meet.example.org/interlink',
		languages: ['zh', 'en'],
		organisers: [{ programme: 'interlink-fellowship' }, { organisation: 'open-horizons' }]
	},
	{
		key: 'igf-session-proposals',
		title: 'IGF 2027: session proposals due',
		kind: 'deadline',
		format: 'online',
		zone: 'Europe/Zurich',
		inDays: 90,
		days: 1,
		organisers: [{ organisation: 'halvorsen-institute' }]
	},
	{
		key: 'igf-2027-capacity-session',
		title: 'IGF 2027: capacity-building track, alumni session',
		kind: 'igf-session',
		format: 'hybrid',
		zone: 'Europe/Zurich',
		inDays: 200,
		at: '11:00',
		minutes: 90,
		venue: { name: 'Centre International de Conférences Genève', city: 'Geneva', country: 'CH' },
		joinUrl: 'https://meet.example.org/igf-2027-alumni',
		capacity: 120,
		organisers: [
			{ programme: 'postgraduate-diploma-internet-governance' },
			{ programme: 'open-horizons-digital-rights-fellowship' }
		]
	}
];

/** Adds the demo calendar (what is there already is kept). Returns how many events were added. */
type DemoSeries = Omit<DemoEvent, 'inDays' | 'days' | 'status'> & {
	repeat: Repeat;
	count: number;
	/** The first date: the first such weekday at least this many days from today. */
	fromDays: number;
	/** For 'monthly-weekday': the nth weekday of its month (2: the second Tuesday). */
	nth?: number;
	/** Tuesday is 2 (ISO weekday). */
	weekday: number;
	/** Dates (by their place, from 0) moved by some days, and cancelled. */
	moved?: Record<number, number>;
	cancelled?: number[];
};

const SERIES: DemoSeries[] = [
	{
		key: 'community-networks-wg',
		title: 'Working group on community networks: fortnightly call',
		description:
			'The working group’s regular call, open to alumni of every programme: news from the NRIs, the draft of the community networks toolkit, and who takes which chapter.',
		kind: 'workshop',
		format: 'online',
		zone: 'Europe/Zurich',
		at: '15:00',
		minutes: 60,
		repeat: 'fortnightly',
		count: 12,
		fromDays: 3,
		weekday: 2,
		joinUrl: 'https://meet.example.org/community-networks-wg',
		languages: ['en', 'fr'],
		organisers: [
			{ programme: 'postgraduate-diploma-internet-governance' },
			{ organisation: 'savanna-forum' }
		]
	},
	{
		key: 'nri-funding-clinic',
		title: 'NRI funding clinic (second Tuesday of the month)',
		description:
			'A monthly webinar for the organisers of National and Regional IGFs: how to apply for support, budgets that funders read, and an open clinic for your questions.',
		kind: 'webinar',
		format: 'online',
		zone: 'Africa/Nairobi',
		at: '14:00',
		minutes: 90,
		repeat: 'monthly-weekday',
		count: 10,
		fromDays: 1,
		nth: 2,
		weekday: 2,
		joinUrl: 'https://meet.example.org/nri-funding-clinic',
		capacity: 100,
		languages: ['en'],
		organisers: [{ programme: 'baobab-school-internet-governance' }],
		moved: { 2: 2 },
		cancelled: [4]
	}
];

/** The first date of a demo series on or after `from`: its weekday (the nth of its month). */
function firstDate(series: DemoSeries, from: Temporal.PlainDate): Temporal.PlainDate {
	for (let day = from; ; day = day.add({ days: 1 })) {
		if (day.dayOfWeek !== series.weekday) continue;
		if (series.nth && Math.ceil(day.day / 7) !== series.nth) continue;
		return day;
	}
}

/** The organisers' ids by slug. */
type Ids = Record<'programmes' | 'organisations' | 'spaces', Map<string, string>>;

async function organise(tx: TransactionSql, id: string, organisers: Organiser[], ids: Ids) {
	for (const organiser of organisers) {
		const row = {
			programme_id:
				'programme' in organiser ? (ids.programmes.get(organiser.programme) ?? null) : null,
			organisation_id:
				'organisation' in organiser
					? (ids.organisations.get(organiser.organisation) ?? null)
					: null,
			space_id: 'space' in organiser ? (ids.spaces.get(organiser.space) ?? null) : null
		};
		if (!row.programme_id && !row.organisation_id && !row.space_id) continue;
		await tx`insert into public.event_organisers ${tx({ event_id: id, ...row })} on conflict do nothing`;
	}
}

/** The demo series and their dates; how many dates were added. */
async function insertSeries(tx: TransactionSql, seed: number, ids: Ids): Promise<number> {
	const today = Temporal.Now.plainDateISO('UTC');
	let added = 0;
	for (const series of SERIES) {
		const seriesId = uuidFor(seed, 'series', series.key);
		const first = firstDate(series, today.add({ days: series.fromDays }));
		const rrule = ruleOf(series.repeat, first.toString(), series.zone, { count: series.count });
		const made = await tx`
			insert into public.event_series ${tx({
				id: seriesId,
				rrule,
				time_zone: series.zone,
				first_start: `${first.toString()}T${series.at}`,
				minutes: series.minutes ?? 60
			})}
			on conflict (id) do nothing
			returning 1
		`;
		if (!made.length) continue;
		const dates = expand(
			rrule,
			{ day: first.toString(), time: series.at! },
			series.zone,
			series.minutes ?? 60
		);
		for (const [i, date] of dates.entries()) {
			const id = uuidFor(seed, 'event', series.key, i);
			const by = series.moved?.[i];
			const times = by
				? (() => {
						const day = Temporal.Instant.fromEpochMilliseconds(date.starts_at.getTime())
							.toZonedDateTimeISO(series.zone)
							.toPlainDate();
						return shifted(
							date.starts_at,
							{ from: series.zone, to: series.zone },
							{
								fromDay: day.toString(),
								toDay: day.add({ days: by }).toString(),
								time: series.at!,
								minutes: series.minutes ?? 60
							}
						);
					})()
				: { starts_at: date.starts_at, ends_at: date.ends_at };
			await tx`
				insert into public.events ${tx({
					id,
					slug: series.key,
					title: series.title,
					description: series.description ?? null,
					kind: series.kind,
					format: series.format,
					time_zone: series.zone,
					all_day: false,
					...times,
					languages: series.languages ?? [],
					topics: FILED[series.key]?.topics ?? [],
					target_groups: FILED[series.key]?.targetGroups ?? [],
					capacity: series.capacity ?? null,
					visibility: series.visibility ?? 'public',
					status: series.cancelled?.includes(i) ? 'cancelled' : by ? 'moved' : 'scheduled',
					series_id: seriesId,
					recurrence_id: date.recurrence_id
				})}
			`;
			added += 1;
			await organise(tx, id, series.organisers, ids);
			if (series.joinUrl) {
				await tx`insert into public.event_join_links (event_id, join_url) values (${id}, ${series.joinUrl})`;
			}
		}
	}
	return added;
}

/**
 * The demo's next annual IGF meeting, in Geneva, around the IGF alumni session (200 days on): the
 * meetings that took place come with the migration (public.igf_meetings); the next one is the
 * demo's own. A real meeting of that year, if the table holds one, stays.
 */
async function insertNextMeeting(tx: TransactionSql, today: Temporal.PlainDate) {
	const first = today.add({ days: 198 });
	await tx`
		insert into public.igf_meetings (year, city, country_code, starts_on, ends_on)
		values (${first.year}, 'Geneva', 'CH', ${first.toString()}, ${first.add({ days: 4 }).toString()})
		on conflict (year) do nothing
	`;
}

/** An event's registration window as instants (none when WINDOWS names none). */
function windowOf(key: string, zone: string, today: Temporal.PlainDate) {
	const window = WINDOWS[key];
	const at = ([days, time]: [number, string]) =>
		new Date(
			today.add({ days }).toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(zone)
				.epochMilliseconds
		);
	return {
		registration_opens_at: window ? at(window.opens) : null,
		registration_closes_at: window ? at(window.closes) : null
	};
}

export async function insertEvents(tx: TransactionSql, seed: number): Promise<number> {
	const bySlug = async (rows: Promise<{ id: string; slug: string }[]>) =>
		new Map((await rows).map((r) => [r.slug, r.id]));
	const ids: Ids = {
		programmes: await bySlug(tx`select id, slug from public.programmes`),
		organisations: await bySlug(tx`select id, slug from public.organisations`),
		spaces: await bySlug(tx`select id, slug from public.spaces`)
	};
	const today = Temporal.Now.plainDateISO('UTC');
	await insertNextMeeting(tx, today);
	let added = 0;
	for (const event of EVENTS) {
		const id = uuidFor(seed, 'event', event.key);
		const day = today.add({ days: event.inDays });
		const times = event.days
			? {
					all_day: true,
					starts_on: day.toString(),
					ends_on: day.add({ days: event.days - 1 }).toString(),
					starts_at: null,
					ends_at: null
				}
			: (() => {
					const start = day
						.toPlainDateTime(Temporal.PlainTime.from(event.at!))
						.toZonedDateTime(event.zone);
					return {
						all_day: false,
						starts_on: null,
						ends_on: null,
						starts_at: new Date(start.epochMilliseconds),
						ends_at: new Date(start.add({ minutes: event.minutes ?? 60 }).epochMilliseconds)
					};
				})();
		const inserted = await tx`
			insert into public.events ${tx({
				id,
				slug: event.key,
				title: event.title,
				description: event.description ?? null,
				kind: event.kind,
				format: event.format,
				venue_name: event.venue?.name ?? null,
				venue_address: event.venue?.address ?? null,
				venue_city: event.venue?.city ?? null,
				country_code: event.venue?.country ?? null,
				time_zone: event.zone,
				...times,
				languages: event.languages ?? [],
				topics: FILED[event.key]?.topics ?? [],
				target_groups: FILED[event.key]?.targetGroups ?? [],
				...windowOf(event.key, event.zone, today),
				capacity: event.capacity ?? null,
				visibility: event.visibility ?? 'public',
				status: event.status ?? 'scheduled'
			})}
			on conflict (id) do nothing
			returning 1
		`;
		if (!inserted.length) continue;
		added += 1;
		await organise(tx, id, event.organisers, ids);
		if (event.joinUrl) {
			await tx`
				insert into public.event_join_links (event_id, join_url) values (${id}, ${event.joinUrl})
				on conflict do nothing
			`;
		}
	}
	await answerAsDemoAccounts(tx, seed);
	return added + (await insertSeries(tx, seed, ids));
}

/** The demo accounts' answers, so that their home and the organisers' attendee lists are real. */
const ANSWERS: { email: string; event: string; response: 'going' | 'interested' }[] = [
	{ email: 'amina@example.org', event: 'west-africa-igf-prep', response: 'going' },
	{ email: 'amina@example.org', event: 'track-consultation', response: 'interested' },
	{ email: 'kwame@example.org', event: 'west-africa-igf-prep', response: 'going' },
	{ email: 'priya@example.org', event: 'track-consultation', response: 'going' },
	{ email: 'priya@example.org', event: 'nri-coorganisers-call', response: 'going' }
];

async function answerAsDemoAccounts(tx: TransactionSql, seed: number) {
	for (const answer of ANSWERS) {
		await tx`
			insert into public.event_rsvps (event_id, profile_id, response)
			select ${uuidFor(seed, 'event', answer.event)}, u.id, ${answer.response}
			from auth.users u where u.email = ${answer.email}
			on conflict (event_id, profile_id) do nothing
		`;
	}
	// The seats they took (private.rsvp keeps the count for answers given in the app).
	await tx`
		update public.events e
		set seats_taken = (select count(*) from public.event_rsvps r
		                   where r.event_id = e.id and r.response = 'going' and r.waitlist_position is null)
		where e.id in ${tx(ANSWERS.map((a) => uuidFor(seed, 'event', a.event)))}
	`;
}
