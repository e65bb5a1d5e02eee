/**
 * Events as iCalendar (RFC 5545), by a maintained generator (ical-generator): its escaping, CRLF
 * and line folding at 75 octets. Each timed event keeps its own zone (DTSTART;TZID=…), and the
 * calendar carries a VTIMEZONE for every TZID it uses, written from the IANA rules through
 * Temporal: each change of offset over the calendar's span is one STANDARD or DAYLIGHT
 * observance, so the file says what the rules say for those years without an RRULE to guess.
 * All-day events are dates (VALUE=DATE). UIDs are stable, SEQUENCE counts the changes of time
 * and place, DTSTAMP is the last change in UTC, and a cancelled event stays as STATUS:CANCELLED.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';

export type FeedEvent = {
	id: string;
	slug: string;
	title: string;
	description: string | null;
	status: string;
	format: string;
	venue_name: string | null;
	venue_address: string | null;
	venue_city: string | null;
	time_zone: string;
	all_day: boolean;
	starts_at: Date | null;
	ends_at: Date | null;
	starts_on: string | null;
	ends_on: string | null;
	sequence: number;
	updated_at: Date;
};

export type FeedOptions = {
	/** The calendar's name, in the language of the request. */
	name: string;
	/** The site's origin, for each event's URL (https://commons.example.org). */
	origin: string;
	/** The domain of the UIDs: stable across hosts, so a calendar never sees an event twice. */
	uidDomain?: string;
};

const DAY_MS = 86_400_000;

const compact = (local: Temporal.PlainDateTime) =>
	local.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');

/** "+01:00" as iCalendar writes it: "+0100". */
const offsetOf = (offset: string) => offset.replace(':', '').slice(0, 5);

/**
 * The VTIMEZONE of an IANA zone from `from` to `to`: the offset in force at the start, then one
 * observance per transition Temporal finds (a zone without any, Asia/Kathmandu, has one).
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
	const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
	let at = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(zone);
	const end = Temporal.Instant.fromEpochMilliseconds(to.getTime());
	const observance = (
		kind: string,
		start: Temporal.PlainDateTime,
		fromOffset: string,
		toOffset: string
	) =>
		lines.push(
			`BEGIN:${kind}`,
			`DTSTART:${compact(start)}`,
			`TZOFFSETFROM:${offsetOf(fromOffset)}`,
			`TZOFFSETTO:${offsetOf(toOffset)}`,
			`END:${kind}`
		);
	observance('STANDARD', at.toPlainDateTime().round('second'), at.offset, at.offset);
	for (;;) {
		const next = at.getTimeZoneTransition('next');
		if (!next || Temporal.Instant.compare(next.toInstant(), end) > 0) break;
		const before = next.subtract({ nanoseconds: 1 }).offset;
		// The wall clock the change happens at, read on the clock before it (RFC 5545 3.6.5).
		const local = next.toInstant().toZonedDateTimeISO(before).toPlainDateTime();
		const kind = next.offsetNanoseconds > at.offsetNanoseconds ? 'DAYLIGHT' : 'STANDARD';
		observance(kind, local, before, next.offset);
		at = next;
	}
	lines.push('END:VTIMEZONE');
	return lines.join('\r\n') + '\r\n';
}

/** The instants an event spans, for the calendar's span of zone rules. */
const span = (event: FeedEvent): [number, number] =>
	event.all_day
		? [
				Date.parse(`${event.starts_on}T00:00:00Z`),
				Date.parse(`${event.ends_on}T00:00:00Z`) + DAY_MS
			]
		: [event.starts_at!.getTime(), event.ends_at!.getTime()];

/** The calendar of `events` as iCalendar text. */
export function calendarOf(events: FeedEvent[], options: FeedOptions): string {
	const spans = events.map(span);
	// A year either side: enough for any client to place the events and their reminders.
	const from = new Date(Math.min(Date.now(), ...spans.map(([s]) => s)) - 366 * DAY_MS);
	const to = new Date(Math.max(Date.now(), ...spans.map(([, e]) => e)) + 366 * DAY_MS);
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Capacity Commons', product: 'Calendar', language: 'EN' },
		method: ICalCalendarMethod.PUBLISH,
		timezone: { name: null, generator: (zone) => vtimezone(zone, from, to) }
	});
	const domain = options.uidDomain ?? 'capacity-commons';
	for (const event of events) {
		const where = [event.venue_name, event.venue_address, event.venue_city]
			.filter(Boolean)
			.join(', ');
		const common = {
			id: `${event.id}@${domain}`,
			summary: event.title,
			description: event.description,
			location: where || null,
			url: `${options.origin}/events/${event.id}-${event.slug}`,
			sequence: event.sequence,
			stamp: event.updated_at,
			status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		};
		if (event.all_day) {
			calendar.createEvent({
				...common,
				allDay: true,
				start: Temporal.PlainDate.from(event.starts_on!),
				// DTEND of a date is exclusive: the day after the last.
				end: Temporal.PlainDate.from(event.ends_on!).add({ days: 1 })
			});
		} else {
			const zoned = (at: Date) =>
				Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(event.time_zone);
			calendar.createEvent({
				...common,
				timezone: event.time_zone,
				start: zoned(event.starts_at!),
				end: zoned(event.ends_at!)
			});
		}
	}
	// RFC 5545 ends every content line with CRLF, the last one too; the generator stops short.
	const text = calendar.toString();
	return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
