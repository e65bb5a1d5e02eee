/**
 * The track's timetable: rooms, slots, the draft's placements, saved versions and publication
 * (supabase/migrations/20261222000100_track_timetable.sql). RLS lets admins edit and everyone read
 * the published version only; the exclusion constraint refuses a room holding two sessions at
 * once, and private.track_publish_timetable turns a saved version into the calendar's events.
 */
import postgres from 'postgres';
import { refusedWith } from './errors';
import { asServiceWithin, withUser, withViewer, type Claims, type Tx } from './client';

export type Room = {
	id: string;
	name: string;
	kind: 'onsite' | 'online';
	capacity: number | null;
	position: number;
};

export type Slot = { id: string; starts_at: Date; ends_at: Date };

export type Version = {
	id: string;
	state: 'draft' | 'saved';
	number: number | null;
	note: string | null;
	is_published: boolean;
	published_at: Date | null;
	saved_at: Date | null;
	placements: number;
};

export type SessionSpeaker = { proposal_id: string; profile_id: string | null; name: string };

export type Placement = {
	id: string;
	proposal_id: string;
	title: string;
	format: string | null;
	duration_minutes: number | null;
	room_id: string;
	starts_at: Date;
	ends_at: Date;
};

export type AcceptedProposal = {
	id: string;
	title: string;
	format: string | null;
	duration_minutes: number | null;
};

/** The cycle's draft version, made when first asked for (admins). */
const draftOf = async (sql: postgres.TransactionSql, cycleId: string) => {
	await sql`
		insert into public.track_timetable_versions (cycle_id) values (${cycleId})
		on conflict (cycle_id) where state = 'draft' do nothing
	`;
	const [row] = await sql<{ id: string }[]>`
		select id from public.track_timetable_versions where cycle_id = ${cycleId} and state = 'draft'
	`;
	return row!.id;
};

/** What the admins' timetable page shows: rooms, slots, versions, the draft and what to place. */
export const board = (user: Claims, cycleId: string) =>
	withUser(user, async (sql) => {
		const draft = await draftOf(sql, cycleId);
		const [rooms, slots, versions, placements, accepted, speakers] = await Promise.all([
			sql<Room[]>`
				select id, name, kind, capacity, position from public.track_rooms
				where cycle_id = ${cycleId} order by position, name
			`,
			sql<Slot[]>`
				select id, starts_at, ends_at from public.track_slots
				where cycle_id = ${cycleId} order by starts_at
			`,
			sql<Version[]>`
				select v.id, v.state, v.number, v.note, v.is_published, v.published_at, v.saved_at,
				       (select count(*)::int from public.track_placements p where p.version_id = v.id) as placements
				from public.track_timetable_versions v
				where v.cycle_id = ${cycleId}
				order by v.number desc nulls first
			`,
			sql<Placement[]>`
				select pl.id, pl.proposal_id, p.title, p.format, p.duration_minutes, pl.room_id,
				       pl.starts_at, pl.ends_at
				from public.track_placements pl
				join public.track_proposals p on p.id = pl.proposal_id
				where pl.version_id = ${draft}
				order by pl.starts_at, pl.room_id
			`,
			sql<AcceptedProposal[]>`
				select id, title, format, duration_minutes from public.track_proposals
				where cycle_id = ${cycleId} and status = 'accepted'
				order by title, id
			`,
			sql<SessionSpeaker[]>`
				select s.proposal_id, s.profile_id, s.name
				from public.track_speakers s
				join public.track_proposals p on p.id = s.proposal_id
				where p.cycle_id = ${cycleId} and p.status = 'accepted'
				order by s.proposal_id, s.position
			`
		]);
		return { draft, rooms, slots, versions, placements, accepted, speakers };
	});

export type RoomValues = { name: string; kind: 'onsite' | 'online'; capacity: number | null };

/** Adds a room; 'taken' when the cycle has one by that name. */
export const addRoom = (user: Claims, cycleId: string, room: RoomValues) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ next: number }[]>`
			select coalesce(max(position) + 1, 0)::int as next from public.track_rooms where cycle_id = ${cycleId}
		`;
		const next = row!.next;
		await sql`
			insert into public.track_rooms (cycle_id, name, kind, capacity, position)
			values (${cycleId}, ${room.name}, ${room.kind}, ${room.kind === 'onsite' ? room.capacity : null}, ${next})
		`;
		return 'added' as const;
	}).catch((error: unknown) => {
		if (refusedWith(error, 'alreadyThere')) return 'taken' as const;
		throw error;
	});

/** Removes a room and its sessions in the draft (admins); false when it was not there. */
export const removeRoom = (user: Claims, cycleId: string, roomId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.track_rooms where id = ${roomId} and cycle_id = ${cycleId}
			and not exists (
				select 1 from public.track_placements pl
				join public.track_timetable_versions v on v.id = pl.version_id and v.state = 'saved'
				where pl.room_id = ${roomId}
			)
			returning id
		`;
		return rows.length === 1;
	});

/** Adds a slot; 'overlaps' when it overlaps another slot of the cycle. */
export const addSlot = (user: Claims, cycleId: string, startsAt: Date, endsAt: Date) =>
	withUser(user, async (sql) => {
		await sql`
			insert into public.track_slots (cycle_id, starts_at, ends_at)
			values (${cycleId}, ${startsAt}, ${endsAt})
		`;
		return 'added' as const;
	}).catch((error: unknown) => {
		if (refusedWith(error, 'overlaps')) return 'overlaps' as const;
		throw error;
	});

export const removeSlot = (user: Claims, cycleId: string, slotId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.track_slots where id = ${slotId} and cycle_id = ${cycleId} returning id
		`;
		return rows.length === 1;
	});

