/**
 * Who is asking: GoTrue's requireAuthentication (a user's access token whose user and session
 * still exist) and requireAdminCredentials (a service_role token, or an sb_secret key the gateway
 * swapped for one). The gateway's key mapping comes first, as Kong's does.
 */
import { HttpError } from '../http.ts';
import { bearerToken } from '../gateway.ts';
import { InvalidTokenError, type AccessClaims } from '../tokens.ts';
import type { AuthRequest, AuthService } from './context.ts';
import { userBanned } from './errors.ts';
import { sessionIsLive } from './sessions.ts';
import { findById, type UserRow } from './users.ts';

/** GoTrue's default admin roles; the CLI configures only service_role. */
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Caller = { user: UserRow; claims: AccessClaims; sessionId: string | undefined };

async function verifiedClaims(service: AuthService, request: AuthRequest): Promise<AccessClaims> {
	const header = request.req.headers.authorization;
	const token = header === undefined || /^Bearer\s/i.test(header) ? bearerToken(request.req) : '';
	if (!token) {
		throw new HttpError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	}
	try {
		return await service.tokens.verify(token);
	} catch (error) {
		if (!(error instanceof InvalidTokenError)) throw error;
		const detail = /"exp" claim timestamp check failed/.test(error.message)
			? 'token has invalid claims: token is expired'
			: error.message;
		throw new HttpError(
			403,
			'bad_jwt',
			`invalid JWT: unable to parse or verify signature, ${detail}`
		);
	}
}

/** The signed-in person behind the request's access token. */
export async function requireUser(service: AuthService, request: AuthRequest): Promise<Caller> {
	const claims = await verifiedClaims(service, request);
	if (!claims.sub) throw new HttpError(403, 'bad_jwt', 'invalid claim: missing sub claim');
	if (!UUID.test(claims.sub)) {
		throw new HttpError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
	}
	const user = await findById(service.sql, claims.sub);
	if (!user) {
		throw new HttpError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
	}
	const sessionId = claims.session_id || undefined;
	if (sessionId) {
		if (!UUID.test(sessionId)) {
			throw new HttpError(403, 'bad_jwt', 'invalid claim: session_id claim must be a UUID');
		}
		// Signed-out (or replayed-and-ended) sessions stop their access tokens here, as in GoTrue.
		if (!(await sessionIsLive(service.sql, sessionId))) {
			throw new HttpError(
				403,
				'session_not_found',
				'Session from session_id claim in JWT does not exist'
			);
		}
	}
	if (user.banned) throw userBanned(403);
	return { user, claims, sessionId };
}

/** An admin token (service_role); anything else is 403 not_admin. */
export async function requireAdmin(
	service: AuthService,
	request: AuthRequest
): Promise<AccessClaims> {
	const claims = await verifiedClaims(service, request);
	if (!ADMIN_ROLES.has(claims.role)) {
		throw new HttpError(403, 'not_admin', 'User not allowed');
	}
	return claims;
}
