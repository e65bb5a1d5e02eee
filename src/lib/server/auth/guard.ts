/** The one guard for pages and actions that need a signed-in person. */
import { getRequestEvent } from '$app/server';
import { localizeHref } from '$lib/paraglide/runtime';
import { redirect } from '@sveltejs/kit';
import type { Claims } from '../db/client';

/**
 * The signed-in person's verified claims; anyone else is sent to sign in and brought back.
 * Call it in every load and action that needs it (layouts do not rerun on every request).
 */
export function requireUser(): Claims {
	const { locals, url } = getRequestEvent();
	if (!locals.claims) {
		// The sign-in page in the page's own language; the address asked for keeps its prefix.
		redirect(
			303,
			localizeHref(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
		);
	}
	return locals.claims;
}

/**
 * The path of `target` when it is a full address on `origin` (this site), else `target` as it
 * came. Supabase Auth's mail templates carry a redirect as the whole address
 * (`next={{ .RedirectTo }}`); the stand-in sends only its path. Either way it ends in safeRedirect.
 */
export function pathOnSite(target: string | null | undefined, origin: string) {
	if (!target || target.startsWith('/')) return target;
	try {
		const url = new URL(target);
		return url.origin === origin ? url.pathname + url.search + url.hash : undefined;
	} catch {
		return undefined;
	}
}

/** `target` if it is a path on this site, else `fallback`: redirects never leave the site. */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return fallback;
	}
	try {
		const url = new URL(target, 'http://same.site');
		return url.origin === 'http://same.site' ? url.pathname + url.search + url.hash : fallback;
	} catch {
		return fallback;
	}
}
