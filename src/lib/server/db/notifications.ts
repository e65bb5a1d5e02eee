/**
 * A person's notifications (decisions on their claims and suggested edits, invitations, and whatever
 * kinds come next).
 * Triggers write them (public.notify); the person reads them and marks them read. RLS shows each
 * person only their own; the `recipient_id` filters below are for the indexes, not the authority.
 */
import { withUser, type Claims, type Tx } from './client';

/** What a notification says; each kind fills its own fields (see $lib/words/notifications). */
export type NotificationPayload = {
	programme_slug?: string;
	programme_name?: string;
	cohort_edition?: string | null;
	role?: string;
	reason?: string | null;
	[field: string]: unknown;
};

export type Notification = {
	id: string;
	/** A string, not a union: kinds are added by migrations, and the pages render unknown ones. */
	kind: string;
	payload: NotificationPayload;
	created_at: Date;
	read_at: Date | null;
};

/** How many notifications are unread, and the database's time when that was counted (ISO). */
export type UnreadCount = { count: number; at: string };

/**
 * The header shows the unread count on every signed-in page, and a transaction per page would cost
 * the hot pages (the directory) some 5–10 % of their CPU. So each server instance remembers each
 * person's count for a short while: at most TTL old, for at most MAX people (a Map keeps insertion
 * order, so the first key is the oldest entry and goes first). It is a cache and nothing more:
 * another instance counts for itself, and a wrong entry is at worst TTL stale. It is dropped at
 * once when this instance marks that person's notifications read (markRead, below), and refreshed
 * by the pages that count anyway (/notifications, /account/memberships). A notification that
 * arrives meanwhile is added in the browser from the live notice on user:<id> (the header compares
 * its created_at with `at`), so pages with JavaScript are right at once; pages without see it
 * within TTL.
 */
const TTL_MS = 30_000;
const MAX = 10_000;
const counts = new Map<string, UnreadCount & { expires: number }>();

function remember(userId: string, unread: UnreadCount): UnreadCount {
	counts.delete(userId);
	counts.set(userId, { ...unread, expires: Date.now() + TTL_MS });
	if (counts.size > MAX) counts.delete(counts.keys().next().value!);
	return unread;
}

/**
 * A notification's columns, with what a notice about a post shows filled in at read time: the
 * thread's title and address and who wrote the post, read under RLS, so a person who may no longer
 * read the space sees none of it (the stored payload holds ids and numbers only).
 */
const COLUMNS = (sql: Tx) => sql`
	n.id, n.kind, n.payload || coalesce(x.details, '{}'::jsonb) || coalesce(y.details, '{}'::jsonb) as payload,
	n.created_at, n.read_at
`;
const DETAILS = (sql: Tx) => sql`
	left join lateral (
		select jsonb_build_object(
			'thread_title', t.title, 'thread_number', t.number, 'thread_slug', t.slug, 'space_slug', s.slug,
			'actor_name', (
				select a.display_name
				from private.author_in_space((n.payload ->> 'actor_id')::uuid, t.space_id) a
			)
		) as details
		from public.threads t
		join public.spaces s on s.id = t.space_id
		where n.payload ? 'thread_id' and t.id = (n.payload ->> 'thread_id')::uuid
	) x on true
	left join lateral (
		select jsonb_build_object('space_name', s.name, 'space_slug', s.slug) as details
		from public.spaces s
		where n.payload ? 'space_id' and s.id = (n.payload ->> 'space_id')::uuid
	) y on true
`;

const countQuery = (sql: Tx, user: Claims) =>
	sql<{ count: number; at: Date }[]>`
		select count(*)::int as count, now() as at
		from public.notifications
		where recipient_id = ${user.sub} and read_at is null
	`.then(([row]) => ({ count: row?.count ?? 0, at: (row?.at ?? new Date()).toISOString() }));

/**
 * The person's unread count for the header, from this instance's cache when it is fresh (no query),
 * else counted (one transaction, on notifications_unread_idx) and remembered.
 */
export async function unreadCount(user: Claims): Promise<UnreadCount> {
	const cached = counts.get(user.sub);
	if (cached && cached.expires > Date.now()) return { count: cached.count, at: cached.at };
	return remember(user.sub, await withUser(user, (sql) => countQuery(sql, user)));
}

/** The newest notifications and how many are unread (fresh, and remembered for the header). */
export const recent = (user: Claims, limit = 20) =>
	withUser(user, async (sql) => {
		const [items, unread] = await Promise.all([
			sql<Notification[]>`
				select ${COLUMNS(sql)}
				from public.notifications n
				${DETAILS(sql)}
				where n.recipient_id = ${user.sub}
				order by n.created_at desc, n.id desc
				limit ${limit}
			`,
			countQuery(sql, user)
		]);
		return { items, unread: remember(user.sub, unread) };
	});

export type NotificationPage = {
	items: Notification[];
	/** The id of the last item when there are older ones: the cursor of the next page. */
	next: string | null;
	unread: UnreadCount;
};

/**
 * One page of all the person's notifications, newest first, with the unread count. Keyset on
 * (created_at, id), read in notifications_recipient_id_created_at_id_idx: the cursor is the id of
 * the last notification shown, whose exact timestamp (microseconds, which a JavaScript Date would
 * lose) the database looks up itself. A cursor that is not one of the person's notifications
 * finds nothing, so it yields an empty page.
 */
export const list = (
	user: Claims,
	{ before, limit = 20 }: { before?: string; limit?: number } = {}
): Promise<NotificationPage> =>
	withUser(user, async (sql) => {
		const keyset = before
			? sql`and (n.created_at, n.id) < (
					(select c.created_at from public.notifications c where c.id = ${before}), ${before}::uuid
				)`
			: sql``;
		const [rows, unread] = await Promise.all([
			sql<Notification[]>`
				select ${COLUMNS(sql)}
				from public.notifications n
				${DETAILS(sql)}
				where n.recipient_id = ${user.sub} ${keyset}
				order by n.created_at desc, n.id desc
				limit ${limit + 1}
			`,
			countQuery(sql, user)
		]);
		const items = rows.slice(0, limit);
		return {
			items,
			next: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
			unread: remember(user.sub, unread)
		};
	});

/**
 * Marks one notification read, or all of them when no id is given; returns how many it marked
 * (0 for one already read or not the person's). Drops this instance's cached count of the person.
 */
export const markRead = async (user: Claims, id?: string): Promise<number> => {
	const marked = await withUser(
		user,
		(sql) => sql`
			update public.notifications set read_at = now()
			where recipient_id = ${user.sub} and read_at is null
			  ${id ? sql`and id = ${id}` : sql``}
			returning id
		`
	);
	counts.delete(user.sub);
	return marked.length;
};

/**
 * Opens one of the person's notifications: marks it read (if it was not) and gives it back, to
 * lead to what it is about; undefined when it is not theirs or does not exist.
 */
export const open = async (user: Claims, id: string) => {
	const [row] = await withUser(
		user,
		(sql) => sql<Pick<Notification, 'id' | 'kind' | 'payload'>[]>`
			with opened as (
				update public.notifications set read_at = coalesce(read_at, now())
				where recipient_id = ${user.sub} and id = ${id}
				returning id, kind, payload, created_at, read_at
			)
			select ${COLUMNS(sql)}
			from opened n
			${DETAILS(sql)}
		`
	);
	counts.delete(user.sub);
	return row;
};
