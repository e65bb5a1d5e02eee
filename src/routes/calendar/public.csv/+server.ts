import * as events from '$lib/server/db/events';
import { csvOfEvents } from '$lib/server/events/open-data';
import type { RequestHandler } from './$types';

/** The public calendar as CSV open data (what a visitor sees), for a spreadsheet. */
export const GET: RequestHandler = async ({ url }) =>
	new Response(csvOfEvents(await events.openData(), url.origin), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="capacity-commons-events.csv"',
			'cache-control': 'public, max-age=300'
		}
	});
