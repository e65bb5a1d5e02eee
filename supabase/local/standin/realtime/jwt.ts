/**
 * Token checks with Realtime's rules and words: the shared verification (ES256 by kid, HS256 with
 * the data folder's secret) plus Realtime's own demand that every token carries `role` and `exp`.
 */
import { decodeJwt } from 'jose';
import type { AccessClaims, Tokens } from '../tokens.ts';

export type Claims = AccessClaims & { exp: number };

export type TokenProblem = 'expired' | 'claims' | 'malformed' | 'signature';

export type TokenCheck =
	{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem; message: string };

/** Realtime's error code for each problem, as it prefixes join errors ("Code: message"). */
export const JOIN_ERROR_CODE: Record<TokenProblem, string> = {
	expired: 'InvalidJWTToken',
	claims: 'InvalidJWTToken',
	malformed: 'MalformedJWT',
	signature: 'JwtSignatureError'
};

const now = () => Math.floor(Date.now() / 1000);

export async function checkToken(tokens: Tokens, token: string): Promise<TokenCheck> {
	let unverified: ReturnType<typeof decodeJwt>;
	try {
		unverified = decodeJwt(token);
	} catch {
		return { ok: false, problem: 'malformed', message: 'The token provided is not a valid JWT' };
	}
	let claims: AccessClaims;
	try {
		claims = await tokens.verify(token);
	} catch (error) {
		const text = error instanceof Error ? error.message : '';
		// jose checks the signature before the claims, so an expired token here is a genuine one.
		if (text.includes('"exp" claim timestamp check failed') && typeof unverified.exp === 'number') {
			return {
				ok: false,
				problem: 'expired',
				message: `Token has expired ${Math.max(0, now() - unverified.exp)} seconds ago`
			};
		}
		if (text === 'token has no role') return missingClaims();
		if (/signature|signing key/.test(text)) {
			return { ok: false, problem: 'signature', message: 'Failed to validate JWT signature' };
		}
		return { ok: false, problem: 'malformed', message: 'The token provided is not a valid JWT' };
	}
	if (typeof claims.exp !== 'number') return missingClaims();
	return { ok: true, claims: claims as Claims };
}

function missingClaims(): TokenCheck {
	return { ok: false, problem: 'claims', message: 'Fields `role` and `exp` are required in JWT' };
}

/** What the websocket handshake answers for a bad connect-time token (HTTP 401 `{error}`). */
export function connectError(check: Extract<TokenCheck, { ok: false }>): string {
	return check.problem === 'expired' ? 'Token has expired' : check.message;
}
