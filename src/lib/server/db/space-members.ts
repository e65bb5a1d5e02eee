/**
 * A space's members: the list (for signed-in people who may read the space; a private one's for
 * its members only — RLS), and the moderators' changes: name or withdraw a moderator, suspend or
 * lift a suspension, remove someone, add someone by their handle. Every change is in the space's
 * moderation log (the database's triggers).
 */
import { z } from 'zod';
import { cursorCodec } from '$lib/server/cursor';
import { refusedWith } from './errors';
import { withUser, type Claims } from './client';

export type Member = {
	profile_id: string;
	display_name: string | null;
	handle: string | null;
	role: 'member' | 'moderator';
	via: 'programme' | 'joined' | 'added';
	suspended_until: Date | null;
	joined_at: Date;
};

const memberCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });
export type MemberCursor = z.infer<typeof memberCursor>;
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec(memberCursor);

export const PAGE = 100;

/** A page of a space's members, moderators first, then by when they joined. */
export const list = (
	user: Claims,
	spaceId: string,
	after?: MemberCursor
): Promise<{ members: Member[]; next: string | null }> =>
	withUser(user, async (sql) => {
		const rows = await sql<Member[]>`
			select m.profile_id, a.display_name, a.handle, m.role, m.via, m.suspended_until, m.joined_at
			from public.space_members m
			left join lateral private.author_in_space(m.profile_id, m.space_id) a on true
			where m.space_id = ${spaceId}
			  and ${after ? sql`(m.joined_at, m.profile_id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql`true`}
			order by m.joined_at, m.profile_id
			limit ${PAGE + 1}
		`;
		const members = rows.slice(0, PAGE);
		const last = members.at(-1);
		return {
			members,
			next:
				rows.length > PAGE && last
					? encodeCursor({ at: last.joined_at.toISOString(), id: last.profile_id })
					: null
		};
	});

/** A moderator's change to one member; false when it is not theirs to make (RLS, the guard). */
export const change = (
	user: Claims,
	spaceId: string,
	profileId: string,
	values: {
		role?: 'member' | 'moderator';
		suspended_until?: Date | null;
		suspension_reason?: string | null;
	}
): Promise<boolean> =>
	withUser(user, async (sql) => {
		try {
			const done = await sql.savepoint(
				(sql) => sql`
					update public.space_members set ${sql(values)}
					where space_id = ${spaceId} and profile_id = ${profileId}
					returning profile_id
				`
			);
			return done.length === 1;
		} catch (error) {
			if (refusedWith(error, 'notAllowed')) return false;
			throw error;
		}
	});

/** A moderator removes someone (not a programme's member: that follows the programme). */
export const remove = (user: Claims, spaceId: string, profileId: string): Promise<boolean> =>
	withUser(user, async (sql) => {
		const done = await sql`
			delete from public.space_members
			where space_id = ${spaceId} and profile_id = ${profileId} and private.is_space_moderator(space_id)
			returning profile_id
		`;
		return done.length === 1;
	});

export type Added = 'added' | 'already' | 'no-such-person' | 'not-allowed';

/** A moderator adds someone by their handle; they are told. */
export const add = (user: Claims, spaceId: string, handle: string): Promise<Added> =>
	withUser(user, async (sql) => {
		const [moderates] = await sql<
			{ ok: boolean }[]
		>`select private.is_space_moderator(${spaceId}) as ok`;
		if (!moderates?.ok) return 'not-allowed';
		// By handle, whatever their profile's audience: a moderator adding someone knows whom.
		const [person] = await sql<{ id: string }[]>`
			select private.profile_id_by_handle(${handle.toLowerCase()}, ${spaceId}) as id
		`;
		if (!person?.id) return 'no-such-person';
		const done = await sql`
			insert into public.space_members (space_id, profile_id, role)
			values (${spaceId}, ${person.id}, 'member')
			on conflict (space_id, profile_id) do nothing
			returning profile_id
		`;
		return done.length === 1 ? 'added' : 'already';
	});
