import { json } from '@sveltejs/kit';
import { mentionWordsSchema } from '$lib/schemas/spaces';
import * as mentions from '$lib/server/db/mentions';
import type { RequestHandler } from './$types';

/**
 * The people a signed-in writer may @mention in this space, for the suggestions under the reply
 * and new-thread boxes (with JavaScript; without it a person types the handle). Nobody for a
 * visitor, for a space the writer does not read, or for fewer than two letters.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const headers = { 'cache-control': 'private, no-store' };
	if (!locals.claims) return json([], { status: 401, headers });
	const words = mentionWordsSchema.safeParse(url.searchParams.get('q') ?? '');
	if (!words.success) return json([], { headers });
	return json(await mentions.candidates(locals.claims, params.space, words.data), { headers });
};
