import { m } from '$lib/paraglide/messages';
import { isAdminClaims } from '$lib/server/auth/admin';
import * as organisations from '$lib/server/db/organisations';
import { searchParams } from '$lib/server/forms';
import { parseOrganisationSearch } from '$lib/schemas/organisations';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';

// Plain HTML for visitors on slow phones: GET forms and links need no JavaScript.
export const csr = false;

export const load: PageServerLoad = async (event) => ({
	index: serverRendered(await index(event), event)
});

async function index({ locals, url, setHeaders }: Parameters<PageServerLoad>[0]) {
	// Admins are offered the page that adds an organisation (a link only: RLS decides).
	const canAdd = isAdminClaims(locals.claims);
	const parsed = parseOrganisationSearch(searchParams(url));
	const unsearched = (problem: string) => {
		setHeaders({ 'cache-control': 'no-store' });
		return { canAdd, problem, q: null, result: null, nextHref: null };
	};
	if (!parsed.ok) return unsearched(parsed.message);
	const { q, after } = parsed.search;
	const cursor = after ? organisations.decodeCursor(after) : undefined;
	if (after && !cursor) return unsearched(m.forms_page_link());

	const result = await organisations.search(locals.claims, { q }, { after: cursor });
	// The same search, one page on: a plain link, so paging works without JavaScript.
	const next = new URL(url);
	if (result.next) next.searchParams.set('after', result.next);
	return { canAdd, problem: null, q: q ?? '', result, nextHref: result.next ? next.search : null };
}
