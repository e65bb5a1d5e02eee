/**
 * A space's moderation log: every moderator's action, written by the database's triggers, read by
 * the space's moderators only (RLS; anyone else reads nothing).
 */
import { withUser, type Claims } from './client';

export type LogEntry = {
	id: number;
	action: string;
	actor_name: string | null;
	person_name: string | null;
	thread_number: number | null;
	thread_slug: string | null;
	thread_title: string | null;
	post_number: number | null;
	reason: string | null;
	created_at: Date;
};

/** The newest entries of a space's log, before an entry id (keyset). */
export const ofSpace = (
	user: Claims,
	spaceId: string,
	before?: number,
	limit = 50
): Promise<LogEntry[]> =>
	withUser(user, (sql) =>
		sql<LogEntry[]>`
			select l.id, l.action,
				(select a.display_name from private.author_in_space(l.actor_id, l.space_id) a) as actor_name,
				(select a.display_name from private.author_in_space(l.profile_id, l.space_id) a) as person_name,
				t.number as thread_number, t.slug as thread_slug, t.title as thread_title,
				p.number as post_number, l.reason, l.created_at
			from public.space_moderation_log l
			left join public.threads t on t.id = l.thread_id
			left join public.posts p on p.id = l.post_id
			where l.space_id = ${spaceId} and ${before ? sql`l.id < ${before}` : sql`true`}
			order by l.id desc
			limit ${limit}
		`.then((rows) => [...rows])
	);
