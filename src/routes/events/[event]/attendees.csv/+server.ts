import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { RSVP_LABELS } from '$lib/schemas/events';
import { requireUser } from '$lib/server/auth/guard';
import * as events from '$lib/server/db/events';
import { labelOf, parseEventParam } from '../../paths';
import type { RequestHandler } from './$types';

/**
 * A CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab, CR) set off with an apostrophe
 * so that a spreadsheet never runs an attendee's note as a formula.
 */
const cell = (value: string | number | null) => {
	const text = value === null ? '' : String(value);
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return `"${safe.replace(/"/g, '""')}"`;
};

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
	// A BOM so that spreadsheets read it as UTF-8 (names in Arabic, Chinese…); CRLF as RFC 4180.
	const body = '\uFEFF' + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${event.slug}-attendees.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
