/**
 * The intersessional calendar: upcoming events, one event with its organisers, the viewer's answer
 * and (for the seated and the organisers) its join link, the attendee list, answering, and adding
 * an event. RLS decides who sees and changes what (supabase/migrations/…_events.sql); these
 * queries shape it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { shifted } from '$lib/event-series';
import { dayIn, wallClock } from '$lib/event-time';
import type { EventChanges, NewEvent } from '$lib/schemas/events';
import type { OrganiserKind, RsvpAnswer } from '$lib/words/events';
import { cursorCodec } from '$lib/server/cursor';
import type { FeedEvent } from '$lib/server/events/ical';
import { withAnon, withUser, withViewer, type Claims, type Tx } from './client';

export type Organiser = { kind: OrganiserKind; slug: string; name: string };

/** An organiser row `o` as the forms name it: `programme:<id>`, `organisation:<id>`, `space:<id>`. */
const organiserValue = (sql: Tx) => sql`
	case when o.programme_id is not null then 'programme:' || o.programme_id
	     when o.organisation_id is not null then 'organisation:' || o.organisation_id
	     else 'space:' || o.space_id end
`;

export type EventCard = {
	id: string;
	slug: string;
	title: string;
	kind: string;
	format: string;
	status: string;
	visibility: string;
	venue_name: string | null;
	venue_city: string | null;
	country_code: string | null;
	country_name: string | null;
	time_zone: string;
	all_day: boolean;
	starts_at: Date | null;
	ends_at: Date | null;
	starts_on: string | null;
	ends_on: string | null;
	sort_at: Date;
	capacity: number | null;
	seats_taken: number;
	organisers: Organiser[];
};

export type EventDetails = EventCard & {
	description: string | null;
	venue_address: string | null;
	languages: string[];
	topics: string[];
	target_groups: string[];
	/** When answers open and close (null: no bound). */
	registration_opens_at: Date | null;
	registration_closes_at: Date | null;
	/** The viewer's answer, if any (null for visitors). */
	mine: { response: RsvpAnswer; waitlist_position: number | null; note: string | null } | null;
	/** For the organisers and the seated only (RLS on event_join_links); null for everyone else. */
	join_url: string | null;
	/** Whether the viewer organises it (its attendee list, editing). */
	manages: boolean;
	waitlisted: number;
	/** The series it is one date of, if any. */
	series_id: string | null;
};

export type Attendee = {
	profile_id: string;
	display_name: string;
	handle: string | null;
	response: RsvpAnswer;
	waitlist_position: number | null;
	note: string | null;
	created_at: Date;
};

/** Where a page of the upcoming list ended: the last event's start and id. */
const eventCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });
export type EventCursor = z.infer<typeof eventCursor>;
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec(eventCursor);

const CARD = (sql: Tx) => sql`
	e.id, e.slug, e.title, e.kind, e.format, e.status, e.visibility, e.venue_name, e.venue_city,
	e.country_code, private.named(c.names, c.name) as country_name, e.time_zone, e.all_day,
	e.starts_at, e.ends_at, e.starts_on::text as starts_on, e.ends_on::text as ends_on, e.sort_at,
	e.capacity, e.seats_taken,
	coalesce((
		select jsonb_agg(${organiserJson(sql)} order by o.created_at, o.id)
		from public.event_organisers o
		where o.event_id = e.id
	), '[]'::jsonb) as organisers
`;

/**
 * An organiser row `o` as a card names it ({ kind, slug, name }; slug and name null when its
 * programme, organisation or space is not the viewer's to read). Each looked up by its key: a
 * join planned for the whole table read every space once per event of a list.
 */
const organiserJson = (sql: Tx) => sql`
	case
		when o.programme_id is not null then coalesce(
			(select jsonb_build_object('kind', 'programme', 'slug', p.slug, 'name', p.name)
			 from public.programmes p where p.id = o.programme_id),
			jsonb_build_object('kind', 'programme', 'slug', null, 'name', null))
		when o.organisation_id is not null then coalesce(
			(select jsonb_build_object('kind', 'organisation', 'slug', g.slug, 'name', g.name)
			 from public.organisations g where g.id = o.organisation_id),
			jsonb_build_object('kind', 'organisation', 'slug', null, 'name', null))
		else coalesce(
			(select jsonb_build_object('kind', 'space', 'slug', s.slug, 'name', s.name)
			 from public.spaces s where s.id = o.space_id),
			jsonb_build_object('kind', 'space', 'slug', null, 'name', null))
	end
`;

