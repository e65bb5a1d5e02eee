import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { RSVP_LABELS } from '$lib/words/events';
import { requireUser } from '$lib/server/auth/guard';
import { csvOf } from '$lib/server/csv';
import * as events from '$lib/server/db/events';
import { labelOf, parseEventParam } from '../../paths';
import type { RequestHandler } from './$types';

/** The attendee list as CSV, for the event's organisers only (RLS gives anyone else nothing). */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	const address = parseEventParam(params.event);
	const event = address ? await events.get(user, address.id) : null;
	if (!event) error(404, m.events_not_found());
	if (!event.manages) error(403, m.events_attendees_organisers_only());
	const rows = await events.attendees(user, event.id);
	const lines = [
		[
			m.events_attendee_name(),
			m.events_attendee_answer(),
			m.events_attendee_place(),
			m.events_attendee_note(),
			m.events_attendee_when()
		],
		...rows.map((a) => [
			a.display_name,
			labelOf(RSVP_LABELS, a.response),
			a.waitlist_position,
			a.note,
			a.created_at.toISOString()
		])
	];
	return new Response(csvOf(lines), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${event.slug}-attendees.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
