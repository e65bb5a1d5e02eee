import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as events from '$lib/server/db/events';
import { calendarOf } from '$lib/server/events/ical';
import { parseEventParam } from '../../paths';
import type { RequestHandler } from './$types';

/** One event as an .ics file ("add to calendar"), as the viewer may see it. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const address = parseEventParam(params.event);
	const event = address ? await events.feedEvent(locals.claims, address.id) : null;
	if (!event) error(404, m.events_not_found());
	return new Response(calendarOf([event], { name: event.title, origin: url.origin }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${event.slug}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
