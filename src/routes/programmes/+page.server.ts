import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isAdminClaims } from '$lib/server/auth/admin';
import * as compendium from '$lib/server/db/compendium';
import { searchParams } from '$lib/server/forms';
import { parseSearch } from '$lib/schemas/compendium';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';

// Plain HTML for visitors on slow phones: GET forms and links need no JavaScript (the filters'
// small script, filters.js, only applies them as they change).
export const csr = false;

export const load: PageServerLoad = async (event) => {
	// A GET form sends its empty fields too ("q=&…"): the same search at its clean address.
	const params = [...event.url.searchParams];
	const clean = params.filter(([, value]) => value.trim() !== '');
	if (clean.length < params.length) {
		const search = new URLSearchParams(clean).toString();
		redirect(303, `${event.url.pathname}${search ? `?${search}` : ''}`);
	}
	return { compendium: serverRendered(await searchFor(event), event) };
};

/** The same search at another page: a plain link, so paging works without JavaScript. */
function pageHref(url: URL, key: 'after' | 'before', cursor: string | null) {
	if (!cursor) return null;
	const to = new URL(url);
	to.searchParams.delete('after');
	to.searchParams.delete('before');
	to.searchParams.set(key, cursor);
	return to.search;
}

async function searchFor({ locals, url, setHeaders }: Parameters<PageServerLoad>[0]) {
	// Admins are offered the page that adds a programme.
	const canAdd = isAdminClaims(locals.claims);
	const refused = (problem: string) => ({
		canAdd,
		problem,
		search: null,
		result: null,
		nextHref: null,
		previousHref: null
	});
	const parsed = parseSearch(searchParams(url));
	if (!parsed.ok) {
		setHeaders({ 'cache-control': 'no-store' });
		return refused(parsed.message);
	}
	const { after, before, more, ...filters } = parsed.search;
	const cursor = (value: string | undefined) =>
		value ? compendium.decodeCursor(value) : undefined;
	if ((after && !cursor(after)) || (before && !cursor(before))) {
		return refused(m.forms_page_link());
	}
	const result = await compendium.search(locals.claims, filters, {
		after: cursor(after),
		before: cursor(before),
		expand: more
	});
	return {
		canAdd,
		problem: null,
		search: parsed.search,
		result,
		nextHref: pageHref(url, 'after', result.next),
		previousHref: pageHref(url, 'before', result.previous)
	};
}
