import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The signed-in person's current access token, for the browser's Realtime connection only
 * (supabase-js's `accessToken` option). The refresh token never leaves the server; the hook has
 * already refreshed the session if the access token had expired.
 */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.claims) error(401, 'Not signed in');
	const { data } = await locals.supabase.auth.getSession();
	if (!data.session) error(401, 'Not signed in');
	return json(
		{ access_token: data.session.access_token, expires_at: data.session.expires_at },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
