/**
 * A person's notifications (decisions on their claims and suggested edits, invitations). Triggers write them; the
 * person reads them and marks them read. RLS shows each person only their own.
 */
import { withUser, type Claims } from './client';

export type Notification = {
	id: string;
	kind:
		| 'membership_verified'
		| 'membership_declined'
		| 'invitation'
		| 'suggestion_applied'
		| 'suggestion_dismissed';
	payload: {
		programme_slug?: string;
		programme_name?: string;
		cohort_edition?: string | null;
		role?: string;
		reason?: string | null;
		/** Suggested edits: which one, the part of the page, and whether its value was written. */
		suggestion_id?: string;
		field?: string | null;
		value_applied?: boolean;
	};
	created_at: Date;
	read_at: Date | null;
};

/** The newest notifications and how many are unread. */
export const recent = (user: Claims, limit = 20) =>
	withUser(user, async (sql) => {
		const items = await sql<Notification[]>`
			select id, kind, payload, created_at, read_at
			from public.notifications
			where recipient_id = ${user.sub}
			order by created_at desc, id desc
			limit ${limit}
		`;
		const [count] = await sql<{ unread: number }[]>`
			select count(*)::int as unread from public.notifications
			where recipient_id = ${user.sub} and read_at is null
		`;
		return { items, unread: count?.unread ?? 0 };
	});

/** Marks one notification read, or all of them when no id is given. */
export const markRead = (user: Claims, id?: string) =>
	withUser(user, async (sql) => {
		await sql`
			update public.notifications set read_at = now()
			where recipient_id = ${user.sub} and read_at is null
			  ${id ? sql`and id = ${id}` : sql``}
		`;
	});
