/**
 * An event's time as its organisers set it (in the event's own IANA zone) and as one viewer lives
 * it (in theirs). Every conversion between a wall clock and an instant goes through Temporal
 * (temporal-polyfill until Node ships it), which carries the IANA rules: daylight saving time,
 * half- and quarter-hour zones, zones across the date line. No offset is ever written by hand.
 * All-day events are calendar dates, not instants: they never shift across zones. Formatting is
 * dates.ts's (the one place dates are written for a viewer).
 */
import { Temporal } from 'temporal-polyfill';
import { formatDate, formatLongDay, formatTimeOfDay, formatWeekdayTime, type Clock } from './dates';

/** The time columns of an event, as the database gives them. */
export type EventTime = {
	time_zone: string;
	all_day: boolean;
	starts_at: Date | string | null;
	ends_at: Date | string | null;
	starts_on: string | null;
	ends_on: string | null;
};

const instant = (at: Date | string) =>
	Temporal.Instant.fromEpochMilliseconds(new Date(at).getTime());

/** The date (YYYY-MM-DD) an instant falls on in a zone. */
export const dayIn = (at: Date | string, timeZone: string): string =>
	instant(at).toZonedDateTimeISO(timeZone).toPlainDate().toString();

/**
 * The instant of a wall-clock time on a day in a zone: 15:00 on 2026-03-30 in Europe/Zurich. A
 * time that does not exist there that day (the hour skipped when clocks go forward) is refused
 * with null; a time that happens twice (when they go back) is the first of the two.
 */
export function atWallClock(day: string, time: string, timeZone: string): Date | null {
	try {
		const zoned = Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(timeZone, {
			disambiguation: 'reject'
		});
		return new Date(zoned.epochMilliseconds);
	} catch (error) {
		if (error instanceof RangeError) {
			// 'reject' refuses both the skipped and the repeated hour; the repeated one is real.
			try {
				const zoned = Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(timeZone, {
					disambiguation: 'earlier'
				});
				const back = zoned.toPlainDateTime().toString({ smallestUnit: 'minute' });
				return back === `${day}T${time}` ? new Date(zoned.epochMilliseconds) : null;
			} catch {
				return null;
			}
		}
		throw error;
	}
}

/** The wall clock of an instant in a zone, as a form's date and time fields write it. */
export function wallClock(at: Date | string, timeZone: string): { day: string; time: string } {
	const zoned = instant(at).toZonedDateTimeISO(timeZone);
	return {
		day: zoned.toPlainDate().toString(),
		time: zoned.toPlainTime().toString({ smallestUnit: 'minute' })
	};
}

/** The offset of a zone from UTC at an instant, in minutes (Asia/Kathmandu: 345). */
export const offsetMinutes = (at: Date | string, timeZone: string): number =>
	instant(at).toZonedDateTimeISO(timeZone).offsetNanoseconds / 60e9;

/** The day under which a list groups an event for a viewer: its first day, in their zone. */
export function dayKey(event: EventTime, viewerZone: string): string {
	if (event.all_day) return event.starts_on!;
	return dayIn(event.starts_at!, viewerZone);
}

/** What a page says of an event's time: in the event's zone, and for the viewer when it differs. */
export type EventTimeWords = {
	/** The event's time where it happens: "Thursday 4 December, 15:00–16:30". */
	there: string;
	/** The event's zone, as the page names it (Europe/Zurich). */
	zone: string;
	/** The same start in the viewer's zone, when its wall clock differs: "Friday 5 December, 02:00". */
	forYou: string | null;
	/** Whether the viewer's day differs from the event's (the warning to read twice). */
	otherDay: boolean;
	/** machine-readable start and end, for <time datetime>. */
	startIso: string;
	endIso: string;
};

/**
 * An event's time in words for a viewer. An all-day event reads the same everywhere ("4 Dec 2026"
 * or "4–6 Dec 2026"), with no time for the viewer; a timed one reads in its zone, and again in the
 * viewer's when their clock says something else at that moment.
 */
export function describeEventTime(event: EventTime, clock: Clock): EventTimeWords {
	// The words depend on these alone, and a calendar page describes the same events for every
	// viewer in a zone: each description is made once (Temporal is most of a list page's CPU).
	const key = [
		clock.locale,
		clock.timeZone,
		event.time_zone,
		event.all_day
			? `${event.starts_on}/${event.ends_on}`
			: `${ms(event.starts_at)}/${ms(event.ends_at)}`
	].join('|');
	const known = described.get(key);
	if (known) return known;
	const words = Object.freeze(describe(event, clock));
	if (described.size >= DESCRIBED_MAX) described.delete(described.keys().next().value!);
	described.set(key, words);
	return words;
}

