import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as organisations from '$lib/server/db/organisations';
import { renderMarkdown } from '$lib/server/markdown';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';

// Plain HTML for visitors on slow phones: GET forms and links need no JavaScript.
export const csr = false;

export const load: PageServerLoad = async (event) => ({
	organisationPage: serverRendered(await read(event), event)
});

async function read({ locals, params }: Parameters<PageServerLoad>[0]) {
	const page = await organisations.get(locals.claims, params.slug);
	if (!page) error(404, m.organisations_not_found());
	const { description } = page.organisation;
	return { ...page, descriptionHtml: description ? renderMarkdown(description) : '' };
}
