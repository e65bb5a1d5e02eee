import { m } from '$lib/paraglide/messages';
import { isAdminClaims } from '$lib/server/auth/admin';
import * as compendium from '$lib/server/db/compendium';
import { searchParams } from '$lib/server/forms';
import { parseSearch } from '$lib/schemas/compendium';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';

// Plain HTML for visitors on slow phones: GET forms and links need no JavaScript.
export const csr = false;

export const load: PageServerLoad = async (event) => ({
	compendium: serverRendered(await searchFor(event), event)
});

async function searchFor({ locals, url, setHeaders }: Parameters<PageServerLoad>[0]) {
	// Admins are offered the page that adds a programme.
	const canAdd = isAdminClaims(locals.claims);
	const parsed = parseSearch(searchParams(url));
	if (!parsed.ok) {
		setHeaders({ 'cache-control': 'no-store' });
		return { canAdd, problem: parsed.message, search: null, result: null, nextHref: null };
	}
	const { after, ...filters } = parsed.search;
	const cursor = after ? compendium.decodeCursor(after) : undefined;
	if (after && !cursor) {
		return {
			canAdd,
			problem: m.forms_page_link(),
			search: null,
			result: null,
			nextHref: null
		};
	}
	const result = await compendium.search(locals.claims, filters, { after: cursor });
	// The same search, one page on: a plain link, so paging works without JavaScript.
	const next = new URL(url);
	if (result.next) next.searchParams.set('after', result.next);
	return {
		canAdd,
		problem: null,
		search: parsed.search,
		result,
		nextHref: result.next ? next.search : null
	};
}
