/**
 * Recurring series: the few repeats an organiser chooses (weekly, fortnightly, monthly on a date,
 * monthly on a weekday such as "the second Tuesday"), written as an RFC 5545 RRULE and expanded by
 * a maintained library (rrule-temporal) on the event's own wall clock in its IANA zone: a 15:00
 * Europe/Zurich call stays at 15:00 in Zurich across daylight saving time, and so moves for Dakar.
 * A series must end (a last day or a number of times) and is bounded (MAX_OCCURRENCES, MAX_YEARS),
 * so that its occurrences can be kept as rows: each an event of its own (RSVP, join link, status
 * and feed entry per occurrence), which keeps the upcoming list and RLS as simple as for one event.
 */
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { MAX_OCCURRENCES, MAX_YEARS } from './event-bounds.ts';

export const REPEATS = ['weekly', 'fortnightly', 'monthly-date', 'monthly-weekday'] as const;
export type Repeat = (typeof REPEATS)[number];

export { MAX_OCCURRENCES, MAX_YEARS };

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Which of its weekday in the month a day is: 1 to 4, or -1 for a fifth (the last). */
export const weekOfMonth = (day: Temporal.PlainDate) => {
	const nth = Math.ceil(day.day / 7);
	return nth === 5 ? -1 : nth;
};

/** "20270601T215959Z": an instant as an RRULE's UNTIL writes it (UTC, RFC 5545 3.3.10). */
const utcStamp = (at: Temporal.Instant) =>
	at.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '').replace(/\.\d+/, '');

export type SeriesEnd = { until: string } | { count: number };

/**
 * The RRULE (without "RRULE:") of a repeat starting on `first` in `zone`, ending on a last day
 * (inclusive, to the end of that day in the zone) or after a number of times.
 */
export function ruleOf(repeat: Repeat, first: string, zone: string, end: SeriesEnd): string {
	const day = Temporal.PlainDate.from(first);
	const weekday = WEEKDAYS[day.dayOfWeek - 1]!;
	const parts =
		repeat === 'weekly'
			? ['FREQ=WEEKLY', `BYDAY=${weekday}`]
			: repeat === 'fortnightly'
				? ['FREQ=WEEKLY', 'INTERVAL=2', `BYDAY=${weekday}`]
				: repeat === 'monthly-date'
					? ['FREQ=MONTHLY', `BYMONTHDAY=${day.day}`]
					: ['FREQ=MONTHLY', `BYDAY=${weekOfMonth(day)}${weekday}`];
	if ('count' in end) parts.push(`COUNT=${end.count}`);
	else {
		const lastMoment = Temporal.PlainDate.from(end.until)
			.add({ days: 1 })
			.toZonedDateTime({ timeZone: zone })
			.subtract({ seconds: 1 })
			.toInstant();
		parts.push(`UNTIL=${utcStamp(lastMoment)}`);
	}
	return parts.join(';');
}

export type Occurrence = {
	/** The occurrence's start as the rule gives it: its RECURRENCE-ID, kept when it is moved. */
	recurrence_id: Date;
	starts_at: Date;
	ends_at: Date;
};

/**
 * The occurrences of a rule from a first start (a wall clock in `zone`) lasting `minutes` each,
 * at most MAX_OCCURRENCES + 1 (one more than allowed, so that a caller can say "too many").
 */
export function expand(
	rrule: string,
	firstStart: { day: string; time: string },
	zone: string,
	minutes: number
): Occurrence[] {
	const dtstart = Temporal.PlainDateTime.from(
		`${firstStart.day}T${firstStart.time}`
	).toZonedDateTime(zone);
	const rule = new RRuleTemporal({ rruleString: rrule, dtstart, temporal: Temporal });
	return rule
		.all((_, i) => i <= MAX_OCCURRENCES)
		.map((start) => {
			const at = new Date(start.epochMilliseconds);
			return {
				recurrence_id: at,
				starts_at: at,
				ends_at: new Date(start.add({ minutes }).epochMilliseconds)
			};
		});
}

/** Why a series cannot be: too many occurrences, too long, or none at all; null when it can. */
export function seriesProblem(
	occurrences: Occurrence[],
	zone: string
): 'too-many' | 'too-long' | 'none' | null {
	if (occurrences.length < 2) return 'none';
	if (occurrences.length > MAX_OCCURRENCES) return 'too-many';
	const first = Temporal.Instant.fromEpochMilliseconds(occurrences[0]!.starts_at.getTime())
		.toZonedDateTimeISO(zone)
		.toPlainDate();
	const last = Temporal.Instant.fromEpochMilliseconds(occurrences.at(-1)!.starts_at.getTime())
		.toZonedDateTimeISO(zone)
		.toPlainDate();
	if (Temporal.PlainDate.compare(last, first.add({ years: MAX_YEARS })) > 0) return 'too-long';
	return null;
}

/**
 * A following occurrence moved like the one an organiser changed: the same shift of its day on the
 * zone's calendar, the new wall-clock time and length, so that "this and following" keeps each
 * occurrence's own date (a second Tuesday stays its own Tuesday) and Zurich's clock across DST.
 */
export function shifted(
	occurrence: Date,
	zones: { from: string; to: string },
	change: { fromDay: string; toDay: string; time: string; minutes: number }
): { starts_at: Date; ends_at: Date } {
	const days = Temporal.PlainDate.from(change.fromDay).until(change.toDay, {
		largestUnit: 'days'
	}).days;
	const day = Temporal.Instant.fromEpochMilliseconds(occurrence.getTime())
		.toZonedDateTimeISO(zones.from)
		.toPlainDate()
		.add({ days });
	const start = day.toPlainDateTime(Temporal.PlainTime.from(change.time)).toZonedDateTime(zones.to);
	return {
		starts_at: new Date(start.epochMilliseconds),
		ends_at: new Date(start.add({ minutes: change.minutes }).epochMilliseconds)
	};
}