/**
 * A page of the events the viewer may see that are not over yet, in order of start (all-day
 * events by their first day), with the kind and format filters; keyset pages on (sort_at, id).
 */
export type EventFilters = {
	kind?: string;
	format?: string;
	/** A topic, or a basket of them (any of its topics). */
	topic?: string;
	/** A UN M49 region or sub-region code: events in its countries. */
	region?: string;
	language?: string;
	target_group?: string;
	/** A programme's or a space's events, or an organisation's (its own and its programmes'). */
	organiser?: { kind: OrganiserKind; slug: string };
	/**
	 * Events starting from this instant and before that one (a range of days: what starts in it;
	 * a bound on the start, which the (sort_at, id) index serves).
	 */
	from?: Date;
	until?: Date;
};

/** From when a list holds events: those that end after it. */
type Since = Date | 'now' | 'a month ago';
const instant = (sql: Tx, at: Since) =>
	at === 'now'
		? sql`now()`
		: at === 'a month ago'
			? sql`(now() - interval '31 days')`
			: sql`${at}::timestamptz`;

/**
 * The filters as SQL conditions on `e` (each `true` when not asked), for a list of the events that
 * end after `since` (the organiser filter looks only among those).
 */
const filtered = (sql: Tx, f: EventFilters, since: Since) => sql`
	${f.kind ? sql`e.kind = ${f.kind}` : sql`true`}
	and ${f.format ? sql`e.format = ${f.format}` : sql`true`}
	and ${
		// A basket's slug (the filter offers it) stands for every topic in it.
		f.topic
			? sql`e.topics && array(select t.slug from public.topics t
			        where t.slug = ${f.topic} or t.parent_slug = ${f.topic})`
			: sql`true`
	}
	and ${f.language ? sql`e.languages @> array[${f.language}]::text[]` : sql`true`}
	and ${f.target_group ? sql`e.target_groups @> array[${f.target_group}]::text[]` : sql`true`}
	and ${
		f.region
			? sql`e.country_code in (select r.code from public.countries r
			        where ${f.region} in (r.region_code, r.sub_region_code, r.intermediate_region_code))`
			: sql`true`
	}
	and ${
		// Found through the organisers' indexes (a programme, an organisation with its programmes,
		// a space its readers may see); the events' own policies still decide what is shown.
		f.organiser
			? sql`e.id in (select private.organised_event_ids(${f.organiser.kind}, ${f.organiser.slug},
			        ${instant(sql, since)}))`
			: sql`true`
	}
	and ${f.from ? sql`e.sort_at >= ${f.from}` : sql`true`}
	and ${f.until ? sql`e.sort_at < ${f.until}` : sql`true`}
`;

/**
 * `e` has not ended by `at`. Said with a bound on its start too, which the (sort_at, id) index
 * serves: it began less than the longest event not ended by then lasts (events_length_idx finds
 * that length), so a list walks the index from there rather than from the first event ever held.
 */
const endsAfter = (sql: Tx, at: Since) => {
	const since = instant(sql, at);
	return sql`
		e.until_at > ${since}
		and e.sort_at > ${since} - (select max(l.until_at - l.sort_at) from public.events l
		                            where l.until_at > ${since})
	`;
};

export const upcoming = (
	viewer: Claims | null,
	filters: EventFilters,
	page: { after?: EventCursor; limit?: number } = {}
): Promise<{ events: EventCard[]; next: string | null }> =>
	withViewer(viewer, (sql) => upcomingPage(sql, filters, page));

/**
 * upcoming's statement in a transaction already set up for the viewer (the benchmark times it
 * alone this way).
 */
