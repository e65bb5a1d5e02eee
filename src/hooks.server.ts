import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { createSupabase, verifiedSession } from '$lib/server/auth/supabase';
import { compress } from '$lib/server/http/compress';
import { refusalOf, refusals } from '$lib/server/http/refusals';
import { securityHeaders } from '$lib/server/http/security-headers';
import { withoutApp } from '$lib/server/http/without-app';
import { rememberOrigin, startEventMessages } from '$lib/server/events/messages';
import { startMailSender } from '$lib/server/mail/sender';
import { sameOrigin } from '$lib/server/http/same-origin';
import { kickNoticeMails, rememberNoticeOrigin, startNoticeMails } from '$lib/server/notices/mail';
import { LOCALE_COOKIE, OFFERED, preferredLocale } from '$lib/locales';
import {
	baseLocale,
	extractLocaleFromUrl,
	getTextDirection,
	isLocale,
	localizeHref,
	locales
} from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';

/** Once per server instance: its sender of the app's own mail and its events' messages job (not while building). */
export const init: ServerInit = () => {
	if (building) return;
	startMailSender();
	startEventMessages();
	startNoticeMails();
};

/**
 * Verifies the access token once per request, locally against the JWKS (or remembers having
 * done so), and puts its claims in `locals.claims`. Visitors without a session cookie cost
 * nothing here.
 */
const authenticate: Handle = async ({ event, resolve }) => {
	const clientIp = event.getClientAddress();
	event.locals.clientIp = clientIp;
	// The address the events' messages job links to (it runs outside any request).
	rememberOrigin(event.url);
	rememberNoticeOrigin(event.url);
	// Made when first used: most requests only need the claims, which rarely need the client.
	let supabase: App.Locals['supabase'] | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () => (supabase ??= createSupabase(event.cookies, event.url, clientIp)),
		enumerable: true
	});
	const session = await verifiedSession(event.cookies, () => event.locals.supabase);
	event.locals.claims = session?.claims ?? null;
	event.locals.timeZone = session?.timeZone ?? null;
	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};

/**
 * The request's locale, from its URL (English at /, the others under /fr/, /ar/…): every message
 * of this request is said in it, and the page's <html> carries its lang and direction.
 */
/** Each locale's <html> attributes, worked out once (Intl.Locale per page cost more than the rest). */
const HTML_ATTRIBUTES = new Map(
	locales.map((l) => [l, `lang="${l}" dir="${getTextDirection(l)}"`] as const)
);

const locale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.html%', HTML_ATTRIBUTES.get(locale)!)
		});
	});

/**
 * An address without a language prefix is the English page — unless the person chose another
 * language with the switcher (its cookie) or, having chosen none, their browser asks for one we
 * offer before English (Accept-Language): then they are sent to the same page in that language.
 * Only page visits move (not forms, data requests or downloads); an address with a prefix is
 * always the language it names, so a shared link opens as it was shared.
 */
const languageOfChoice: Handle = async ({ event, resolve }) => {
	const { request, url, cookies } = event;
	const isPageVisit =
		request.method === 'GET' &&
		(request.headers.get('sec-fetch-dest') ?? 'document') === 'document' &&
		(request.headers.get('accept') ?? '').includes('text/html');
	if (!isPageVisit || extractLocaleFromUrl(url) !== baseLocale) return resolve(event);
	const chosen = cookies.get(LOCALE_COOKIE);
	const wanted = isLocale(chosen)
		? chosen
		: preferredLocale(request.headers.get('accept-language'));
	if (wanted && wanted !== baseLocale && OFFERED.includes(wanted)) {
		return new Response(null, {
			status: 307,
			headers: {
				location: localizeHref(url.pathname + url.search, { locale: wanted }),
				vary: 'Accept-Language, Cookie',
				'cache-control': 'private, no-cache'
			}
		});
	}
	const response = await resolve(event);
	response.headers.append('vary', 'Accept-Language, Cookie');
	return response;
};

/**
 * After a change that went through (a post, a claim, a suggestion, an accepted invitation: any
 * form that may have written notices), the notice mail job runs, so a mail "as it happens" does
 * not wait for the sweep. When nothing is due that is one query.
 */
const noticeMails: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.request.method === 'POST' && response.status < 400) kickNoticeMails();
	return response;
};

// Compression wraps the response last, after the headers are set; a database refusal keeps its
// status whatever stage met it.
export const handle = sequence(
	sameOrigin,
	noticeMails,
	compress,
	securityHeaders,
	refusals,
	languageOfChoice,
	locale,
	authenticate,
	withoutApp
);

/**
 * The one place unexpected errors end up: logged with an id, and the person sees only the id.
 * Expected failures never come here; they leave as fail(4xx) or error(404) with a safe message.
 * A database refusal no route caught (bad input, RLS, an outage) is said in people's words, and
 * `refusals` gives the response the status it means.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.shell_not_found() };
	const id = crypto.randomUUID();
	const refusal = refusalOf(error, event);
	if (refusal) {
		console.warn(`[refused ${id}] ${event.request.method} ${event.url.pathname}: ${String(error)}`);
		return { message: refusal.message, id, status: refusal.status };
	}
	console.error(`[error ${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: status >= 500 ? m.shell_went_wrong() : message, id };
};
