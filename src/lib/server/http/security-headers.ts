/**
 * Security headers on every response. The Content-Security-Policy itself (with per-response
 * nonces) comes from SvelteKit's `csp` setting in svelte.config.js.
 */
import type { Handle } from '@sveltejs/kit';
import { supabaseEnv } from '$lib/server/env';
import { SECURITY_HEADERS } from './headers';

let realtimeSources: string | undefined;

/** The Supabase origin over http and ws: signed-in pages keep a Realtime socket open to it. */
function supabaseSources(): string {
	if (realtimeSources) return realtimeSources;
	const url = new URL(supabaseEnv().PUBLIC_SUPABASE_URL);
	const socket = url.protocol === 'https:' ? 'wss:' : 'ws:';
	return (realtimeSources = `${url.origin} ${socket}//${url.host}`);
}

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// kit.csp is fixed at build time; the Supabase URL is known only when the server starts.
	const csp = response.headers.get('content-security-policy');
	if (csp?.includes("connect-src 'self'")) {
		response.headers.set(
			'content-security-policy',
			csp.replace("connect-src 'self'", `connect-src 'self' ${supabaseSources()}`)
		);
	}
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// HSTS only means something over https; over plain http browsers ignore it anyway.
	if (event.url.protocol === 'https:') {
		response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
	}
	return response;
};
