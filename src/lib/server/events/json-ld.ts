/**
 * An event page's schema.org Event, as JSON-LD, so that search engines and aggregators read the
 * event right: its start and end with the offset of its own zone (through Temporal), all-day
 * events as dates, its status, attendance mode, place, organisers and who it is for (its target
 * groups, named in the page's language, as schema.org Audiences). Never the join link.
 */
import { Temporal } from 'temporal-polyfill';
import type { EventDetails } from '$lib/server/db/events';

const STATUS: Record<string, string> = {
	scheduled: 'https://schema.org/EventScheduled',
	moved: 'https://schema.org/EventRescheduled',
	cancelled: 'https://schema.org/EventCancelled'
};
const MODE: Record<string, string> = {
	online: 'https://schema.org/OnlineEventAttendanceMode',
	'in-person': 'https://schema.org/OfflineEventAttendanceMode',
	hybrid: 'https://schema.org/MixedEventAttendanceMode'
};

/** 2027-03-25T15:00:00+01:00: the wall clock of the event's zone, with its offset then. */
const local = (at: Date, zone: string) =>
	Temporal.Instant.fromEpochMilliseconds(at.getTime())
		.toZonedDateTimeISO(zone)
		.toString({ timeZoneName: 'never', smallestUnit: 'second' });

export function eventJsonLd(
	event: EventDetails,
	pageUrl: string,
	{ audience = [] }: { audience?: string[] } = {}
): Record<string, unknown> {
	const place = event.venue_name
		? {
				'@type': 'Place',
				name: event.venue_name,
				address: {
					'@type': 'PostalAddress',
					streetAddress: event.venue_address ?? undefined,
					addressLocality: event.venue_city ?? undefined,
					addressCountry: event.country_code ?? undefined
				}
			}
		: null;
	const virtual =
		event.format === 'in-person' ? null : { '@type': 'VirtualLocation', url: pageUrl };
	return {
		'@context': 'https://schema.org',
		'@type': 'Event',
		name: event.title,
		description: event.description ?? undefined,
		url: pageUrl,
		startDate: event.all_day ? event.starts_on : local(event.starts_at!, event.time_zone),
		endDate: event.all_day ? event.ends_on : local(event.ends_at!, event.time_zone),
		eventStatus: STATUS[event.status],
		eventAttendanceMode: MODE[event.format],
		location: [place, virtual].filter(Boolean),
		inLanguage: event.languages.length ? event.languages : undefined,
		maximumAttendeeCapacity: event.capacity ?? undefined,
		audience: audience.length
			? audience.map((name) => ({ '@type': 'Audience', audienceType: name }))
			: undefined,
		organizer: event.organisers.map((o) => ({ '@type': 'Organization', name: o.name }))
	};
}

/** JSON for a <script type="application/ld+json">: no "<" that could close the element. */
export const scriptSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
