import { json } from '@sveltejs/kit';
import { stringify } from 'devalue';
import { threadPageSchema } from '$lib/schemas/spaces';
import * as posts from '$lib/server/db/posts';
import * as threads from '$lib/server/db/threads';
import { shownPosts } from '$lib/server/spaces/thread-posts';
import { parseThreadParam } from '$lib/space-paths';
import type { RequestHandler } from './$types';

/**
 * The posts of a thread after a number, as its open page draws them, for a signed-in reader whose
 * page shows the thread's end when the thread's channel says a post came: the page asks for the
 * new posts alone rather than loading itself again. Read under the reader's RLS like the page;
 * a thread they may not read is a 404, as the page is. The posts go as the page's own data does
 * (devalue: dates stay dates).
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const headers = { 'cache-control': 'private, no-store' };
	if (!locals.claims) return json({ posts: [] }, { status: 401, headers });
	const address = parseThreadParam(params.thread);
	const after = threadPageSchema.safeParse({ after: url.searchParams.get('after') || undefined });
	if (!address || !after.success || after.data.after === undefined) {
		return json({ posts: [] }, { status: 400, headers });
	}
	const thread = await threads.get(locals.claims, address.number);
	if (!thread || thread.space_slug !== params.space) {
		return json({ posts: [] }, { status: 404, headers });
	}
	const rows = await posts.page(locals.claims, thread.id, { after: after.data.after });
	const last = rows.at(-1)?.number ?? 0;
	if (last > (thread.last_read_number ?? 0)) {
		await threads.markRead(locals.claims, thread.id, last);
	}
	const shown = await shownPosts(locals.claims, rows, {
		origin: url.origin,
		timeZone: locals.timeZone,
		editing: null
	});
	return new Response(stringify({ posts: shown }), {
		headers: { ...headers, 'content-type': 'application/json' }
	});
};
