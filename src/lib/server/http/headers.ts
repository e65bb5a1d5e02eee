/**
 * The security headers every response carries: pages get them in the `securityHeaders` hook, and
 * the static files (which adapter-node serves before any hook runs) from the server that
 * `npm start` runs (supabase/local/start.ts). No imports, so plain Node can load it there.
 */
export const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	// For browsers that predate CSP's frame-ancestors.
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
};

/**
 * For static files: nothing in them may run or load anything (an SVG with a script, a file a
 * browser might sniff as HTML). Pages replace it with SvelteKit's own policy.
 */
export const STATIC_HEADERS: Record<string, string> = {
	...SECURITY_HEADERS,
	'content-security-policy':
		"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
};
