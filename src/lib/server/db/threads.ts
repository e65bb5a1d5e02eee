/**
 * Threads: a space's list (pinned first, then latest activity, keyset-paged), one thread with the
 * viewer's read state, starting one (with its opening post), what a person has read, and the
 * moderators' pin and lock. RLS decides who sees and changes what; these queries shape it.
 */
import { z } from 'zod';
import type { NewThread } from '$lib/schemas/spaces';
import type { WatchLevel } from '$lib/words/spaces';
import { proposeSlug } from '$lib/slug';
import { cursorCodec } from '$lib/server/cursor';
import { withUser, withViewer, type Claims } from './client';
import { postRefusal, type Refused } from './posts';
import { joinWithin } from './spaces';

export type ThreadCard = {
	id: string;
	number: number;
	slug: string;
	title: string;
	text_language: string;
	pinned: boolean;
	locked: boolean;
	post_count: number;
	last_post_number: number;
	last_posted_at: Date;
	created_at: Date;
	author_name: string | null;
	last_poster_name: string | null;
	/** The viewer's last read post number (null: never opened, or a visitor). */
	last_read_number: number | null;
};

export type Thread = ThreadCard & {
	space_id: string;
	space_slug: string;
	author_id: string | null;
	slow_mode_minutes: number | null;
	watch_level: WatchLevel | null;
};

/** Where a page of a space's threads ended: pinned or not, the last activity, the id. */
const threadCursor = z.object({ p: z.boolean(), at: z.iso.datetime(), id: z.uuid() });
export type ThreadCursor = z.infer<typeof threadCursor>;
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec(threadCursor);

export const PAGE = 30;

/** A page of a space's threads: pinned first, then by latest activity. */
export const inSpace = (
	viewer: Claims | null,
	spaceId: string,
	after?: ThreadCursor
): Promise<{ threads: ThreadCard[]; next: string | null }> =>
	withViewer(viewer, async (sql) => {
		// The order is the index's: (pinned_at is null) false first, then last_posted_at desc, id desc.
		const rows = await sql<(ThreadCard & { unpinned: boolean })[]>`
			select t.id, t.number, t.slug, t.title, t.text_language, t.pinned_at is not null as pinned,
				t.locked_at is not null as locked, t.post_count, t.last_post_number, t.last_posted_at,
				t.created_at, (t.pinned_at is null) as unpinned,
				(select a.display_name from private.author_in_space(t.author_id, t.space_id) a) as author_name,
				(select a.display_name from private.author_in_space(t.last_poster_id, t.space_id) a) as last_poster_name,
				r.last_read_number
			from public.threads t
			left join public.thread_reads r on r.thread_id = t.id and r.profile_id = (select auth.uid())
			where t.space_id = ${spaceId}
			  and ${
					after
						? sql`(((t.pinned_at is null) = ${!after.p}
						        and (t.last_posted_at, t.id) < (${after.at}::timestamptz, ${after.id}::uuid))
						       or (t.pinned_at is null) > ${!after.p})`
						: sql`true`
				}
			order by (t.pinned_at is null), t.last_posted_at desc, t.id desc
			limit ${PAGE + 1}
		`;
		const threads = rows.slice(0, PAGE).map(({ unpinned: _, ...thread }) => thread);
		const last = threads.at(-1);
		return {
			threads,
			next:
				rows.length > PAGE && last
					? encodeCursor({ p: last.pinned, at: last.last_posted_at.toISOString(), id: last.id })
					: null
		};
	});

/** One thread by its number, as the viewer may see it, or null. */
export const get = (viewer: Claims | null, number: number): Promise<Thread | null> =>
	withViewer(viewer, async (sql) => {
		const [thread] = await sql<Thread[]>`
			select t.id, t.number, t.slug, t.title, t.text_language, t.pinned_at is not null as pinned,
				t.locked_at is not null as locked, t.post_count, t.last_post_number, t.last_posted_at,
				t.created_at, t.space_id, s.slug as space_slug, t.author_id, t.slow_mode_minutes,
				(select a.display_name from private.author_in_space(t.author_id, t.space_id) a) as author_name,
				null::text as last_poster_name,
				r.last_read_number, r.watch_level
			from public.threads t
			join public.spaces s on s.id = t.space_id
			left join public.thread_reads r on r.thread_id = t.id and r.profile_id = (select auth.uid())
			where t.number = ${number}
		`;
		return thread ?? null;
	});

export type Started = { number: number; slug: string } | Refused;

/**
 * Starts a thread with its opening post, in one transaction: both or neither. Someone who writes
 * in an open space they have not joined joins it first.
 */
