/**
 * Discussion spaces: the list with what is new for the viewer, one space, joining, leaving and
 * how closely a person follows a space. RLS decides who sees and changes what
 * (supabase/migrations/…_spaces.sql); these queries shape it.
 */
import type { Proposal } from '$lib/schemas/spaces';
import type { SpaceKind, SpaceVisibility, WatchLevel } from '$lib/words/spaces';
import { proposeSlug } from '$lib/slug';
import { refusedWith } from './errors';
import { withUser, withViewer, type Claims, type Tx } from './client';

/** How far back a thread someone has not opened still counts as new for them. */
export const NEW_FOR_DAYS = 14;

/** A space as every page about it says it, with the viewer's place in it. */
type SpaceBase = {
	id: string;
	slug: string;
	kind: SpaceKind;
	name: string;
	description: string | null;
	text_language: string;
	visibility: SpaceVisibility;
	thread_count: number;
	post_count: number;
	last_posted_at: Date | null;
	/** The viewer's place in it (null: not a member, or a visitor). */
	my_role: 'member' | 'moderator' | null;
	watch_level: WatchLevel | null;
	/** Whether the viewer may read its threads (a private space's are its members'). */
	readable: boolean;
};

/** A space's card on /spaces: with what is new for the viewer. */
export type SpaceCard = SpaceBase & {
	/** Threads started since the viewer joined (in the last NEW_FOR_DAYS days) that they have not opened. */
	new_threads: number;
	/** Threads the viewer has opened that have posts since, where they track or watch. */
	unread_threads: number;
};

/** One space, for its own pages (its threads' list says what is new thread by thread). */
export type Space = SpaceBase & {
	programme_slug: string | null;
	suspended_until: Date | null;
	/** Whether the viewer may start threads and reply (a member, not suspended). */
	can_post: boolean;
	/** Whether the viewer moderates it. */
	moderates: boolean;
	/** Whether a signed-in person who is not a member may join it by themselves. */
	open_to_join: boolean;
	member_count: number;
};

const BASE = (sql: Tx) => sql`
	s.id, s.slug, s.kind, s.name, s.description, s.text_language, s.visibility, s.thread_count,
	s.post_count, s.last_posted_at, m.role as my_role, m.watch_level,
	s.id = any ((select private.readable_space_ids())::uuid[]) as readable
`;

const MEMBERSHIP = (sql: Tx) => sql`
	left join public.space_members m on m.space_id = s.id and m.profile_id = (select auth.uid())
`;

/**
 * The viewer's new and unread counts per space, as kept (public.space_counts) while still true,
 * else counted: one lateral look at the threads active since they joined (bounded by
 * NEW_FOR_DAYS for the new ones), joined to their read state. A member of twenty spaces costs
 * twenty index range scans the first time, and then only for the spaces where something happened.
 */
const COUNTS = (sql: Tx) => sql`
	left join public.space_counts c on c.space_id = s.id and c.profile_id = m.profile_id
		and c.counted_for is not distinct from s.last_posted_at
		and (c.new_until is null or c.new_until > now())
	left join lateral (
		select
			count(*) filter (where ${NEW(sql)}) as new_threads,
			min(t.created_at) filter (where ${NEW(sql)}) + make_interval(days => ${NEW_FOR_DAYS}) as new_until,
			count(*) filter (
				where r.last_read_number < t.last_post_number
				  and coalesce(r.watch_level, m.watch_level) in ('watching', 'tracking')
			) as unread_threads
		from public.threads t
		left join public.thread_reads r on r.thread_id = t.id and r.profile_id = m.profile_id
		-- Said inside, not as the join's condition: the database would count first and then
		-- throw the counts away. Outside a membership, joined_at is null and nothing is read.
		where ${STALE(sql)}
		  and t.space_id = s.id
		  and t.last_posted_at > m.joined_at
	) u on true
`;

/** Whether the viewer's counts of the space are to be made (a member, not muted, none kept). */
const STALE = (sql: Tx) => sql`
	(m.profile_id is not null and m.watch_level <> 'muted' and c.profile_id is null)
`;

