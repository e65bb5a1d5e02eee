/**
 * What is sent about events: an organiser's announcement, updates and cancellation notices (rows
 * of public.event_dispatches, see supabase/migrations/…_event_messages.sql), and reminders a day
 * and an hour before; each person's settings for them. The job's queries run as the service (a
 * background job, writing other people's notifications and the service-only outbox) and say so;
 * each delivery is recorded once per (event, person, kind, SEQUENCE) before its notification and
 * mail are written, in the same transaction, so a message is never sent twice.
 */
import type { PendingQuery, Row } from 'postgres';
import { asService, withUser, type Claims, type Tx } from './client';

export type MessageKind =
	'announcement' | 'update' | 'cancellation' | 'reminder_day' | 'reminder_hour';

export type MessageSettings = { announcements: boolean; day_before: boolean; hour_before: boolean };

export const DEFAULT_SETTINGS: MessageSettings = {
	announcements: true,
	day_before: true,
	hour_before: false
};

/** The person's settings (the defaults when they never chose). */
export const settings = (user: Claims) =>
	withUser(user, async (sql) => {
		const [row] = await sql<MessageSettings[]>`
			select announcements, day_before, hour_before from public.event_message_settings
			where profile_id = ${user.sub}
		`;
		return row ?? DEFAULT_SETTINGS;
	});

/** Saves the person's settings. */
export const saveSettings = (user: Claims, chosen: MessageSettings) =>
	withUser(
		user,
		(sql) => sql`
			insert into public.event_message_settings (profile_id, announcements, day_before, hour_before)
			values (${user.sub}, ${chosen.announcements}, ${chosen.day_before}, ${chosen.hour_before})
			on conflict (profile_id) do update
			set announcements = excluded.announcements, day_before = excluded.day_before,
			    hour_before = excluded.hour_before, updated_at = now()
		`
	);

/** An organiser asks for the announcement: true the first time, false when it was asked before. */
export const announce = (user: Claims, event: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ asked: boolean }[]>`select private.announce_event(${event}) as asked`;
		return row?.asked ?? false;
	});

/** When the event's announcement was asked for and sent, for its organisers (null: never asked). */
export const announcement = (user: Claims, event: string) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ created_at: Date; done_at: Date | null; sent: number | null }[]>`
			select created_at, done_at, sent from public.event_dispatches
			where event_id = ${event} and kind = 'announcement'
		`;
		return row ?? null;
	});

/** One person to write to about one event, with what the mail needs. */
export type Recipient = {
	profile_id: string;
	email: string;
	display_name: string;
	locale: string | null;
	time_zone: string | null;
};

export type MessageEvent = {
	id: string;
	slug: string;
	title: string;
	status: string;
	time_zone: string;
	all_day: boolean;
	starts_at: Date | null;
	ends_at: Date | null;
	starts_on: string | null;
	ends_on: string | null;
	venue_name: string | null;
	venue_city: string | null;
	sequence: number;
};

/** A batch of messages of one kind about one event, to the people newly recorded as sent it. */
export type Batch = { kind: MessageKind; event: MessageEvent; recipients: Recipient[] };

const EVENT_COLUMNS = (sql: Tx) => sql`
	e.id, e.slug, e.title, e.status, e.time_zone, e.all_day, e.starts_at, e.ends_at,
	e.starts_on::text as starts_on, e.ends_on::text as ends_on, e.venue_name, e.venue_city, e.sequence
`;

/** Records deliveries (once each) and returns the people newly recorded, with their address. */
async function deliver(
	sql: Tx,
	event: MessageEvent,
	kind: MessageKind,
	candidates: PendingQuery<Row[]>
): Promise<Recipient[]> {
	return sql<Recipient[]>`
		with fresh as (
			insert into public.event_deliveries (event_id, profile_id, kind, sequence)
			select ${event.id}, c.profile_id, ${kind}, ${event.sequence} from (${candidates}) c
			on conflict do nothing
			returning profile_id
		)
		select f.profile_id, u.email, p.display_name, p.locale, p.time_zone
		from fresh f
		join public.profiles p on p.id = f.profile_id
		join auth.users u on u.id = f.profile_id
		where u.email is not null
		order by f.profile_id
	`;
}

/**
 * Who an announcement is for: the verified members of the organising programmes (and of the
 * programmes of organising organisations) and the members of the organising spaces who are not
 * suspended, now, who did not turn announcements off.
 */
