/**
 * Security headers on every response. The Content-Security-Policy itself (with per-response
 * nonces) comes from SvelteKit's `csp` setting in vite.config.ts.
 */
import type { Handle } from '@sveltejs/kit';

const HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	// For browsers that predate CSP's frame-ancestors.
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
};

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// HSTS only means something over https; over plain http browsers ignore it anyway.
	if (event.url.protocol === 'https:') {
		response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
	}
	return response;
};
