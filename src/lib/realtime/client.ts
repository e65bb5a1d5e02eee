/**
 * The browser's Supabase client, for Realtime only. It never holds a session: it asks our server
 * for the signed-in person's current access token (supabase-js's `accessToken` option), so the
 * refresh token stays in an HttpOnly cookie. Loaded only on pages of signed-in people.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { env } from '$env/dynamic/public';

let client: SupabaseClient | undefined;
let cached: { token: string; expiresAt: number } | undefined;

/** The current access token, fetched again a minute before it expires. */
async function accessToken(): Promise<string | null> {
	const now = Date.now() / 1000;
	if (cached && cached.expiresAt - now > 60) return cached.token;
	const response = await fetch('/auth/token', { headers: { accept: 'application/json' } });
	if (!response.ok) {
		cached = undefined;
		return null;
	}
	const body = (await response.json()) as { access_token: string; expires_at: number };
	cached = { token: body.access_token, expiresAt: body.expires_at };
	return cached.token;
}

export function realtimeClient(): SupabaseClient {
	client ??= createClient(env.PUBLIC_SUPABASE_URL!, env.PUBLIC_SUPABASE_PUBLISHABLE_KEY!, {
		accessToken
	});
	return client;
}
