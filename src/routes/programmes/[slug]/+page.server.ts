import { error } from '@sveltejs/kit';
import * as programmes from '$lib/server/db/programmes';
import { renderMarkdown } from '$lib/server/markdown';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const page = await programmes.get(locals.claims, params.slug);
	if (!page) error(404, 'We could not find that programme.');
	return {
		...page,
		descriptionHtml: page.programme.description ? renderMarkdown(page.programme.description) : '',
		signedIn: !!locals.claims
	};
};