const announcementCandidates = (sql: Tx, event: string) => sql`
	select a.profile_id
	from (
		select m.profile_id
		from public.event_organisers o
		left join public.programmes p on p.organisation_id = o.organisation_id
		join public.memberships m on m.programme_id = coalesce(o.programme_id, p.id) and m.status = 'verified'
		where o.event_id = ${event}
		union
		select m.profile_id
		from public.event_organisers o
		join public.space_members m on m.space_id = o.space_id
		where o.event_id = ${event} and (m.suspended_until is null or m.suspended_until <= now())
	) a
	left join public.event_message_settings s on s.profile_id = a.profile_id
	where coalesce(s.announcements, true)
`;

/** Who an update or a cancellation notice is for: the people going (waitlisted too) or interested. */
const answeredCandidates = (sql: Tx, event: string) => sql`
	select r.profile_id from public.event_rsvps r
	where r.event_id = ${event} and r.response in ('going', 'interested')
`;

/**
 * Takes the next dispatch no other instance holds (`for update skip locked`), records its
 * deliveries and hands them to `send` (which writes the notifications and mails) in the same
 * transaction, then marks it done; false when none is due. A failure rolls it all back: the row
 * waits for the next run.
 */
export const dispatchNext = (send: (sql: Tx, batch: Batch) => Promise<void>) =>
	// As the service: a background job, writing other people's notifications and the outbox.
	asService(async (sql) => {
		const [due] = await sql<{ id: string; event_id: string; kind: MessageKind }[]>`
			select id, event_id, kind from public.event_dispatches
			where done_at is null
			order by created_at, id
			limit 1
			for update skip locked
		`;
		if (!due) return false;
		const [event] = await sql<MessageEvent[]>`
			select ${EVENT_COLUMNS(sql)} from public.events e where e.id = ${due.event_id}
		`;
		let recipients: Recipient[] = [];
		// A change that is out of date (the event changed again since) is left to the newer row.
		const current =
			event &&
			(due.kind === 'announcement'
				? event.status !== 'cancelled'
				: (due.kind === 'cancellation') === (event.status === 'cancelled'));
		if (event && current) {
			const candidates =
				due.kind === 'announcement'
					? announcementCandidates(sql, event.id)
					: answeredCandidates(sql, event.id);
			recipients = await deliver(sql, event, due.kind, candidates);
			await send(sql, { kind: due.kind, event, recipients });
		}
		await sql`
			update public.event_dispatches set done_at = now(), sent = ${recipients.length}
			where id = ${due.id}
		`;
		return true;
	});

/**
 * Reminders due now: for each event starting within a day (or an hour), not cancelled, the
 * people with a seat who want that reminder and were not reminded of this time yet. At most
 * `limit` events per run; the rest wait for the next.
 */
export const remindDue = (
	kind: 'reminder_day' | 'reminder_hour',
	send: (sql: Tx, batch: Batch) => Promise<void>,
	limit = 50
) =>
	// As the service: a background job, writing other people's notifications and the outbox.
	asService(async (sql) => {
		const within = kind === 'reminder_day' ? '24 hours' : '1 hour';
		const wants =
			kind === 'reminder_day'
				? sql`coalesce(s.day_before, true)`
				: sql`coalesce(s.hour_before, false)`;
		const events = await sql<MessageEvent[]>`
			select ${EVENT_COLUMNS(sql)} from public.events e
			where e.sort_at > now() and e.sort_at <= now() + ${within}::interval
			  and e.status <> 'cancelled'
			  and exists (
			    select 1 from public.event_rsvps r
			    left join public.event_message_settings s on s.profile_id = r.profile_id
			    left join public.event_deliveries d
			      on d.event_id = r.event_id and d.profile_id = r.profile_id and d.kind = ${kind}
			     and d.sequence = e.sequence
			    where r.event_id = e.id and r.response = 'going' and r.waitlist_position is null
			      and ${wants} and d.event_id is null)
			order by e.sort_at, e.id
			limit ${limit}
		`;
		let sent = 0;
		for (const event of events) {
			const candidates = sql`
				select r.profile_id from public.event_rsvps r
				left join public.event_message_settings s on s.profile_id = r.profile_id
				where r.event_id = ${event.id} and r.response = 'going' and r.waitlist_position is null
				  and ${wants}
			`;
			const recipients = await deliver(sql, event, kind, candidates);
			await send(sql, { kind, event, recipients });
			sent += recipients.length;
		}
		return sent;
	});
