/**
 * Posts: a page of a thread (by number, forwards or backwards), replying, editing, removing,
 * reacting, and a post's earlier texts. RLS decides who reads and changes what (a hidden post
 * reaches its author and the moderators only; a removed one is kept as removed, without text);
 * these queries shape it. Bodies are Markdown; the route renders them through the one sanitising
 * pipeline ($lib/server/markdown).
 */
import { type Reply } from '$lib/schemas/spaces';
import { POSTS_PER_PAGE, type Reaction } from '$lib/words/spaces';
import { refusedWith } from './errors';
import { withUser, withViewer, type Claims } from './client';
import { joinWithin } from './spaces';

export type PostRow = {
	id: string;
	number: number;
	author_id: string | null;
	author_name: string | null;
	author_handle: string | null;
	reply_to: number | null;
	body: string;
	created_at: Date;
	edited_at: Date | null;
	removed: boolean;
	hidden: boolean;
	hidden_reason: string | null;
	/** Reactions counted, and the viewer's own. */
	reactions: { reaction: Reaction; count: number; mine: boolean }[];
};

export const PAGE = POSTS_PER_PAGE;

/**
 * A page of a thread's posts the viewer may read: after a number (forwards) or before one
 * (backwards), always in order. A number with no row here is a post the viewer may not read (a
 * hidden one): the numbers say so without a count.
 */
export const page = (
	viewer: Claims | null,
	threadId: string,
	{ after, before }: { after?: number; before?: number }
): Promise<PostRow[]> =>
	withViewer(viewer, async (sql) => {
		// The page's posts first (RLS), then their authors' names in one call.
		const rows = await sql<PostRow[]>`
			with page as (
				select p.id, p.number, p.author_id, p.reply_to, p.body, p.created_at, p.edited_at,
					p.removed_at is not null as removed, p.hidden_at is not null as hidden, p.hidden_reason
				from public.posts p
				where p.thread_id = ${threadId}
				  and ${before !== undefined ? sql`p.number < ${before}` : sql`p.number > ${after ?? 0}`}
				order by p.number ${before !== undefined ? sql`desc` : sql`asc`}
				limit ${PAGE}
			)
			select page.*, a.display_name as author_name, a.handle as author_handle,
				coalesce((
					select jsonb_agg(jsonb_build_object('reaction', x.reaction, 'count', x.count, 'mine', x.mine)
						order by x.reaction)
					from (
						select r.reaction, count(*)::int as count,
							bool_or(r.profile_id = (select auth.uid())) as mine
						from public.post_reactions r
						where r.post_id = page.id
						group by r.reaction
					) x
				), '[]'::jsonb) as reactions
			from page
			left join private.post_authors((select array_agg(id) from page)) a on a.post_id = page.id
			order by page.number ${before !== undefined ? sql`desc` : sql`asc`}
		`;
		return before !== undefined ? [...rows].reverse() : [...rows];
	});

export type Refused = 'not-allowed' | 'locked' | 'slow' | 'new-hourly' | 'new-links';
export type Replied = { number: number } | Refused | 'no-such-post';

/** What a refusal of a new post by the database's rules means, or undefined. */
export function postRefusal(error: unknown): Refused | undefined {
	const refusal = refusedWith(
		error,
		'threadLocked',
		'slowMode',
		'newPosterHourly',
		'newPosterLinks'
	);
	return refusal
		? (
				{
					threadLocked: 'locked',
					slowMode: 'slow',
					newPosterHourly: 'new-hourly',
					newPosterLinks: 'new-links'
				} as const
			)[refusal]
		: undefined;
}

/** Replies in a thread (joining its space first when it is open to join). */
export const reply = (
	user: Claims,
	thread: { id: string; space_id: string },
	{ body, reply_to }: Reply
): Promise<Replied> =>
	withUser(user, async (sql) => {
		await joinWithin(sql, user, thread.space_id);
		const [allowed] = await sql<{ ok: boolean; exists: boolean }[]>`
			select private.can_post_in_space(${thread.space_id}) as ok,
				${reply_to ?? null}::int is null or exists (
					select 1 from public.posts p where p.thread_id = ${thread.id} and p.number = ${reply_to ?? null}::int
				) as exists
		`;
		if (!allowed?.ok) return 'not-allowed';
		if (!allowed.exists) return 'no-such-post';
		try {
			const [created] = await sql.savepoint(
				(sql) => sql<{ number: number }[]>`
					insert into public.posts (thread_id, author_id, body, reply_to)
					values (${thread.id}, ${user.sub}, ${body}, ${reply_to ?? null})
					returning number
				`
			);
			return { number: created!.number };
		} catch (error) {
			const refusal = postRefusal(error);
			if (refusal) return refusal;
			throw error;
		}
	});

/** The author edits their post; false when it is not theirs (or removed). */
export const edit = (user: Claims, postId: string, body: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.posts set body = ${body}
			where id = ${postId} and author_id = ${user.sub} and removed_at is null
			returning id
		`;
		return done.length === 1;
	});

/** The author removes their post: it stays as "removed", its text kept for them and the moderators. */
export const remove = (user: Claims, postId: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.posts set removed_at = now()
			where id = ${postId} and author_id = ${user.sub} and removed_at is null
			returning id
		`;
		return done.length === 1;
	});

/** Adds the person's reaction, or takes it back when they had given it. False when refused. */
export const react = (user: Claims, postId: string, reaction: Reaction): Promise<boolean> =>
	withUser(user, async (sql) => {
		const taken = await sql`
			delete from public.post_reactions
			where post_id = ${postId} and profile_id = ${user.sub} and reaction = ${reaction}
			returning post_id
		`;
		if (taken.length === 1) return true;
		try {
			await sql.savepoint(
				(sql) => sql`
				insert into public.post_reactions (post_id, profile_id, reaction)
				values (${postId}, ${user.sub}, ${reaction})
			`
			);
			return true;
		} catch (error) {
			if (refusedWith(error, 'notAllowed')) return false;
			throw error;
		}
	});

export type Revision = { body: string; revised_at: Date };

/** A post's earlier texts, newest first (its author and the space's moderators only; else none). */
export const revisions = (user: Claims, postId: string): Promise<Revision[]> =>
	withUser(user, (sql) =>
		sql<Revision[]>`
			select body, revised_at from public.post_revisions
			where post_id = ${postId}
			order by revised_at desc, id desc
		`.then((rows) => [...rows])
	);

/**
 * A moderator hides a post, with the reason its author is told (the database tells them), and
 * settles the post's pending reports as hidden. False when it is not theirs to do.
 */
export const hide = (user: Claims, postId: string, reason: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const [allowed] = await sql<{ ok: boolean }[]>`
			select private.is_space_moderator(p.space_id) as ok from public.posts p where p.id = ${postId}
		`;
		if (!allowed?.ok) return false;
		const done = await sql`
			update public.posts set hidden_at = now(), hidden_reason = ${reason}
			where id = ${postId} and hidden_at is null
			returning id
		`;
		await sql`update public.post_reports set status = 'hidden' where post_id = ${postId} and status = 'pending'`;
		return done.length === 1;
	});

/** A moderator shows a hidden post again. */
export const unhide = (user: Claims, postId: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.posts set hidden_at = null, hidden_reason = null
			where id = ${postId} and hidden_at is not null and private.is_space_moderator(space_id)
			returning id
		`;
		return done.length === 1;
	});
