/**
 * The browser's Realtime client, and only that: @supabase/realtime-js, not the whole of
 * supabase-js (the pages need no Auth, no PostgREST and no Storage client, and a person on a slow
 * phone pays for every kilobyte). It never holds a session: it asks our server for the signed-in
 * person's current access token (the `accessToken` option, as supabase-js passes it), so the
 * refresh token stays in an HttpOnly cookie. Loaded only on pages of signed-in people, after the
 * page is shown.
 */
import { RealtimeClient } from '@supabase/realtime-js';
import { env } from '$env/dynamic/public';

let client: RealtimeClient | undefined;
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

/** The page's one Realtime client, at the project's /realtime/v1 (ws: or wss: as the URL's scheme). */
export function realtimeClient(): RealtimeClient {
	client ??= new RealtimeClient(
		`${env.PUBLIC_SUPABASE_URL!.replace(/^http/i, 'ws').replace(/\/$/, '')}/realtime/v1`,
		{ params: { apikey: env.PUBLIC_SUPABASE_PUBLISHABLE_KEY! }, accessToken }
	);
	return client;
}
