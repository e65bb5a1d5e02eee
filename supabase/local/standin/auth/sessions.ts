/**
 * Sessions as GoTrue keeps them: a row in auth.sessions, a chain of opaque 12-character refresh
 * tokens in auth.refresh_tokens (each refresh revokes one and issues its child), the sign-in methods
 * in auth.mfa_amr_claims, and short-lived ES256 access tokens whose claims follow GoTrue's order.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { HttpError } from '../http.ts';
import type { AccessClaims } from '../tokens.ts';
import type { AuthRequest, AuthService } from './context.ts';
import type { WeakPassword } from './passwords.ts';
import { findById, NIL_UUID, userJson, type Db, type UserRow } from './users.ts';

export type Amr = { method: string; timestamp: number };

export type SessionJson = {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Record<string, unknown>;
	weak_password?: WeakPassword | null;
};

/** A GoTrue v1 refresh token: 12 lower-case base32 characters. */
export function newRefreshToken(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	return [...randomBytes(12)].map((byte) => alphabet[byte & 31]).join('');
}

/** The claims in GoTrue's order (iss, sub, aud, exp, iat, email, phone, …, is_anonymous). */
async function accessToken(
	service: AuthService,
	user: UserRow,
	sessionId: string,
	amr: Amr[]
): Promise<{ token: string; expiresAt: number; expiresIn: number }> {
	const iat = Math.floor(Date.now() / 1000);
	const exp = iat + service.config.jwtExpiry;
	const claims: AccessClaims = {
		iss: `${service.config.url}/auth/v1`,
		sub: user.id,
		aud: user.aud,
		exp,
		iat,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data,
		user_metadata: user.raw_user_meta_data,
		role: user.role,
		aal: 'aal1',
		amr,
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	};
	return { token: await service.tokens.sign(claims), expiresAt: exp, expiresIn: exp - iat };
}

async function sessionJson(
	service: AuthService,
	user: UserRow,
	sessionId: string,
	refreshToken: string,
	amr: Amr[]
): Promise<SessionJson> {
	const token = await accessToken(service, user, sessionId, amr);
	return {
		access_token: token.token,
		token_type: 'bearer',
		expires_in: token.expiresIn,
		expires_at: token.expiresAt,
		refresh_token: refreshToken,
		user: userJson(user)
	};
}

/**
 * Signs a person in: a session, its first refresh token, the method in amr and last_sign_in_at, in
 * one statement (atomic on its own, or part of the caller's transaction).
 */
export async function startSession(
	service: AuthService,
	db: Db,
	user: UserRow,
	method: string,
	request: AuthRequest
): Promise<SessionJson> {
	const sessionId = randomUUID();
	const refreshToken = newRefreshToken();
	const [row] = await db<{ last_sign_in_at: Date; updated_at: Date; now: number }[]>`
		with session as (
			insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
			values (
				${sessionId}, ${user.id}, now(), now(), 'aal1', ${request.userAgent || null},
				${isIP(request.ip) ? request.ip : null}::inet
			)
			returning id
		), token as (
			insert into auth.refresh_tokens (
				instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id
			)
			select ${NIL_UUID}::uuid, ${refreshToken}, ${user.id}, false, now(), now(), null, session.id
			from session
		), amr as (
			insert into auth.mfa_amr_claims (id, session_id, authentication_method, created_at, updated_at)
			select gen_random_uuid(), session.id, ${method}, now(), now() from session
		)
		update auth.users
		set last_sign_in_at = now(), updated_at = now()
		where id = ${user.id}
		returning last_sign_in_at, updated_at, floor(extract(epoch from now()))::float8 as now
	`;
	if (!row) throw new Error(`auth.users lost ${user.id} while signing in`);
	const signedIn = { ...user, last_sign_in_at: row.last_sign_in_at, updated_at: row.updated_at };
	return sessionJson(service, signedIn, sessionId, refreshToken, [{ method, timestamp: row.now }]);
}

type TokenRow = {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	reusable: boolean;
	session_id: string | null;
	session_exists: boolean;
	session_ended: boolean;
};

/**
 * The refresh_token grant with rotation. A revoked token is answered with the session's current
 * token when it is that token's parent (the client lost the answer to its last refresh: GoTrue
 * allows this at any age), or with a new child within refresh_token_reuse_interval (concurrent
 * refreshes);
 * otherwise it is a replay: every token of the session is revoked and the session ends. (GoTrue
 * only revokes; its revocation then counts as fresh for another interval, so ending the session here
 * keeps the tokens revoked in that moment from coming back.)
 */
