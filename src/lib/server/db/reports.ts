/**
 * Reports of posts: a reader reports one with a reason; the moderators of its space (and the
 * platform's, for spaces that are not private) read the queue of their spaces and decide — hide
 * the post (posts.hide, which settles its reports) or dismiss. RLS decides who reads and decides
 * which report (supabase/migrations/…_space_moderation.sql).
 */
import type { ReportReason } from '$lib/words/spaces';
import { refusedWith } from './errors';
import { withUser, type Claims } from './client';

export type Reported = 'reported' | 'already' | 'not-allowed';

/** Reports a post the person may read (not their own). */
export const report = (
	user: Claims,
	postId: string,
	{ reason, note }: { reason: ReportReason; note: string | null }
): Promise<Reported> =>
	withUser(user, async (sql) => {
		try {
			await sql.savepoint(
				(sql) => sql`
					insert into public.post_reports (post_id, reporter_id, reason, note)
					values (${postId}, ${user.sub}, ${reason}, ${note})
				`
			);
			return 'reported';
		} catch (error) {
			if (refusedWith(error, 'alreadyThere')) return 'already';
			if (refusedWith(error, 'notAllowed')) return 'not-allowed';
			throw error;
		}
	});

export type QueuedReport = {
	post_id: string;
	post_number: number;
	post_body: string;
	post_hidden: boolean;
	author_name: string | null;
	thread_number: number;
	thread_slug: string;
	thread_title: string;
	space_slug: string;
	space_name: string;
	reasons: string[];
	notes: string[];
	reports: number;
	first_at: Date;
};

/** The pending reports of the spaces the viewer moderates, one row per post, oldest first. */
export const queue = (user: Claims, limit = 50): Promise<QueuedReport[]> =>
	withUser(user, (sql) =>
		sql<QueuedReport[]>`
			select p.id as post_id, p.number as post_number, p.body as post_body,
				p.hidden_at is not null as post_hidden,
				(select a.display_name from private.author_in_space(p.author_id, p.space_id) a) as author_name,
				t.number as thread_number, t.slug as thread_slug, t.title as thread_title,
				s.slug as space_slug, s.name as space_name,
				array_agg(distinct r.reason) as reasons,
				array_remove(array_agg(r.note order by r.created_at), null) as notes,
				count(*)::int as reports, min(r.created_at) as first_at
			from public.post_reports r
			join public.posts p on p.id = r.post_id
			join public.threads t on t.id = p.thread_id
			join public.spaces s on s.id = p.space_id
			where r.status = 'pending'
			group by p.id, t.id, s.id
			order by min(r.created_at), p.id
			limit ${limit}
		`.then((rows) => [...rows])
	);

/** Dismisses the pending reports of a post; false when none were the viewer's to decide. */
export const dismiss = (user: Claims, postId: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.post_reports set status = 'dismissed'
			where post_id = ${postId} and status = 'pending'
			returning id
		`;
		return done.length > 0;
	});

/** Whether the viewer moderates any space (who sees the queue in their menu). */
export const moderatesAny = (user: Claims): Promise<boolean> =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ any: boolean }[]>`
			select (select private.is_platform_moderator())
				or exists (select 1 from public.space_members m where m.profile_id = ${user.sub} and m.role = 'moderator')
				as any
		`;
		return Boolean(row?.any);
	});