/** A thread that is new for the member: started since they joined, lately, by someone else, unopened. */
const NEW = (sql: Tx) => sql`
	r.profile_id is null
	and t.created_at > greatest(m.joined_at, now() - make_interval(days => ${NEW_FOR_DAYS}))
	and t.author_id is distinct from m.profile_id
`;

/** A card with what its counts were counted for: the space's last post exactly (microseconds). */
type Counted = SpaceCard & { counted: boolean; new_until: Date | null; seen: string | null };

/** Every open space the viewer may see listed: theirs first, then by kind and name. */
export const list = (viewer: Claims | null): Promise<SpaceCard[]> =>
	withViewer(viewer, async (sql) => {
		const mine = viewer !== null;
		const rows = await sql<Counted[]>`
			select ${BASE(sql)},
				${mine ? STALE(sql) : sql`false`} as counted, s.last_posted_at::text as seen,
				${mine ? sql`u.new_until` : sql`null::timestamptz`} as new_until,
				${mine ? sql`coalesce(c.new_threads, u.new_threads, 0)::int` : sql`0`} as new_threads,
				${mine ? sql`coalesce(c.unread_threads, u.unread_threads, 0)::int` : sql`0`} as unread_threads
			from public.spaces s
			${MEMBERSHIP(sql)}
			${mine ? COUNTS(sql) : sql``}
			where s.status = 'open'
			order by m.profile_id is null, s.last_posted_at desc nulls last, s.name, s.id
		`;
		const counted = rows.filter((r) => r.counted);
		if (counted.length) await keepCounts(sql, counted);
		return rows.map(({ counted: _, new_until: __, seen: ___, ...card }) => card);
	});

/** Keeps the counts just made, with what they were counted for (the space's last post as seen). */
function keepCounts(sql: Tx, rows: Counted[]) {
	return sql`
		insert into public.space_counts (profile_id, space_id, counted_for, new_until, new_threads, unread_threads)
		select (select auth.uid()), x.space_id, x.counted_for, x.new_until, x.new_threads, x.unread_threads
		from unnest(
			${rows.map((r) => r.id)}::uuid[],
			${rows.map((r) => r.seen)}::timestamptz[],
			${rows.map((r) => r.new_until?.toISOString() ?? null)}::timestamptz[],
			${rows.map((r) => r.new_threads)}::int[],
			${rows.map((r) => r.unread_threads)}::int[]
		) as x (space_id, counted_for, new_until, new_threads, unread_threads)
		on conflict (profile_id, space_id) do update
		set counted_for = excluded.counted_for, new_until = excluded.new_until,
			new_threads = excluded.new_threads, unread_threads = excluded.unread_threads
	`;
}

/** One space as the viewer may see it, or null when there is none or it is not theirs to see. */
export const get = (viewer: Claims | null, slug: string): Promise<Space | null> =>
	withViewer(viewer, async (sql) => {
		const [space] = await sql<Space[]>`
			select ${BASE(sql)}, p.slug as programme_slug, m.suspended_until,
				private.can_post_in_space(s.id) as can_post,
				private.is_space_moderator(s.id) as moderates,
				(m.profile_id is null and (select auth.uid()) is not null and private.is_open_to_join(s.id)) as open_to_join,
				(select count(*)::int from public.space_members x where x.space_id = s.id) as member_count
			from public.spaces s
			left join public.programmes p on p.id = s.programme_id
			${MEMBERSHIP(sql)}
			where s.slug = ${slug}
		`;
		return space ?? null;
	});

/** Joins an open space (RLS refuses a private one, or one of a programme). */
export const join = (user: Claims, spaceId: string): Promise<boolean> =>
	withUser(user, (sql) => joinWithin(sql, user, spaceId));

/**
 * Joins within a transaction that goes on to post: someone who writes in an open space they have
 * not joined becomes its member. True when they are one afterwards.
 */
export async function joinWithin(sql: Tx, user: Claims, spaceId: string): Promise<boolean> {
	const [joined] = await sql<{ open: boolean }[]>`
		select private.is_open_to_join(${spaceId}) as open
	`;
	if (!joined?.open) return false;
	await sql`
		insert into public.space_members (space_id, profile_id)
		values (${spaceId}, ${user.sub})
		on conflict (space_id, profile_id) do nothing
	`;
	return true;
}

