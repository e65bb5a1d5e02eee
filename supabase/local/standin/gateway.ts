/**
 * What the Supabase CLI's local gateway (Kong) does before a request reaches Auth or Realtime:
 * new-style API keys are swapped for the legacy JWTs, and CORS is open. It does not validate keys.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANON_KEY, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from './keys.ts';

/** Maps an `apikey` value to the token a service sees (sb_ keys → legacy JWTs). */
export function keyToToken(apikey: string): string {
	if (apikey === SECRET_KEY) return SERVICE_ROLE_KEY;
	if (apikey === PUBLISHABLE_KEY) return ANON_KEY;
	return apikey;
}

/**
 * The bearer token a service sees: the request's own Authorization unless it carries an sb_ key,
 * else the mapped `apikey` header (Kong's rules, in order).
 */
export function bearerToken(req: IncomingMessage): string | undefined {
	const authorization = req.headers.authorization;
	if (authorization && !authorization.startsWith('Bearer sb_')) {
		return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
	}
	const apikey = req.headers.apikey;
	return typeof apikey === 'string' && apikey ? keyToToken(apikey) : undefined;
}

const EXPOSED = 'X-Total-Count, Link, X-Supabase-Api-Version';
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** Open CORS as the local gateway has it; answers preflights. Returns true when it answered. */
export function cors(req: IncomingMessage, res: ServerResponse): boolean {
	res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
	res.setHeader('Access-Control-Allow-Credentials', 'true');
	res.setHeader('Access-Control-Expose-Headers', EXPOSED);
	res.setHeader('Vary', 'Origin');
	if (req.method !== 'OPTIONS') return false;
	res.setHeader('Access-Control-Allow-Methods', METHODS);
	res.setHeader(
		'Access-Control-Allow-Headers',
		req.headers['access-control-request-headers'] ??
			'apikey, authorization, x-client-info, content-type, x-supabase-api-version, traceparent, tracestate, baggage'
	);
	res.setHeader('Access-Control-Max-Age', '86400');
	res.writeHead(204).end();
	return true;
}
