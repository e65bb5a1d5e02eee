/**
 * Supabase Auth for one request, through @supabase/ssr: the session lives in HttpOnly cookies
 * (the browser never holds the refresh token) and the access token is verified locally against
 * the JWKS — no network call per request once the key set is cached.
 */
import { combineChunks, createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import { decodeJwt } from 'jose';
import { supabaseEnv } from '../env';
import { db, type Claims } from '../db/client';
import * as sessions from '../db/sessions';

/** @supabase/ssr's cookie names start with this. */
const AUTH_COOKIE = /^sb-.+-auth-token/;

/** The name of the session cookie (or of its first chunk), if the request has one. */
const sessionCookie = (cookies: Cookies) =>
	cookies.getAll().find((c) => AUTH_COOKIE.test(c.name))?.name;

/**
 * A server client for this request. `clientIp` is forwarded so that Auth's per-IP limits apply to
 * the person, not to this server.
 */
export function createSupabase(cookies: Cookies, url: URL, clientIp: string): SupabaseClient {
	const env = supabaseEnv();
	return createServerClient(env.PUBLIC_SUPABASE_URL, env.PUBLIC_SUPABASE_PUBLISHABLE_KEY, {
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (toSet) => {
				for (const { name, value, options } of toSet) {
					cookies.set(name, value, {
						...options,
						path: '/',
						// Unlike @supabase/ssr's default, scripts never read the session: only the server does.
						httpOnly: true,
						sameSite: 'lax',
						secure: url.protocol === 'https:'
					});
				}
			}
		},
		global: { headers: { 'X-Forwarded-For': clientIp } }
	});
}

// Verifying a token's signature (and importing the key to do it) costs half a millisecond, more
// than rendering a small page; a member's browser sends the same token with every request for an
// hour. So each token verified is remembered, by its exact text, until a little before it
// expires. What is remembered is only that the signature is Auth's: whether the session still
// stands, and the person's role, are asked of the database on every request (sessions.current).
const REMEMBERED_TOKENS = 10_000;
// @supabase/auth-js refreshes a session when its token is this close to expiring (its
// EXPIRY_MARGIN_MS); inside the margin the token goes the long way round, and is refreshed.
const REFRESH_MARGIN_MS = 90_000;
const verified = new Map<string, Claims & { exp: number }>();

/** A signed-in person as a request knows them: their claims, and their profile's time zone. */
export type Session = { claims: Claims; timeZone: string | null };

/**
 * The signed-in person, or null: the token must be Auth's (verified locally, refreshing the
 * session if it expired) and its session must still stand in the database. A session that was
 * ended elsewhere loses its cookies here. `supabase` gives the request's client, made only when
 * it is needed.
 */
export async function verifiedSession(
	cookies: Cookies,
	supabase: () => SupabaseClient
): Promise<Session | null> {
	const cookie = sessionCookie(cookies);
	if (!cookie) return null; // a visitor: nothing to verify, and no client to make
	const claims = await verifiedToken(cookies, cookie, supabase);
	if (!claims) return null;
	const session = await sessions.current(db(), claims);
	if (!session) {
		forgetSession(cookies);
		return null;
	}
	// The role as Auth holds it now: a demotion counts from the next request, not the next token.
	const { platform_role: _stale, ...appMetadata } = claims.app_metadata ?? {};
	return {
		claims: {
			...claims,
			app_metadata: session.platform_role
				? { ...appMetadata, platform_role: session.platform_role }
				: appMetadata
		},
		timeZone: session.time_zone
	};
}

/** The verified claims of the request's access token, refreshing the session if it expired. */
async function verifiedToken(
	cookies: Cookies,
	cookie: string,
	supabase: () => SupabaseClient
): Promise<Claims | null> {
	const token = await accessToken(cookies, cookie);
	const known = token ? verified.get(token) : undefined;
	if (known && known.exp * 1000 - Date.now() > REFRESH_MARGIN_MS) return known;

	const { data, error } = await supabase().auth.getClaims();
	if (error || !data?.claims?.sub) return null;
	const claims = data.claims as Claims & { exp: number };
	// Remembered only when it is the token the cookie holds, not one just refreshed.
	if (token && sameToken(token, claims)) {
		verified.delete(token);
		verified.set(token, claims);
		if (verified.size > REMEMBERED_TOKENS) verified.delete(verified.keys().next().value!);
	}
	return claims;
}

/** Drops the session cookies (all chunks) of a session that no longer stands. */
function forgetSession(cookies: Cookies) {
	for (const { name } of cookies.getAll()) {
		if (AUTH_COOKIE.test(name)) cookies.delete(name, { path: '/' });
	}
}

/** The access token in @supabase/ssr's session cookie (maybe chunked, maybe base64), unverified. */
async function accessToken(cookies: Cookies, name: string): Promise<string | undefined> {
	try {
		const key = name.replace(/\.\d+$/, '');
		const raw = await combineChunks(key, (chunk) => cookies.get(chunk));
		if (!raw) return undefined;
		const json = raw.startsWith('base64-')
			? Buffer.from(raw.slice('base64-'.length), 'base64url').toString('utf8')
			: raw;
		const token: unknown = JSON.parse(json)?.access_token;
		return typeof token === 'string' ? token : undefined;
	} catch {
		return undefined; // Not ours to judge: getClaims decides, and clears what is broken.
	}
}

function sameToken(token: string, claims: Claims & { exp: number }) {
	try {
		const payload = decodeJwt(token);
		return payload.sub === claims.sub && payload.iat === claims.iat && payload.exp === claims.exp;
	} catch {
		return false;
	}
}

let admin: SupabaseClient | undefined;

/** Auth's admin API with the secret key. Server-side only, for deleting an account. */
export function adminAuth() {
	const env = supabaseEnv();
	admin ??= createClient(env.PUBLIC_SUPABASE_URL, env.SUPABASE_SECRET_KEY, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	return admin.auth.admin;
}