export async function refreshSession(
	service: AuthService,
	refreshToken: string
): Promise<SessionJson> {
	if (refreshToken.length !== 12 || !/^[a-z0-9]{12}$/.test(refreshToken)) {
		throw new HttpError(400, 'validation_failed', 'Refresh token is not valid');
	}
	const outcome = await service.sql.begin(async (tx) => {
		const [token] = await tx<TokenRow[]>`
			select t.id, t.token, t.user_id, t.revoked, t.session_id,
				t.updated_at > now() - make_interval(secs => ${service.config.refreshTokenReuseInterval}) as reusable,
				s.id is not null as session_exists,
				coalesce(s.not_after < now(), false) as session_ended
			from auth.refresh_tokens t
			left join auth.sessions s on s.id = t.session_id
			where t.token = ${refreshToken}
			for update of t
		`;
		if (!token) {
			throw new HttpError(
				400,
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		}
		if (!token.session_id || !token.session_exists) {
			throw new HttpError(
				400,
				'session_not_found',
				'Invalid Refresh Token: No Valid Session Found'
			);
		}
		const user = await findById(tx, token.user_id);
		if (!user) {
			throw new HttpError(
				400,
				'session_not_found',
				'Invalid Refresh Token: No Valid Session Found'
			);
		}
		if (user.banned) throw new HttpError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
		if (token.session_ended) {
			throw new HttpError(400, 'session_expired', 'Invalid Refresh Token: Session Expired');
		}

		let issued: string | undefined;
		if (token.revoked) {
			const [active] = await tx<{ token: string; parent: string | null }[]>`
				select token, parent from auth.refresh_tokens
				where session_id = ${token.session_id} and not revoked
				order by id desc
				limit 1
			`;
			if (active?.parent === token.token) {
				issued = active.token;
			} else if (!token.reusable) {
				await tx`
					update auth.refresh_tokens set revoked = true, updated_at = now()
					where session_id = ${token.session_id} and not revoked
				`;
				await tx`update auth.sessions set not_after = now() where id = ${token.session_id}`;
				// Committed: the replay ends the session even though this request fails.
				return { replayed: true as const, userId: user.id, sessionId: token.session_id };
			}
		}
		if (!issued) {
			issued = newRefreshToken();
			await tx`
				update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${token.id}
			`;
			await tx`
				insert into auth.refresh_tokens (
					instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id
				) values (
					${NIL_UUID}, ${issued}, ${user.id}, false, now(), now(), ${token.token}, ${token.session_id}
				)
			`;
		}
		await tx`
			update auth.sessions set refreshed_at = now(), updated_at = now()
			where id = ${token.session_id}
		`;
		const amr = await sessionAmr(tx, token.session_id);
		return { replayed: false as const, user, sessionId: token.session_id, issued, amr };
	});
	if (outcome.replayed) {
		service.log('refresh token reused', { user_id: outcome.userId, session_id: outcome.sessionId });
		throw new HttpError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
	}
	return sessionJson(service, outcome.user, outcome.sessionId, outcome.issued, outcome.amr);
}

/** The session's sign-in methods, newest first, as the amr claim lists them. */
async function sessionAmr(db: Db, sessionId: string): Promise<Amr[]> {
	return db<Amr[]>`
		select authentication_method as method, floor(extract(epoch from updated_at))::float8 as timestamp
		from auth.mfa_amr_claims
		where session_id = ${sessionId}
		order by updated_at desc
	`;
}

/** Whether the session still exists and has not been ended. */
export async function sessionIsLive(db: Db, sessionId: string): Promise<boolean> {
	const [row] = await db`
		select 1 as live from auth.sessions
		where id = ${sessionId} and (not_after is null or not_after > now())
	`;
	return Boolean(row);
}

export type LogoutScope = 'global' | 'local' | 'others';

/** Ends sessions; their refresh tokens and amr rows go with them (foreign keys cascade). */
export async function endSessions(
	db: Db,
	userId: string,
	sessionId: string | undefined,
	scope: LogoutScope
): Promise<void> {
	if (scope === 'local' && sessionId) {
		await db`delete from auth.sessions where id = ${sessionId}`;
	} else if (scope === 'others' && sessionId) {
		await db`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId}`;
	} else {
		await db`delete from auth.sessions where user_id = ${userId}`;
	}
}
