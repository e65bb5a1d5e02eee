/**
 * Access tokens as Supabase Auth issues them (ES256 with a `kid`, published in a JWKS) and the
 * verification every stand-in service applies to bearer tokens and API keys.
 */
import {
	importJWK,
	jwtVerify,
	SignJWT,
	decodeProtectedHeader,
	type JWTPayload,
	type CryptoKey as JoseKey
} from 'jose';
import { JWT_SECRET, SIGNING_KEY } from './keys.ts';

export type AccessClaims = JWTPayload & {
	sub?: string;
	role: string;
	aud?: string;
	email?: string;
	phone?: string;
	app_metadata?: Record<string, unknown>;
	user_metadata?: Record<string, unknown>;
	aal?: string;
	amr?: { method: string; timestamp: number }[];
	session_id?: string;
	is_anonymous?: boolean;
};

const secret = new TextEncoder().encode(JWT_SECRET);
let privateKey: Promise<JoseKey | Uint8Array> | undefined;
let publicKey: Promise<JoseKey | Uint8Array> | undefined;

function signingKey() {
	// The CLI's JWK lists key_ops ['verify'] for the public half; signing needs its own.
	return (privateKey ??= importJWK({ ...SIGNING_KEY, key_ops: ['sign'] }, 'ES256'));
}
function verifyingKey() {
	const { d: _d, ...pub } = SIGNING_KEY;
	return (publicKey ??= importJWK({ ...pub, key_ops: ['verify'] }, 'ES256'));
}

/** Signs user claims (already in GoTrue's order) as an ES256 JWT with the key's `kid`. */
export async function signAccessToken(claims: AccessClaims): Promise<string> {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'ES256', kid: SIGNING_KEY.kid, typ: 'JWT' })
		.sign(await signingKey());
}

export class InvalidTokenError extends Error {}

/**
 * Verifies a bearer token: ES256 by `kid` (user tokens), HS256 with the shared secret (the legacy
 * anon and service_role keys, and tokens from other tools). Expired or forged → InvalidTokenError.
 */
export async function verifyToken(token: string): Promise<AccessClaims> {
	try {
		const header = decodeProtectedHeader(token);
		const key =
			header.alg === 'HS256'
				? secret
				: header.kid === SIGNING_KEY.kid
					? await verifyingKey()
					: undefined;
		if (!key) throw new InvalidTokenError('unknown signing key');
		const { payload } = await jwtVerify(token, key, { algorithms: ['ES256', 'HS256'] });
		if (typeof payload.role !== 'string') throw new InvalidTokenError('token has no role');
		return payload as AccessClaims;
	} catch (error) {
		if (error instanceof InvalidTokenError) throw error;
		throw new InvalidTokenError(error instanceof Error ? error.message : String(error));
	}
}