export type PlaceOutcome = 'placed' | 'room-taken' | 'not-placeable';

/**
 * Places a session in the draft, or moves it there: the room from the instant, for the
 * proposal's duration. 'room-taken' when the room holds another session then (the exclusion
 * constraint), 'not-placeable' when the proposal is not an accepted one of the cycle or the room
 * not the cycle's.
 */
export const place = (
	user: Claims,
	cycleId: string,
	values: { proposal_id: string; room_id: string; starts_at: Date }
): Promise<PlaceOutcome> =>
	withUser(user, async (sql) => {
		const draft = await draftOf(sql, cycleId);
		await sql`
			insert into public.track_placements (version_id, proposal_id, room_id, starts_at)
			values (${draft}, ${values.proposal_id}, ${values.room_id}, ${values.starts_at})
			on conflict on constraint track_placements_once do update
			set room_id = excluded.room_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at
		`;
		return 'placed' as const;
	}).catch((error: unknown) => {
		if (refusedWith(error, 'overlaps')) return 'room-taken' as const;
		if (refusedWith(error, 'breaksARule', 'notThere')) return 'not-placeable' as const;
		if (error instanceof postgres.PostgresError && error.code === '23503') return 'not-placeable';
		throw error;
	});

/** Takes a session off the draft; false when it was not on it. */
export const unplace = (user: Claims, cycleId: string, placementId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.track_placements pl
			using public.track_timetable_versions v
			where pl.id = ${placementId} and v.id = pl.version_id and v.cycle_id = ${cycleId} and v.state = 'draft'
			returning pl.id
		`;
		return rows.length === 1;
	});

/** Saves the draft as a new numbered version; returns its number. */
export const saveVersion = (user: Claims, cycleId: string, note: string | null) =>
	withUser(user, async (sql) => {
		await draftOf(sql, cycleId);
		const [saved] = await sql<{ id: string }[]>`
			select private.track_save_timetable(${cycleId}, ${note}) as id
		`;
		const [row] = await sql<{ number: number }[]>`
			select number from public.track_timetable_versions where id = ${saved!.id}
		`;
		return row!.number;
	});

export type CopyOutcome = { number: number; copied: number; left: number } | 'gone';

/**
 * Copies a saved version of the cycle into the draft (admins): the draft's sessions are replaced
 * by the version's, but for those no longer accepted (withdrawn since, declined…), which are left
 * out and counted. 'gone' when no saved version of the cycle is there for the person. RLS decides
 * who writes the draft: for anyone but an admin the draft is refused (42501) and left as it was.
 */
export const copyVersion = (
	user: Claims,
	cycleId: string,
	versionId: string
): Promise<CopyOutcome> =>
	withUser(user, async (sql) => {
		const [version] = await sql<{ number: number; placements: number }[]>`
			select v.number,
			       (select count(*)::int from public.track_placements p where p.version_id = v.id) as placements
			from public.track_timetable_versions v
			where v.id = ${versionId} and v.cycle_id = ${cycleId} and v.state = 'saved'
		`;
		if (!version) return 'gone' as const;
		const draft = await draftOf(sql, cycleId);
		await sql`delete from public.track_placements where version_id = ${draft}`;
		const copied = await sql`
			insert into public.track_placements (version_id, proposal_id, room_id, starts_at, ends_at)
			select ${draft}, pl.proposal_id, pl.room_id, pl.starts_at, pl.ends_at
			from public.track_placements pl
			join public.track_proposals p on p.id = pl.proposal_id and p.status = 'accepted'
			where pl.version_id = ${versionId}
			returning id
		`;
		return {
			number: version.number,
			copied: copied.length,
			left: version.placements - copied.length
		};
	});

export type PublishOutcome = { told: number } | 'phase' | 'not-saved' | 'gone';

/** A session whose people a publication told: moved (its new time and room) or cancelled. */
export type ToldSession = {
	change: 'moved' | 'cancelled';
	proposal_id: string;
	title: string;
	cycle_slug: string;
	cycle_title: string;
	/** The venue's zone. */
	time_zone: string;
	starts_at: Date;
	ends_at: Date;
	room_name: string | null;
	room_kind: 'onsite' | 'online' | null;
	event_id: string;
	event_slug: string;
	recipients: {
		profile_id: string;
		display_name: string;
		email: string;
		locale: string | null;
		time_zone: string | null;
	}[];
};

/**
 * Publishes a saved version of the cycle (admins): its sessions become the calendar's events, and
 * the people of each moved or cancelled session are told (the function writes their notices and
 * says whom it told). `deliver` writes their mails in the same transaction, as the service (other
 * people's addresses), so a publication that rolls back mails nobody.
 */
export const publish = (
	user: Claims,
	cycleId: string,
	versionId: string,
	deliver: (sql: Tx, told: ToldSession[]) => Promise<void>
): Promise<PublishOutcome> =>
	withUser(user, async (sql) => {
		const [version] = await sql<{ id: string }[]>`
			select id from public.track_timetable_versions where id = ${versionId} and cycle_id = ${cycleId}
		`;
		if (!version) return 'gone' as const;
		const told = await sql<
			{ recipient: string; proposal: string; change: 'moved' | 'cancelled' }[]
		>`
			select t.recipient, t.proposal, t.change from private.track_publish_timetable(${versionId}) t
		`;
		if (!told.length) return { told: 0 };
		const proposals = [...new Set(told.map((t) => t.proposal))];
		const people = [...new Set(told.map((t) => t.recipient))];
		// As the service: the people told are no admin's to read row by row (addresses, languages,
		// zones), and the outbox is the service's.
		await asServiceWithin(sql, async (sql) => {
			const sessions = await sql<Omit<ToldSession, 'change' | 'recipients'>[]>`
				select p.id as proposal_id, p.title, c.slug as cycle_slug, c.title as cycle_title, c.time_zone,
				       se.starts_at, se.ends_at, r.name as room_name, r.kind as room_kind,
				       e.id as event_id, e.slug as event_slug
				from public.track_session_events se
				join public.track_proposals p on p.id = se.proposal_id
				join public.track_cycles c on c.id = se.cycle_id
				join public.events e on e.id = se.event_id
				left join public.track_rooms r on r.id = se.room_id
				where se.proposal_id = any(${sql.array(proposals)}::uuid[])
				order by se.starts_at, p.title
			`;
			const recipients = await sql<ToldSession['recipients']>`
				select pr.id as profile_id, pr.display_name, u.email, pr.locale, pr.time_zone
				from public.profiles pr join auth.users u on u.id = pr.id
				where pr.id = any(${sql.array(people)}::uuid[]) and u.email is not null
				order by pr.display_name, pr.id
			`;
			await deliver(
				sql,
				sessions.flatMap((s) => {
					const these = told.filter((t) => t.proposal === s.proposal_id);
					if (!these.length) return [];
					return [
						{
							...s,
							change: these[0]!.change,
							recipients: recipients.filter((r) => these.some((t) => t.recipient === r.profile_id))
						}
					];
				})
			);
		});
		return { told: told.length };
	}).catch((error: unknown) => {
		const refusal = refusedWith(error, 'trackPhaseClosed', 'noLongerWaiting', 'notThere');
		if (refusal === 'trackPhaseClosed') return 'phase' as const;
		if (refusal === 'noLongerWaiting') return 'not-saved' as const;
		if (refusal === 'notThere') return 'gone' as const;
		throw error;
	});

export type PublishedSession = {
	proposal_id: string;
	title: string;
	format: string | null;
	room_id: string;
	starts_at: Date;
	ends_at: Date;
	event_id: string | null;
	event_slug: string | null;
	speakers: { name: string; role: 'speaker' | 'moderator' }[];
};

/**
 * The published timetable of a cycle as the viewer may read it (everyone, once published): its
 * version, rooms and sessions with speakers and the event each became; null before publication.
 */
export const published = (viewer: Claims | null, cycleId: string) =>
	withViewer(viewer, async (sql) => {
		const [version] = await sql<{ id: string; number: number; published_at: Date }[]>`
			select id, number, published_at from public.track_timetable_versions
			where cycle_id = ${cycleId} and is_published
		`;
		if (!version) return null;
		const [rooms, sessions] = await Promise.all([
			sql<Room[]>`
				select id, name, kind, capacity, position from public.track_rooms
				where cycle_id = ${cycleId} order by position, name
			`,
			sql<PublishedSession[]>`
				select pl.proposal_id, p.title, p.format, pl.room_id, pl.starts_at, pl.ends_at,
				       e.id as event_id, e.slug as event_slug,
				       coalesce((
				         select jsonb_agg(jsonb_build_object('name', s.name, 'role', s.role) order by s.role desc, s.position)
				         from public.track_speakers s where s.proposal_id = p.id
				       ), '[]'::jsonb) as speakers
				from public.track_placements pl
				join public.track_proposals p on p.id = pl.proposal_id
				left join public.track_session_events se on se.proposal_id = pl.proposal_id
				left join public.events e on e.id = se.event_id
				where pl.version_id = ${version.id}
				order by pl.starts_at, pl.room_id
			`
		]);
		return { version, rooms, sessions };
	});

/** The track cycle an event is a published session of (its context on the event's page), or null. */
export const cycleOfEvent = (viewer: Claims | null, eventId: string) =>
	withViewer(viewer, async (sql) => {
		const [row] = await sql<{ slug: string; title: string }[]>`
			select c.slug, c.title from public.track_session_events se
			join public.track_cycles c on c.id = se.cycle_id
			where se.event_id = ${eventId}
		`;
		return row ?? null;
	});
