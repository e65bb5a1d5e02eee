import { json } from '@sveltejs/kit';
import * as events from '$lib/server/db/events';
import { jsonOf } from '$lib/server/events/open-data';
import type { RequestHandler } from './$types';

/** The public calendar as JSON open data (what a visitor sees). */
export const GET: RequestHandler = async ({ url }) =>
	json(jsonOf(await events.openData(), url.origin), {
		headers: {
			'cache-control': 'public, max-age=300',
			'access-control-allow-origin': '*'
		}
	});