export async function upcomingPage(
	sql: Tx,
	filters: EventFilters,
	{ after, limit = 30 }: { after?: EventCursor; limit?: number } = {}
): Promise<{ events: EventCard[]; next: string | null }> {
	const rows = await sql<EventCard[]>`
		select ${CARD(sql)}
		from public.events e
		left join public.countries c on c.code = e.country_code
		where ${endsAfter(sql, 'now')}
		  and ${filtered(sql, filters, 'now')}
		  and ${after ? sql`(e.sort_at, e.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql`true`}
		order by e.sort_at, e.id
		limit ${limit + 1}
	`;
	const events = rows.slice(0, limit);
	const last = events.at(-1);
	return {
		events,
		next:
			rows.length > limit && last
				? encodeCursor({ at: last.sort_at.toISOString(), id: last.id })
				: null
	};
}

/** The upcoming events the person said they are going to (a seat, or waiting for one), soonest first. */
export const going = (user: Claims, limit = 5): Promise<(EventCard & { waitlisted: boolean })[]> =>
	withUser(
		user,
		(sql) => sql<(EventCard & { waitlisted: boolean })[]>`
			select ${CARD(sql)}, r.waitlist_position is not null as waitlisted
			from public.event_rsvps r
			join public.events e on e.id = r.event_id
			left join public.countries c on c.code = e.country_code
			where r.profile_id = ${user.sub} and r.response = 'going' and e.until_at > now()
			order by e.sort_at, e.id
			limit ${limit}
		`
	);

/** How many events a month view shows at most (a busier month says so and links to the list). */
export const MONTH_LIMIT = 500;

/**
 * The events the viewer may see that take place during [from, until) — begun before and still
 * going, too — with the list's filters, in order of start: a month view's.
 */
export const during = (
	viewer: Claims | null,
	filters: Omit<EventFilters, 'from' | 'until'>,
	from: Date,
	until: Date
): Promise<{ events: EventCard[]; more: boolean }> =>
	withViewer(viewer, async (sql) => {
		const rows = await sql<EventCard[]>`
			select ${CARD(sql)}
			from public.events e
			left join public.countries c on c.code = e.country_code
			where e.sort_at < ${until} and ${endsAfter(sql, from)}
			  and ${filtered(sql, filters, from)}
			order by e.sort_at, e.id
			limit ${MONTH_LIMIT + 1}
		`;
		return { events: rows.slice(0, MONTH_LIMIT), more: rows.length > MONTH_LIMIT };
	});

/** One event as the viewer may see it, or null when there is none or it is not theirs to see. */
export const get = (viewer: Claims | null, id: string): Promise<EventDetails | null> =>
	withViewer(viewer, async (sql) => {
		const [event] = await sql<Omit<EventDetails, 'mine' | 'join_url' | 'manages' | 'waitlisted'>[]>`
			select ${CARD(sql)}, e.description, e.venue_address, e.languages, e.topics,
			       e.target_groups, e.registration_opens_at, e.registration_closes_at, e.series_id
			from public.events e
			left join public.countries c on c.code = e.country_code
			where e.id = ${id}
		`;
		if (!event) return null;
		if (!viewer) return { ...event, mine: null, join_url: null, manages: false, waitlisted: 0 };
		const [[mine], [link], [manages], [line]] = await Promise.all([
			sql<NonNullable<EventDetails['mine']>[]>`
				select response, waitlist_position, note from public.event_rsvps
				where event_id = ${id} and profile_id = ${viewer.sub}
			`,
			sql<{ join_url: string }[]>`
				select join_url from public.event_join_links where event_id = ${id}
			`,
			sql<{ manages: boolean }[]>`select private.can_manage_event(${id}) as manages`,
			// Counted through RLS: only organisers see others' answers, so only they count the line.
			sql<{ waitlisted: number }[]>`
				select count(*)::int as waitlisted from public.event_rsvps
				where event_id = ${id} and waitlist_position is not null
			`
		]);
		return {
			...event,
			waitlisted: manages?.manages ? (line?.waitlisted ?? 0) : 0,
			mine: mine ?? null,
			join_url: link?.join_url ?? null,
			manages: manages?.manages ?? false
		};
	});

export type SeriesDate = Pick<
	EventCard,
	| 'id'
	| 'slug'
	| 'status'
	| 'time_zone'
	| 'all_day'
	| 'starts_at'
	| 'ends_at'
	| 'starts_on'
	| 'ends_on'
>;

/** The other dates of a series still to come that the viewer may see, first ones first. */
export const seriesDates = (viewer: Claims | null, series: string, except: string, limit = 12) =>
	withViewer(
		viewer,
		(sql) => sql<SeriesDate[]>`
			select e.id, e.slug, e.status, e.time_zone, e.all_day, e.starts_at, e.ends_at,
			       e.starts_on::text as starts_on, e.ends_on::text as ends_on
			from public.events e
			where e.series_id = ${series} and e.id <> ${except} and e.until_at > now()
			order by e.sort_at, e.id
			limit ${limit}
		`
	);

/**
 * What a list can be filtered by (`programme:<slug>`…), by name: the programmes and organisations,
 * and the public spaces that organise events.
 */
export const organiserFilterOptions = () =>
	withAnon(
		(sql) => sql<{ value: string; label: string }[]>`
			select 'programme:' || p.slug as value, p.name as label from public.programmes p
			union all
			select 'organisation:' || g.slug, g.name from public.organisations g
			union all
			select 'space:' || s.slug, s.name from public.spaces s
			where exists (select 1 from public.event_organisers o where o.space_id = s.id)
			order by label, value
		`
	);

/**
 * The name of a programme, organisation or space by its slug, as the viewer may read it (null
 * when there is none, or it is a space they may not read).
 */
export const organiserName = (
	viewer: Claims | null,
	organiser: NonNullable<EventFilters['organiser']>
) =>
	withViewer(viewer, async (sql) => {
		const table = {
			programme: sql`public.programmes`,
			organisation: sql`public.organisations`,
			space: sql`public.spaces`
		}[organiser.kind];
		const [row] = await sql<{ name: string }[]>`
			select name from ${table} where slug = ${organiser.slug}
		`;
		return row?.name ?? null;
	});

/** The answers to an event with the people's names, for its organisers (empty for anyone else). */
export const attendees = (user: Claims, id: string) =>
	withUser(
		user,
		(sql) => sql<Attendee[]>`
			select profile_id, display_name, handle, response, waitlist_position, note, created_at
			from private.event_attendees(${id})
		`
	);

/** The signed-in person answers: seated, waitlisted (with their place) or not going. */
export const rsvp = (user: Claims, id: string, answer: RsvpAnswer, note: string | null) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ response: RsvpAnswer; waitlist_position: number | null }[]>`
			select response, waitlist_position from private.rsvp(${id}, ${answer}, ${note})
		`;
		return row!;
	});

/** Whether the person may add events (a coordinator, a space's moderator, or an admin). */
export const mayAdd = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ may: boolean }[]>`
			select (select private.is_platform_admin()) or (select private.organises_any()) as may
		`;
		return row?.may ?? false;
	});

/** Whether the person may name a space as an event's first organiser (its moderator, an admin). */
export const mayOrganiseFor = (user: Claims, spaceId: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ may: boolean }[]>`
			select (select private.is_platform_admin()) or private.moderates_open_space(${spaceId}) as may
		`;
		return row?.may ?? false;
	});

export type OrganiserChoice = { value: string; label: string };

/**
 * What the new event form offers: as its first organiser, the programmes the person coordinates
 * and the spaces they moderate (every programme, organisation and space for an admin); as
 * co-organisers, any programme, organisation or space they may read.
 */
export const organiserChoices = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ admin: boolean }[]>`select private.is_platform_admin() as admin`;
		const admin = row?.admin ?? false;
		const everyone = await sql<(OrganiserChoice & { mine: boolean })[]>`
			select 'programme:' || p.id as value, p.name as label, private.is_coordinator_of(p.id) as mine
			from public.programmes p
			union all
			select 'organisation:' || o.id, o.name, false from public.organisations o
			union all
			select 'space:' || s.id, s.name, private.moderates_open_space(s.id)
			from public.spaces s where s.status = 'open'
			order by label, value
		`;
		const strip = ({ value, label }: OrganiserChoice) => ({ value, label });
		return {
			first: everyone.filter((c) => admin || c.mine).map(strip),
			co: everyone.map(strip)
		};
	});

/**
 * Adds an event with its organisers and join link, in one transaction as the person: RLS lets a
 * coordinator add it and name their programme first, then any co-organiser.
 */
export const create = (user: Claims, event: NewEvent & { slug: string }) =>
	withUser(user, async (sql) => {
		const online = event.format === 'online';
		const common = {
			slug: event.slug,
			title: event.title,
			description: event.description,
			kind: event.kind,
			format: event.format,
			venue_name: online ? null : event.venue_name,
			venue_address: online ? null : event.venue_address,
			venue_city: online ? null : event.venue_city,
			country_code: online ? null : event.country_code,
			time_zone: event.time_zone,
			all_day: event.all_day,
			capacity: event.capacity,
			visibility: event.visibility,
			languages: event.languages,
			topics: event.topics,
			target_groups: event.target_groups
		};
		let seriesId: string | null = null;
		if (event.series) {
			const [series] = await sql<{ id: string }[]>`
				insert into public.event_series (rrule, time_zone, first_start, minutes)
				values (${event.series.rrule}, ${event.time_zone}, ${event.series.first_start},
				        ${event.series.minutes})
				returning id
			`;
			seriesId = series!.id;
		}
		// One row for a single event; one per date for a series, each an event of its own.
		const rows = event.series
			? event.series.occurrences.map((o) => ({
					...common,
					starts_at: o.starts_at,
					ends_at: o.ends_at,
					starts_on: null,
					ends_on: null,
					registration_opens_at: null,
					registration_closes_at: null,
					series_id: seriesId,
					recurrence_id: o.recurrence_id
				}))
			: [
					{
						...common,
						starts_at: event.starts_at,
						ends_at: event.ends_at,
						starts_on: event.starts_on,
						ends_on: event.ends_on,
						registration_opens_at: event.registration_opens_at,
						registration_closes_at: event.registration_closes_at,
						series_id: null,
						recurrence_id: null
					}
				];
		const created = await sql<{ id: string; slug: string }[]>`
			insert into public.events ${sql(rows)}
			returning id, slug
		`;
		const ids = created.map((r) => r.id);
		const organiserRows = (organiser: NewEvent['organiser']) =>
			ids.map((id) => ({
				event_id: id,
				programme_id: organiser.kind === 'programme' ? organiser.id : null,
				organisation_id: organiser.kind === 'organisation' ? organiser.id : null,
				space_id: organiser.kind === 'space' ? organiser.id : null
			}));
		// The first organiser alone first: the policy lets co-organisers in once it is organised.
		for (const organiser of [event.organiser, ...event.co_organisers]) {
			await sql`insert into public.event_organisers ${sql(organiserRows(organiser))}`;
		}
		if (event.join_url && event.format !== 'in-person') {
			const links = ids.map((id) => ({ event_id: id, join_url: event.join_url }));
			await sql`insert into public.event_join_links ${sql(links)}`;
		}
		// The event, or a series' first date (rows go in, and come back, in order of start).
		return created[0]!;
	});

/**
 * An event as its edit form shows it, for its organisers (null for anyone else, or none): the
 * times on the event's own wall clock, the organisers in the order they were named.
 */
export const forEdit = (user: Claims, id: string) =>
	withUser(user, async (sql) => {
		const [event] = await sql<
			{
				id: string;
				slug: string;
				title: string;
				description: string | null;
				kind: string;
				format: string;
				visibility: string;
				status: string;
				venue_name: string | null;
				venue_address: string | null;
				venue_city: string | null;
				country_code: string | null;
				time_zone: string;
				all_day: boolean;
				starts_at: Date | null;
				ends_at: Date | null;
				starts_on: string | null;
				ends_on: string | null;
				capacity: number | null;
				languages: string[];
				topics: string[];
				target_groups: string[];
				registration_opens_at: Date | null;
				registration_closes_at: Date | null;
				join_url: string | null;
				series_id: string | null;
				organisers: string[];
			}[]
		>`
			select e.id, e.slug, e.title, e.description, e.kind, e.format, e.visibility, e.status,
			       e.venue_name, e.venue_address, e.venue_city, e.country_code, e.time_zone, e.all_day,
			       e.starts_at, e.ends_at, e.starts_on::text as starts_on, e.ends_on::text as ends_on,
			       e.capacity, e.languages, e.topics, e.target_groups, e.registration_opens_at,
			       e.registration_closes_at, l.join_url, e.series_id,
			       coalesce((select array_agg(${organiserValue(sql)} order by o.created_at, o.id)
			                 from public.event_organisers o where o.event_id = e.id), '{}') as organisers
			from public.events e
			left join public.event_join_links l on l.event_id = e.id
			where e.id = ${id} and private.can_manage_event(e.id)
		`;
		if (!event) return null;
		const start = event.starts_at ? wallClock(event.starts_at, event.time_zone) : null;
		const end = event.ends_at ? wallClock(event.ends_at, event.time_zone) : null;
		const values: Record<string, string | string[]> = {
			title: event.title,
			description: event.description ?? '',
			kind: event.kind,
			format: event.format,
			visibility: event.visibility,
			venue_name: event.venue_name ?? '',
			venue_address: event.venue_address ?? '',
			venue_city: event.venue_city ?? '',
			country_code: event.country_code ?? '',
			join_url: event.join_url ?? '',
			time_zone: event.time_zone,
			// As a browser sends it: a ticked box is 'on', an unticked one is not sent.
			...(event.all_day ? { all_day: 'on' } : {}),
			start_date: event.starts_on ?? start?.day ?? '',
			start_time: start?.time ?? '',
			// Empty when it ends on its first day, as the new form leaves it: moving the first day then
			// moves the event, not only its start.
			end_date: (() => {
				const first = event.starts_on ?? start?.day;
				const last = event.ends_on ?? end?.day;
				return last && last !== first ? last : '';
			})(),
			end_time: end?.time ?? '',
			capacity: event.capacity === null ? '' : String(event.capacity),
			languages: event.languages,
			topics: event.topics,
			target_groups: event.target_groups,
			// As a datetime-local field writes it, on the event's own wall clock.
			registration_opens: localDateTime(event.registration_opens_at, event.time_zone),
			registration_closes: localDateTime(event.registration_closes_at, event.time_zone),
			organisers: event.organisers
		};
		return {
			id: event.id,
			slug: event.slug,
			title: event.title,
			status: event.status,
			inSeries: event.series_id !== null,
			values
		};
	});

/** Thrown inside an edit to undo it: the change would leave its editor no longer organising. */
class WouldNotOrganise extends Error {}

type Times = Pick<EventChanges, 'starts_at' | 'ends_at' | 'starts_on' | 'ends_on'>;

/** An instant as a datetime-local field holds it in a zone ('' for none). */
const localDateTime = (at: Date | null, timeZone: string) => {
	if (!at) return '';
	const { day, time } = wallClock(at, timeZone);
	return `${day}T${time}`;
};

/** The registration window: set on the date edited, kept as it is on a series' other dates. */
type Window = Pick<EventChanges, 'registration_opens_at' | 'registration_closes_at'> | 'keep';

/** One event's fields, join link and organisers, as `update` changes them. */
async function applyChanges(
	sql: Tx,
	id: string,
	event: EventChanges & { slug: string },
	times: Times,
	window: Window
) {
	const online = event.format === 'online';
	const keep = window === 'keep';
	const [row] = await sql`
		update public.events e
		set slug = ${event.slug}, title = ${event.title}, description = ${event.description},
		    kind = ${event.kind}, format = ${event.format},
		    venue_name = ${online ? null : event.venue_name},
		    venue_address = ${online ? null : event.venue_address},
		    venue_city = ${online ? null : event.venue_city},
		    country_code = ${online ? null : event.country_code},
		    time_zone = ${event.time_zone}, all_day = ${event.all_day},
		    starts_at = ${times.starts_at}, ends_at = ${times.ends_at},
		    starts_on = ${times.starts_on}, ends_on = ${times.ends_on},
		    capacity = ${event.capacity}, visibility = ${event.visibility},
		    languages = ${event.languages}, topics = ${event.topics},
		    target_groups = ${event.target_groups},
		    registration_opens_at = ${
					keep ? sql`e.registration_opens_at` : sql`${window.registration_opens_at}::timestamptz`
				},
		    registration_closes_at = ${
					keep ? sql`e.registration_closes_at` : sql`${window.registration_closes_at}::timestamptz`
				},
		    status = case
		      when e.status = 'scheduled'
		       and (e.starts_at, e.ends_at, e.starts_on, e.ends_on)
		           is distinct from (${times.starts_at}::timestamptz, ${times.ends_at}::timestamptz,
		                             ${times.starts_on}::date, ${times.ends_on}::date)
		      then 'moved' else e.status end
		where e.id = ${id}
		returning e.id
	`;
	if (!row) return false;
	if (event.join_url && event.format !== 'in-person') {
		await sql`
			insert into public.event_join_links (event_id, join_url) values (${id}, ${event.join_url})
			on conflict (event_id) do update set join_url = excluded.join_url
		`;
	} else {
		await sql`delete from public.event_join_links where event_id = ${id}`;
	}
	const named = event.organisers.map((o) => `${o.kind}:${o.id}`);
	const current = await sql<{ id: string; value: string }[]>`
		select o.id, ${organiserValue(sql)} as value
		from public.event_organisers o where o.event_id = ${id}
	`;
	const have = new Set(current.map((o) => o.value));
	// New ones first: the event stays organised (the policy on adding asks it).
	for (const organiser of event.organisers) {
		if (have.has(`${organiser.kind}:${organiser.id}`)) continue;
		await sql`
			insert into public.event_organisers (event_id, programme_id, organisation_id, space_id)
			values (${id}, ${organiser.kind === 'programme' ? organiser.id : null},
			        ${organiser.kind === 'organisation' ? organiser.id : null},
			        ${organiser.kind === 'space' ? organiser.id : null})
		`;
	}
	const gone = current.filter((o) => !named.includes(o.value)).map((o) => o.id);
	if (gone.length) {
		await sql`delete from public.event_organisers where id in ${sql(gone)}`;
	}
	return true;
}

/**
 * Saves an organiser's changes to an event, in one transaction as the person (RLS decides): its
 * fields, its join link, its organisers (the ones kept keep their place, new ones follow). A
 * change of time while scheduled marks it moved (the SEQUENCE rises by the trigger). For an
 * occurrence of a series, `scope` says which dates: this one, this and the following ones, or
 * all; each other date moves as this one does (as many days, to the new wall-clock time: see
 * event-series.ts shifted). Refused whole when the organisers named would no longer include the
 * editor.
 */
export const update = async (
	user: Claims,
	id: string,
	event: EventChanges & { slug: string }
): Promise<'saved' | 'not-there' | 'would-not-organise'> => {
	try {
		return await withUser(user, async (sql) => {
			const [before] = await sql<
				{
					series_id: string | null;
					recurrence_id: Date | null;
					starts_at: Date | null;
					ends_at: Date | null;
					time_zone: string;
				}[]
			>`
				select series_id, recurrence_id, starts_at, ends_at, time_zone from public.events
				where id = ${id} and private.can_manage_event(id)
			`;
			if (!before) return 'not-there' as const;
			if (!(await applyChanges(sql, id, event, event, event))) return 'not-there' as const;
			if (before.series_id && event.scope !== 'this' && before.starts_at && event.starts_at) {
				const others = await sql<{ id: string; starts_at: Date; ends_at: Date }[]>`
					select id, starts_at, ends_at from public.events
					where series_id = ${before.series_id} and id <> ${id} and starts_at is not null
					  and ${event.scope === 'following' ? sql`recurrence_id > ${before.recurrence_id}` : sql`true`}
					  and private.can_manage_event(id)
					order by recurrence_id
				`;
				const change = {
					fromDay: dayIn(before.starts_at, before.time_zone),
					toDay: event.start_date,
					time: event.start_time,
					minutes: Math.round((event.ends_at!.getTime() - event.starts_at.getTime()) / 60_000)
				};
				// The others move only when this date's time did: new words alone keep each date's own
				// time (one moved on its own stays where it was put).
				const moved =
					before.starts_at.getTime() !== event.starts_at.getTime() ||
					before.ends_at?.getTime() !== event.ends_at?.getTime() ||
					before.time_zone !== event.time_zone;
				for (const other of others) {
					const times = moved
						? shifted(other.starts_at, { from: before.time_zone, to: event.time_zone }, change)
						: { starts_at: other.starts_at, ends_at: other.ends_at };
					await applyChanges(
						sql,
						other.id,
						event,
						{ ...times, starts_on: null, ends_on: null },
						'keep'
					);
				}
			}
			const [still] = await sql<{ manages: boolean }[]>`
				select private.can_manage_event(${id}) as manages
			`;
			if (!still?.manages) throw new WouldNotOrganise();
			return 'saved' as const;
		});
	} catch (err) {
		if (err instanceof WouldNotOrganise) return 'would-not-organise';
		throw err;
	}
};

/**
 * Cancels an event, or puts a cancelled one back on the calendar (scheduled). People who answered
 * keep their answers; feeds keep a cancelled event as STATUS:CANCELLED. False when it is not the
 * person's to change (RLS: its organisers only).
 */
export const setStatus = (user: Claims, id: string, status: 'cancelled' | 'scheduled') =>
	withUser(user, async (sql) => {
		const rows = await sql`
			update public.events set status = ${status} where id = ${id} returning id
		`;
		return rows.length === 1;
	});

/** The columns a feed needs (see server/events/ical.ts). */
const FEED = (sql: Tx) => sql`
	e.id, e.slug, e.title, e.description, e.status, e.format, e.venue_name, e.venue_address,
	e.venue_city, e.time_zone, e.all_day, e.starts_at, e.ends_at, e.starts_on::text as starts_on,
	e.ends_on::text as ends_on, e.sequence, e.updated_at
`;

/**
 * What a feed holds: the events the viewer may see from a month ago on (a calendar keeps what was
 * recently there, cancelled ones as cancelled), at most `limit`, in order of start.
 */
export const feed = (
	viewer: Claims | null,
	{ limit = 2000, organiser }: { limit?: number; organiser?: EventFilters['organiser'] } = {}
) =>
	withViewer(
		viewer,
		(sql) => sql<FeedEvent[]>`
			select ${FEED(sql)}
			from public.events e
			where ${endsAfter(sql, 'a month ago')}
			  and ${filtered(sql, { organiser }, 'a month ago')}
			order by e.sort_at, e.id
			limit ${limit}
		`
	);

/** An event as the public calendar's open data says it (JSON and CSV). */
export type OpenEvent = {
	id: string;
	slug: string;
	title: string;
	kind: string;
	format: string;
	status: string;
	time_zone: string;
	all_day: boolean;
	starts_at: Date | null;
	ends_at: Date | null;
	starts_on: string | null;
	ends_on: string | null;
	venue_name: string | null;
	venue_city: string | null;
	country_code: string | null;
	languages: string[];
	topics: string[];
	target_groups: string[];
	organisers: string[];
	updated_at: Date;
};

/** The public calendar as open data: what a visitor sees, not over yet, in order of start. */
export const openData = (limit = 2000) =>
	withViewer(null, (sql) =>
		sql<OpenEvent[]>`
			select e.id, e.slug, e.title, e.kind, e.format, e.status, e.time_zone, e.all_day,
				e.starts_at, e.ends_at, e.starts_on::text as starts_on, e.ends_on::text as ends_on,
				e.venue_name, e.venue_city, e.country_code, e.languages, e.topics, e.target_groups,
				e.updated_at,
				array(
					select coalesce(p.name, g.name) from public.event_organisers o
					left join public.programmes p on p.id = o.programme_id
					left join public.organisations g on g.id = o.organisation_id
					where o.event_id = e.id order by o.created_at, o.id
				) as organisers
			from public.events e
			where ${endsAfter(sql, 'now')}
			order by e.sort_at, e.id
			limit ${limit}
		`.then((rows) => [...rows])
	);

/** One event as a feed writes it, if the viewer may see it. */
export const feedEvent = (viewer: Claims | null, id: string) =>
	withViewer(viewer, async (sql) => {
		const [row] = await sql<
			FeedEvent[]
		>`select ${FEED(sql)} from public.events e where e.id = ${id}`;
		return row ?? null;
	});

/** A new secret for a feed's address and the hash kept of it. */
export const newFeedToken = () => randomBytes(32).toString('base64url');
export const feedTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** When the person made their feed's current address, or null when they have none. */
export const personalFeedSince = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ created_at: Date }[]>`
			select created_at from public.calendar_feeds where profile_id = ${user.sub}
		`;
		return row?.created_at ?? null;
	});

/** A new address for the person's feed (the old one stops working); the secret, to show once. */
export const resetPersonalFeed = (user: Claims) =>
	withUser(user, async (sql) => {
		const token = newFeedToken();
		const hash = feedTokenHash(token);
		// An update, else an insert: an upsert would read the hash column, which no one may.
		const replaced = await sql`
			update public.calendar_feeds set token_hash = ${hash}, created_at = now()
			where profile_id = ${user.sub}
			returning profile_id
		`;
		if (!replaced.length) {
			await sql`insert into public.calendar_feeds (profile_id, token_hash) values (${user.sub}, ${hash})`;
		}
		return token;
	});

/** No more personal feed: its address stops working. */
export const removePersonalFeed = (user: Claims) =>
	withUser(user, (sql) => sql`delete from public.calendar_feeds where profile_id = ${user.sub}`);

/**
 * The personal feed an address opens: the events its owner answered going or interested to, and
 * those their verified programmes organise, as the owner may see them (read under their identity,
 * so RLS decides); null for an address that opens nothing.
 */
export async function personalFeed(token: string): Promise<FeedEvent[] | null> {
	const [row] = await withViewer(
		null,
		(sql) => sql<{ owner: string | null }[]>`
			select private.calendar_feed_owner(${feedTokenHash(token)}) as owner
		`
	);
	if (!row?.owner) return null;
	// The address is the owner's secret: whoever holds it reads what the owner would read.
	const owner: Claims = { sub: row.owner, role: 'authenticated', aud: 'authenticated' };
	return withUser(
		owner,
		(sql) => sql<FeedEvent[]>`
			select ${FEED(sql)}
			from public.events e
			where ${endsAfter(sql, 'a month ago')}
			  -- One array of ids, read by id (not two tests of every event in the calendar).
			  and e.id = any (array(
			        select r.event_id from public.event_rsvps r
			        where r.profile_id = ${owner.sub} and r.response in ('going', 'interested')
			      ) || (select private.programme_event_ids()))
			order by e.sort_at, e.id
			limit 2000
		`
	);
}
