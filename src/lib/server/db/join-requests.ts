/**
 * Requests to join a private space: a person asks (with a word for the moderators) or withdraws;
 * the space's moderators see the pending ones with who asks, and approve (the database makes the
 * member and tells them) or decline, once. RLS decides who reads and decides what.
 */
import { refusedWith } from './errors';
import { withUser, type Claims } from './client';

export type Asked = 'asked' | 'already' | 'not-allowed';

export const ask = (user: Claims, spaceId: string, message: string | null): Promise<Asked> =>
	withUser(user, async (sql) => {
		try {
			await sql.savepoint(
				(sql) => sql`
					insert into public.space_join_requests (space_id, profile_id, message)
					values (${spaceId}, ${user.sub}, ${message})
				`
			);
			return 'asked';
		} catch (error) {
			if (refusedWith(error, 'alreadyThere')) return 'already';
			if (refusedWith(error, 'notAllowed')) return 'not-allowed';
			throw error;
		}
	});

/** The person's pending request to a space, if any. */
export const mine = (
	user: Claims,
	spaceId: string
): Promise<{ id: string; created_at: Date } | null> =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ id: string; created_at: Date }[]>`
			select id, created_at from public.space_join_requests
			where space_id = ${spaceId} and profile_id = ${user.sub} and status = 'pending'
		`;
		return row ?? null;
	});

export const withdraw = (user: Claims, spaceId: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			delete from public.space_join_requests
			where space_id = ${spaceId} and profile_id = ${user.sub} and status = 'pending'
			returning id
		`;
		return done.length === 1;
	});

export type PendingRequest = {
	id: string;
	display_name: string;
	handle: string;
	message: string | null;
	created_at: Date;
};

/**
 * The pending requests of a space, for its moderators (anyone else reads none). A moderator
 * deciding must know who asks, whatever their profile's audience: their name and handle come
 * through private.join_requester, which answers only to the asker and the space's moderators.
 */
export const pending = (user: Claims, spaceId: string): Promise<PendingRequest[]> =>
	withUser(user, (sql) =>
		sql<PendingRequest[]>`
			select r.id, p.display_name, p.handle, r.message, r.created_at
			from public.space_join_requests r
			cross join lateral private.join_requester(r.id) p
			where r.space_id = ${spaceId} and r.status = 'pending'
			order by r.created_at, r.id
		`.then((rows) => [...rows])
	);

/** A moderator approves or declines a request; false when it is not theirs or already decided. */
export const decide = (
	user: Claims,
	requestId: string,
	decision: 'approved' | 'declined',
	reason: string | null
): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			update public.space_join_requests set status = ${decision}, decline_reason = ${decision === 'declined' ? reason : null}
			where id = ${requestId} and status = 'pending'
			returning id
		`;
		return done.length === 1;
	});