/** Leaves a space (not one that follows a programme's membership: RLS keeps those). */
export const leave = (user: Claims, spaceId: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const gone = await sql`
			delete from public.space_members
			where space_id = ${spaceId} and profile_id = ${user.sub}
			returning space_id
		`;
		return gone.length === 1;
	});

/** Sets how closely the person follows a space they belong to. */
export const watch = (user: Claims, spaceId: string, level: WatchLevel): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.space_members set watch_level = ${level}
			where space_id = ${spaceId} and profile_id = ${user.sub}
			returning space_id
		`;
		return done.length === 1;
	});

export type SpaceChoice = { id: string; slug: string; name: string };

/** The open spaces the viewer moderates (where a moderator may move a thread). */
export const moderated = (user: Claims): Promise<SpaceChoice[]> =>
	withUser(user, (sql) =>
		sql<SpaceChoice[]>`
			select s.id, s.slug, s.name from public.spaces s
			where s.status = 'open' and private.is_space_moderator(s.id)
			order by s.name, s.id
		`.then((rows) => [...rows])
	);

export type Proposed = {
	id: string;
	slug: string;
	name: string;
	description: string | null;
	text_language: string;
	visibility: SpaceVisibility;
	status: 'proposed' | 'declined';
	decline_reason: string | null;
	created_at: Date;
	proposer_name: string | null;
};

/**
 * Proposes a working group (status proposed, the proposer named; RLS allows three waiting per
 * person). Its address is its name's, or the first free one after it.
 */
export const propose = (
	user: Claims,
	proposal: Proposal
): Promise<{ slug: string } | 'too-many' | 'not-allowed'> =>
	withUser(user, async (sql) => {
		const [waiting] = await sql<{ n: number }[]>`
			select count(*)::int as n from public.spaces
			where proposed_by = ${user.sub} and status = 'proposed'
		`;
		if ((waiting?.n ?? 0) >= PROPOSALS_WAITING) return 'too-many';
		const base = proposeSlug(proposal.name, 70) || 'working-group';
		// The first free address: another's proposal may hold one the proposer cannot see.
		for (let n = 1; n <= 20; n += 1) {
			const slug = n === 1 ? base : `${base}-${n}`;
			if (RESERVED.has(slug)) continue;
			try {
				const [made] = await sql.savepoint(
					(sql) => sql<{ slug: string }[]>`
						insert into public.spaces (slug, kind, name, description, text_language, visibility, status, proposed_by)
						values (${slug}, 'working_group', ${proposal.name}, ${proposal.description},
							${proposal.text_language ?? 'en'}, ${proposal.visibility}, 'proposed', ${user.sub})
						returning slug
					`
				);
				return { slug: made!.slug };
			} catch (error) {
				const refusal = refusedWith(error, 'alreadyThere', 'notAllowed');
				if (refusal === 'notAllowed') return 'not-allowed';
				if (!refusal) throw error;
			}
		}
		return 'not-allowed';
	});

/** The spaces' own pages, which no space's address may be (the database's check says the same). */
const RESERVED = new Set(['search', 'propose', 'proposals']);

/** How many of a person's proposals may wait at once (the insert policy says the same). */
export const PROPOSALS_WAITING = 3;

const PROPOSED = (sql: Tx) => sql`
	s.id, s.slug, s.name, s.description, s.text_language, s.visibility, s.status, s.decline_reason,
	s.created_at, p.display_name as proposer_name
