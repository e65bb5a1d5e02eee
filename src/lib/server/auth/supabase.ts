/**
 * Supabase Auth for one request, through @supabase/ssr: the session lives in HttpOnly cookies
 * (the browser never holds the refresh token) and the access token is verified locally against
 * the JWKS — no network call per request once the key set is cached.
 */
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import { supabaseEnv } from '../env';
import type { Claims } from '../db/client';

/** @supabase/ssr's cookie names start with this. */
const AUTH_COOKIE = /^sb-.+-auth-token/;

export function hasSessionCookie(cookies: Cookies): boolean {
	return cookies.getAll().some((c) => AUTH_COOKIE.test(c.name));
}

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

/** The verified claims of the request's access token, refreshing the session if it expired. */
export async function verifiedClaims(supabase: SupabaseClient): Promise<Claims | null> {
	const { data, error } = await supabase.auth.getClaims();
	if (error || !data?.claims?.sub) return null;
	return data.claims as Claims;
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
