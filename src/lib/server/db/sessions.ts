/**
 * Whether a signed-in person's session still stands, asked of the database on every request.
 *
 * Access tokens are verified locally and stay valid until they expire (an hour), whatever happens
 * to the session meanwhile: signing out here or everywhere, a password change that ends the other
 * sessions, a ban, a demotion. Auth records each of those in `auth.sessions` and `auth.users`, so
 * one indexed look-up by the session's primary key makes each of them count at once, on every
 * server instance, with nothing cached in between.
 */
// Types only, so that bench/session-check.ts can run this very statement under plain Node.
import type { Sql } from 'postgres';
import type { Claims } from './client';

export type SessionState = {
	/** The person's platform role as Auth holds it now (not as the token said when it was issued). */
	platform_role: string | null;
	/** Their profile's time zone, for every date and time their pages show (see lib/dates.ts). */
	time_zone: string | null;
};

/**
 * The session's current state, or null when it no longer stands (ended, expired, the account
 * banned or deleted). One statement on its own, without a transaction: it reads two of Auth's
 * rows and the person's profile row by their keys. It reads the `auth` schema, which no API role may, so `sql` is the service
 * connection (`db()`); it returns nothing but the person's own role and time zone.
 */
export async function current(sql: Sql, claims: Claims): Promise<SessionState | null> {
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
	if (!sessionId || !UUID.test(sessionId)) return null;
	const [row] = await sql<SessionState[]>`
		select u.raw_app_meta_data ->> 'platform_role' as platform_role, p.time_zone
		from auth.sessions s
		join auth.users u on u.id = s.user_id
		left join public.profiles p on p.id = u.id
		where s.id = ${sessionId}
		  and s.user_id = ${claims.sub}
		  and (s.not_after is null or s.not_after > now())
		  and (u.banned_until is null or u.banned_until <= now())
		  and u.deleted_at is null
	`;
	return row ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
