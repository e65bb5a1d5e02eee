/**
 * The events of one organiser (/programmes/<slug>/events, /organisations/<slug>/events,
 * /spaces/<slug>/events) and its feed (/calendar/programmes/<slug>.ics, …): an organisation's are
 * its own and its programmes'. The list is read as the viewer (RLS decides), the feed as a
 * visitor (a feed address is shared and cached, so it holds public events only, and a space's
 * feed exists only for a public space).
 */
import { error } from '@sveltejs/kit';
import { dayKey, withWhen } from '$lib/event-time';
import type { Clock } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import * as events from '$lib/server/db/events';
import type { Claims } from '$lib/server/db/client';
import type { OrganiserKind } from '$lib/words/events';
import { calendarOf } from '$lib/server/events/ical';

/** Up to 100 of the organiser's upcoming events, grouped by the viewer's day. */
export async function organiserEvents(
	viewer: Claims | null,
	clock: Clock,
	organiser: { kind: OrganiserKind; slug: string }
) {
	const name = await events.organiserName(viewer, organiser);
	if (!name) error(404, m.events_organiser_not_found());
	const page = await events.upcoming(viewer, { organiser }, { limit: 100 });
	const byDay = new Map<string, ReturnType<typeof withWhen<events.EventCard>>[]>();
	for (const event of page.events) {
		const day = dayKey(event, clock.timeZone);
		byDay.set(day, [...(byDay.get(day) ?? []), withWhen(event, clock)]);
	}
	return {
		name,
		kind: organiser.kind,
		slug: organiser.slug,
		days: [...byDay.keys()].sort().map((day) => ({ day, events: byDay.get(day)! }))
	};
}

/** The organiser's public events as a live iCalendar feed. */
export async function organiserFeed(
	origin: string,
	organiser: { kind: OrganiserKind; slug: string }
) {
	const name = await events.organiserName(null, organiser);
	if (!name) error(404, m.events_organiser_not_found());
	const text = calendarOf(await events.feed(null, { organiser }), {
		name: `${name} — ${m.events_feed_name()}`,
		origin
	});
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${organiser.slug}.ics"`,
			'cache-control': 'public, max-age=300'
		}
	});
}

/**
 * The event form's organiser choices in words: a space is called one (a programme's space bears
 * the programme's name).
 */
export const choicesInWords = (choices: events.OrganiserChoice[]) =>
	choices.map((choice) =>
		choice.value.startsWith('space:')
			? { ...choice, label: m.events_organiser_space({ name: choice.label }) }
			: choice
	);
