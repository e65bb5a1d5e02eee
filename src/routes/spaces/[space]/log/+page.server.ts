import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guard';
import * as moderationLog from '$lib/server/db/moderation-log';
import * as spaces from '$lib/server/db/spaces';
import type { PageServerLoad } from './$types';

/** A space's moderation log, for its moderators. */
export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireUser();
	const space = await spaces.get(user, params.space);
	if (!space) error(404, m.spaces_not_found());
	if (!space.moderates) error(403, m.spaces_moderators_only());
	const before = Number(url.searchParams.get('before')) || undefined;
	const entries = await moderationLog.ofSpace(user, space.id, before);
	return {
		space,
		entries,
		olderHref: entries.length === 50 ? `?before=${entries.at(-1)!.id}` : null
	};
};