`;

/** The person's own proposals that wait or were declined (approved ones are spaces). */
export const myProposals = (user: Claims): Promise<Proposed[]> =>
	withUser(user, (sql) =>
		sql<Proposed[]>`
			select ${PROPOSED(sql)}
			from public.spaces s left join public.profiles p on p.id = s.proposed_by
			where s.proposed_by = ${user.sub} and s.status in ('proposed', 'declined')
			order by s.created_at desc, s.id
		`.then((rows) => [...rows])
	);

/** Every proposal waiting, oldest first, for an admin (RLS: nobody else reads others'). */
export const waitingProposals = (user: Claims): Promise<Proposed[]> =>
	withUser(user, (sql) =>
		sql<Proposed[]>`
			select ${PROPOSED(sql)}
			from public.spaces s left join public.profiles p on p.id = s.proposed_by
			where s.status = 'proposed' and s.kind = 'working_group'
			order by s.created_at, s.id
		`.then((rows) => [...rows])
	);

/**
 * An admin approves (the proposer moderates it; told) or declines with a reason (told). False
 * when it was decided meanwhile, or the person is not an admin (the database refuses).
 */
export const decideProposal = (
	user: Claims,
	spaceId: string,
	decision: 'open' | 'declined',
	reason: string | null
): Promise<boolean> =>
	withUser(user, async (sql) => {
		try {
			const rows = await sql.savepoint(
				(sql) => sql`
					update public.spaces
					set status = ${decision}, decline_reason = ${decision === 'declined' ? reason : null}
					where id = ${spaceId} and status = 'proposed' and kind = 'working_group'
					returning id
				`
			);
			return rows.length === 1;
		} catch (error) {
			if (refusedWith(error, 'notAllowed')) return false;
			throw error;
		}
	});

/** A cohort of a programme and its space, if it has one. */
export type CohortSpace = {
	cohort_id: string;
	edition: string;
	slug: string | null;
	name: string | null;
	visibility: SpaceVisibility | null;
	/** Whether the viewer may read it (a private one's are its members'). */
	readable: boolean;
};

/**
 * A programme's cohorts with their spaces, newest first: the ones that have a space, for
 * everyone; every cohort for the programme's coordinators, who may open a space for one.
 */
export const cohortSpaces = (
	viewer: Claims | null,
	programmeSlug: string
): Promise<CohortSpace[]> =>
	withViewer(viewer, async (sql) => [
		...(await sql<CohortSpace[]>`
			select c.id as cohort_id, c.edition, s.slug, s.name, s.visibility,
				coalesce(s.id = any ((select private.readable_space_ids())::uuid[]), false) as readable
			from public.programmes p
			join public.cohorts c on c.programme_id = p.id
			left join public.spaces s on s.cohort_id = c.id and s.kind = 'cohort' and s.status = 'open'
			where p.slug = ${programmeSlug}
			  and (s.id is not null or ${viewer ? sql`private.is_coordinator_of(p.id)` : sql`false`})
			order by c.starts_on desc, c.edition desc
		`)
	]);

/**
 * A coordinator opens a space for one of their programme's cohorts, named after the programme
 * and the edition, in the programme's space's language. Its verified people are its members (the
 * database keeps that true), its coordinators moderate it. The slug of the new space, 'taken'
 * when the cohort has one already, or null when it is not theirs to open (RLS).
 */
export const openCohortSpace = (
	user: Claims,
	programmeSlug: string,
	values: { cohort: string; visibility: SpaceVisibility }
): Promise<string | 'taken' | null> =>
	withUser(user, async (sql) => {
		const [cohort] = await sql<{ programme_id: string; name: string; language: string }[]>`
			select p.id as programme_id, p.name || ' ' || c.edition as name,
				coalesce(ps.text_language, 'en') as language
			from public.programmes p
			join public.cohorts c on c.programme_id = p.id and c.id = ${values.cohort}
			left join public.spaces ps on ps.programme_id = p.id and ps.kind = 'programme'
			where p.slug = ${programmeSlug}
		`;
		if (!cohort) return null;
		const taken = await sql`select 1 from public.spaces where cohort_id = ${values.cohort}`;
		if (taken.length) return 'taken';
		const base = proposeSlug(cohort.name);
		const clash = await sql`select 1 from public.spaces where slug = ${base}`;
		const slug = clash.length ? `${base.slice(0, 71)}-${values.cohort.slice(0, 8)}` : base;
		try {
			await sql.savepoint(
				(sp) =>
					sp`
					insert into public.spaces (slug, kind, name, text_language, visibility, status,
						programme_id, cohort_id)
					values (${slug}, 'cohort', ${cohort.name}, ${cohort.language}, ${values.visibility},
						'open', ${cohort.programme_id}, ${values.cohort})
				`
			);
		} catch (error) {
			const refused = refusedWith(error, 'notAllowed', 'alreadyThere');
			if (refused === 'alreadyThere') return 'taken';
			if (refused) return null;
			throw error;
		}
		return slug;
	});
