import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseSpaceSearch } from '$lib/schemas/spaces';
import * as spaceSearch from '$lib/server/db/space-search';
import * as spaces from '$lib/server/db/spaces';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// A visitor reads, searches and follows links: nothing here needs the app for them.
	locals.withoutApp = !locals.claims;
	const parsed = parseSpaceSearch(url.searchParams);
	if (!parsed.ok) {
		const q = url.searchParams.get('q') ?? '';
		return { q, page: 1, space: null, found: null, problem: parsed.message };
	}
	const { q, in: slug, page } = parsed.search;
	const space = slug ? await spaces.get(locals.claims, slug) : null;
	if (slug && !space) error(404, m.spaces_not_found());
	const found =
		q && (!space || space.readable)
			? await spaceSearch.search(locals.claims, { q, spaceId: space?.id, page })
			: null;
	return {
		q: q ?? '',
		page,
		space: space && {
			slug: space.slug,
			name: space.name,
			text_language: space.text_language,
			readable: space.readable
		},
		found,
		problem: null
	};
};
