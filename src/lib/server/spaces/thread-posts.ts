/**
 * A thread's posts as its page shows them to one viewer: each body rendered from Markdown
 * (sanitised), its links to people, programmes and events as cards the viewer may see, and the
 * Markdown itself only for the author's own edit form. The page's load and the live endpoint
 * (a new post, fetched alone) both draw posts from here, so a post looks the same either way.
 */
import { clockFor } from '$lib/dates';
import * as linkCards from '$lib/server/db/link-cards';
import type { PostRow } from '$lib/server/db/posts';
import { renderMarkdown } from '$lib/server/markdown';
import { cardsOf, linkRefs } from './link-cards';

export async function shownPosts(
	claims: App.Locals['claims'],
	rows: PostRow[],
	{ origin, timeZone, editing }: { origin: string; timeZone: string | null; editing: number | null }
) {
	const rendered = rows.map((post) => {
		const html = post.removed ? '' : renderMarkdown(post.body);
		return { post, html, refs: linkRefs(html, origin) };
	});
	// The profiles, programmes and events the posts link to, as this viewer may see them.
	const linked = await linkCards.read(
		claims,
		rendered.flatMap((r) => r.refs)
	);
	const clock = clockFor(timeZone);
	return rendered.map(({ post, html, refs }) => ({
		...post,
		html,
		cards: cardsOf(refs, linked, clock),
		body: post.author_id === claims?.sub && editing === post.number ? post.body : ''
	}));
}

export type ShownPost = Awaited<ReturnType<typeof shownPosts>>[number];
