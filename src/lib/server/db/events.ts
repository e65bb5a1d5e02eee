/**
 * The intersessional calendar: upcoming events, one event with its organisers, the viewer's answer
 * and (for the seated and the organisers) its join link, the attendee list, answering, and adding
 * an event. RLS decides who sees and changes what (supabase/migrations/…_events.sql); these
 * queries shape it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { NewEvent, RsvpAnswer } from '$lib/schemas/events';
import { cursorCodec } from '$lib/server/cursor';
import type { FeedEvent } from '$lib/server/events/ical';
import { withUser, withViewer, type Claims } from './client';

export type Organiser = { kind: 'programme' | 'organisation'; slug: string; name: string };

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
	/** The viewer's answer, if any (null for visitors). */
	mine: { response: RsvpAnswer; waitlist_position: number | null; note: string | null } | null;
	/** For the organisers and the seated only (RLS on event_join_links); null for everyone else. */
	join_url: string | null;
	/** Whether the viewer organises it (its attendee list, editing). */
	manages: boolean;
	waitlisted: number;
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

const CARD = (sql: Parameters<Parameters<typeof withUser>[1]>[0]) => sql`
	e.id, e.slug, e.title, e.kind, e.format, e.status, e.visibility, e.venue_name, e.venue_city,
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
`;

/**
 * A page of the events the viewer may see that are not over yet, in order of start (all-day
 * events by their first day), with the kind and format filters; keyset pages on (sort_at, id).
 */
export const upcoming = (
	viewer: Claims | null,
	{ kind, format }: { kind?: string; format?: string },
	{ after, limit = 30 }: { after?: EventCursor; limit?: number } = {}
): Promise<{ events: EventCard[]; next: string | null }> =>
	withViewer(viewer, async (sql) => {
		const rows = await sql<EventCard[]>`
			select ${CARD(sql)}
			from public.events e
			left join public.countries c on c.code = e.country_code
			where e.until_at > now()
			  and ${kind ? sql`e.kind = ${kind}` : sql`true`}
			  and ${format ? sql`e.format = ${format}` : sql`true`}
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
	});

/** One event as the viewer may see it, or null when there is none or it is not theirs to see. */
export const get = (viewer: Claims | null, id: string): Promise<EventDetails | null> =>
	withViewer(viewer, async (sql) => {
		const [event] = await sql<Omit<EventDetails, 'mine' | 'join_url' | 'manages' | 'waitlisted'>[]>`
			select ${CARD(sql)}, e.description, e.venue_address, e.languages
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

/** Whether the person may add events (a coordinator of some programme, or an admin). */
export const mayAdd = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ may: boolean }[]>`
			select (select private.is_platform_admin()) or (select private.coordinates_any()) as may
		`;
		return row?.may ?? false;
	});

export type OrganiserChoice = { value: string; label: string };

/**
 * What the new event form offers: as its first organiser, the programmes the person coordinates
 * (every programme and organisation for an admin); as co-organisers, any programme or organisation.
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
		const [row] = await sql<{ id: string; slug: string }[]>`
			insert into public.events (slug, title, description, kind, format, venue_name, venue_address,
			  venue_city, country_code, time_zone, all_day, starts_at, ends_at, starts_on, ends_on,
			  capacity, visibility)
			values (${event.slug}, ${event.title}, ${event.description}, ${event.kind}, ${event.format},
			  ${event.format === 'online' ? null : event.venue_name},
			  ${event.format === 'online' ? null : event.venue_address},
			  ${event.format === 'online' ? null : event.venue_city},
			  ${event.format === 'online' ? null : event.country_code},
			  ${event.time_zone}, ${event.all_day}, ${event.starts_at}, ${event.ends_at},
			  ${event.starts_on}, ${event.ends_on}, ${event.capacity}, ${event.visibility})
			returning id, slug
		`;
		const id = row!.id;
		// The first organiser alone first: the policy lets co-organisers in once it is organised.
		for (const organiser of [event.organiser, ...event.co_organisers]) {
			await sql`
				insert into public.event_organisers (event_id, programme_id, organisation_id)
				values (${id}, ${organiser.kind === 'programme' ? organiser.id : null},
				        ${organiser.kind === 'organisation' ? organiser.id : null})
			`;
		}
		if (event.join_url && event.format !== 'in-person') {
			await sql`insert into public.event_join_links (event_id, join_url) values (${id}, ${event.join_url})`;
		}
		return row!;
	});

/** The columns a feed needs (see server/events/ical.ts). */
const FEED = (sql: Parameters<Parameters<typeof withUser>[1]>[0]) => sql`
	e.id, e.slug, e.title, e.description, e.status, e.format, e.venue_name, e.venue_address,
	e.venue_city, e.time_zone, e.all_day, e.starts_at, e.ends_at, e.starts_on::text as starts_on,
	e.ends_on::text as ends_on, e.sequence, e.updated_at
`;

/**
 * What a feed holds: the events the viewer may see from a month ago on (a calendar keeps what was
 * recently there, cancelled ones as cancelled), at most `limit`, in order of start.
 */
export const feed = (viewer: Claims | null, { limit = 2000 }: { limit?: number } = {}) =>
	withViewer(
		viewer,
		(sql) => sql<FeedEvent[]>`
			select ${FEED(sql)}
			from public.events e
			where e.until_at > now() - interval '31 days'
			order by e.sort_at, e.id
			limit ${limit}
		`
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
			where e.until_at > now() - interval '31 days'
			  and (
			    exists (select 1 from public.event_rsvps r
			            where r.event_id = e.id and r.profile_id = ${owner.sub}
			              and r.response in ('going', 'interested'))
			    or exists (select 1 from public.event_organisers o
			               join public.memberships m on m.programme_id = o.programme_id
			               where o.event_id = e.id and m.profile_id = ${owner.sub} and m.status = 'verified')
			  )
			order by e.sort_at, e.id
			limit 2000
		`
	);
}
