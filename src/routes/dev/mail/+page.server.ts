import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { supabaseEnv } from '$lib/server/env';
import type { PageServerLoad } from './$types';

const outboxSchema = z.object({
	messages: z.array(
		z.object({
			id: z.string(),
			kind: z.string(),
			to: z.string(),
			from: z.string().optional(),
			subject: z.string(),
			text: z.string(),
			link: z.string().optional(),
			code: z.string().optional(),
			created_at: z.string()
		})
	)
});

/**
 * The address of the connection itself. With ADDRESS_HEADER (behind a proxy, and in the e2e
 * tests) getClientAddress() reads a header anyone can send, so the socket's peer is read from
 * adapter-node's request instead; `vite dev` has no platform, and its getClientAddress() is the
 * socket's.
 */
function peerAddress(platform: unknown, getClientAddress: () => string): string {
	const req = (platform as { req?: IncomingMessage } | undefined)?.req;
	return req ? (req.socket.remoteAddress ?? '') : getClientAddress();
}

function isLoopback(address: string): boolean {
	const v4 = address.replace(/^::ffff:/i, '');
	return address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
}

/**
 * The name the browser asked for is the site's or this machine's: a page on another site whose
 * name it re-points at 127.0.0.1 (DNS rebinding) comes from loopback too, under its own name.
 */
function isOwnName(host: string | null, site: URL): boolean {
	if (!host) return false;
	if (host.toLowerCase() === site.host) return true;
	const name = host
		.replace(/:\d+$/, '')
		.replace(/^\[|\]$/g, '')
		.toLowerCase();
	return name === 'localhost' || isLoopback(name);
}

/**
 * The local stand-in's outbox: every mail Auth would have sent, and the app's own mail, which
 * reaches the stand-in's SMTP sink (kind 'app'). Development only: with a real Supabase project
 * mail goes out for real and this page does not exist. It holds every reset link and code, so it
 * answers only connections from this machine; to anyone else it does not exist.
 */
export const load: PageServerLoad = async (event) => {
	const { fetch, url, platform, getClientAddress, setHeaders, request } = event;
	const env = supabaseEnv();
	const local =
		isLoopback(peerAddress(platform, getClientAddress)) &&
		isOwnName(request.headers.get('host'), url);
	if (!env.SUPABASE_STANDIN || !local) error(404, 'Not found');
	setHeaders({ 'cache-control': 'no-store' });
	const to = url.searchParams.get('to');
	const response = await fetch(
		`${env.PUBLIC_SUPABASE_URL}/_dev/mail${to ? `?to=${encodeURIComponent(to)}` : ''}`
	);
	const { messages } = outboxSchema.parse(await response.json());
	return { messages, to };
};
