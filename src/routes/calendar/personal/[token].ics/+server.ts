import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as events from '$lib/server/db/events';
import { calendarOf } from '$lib/server/events/ical';
import type { RequestHandler } from './$types';

/** A person's feed, for their calendar app, behind the secret in its address. */
export const GET: RequestHandler = async ({ params, url }) => {
	const feed = /^[A-Za-z0-9_-]{43}$/.test(params.token)
		? await events.personalFeed(params.token)
		: null;
	if (!feed) error(404, m.events_feed_not_found());
	return new Response(
		calendarOf(feed, { name: m.events_feed_personal_name(), origin: url.origin }),
		{
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'cache-control': 'private, no-store',
				// The address is a secret: never sent on as a referrer, never indexed.
				'referrer-policy': 'no-referrer',
				'x-robots-tag': 'noindex'
			}
		}
	);
};