export const start = (user: Claims, spaceId: string, thread: NewThread): Promise<Started> =>
	withUser(user, async (sql) => {
		await joinWithin(sql, user, spaceId);
		const [allowed] = await sql<
			{ ok: boolean }[]
		>`select private.can_post_in_space(${spaceId}) as ok`;
		if (!allowed?.ok) return 'not-allowed';
		// Both in one savepoint: a refused opening post takes its thread with it.
		try {
			return await sql.savepoint(async (sql) => {
				const [created] = await sql<{ id: string; number: number; slug: string }[]>`
					insert into public.threads (space_id, author_id, title, slug, text_language)
					values (${spaceId}, ${user.sub}, ${thread.title}, ${proposeSlug(thread.title, 60) || 'thread'},
						coalesce(${thread.text_language ?? null}, (select s.text_language from public.spaces s where s.id = ${spaceId})))
					returning id, number, slug
				`;
				await sql`
					insert into public.posts (thread_id, author_id, body)
					values (${created!.id}, ${user.sub}, ${thread.body})
				`;
				return { number: Number(created!.number), slug: created!.slug };
			});
		} catch (error) {
			const refusal = postRefusal(error);
			if (refusal) return refusal;
			throw error;
		}
	});

/** Records that the person has read up to `number` (it only rises; the database keeps it so). */
export const markRead = (user: Claims, threadId: string, number: number): Promise<void> =>
	withUser(user, async (sql) => {
		await sql`
			insert into public.thread_reads (profile_id, thread_id, last_read_number)
			values (${user.sub}, ${threadId}, ${number})
			on conflict (profile_id, thread_id) do update
				set last_read_number = excluded.last_read_number
				where public.thread_reads.last_read_number < excluded.last_read_number
		`;
	});

/** Sets how closely the person follows a thread (null: as its space says). */
export const watch = (user: Claims, threadId: string, level: WatchLevel | null): Promise<void> =>
	withUser(user, async (sql) => {
		await sql`
			insert into public.thread_reads (profile_id, thread_id, watch_level)
			values (${user.sub}, ${threadId}, ${level})
			on conflict (profile_id, thread_id) do update set watch_level = excluded.watch_level
		`;
	});

/** A moderator pins or unpins, locks or unlocks a thread. False when it is not theirs to do. */
export const moderate = (
	user: Claims,
	threadId: string,
	change: { pinned?: boolean; locked?: boolean }
): Promise<boolean> =>
	withUser(user, async (sql) => {
		const [allowed] = await sql<{ ok: boolean }[]>`
			select private.is_space_moderator(t.space_id) as ok from public.threads t where t.id = ${threadId}
		`;
		if (!allowed?.ok) return false;
		const at = (on: boolean | undefined, column: 'pinned_at' | 'locked_at') =>
			on === undefined ? sql`${sql(column)}` : on ? sql`now()` : sql`null`;
		const done = await sql`
			update public.threads
			set pinned_at = ${at(change.pinned, 'pinned_at')}, locked_at = ${at(change.locked, 'locked_at')}
			where id = ${threadId}
			returning id
		`;
		return done.length === 1;
	});

/** A moderator sets a thread's slow mode (minutes between a person's posts; null: off). */
export const slowMode = (
	user: Claims,
	threadId: string,
	minutes: number | null
): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.threads set slow_mode_minutes = ${minutes}
			where id = ${threadId} and private.is_space_moderator(space_id)
			returning id
		`;
		return done.length === 1;
	});

/**
 * A moderator moves a thread to another space they moderate; its posts go with it (the database
 * moves them), and its address changes to the new space's (the old one redirects). The new
 * address, or null when it is not theirs to do.
 */
export const move = (
	user: Claims,
	threadId: string,
	spaceId: string
): Promise<{ space_slug: string; number: number; slug: string } | null> =>
	withUser(user, async (sql) => {
		const [allowed] = await sql<{ ok: boolean }[]>`
			select private.is_space_moderator(t.space_id) and private.is_space_moderator(${spaceId}) as ok
			from public.threads t where t.id = ${threadId}
		`;
		if (!allowed?.ok) return null;
		const [moved] = await sql<{ space_slug: string; number: number; slug: string }[]>`
			with moved as (
				update public.threads set space_id = ${spaceId} where id = ${threadId}
				returning number, slug, space_id
			)
			select s.slug as space_slug, moved.number, moved.slug
			from moved join public.spaces s on s.id = moved.space_id
		`;
		return moved ? { ...moved, number: Number(moved.number) } : null;
	});
