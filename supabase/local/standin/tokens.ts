/**
 * Access tokens as Supabase Auth issues them (ES256 with a `kid`, published in a JWKS) and the
 * verification every stand-in service applies to bearer tokens and API keys, with the keys of one
 * data folder (signing-keys.ts).
 */
import {
	decodeJwt,
	decodeProtectedHeader,
	importJWK,
	jwtVerify,
	SignJWT,
	type JWK,
	type JWTPayload,
	type CryptoKey as JoseKey
} from 'jose';
import { ANON_KEY, SERVICE_ROLE_KEY } from './keys.ts';
import type { SigningKeys } from './signing-keys.ts';

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

export class InvalidTokenError extends Error {}

export type Tokens = {
	/** The public half of the signing key, as /auth/v1/.well-known/jwks.json publishes it. */
	publicJwk: JWK & { kid: string };
	/** Signs user claims (already in GoTrue's order) as an ES256 JWT with the key's `kid`. */
	sign: (claims: AccessClaims) => Promise<string>;
	/**
	 * Verifies a bearer token: ES256 by `kid` (user tokens), HS256 with this folder's secret, or
	 * one of the CLI's demo API keys by its exact value. Expired or forged → InvalidTokenError.
	 */
	verify: (token: string) => Promise<AccessClaims>;
};

/**
 * The CLI's anon and service_role keys are signed with its public demo secret, which the stand-in
 * does not trust: they are API keys, recognised as exactly these strings (as `supabase start`
 * hands them out), and carry no `sub`, so they never stand for a person.
 */
const DEMO_API_KEYS = new Map<string, AccessClaims>(
	[ANON_KEY, SERVICE_ROLE_KEY].map((key) => [key, decodeJwt(key) as AccessClaims])
);

export function createTokens(keys: SigningKeys): Tokens {
	const { d: _d, key_ops: _ops, ...pub } = keys.signingKey;
	const publicJwk = {
		...pub,
		alg: 'ES256',
		use: 'sig',
		key_ops: ['verify'],
		kid: keys.signingKey.kid
	};
	const secret = new TextEncoder().encode(keys.jwtSecret);
	let privateKey: Promise<JoseKey | Uint8Array> | undefined;
	let publicKey: Promise<JoseKey | Uint8Array> | undefined;
	const signingKey = () =>
		(privateKey ??= importJWK({ ...keys.signingKey, key_ops: ['sign'] }, 'ES256'));
	const verifyingKey = () => (publicKey ??= importJWK(publicJwk, 'ES256'));

	return {
		publicJwk,
		sign: async (claims) =>
			new SignJWT(claims)
				.setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid, typ: 'JWT' })
				.sign(await signingKey()),
		verify: async (token) => {
			const apiKey = DEMO_API_KEYS.get(token);
			if (apiKey) return { ...apiKey };
			try {
				const header = decodeProtectedHeader(token);
				const key =
					header.alg === 'HS256'
						? secret
						: header.alg === 'ES256' && header.kid === publicJwk.kid
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
	};
}