const ms = (at: Date | string | null) => (at === null ? '' : new Date(at).getTime());
/** The descriptions made, oldest first; at most DESCRIBED_MAX (a few MB at most). */
const described = new Map<string, EventTimeWords>();
const DESCRIBED_MAX = 10_000;

function describe(event: EventTime, clock: Clock): EventTimeWords {
	if (event.all_day) {
		const first = event.starts_on!;
		const last = event.ends_on ?? first;
		return {
			there:
				first === last
					? formatLongDay(first, clock)
					: `${formatDate(first, clock)} – ${formatDate(last, clock)}`,
			zone: event.time_zone,
			forYou: null,
			otherDay: false,
			startIso: first,
			endIso: last
		};
	}
	const start = event.starts_at!;
	const end = event.ends_at!;
	const here = { locale: clock.locale, timeZone: event.time_zone };
	// Each instant placed in each zone once: a list page describes dozens of events.
	const startThere = instant(start).toZonedDateTimeISO(event.time_zone);
	const startForYou = instant(start).toZonedDateTimeISO(clock.timeZone);
	const dayThere = startThere.toPlainDate().toString();
	const sameDayThere = dayThere === dayIn(end, event.time_zone);
	const there = sameDayThere
		? `${formatWeekdayTime(start, here)}–${formatTimeOfDay(end, here)}`
		: `${formatWeekdayTime(start, here)} – ${formatWeekdayTime(end, here)}`;
	const differs = startThere.offsetNanoseconds !== startForYou.offsetNanoseconds;
	return {
		there,
		zone: event.time_zone,
		forYou: differs ? formatWeekdayTime(start, clock) : null,
		otherDay: dayThere !== startForYou.toPlainDate().toString(),
		startIso: new Date(start).toISOString(),
		endIso: new Date(end).toISOString()
	};
}

/**
 * The first instant of a day in a zone (midnight, or whenever the day starts where a change of
 * clocks skips midnight, as in America/Santiago).
 */
/**
 * An event with its time in words for one viewer, made on the server: pages show the words and
 * never run Temporal in the browser (the polyfill alone is 50 KB compressed).
 */
export const withWhen = <E extends EventTime>(
	event: E,
	clock: Clock
): E & { when: EventTimeWords } => ({
	...event,
	when: describeEventTime(event, clock)
});

export const startOfDay = (day: string, timeZone: string): Date =>
	new Date(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds);

/** The first instant of the day after `day` in a zone: the end of a range of days. */
export const endOfDay = (day: string, timeZone: string): Date =>
	startOfDay(Temporal.PlainDate.from(day).add({ days: 1 }).toString(), timeZone);

/** The days (YYYY-MM-DD) an event takes place on for a viewer: all-day ones their own dates. */
export function daysOf(event: EventTime, viewerZone: string): string[] {
	const first = Temporal.PlainDate.from(dayKey(event, viewerZone));
	const last = Temporal.PlainDate.from(
		event.all_day
			? event.ends_on!
			: // The day of its last moment (an event ending at midnight ends the day before).
				dayIn(new Date(new Date(event.ends_at!).getTime() - 1), viewerZone)
	);
	const days: string[] = [];
	for (
		let d = first;
		Temporal.PlainDate.compare(d, last) <= 0 && days.length < 62;
		d = d.add({ days: 1 })
	) {
		days.push(d.toString());
	}
	return days.length ? days : [first.toString()];
}

/** A month's grid: its weeks, each of seven days (YYYY-MM-DD), starting on `firstDay` (1 = Monday). */
export function monthWeeks(month: string, firstDay = 1): string[][] {
	const start = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 });
	const end = start.add({ months: 1 });
	let day = start.subtract({ days: (start.dayOfWeek - firstDay + 7) % 7 });
	const weeks: string[][] = [];
	while (Temporal.PlainDate.compare(day, end) < 0) {
		const week: string[] = [];
		for (let i = 0; i < 7; i += 1) {
			week.push(day.toString());
			day = day.add({ days: 1 });
		}
		weeks.push(week);
	}
	return weeks;
}

/** The month before or after one (YYYY-MM). */
export const otherMonth = (month: string, by: number): string =>
	Temporal.PlainYearMonth.from(month).add({ months: by }).toString();

/** The month (YYYY-MM) an instant falls in, in a zone. */
export const monthIn = (at: Date, timeZone: string): string => dayIn(at, timeZone).slice(0, 7);
