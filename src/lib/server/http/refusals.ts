/**
 * Database refusals that no route caught keep their meaning: bad input is a 400 with what was
 * wrong, a refusal by RLS a 403, and while the database cannot be reached every page says the
 * service is briefly unavailable, with a 503 and Retry-After (so browsers, crawlers and load
 * balancers come back) — never "something went wrong".
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { peopleError, type PeopleError } from '../db/errors';
import { m } from '$lib/paraglide/messages';
import { baseLocale, extractLocaleFromUrl, getTextDirection } from '$lib/paraglide/runtime';

/** Seconds a client is asked to wait; a restart of the database takes about this long. */
const RETRY_AFTER = '30';

/**
 * For handleError: the refusal an unexpected error stands for, remembered on the request so that
 * `refusals` gives the response its status; undefined for a real bug.
 */
export function refusalOf(error: unknown, event: RequestEvent): PeopleError | undefined {
	const problem = peopleError(error);
	if (!problem) return undefined;
	event.locals.refusal = problem.status;
	return problem.status === 503 ? { ...problem, message: m.shell_unavailable() } : problem;
}

export const refusals: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		// Thrown before any page rendered (the session check of hooks.server.ts).
		if (peopleError(error)?.status !== 503) throw error;
		console.warn(`[outage] ${event.request.method} ${event.url.pathname}: ${String(error)}`);
		return unavailable(event);
	}
	const status = event.locals.refusal;
	if (!status || response.status < 500) return response;
	// The page (or JSON) SvelteKit rendered with handleError's message, with the status it means.
	const headers = new Headers(response.headers);
	if (status === 503) {
		headers.set('retry-after', RETRY_AFTER);
		headers.set('cache-control', 'no-store');
	}
	return new Response(response.body, { status, headers });
};

function unavailable(event: RequestEvent): Response {
	const headers = { 'retry-after': RETRY_AFTER, 'cache-control': 'no-store' };
	// Before the page's locale is known to the request: the URL's, as the page would have had.
	const locale = extractLocaleFromUrl(event.url) ?? baseLocale;
	const message = m.shell_unavailable({}, { locale });
	if (!event.request.headers.get('accept')?.includes('text/html')) {
		return Response.json({ message }, { status: 503, headers });
	}
	const title = m.shell_unavailable_title({}, { locale });
	const page = `<!doctype html><html lang="${locale}" dir="${getTextDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Capacity Commons</title></head><body><main><h1>${title}</h1><p>${message}</p></main></body></html>`;
	return new Response(page, {
		status: 503,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
	});
}
