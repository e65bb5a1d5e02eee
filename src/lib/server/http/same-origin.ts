/**
 * SvelteKit's cross-site form check, made here so that one address may be let through: the
 * one-click unsubscribe of RFC 8058, which a mail provider POSTs from its own servers without an
 * Origin of ours (svelte.config.js turns the kit's check off with trustedOrigins: ['*'], and this
 * handle, first in the hook's sequence, does what it did for every other request). That address
 * is safe to leave open: its signed token is the authority, it needs no session (so a forged
 * request gains nothing from a victim's cookies), and all it can do is turn one family of mail off.
 */
import type { Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { locales } from '$lib/paraglide/runtime';

const FORMS = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ONE_CLICK = new RegExp(`^/(?:(?:${locales.join('|')})/)?unsubscribe/[^/]+/?$`);

const isForm = (request: Request) => {
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	// Kit's binary form type of remote functions counts as a form too.
	return FORMS.includes(type) || type === 'application/x-sveltekit-formdata';
};

/** Whether a request is a cross-site form submission we refuse (as SvelteKit would). */
export function crossSiteForm(request: Request, url: URL): boolean {
	return (
		WRITES.has(request.method) &&
		isForm(request) &&
		request.headers.get('origin') !== url.origin &&
		!ONE_CLICK.test(url.pathname)
	);
}

export const sameOrigin: Handle = ({ event, resolve }) => {
	// Like SvelteKit's own check: not in development.
	if (!dev && crossSiteForm(event.request, event.url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		return event.request.headers.get('accept') === 'application/json'
			? Response.json({ message }, { status: 403 })
			: new Response(message, { status: 403 });
	}
	return resolve(event);
};
