import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as memberships from '$lib/server/db/memberships';
import * as programmes from '$lib/server/db/programmes';
import { renderMarkdown } from '$lib/server/markdown';
import { serverRendered } from '$lib/server-rendered';
import type { PageServerLoad } from './$types';

// Plain HTML for visitors on slow phones: GET forms and links need no JavaScript.
export const csr = false;

export const load: PageServerLoad = async (event) => ({
	programmePage: serverRendered(await read(event), event)
});

async function read({ locals, params }: Parameters<PageServerLoad>[0]) {
	const page = await programmes.get(locals.claims, params.slug);
	if (!page) error(404, m.programmes_not_found());
	return {
		...page,
		descriptionHtml: page.programme.description
			? underSection(renderMarkdown(page.programme.description))
			: '',
		signedIn: !!locals.claims,
		// "I took part in this" is for those not yet verified in it.
		tookPart: locals.claims
			? await memberships.isVerifiedIn(locals.claims, page.programme.id)
			: false
	};
}

/**
 * The description sits under the page's h2 "About", so its "## " headings (h4 from the renderer,
 * which leaves room for an h3) move up to h3: heading levels then never skip one.
 */
function underSection(html: string): string {
	return html.includes('<h3>') ? html : html.replace(/<(\/?)h4>/g, '<$1h3>');
}
