import { m } from '$lib/paraglide/messages';
import * as events from '$lib/server/db/events';
import { calendarOf } from '$lib/server/events/ical';
import type { RequestHandler } from './$types';

/** The public calendar as a live iCalendar feed: what a visitor sees, for any calendar app. */
export const GET: RequestHandler = async ({ url }) => {
	// As a visitor, whoever asks: a feed URL is shared and cached, so it holds public events only.
	const text = calendarOf(await events.feed(null), {
		name: m.events_feed_name(),
		origin: url.origin
	});
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="capacity-commons.ics"',
			'cache-control': 'public, max-age=300'
		}
	});
};
