/**
 * A page that its reader needs no JavaScript for, sent without the client app: no hydration
 * script and no module preloads, so a visitor reading a thread on a slow phone downloads the
 * page and its styles only (the thread page's app is 90 KB compressed, for nothing a visitor
 * can do with it). A route asks for it in its load (`locals.withoutApp = true`), for the viewers
 * it means; its forms and links work without JavaScript, as every page's must.
 *
 * Only the whole document: a client-side navigation (the __data.json of a page reached from
 * another with the app) is drawn by the app already running.
 */
import type { Handle } from '@sveltejs/kit';

// SvelteKit's start script (with the CSP nonce) and the <link rel="modulepreload"> of its chunks.
const START_SCRIPT = /<script(?: nonce="[^"]*")?>\s*\{\s*__sveltekit_[\s\S]*?<\/script>/;
const MODULE_PRELOADS = /<link\b[^>]*\brel="modulepreload"[^>]*>\s*/g;

export const withoutApp: Handle = async ({ event, resolve }) => {
	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			event.locals.withoutApp ? html.replace(START_SCRIPT, '').replace(MODULE_PRELOADS, '') : html
	});
	// Preloads may also travel as a Link header.
	if (event.locals.withoutApp) response.headers.delete('link');
	return response;
};
