/**
 * Dates and times as one viewer reads them: in their language's conventions and, for moments, in
 * their own time zone with the zone named. The one place pages, components and mail format a date,
 * a time or a number; the same on the server and in the browser, so hydration never changes a
 * digit.
 *
 * A page gets its viewer's clock from the root layout (`page.data.clock`): the signed-in person's
 * profile time zone, or UTC for a visitor (said as such, never silently).
 */

import { getLocale, type Locale } from '$lib/paraglide/runtime';

/** How one viewer reads dates: a BCP 47 locale and an IANA time zone. */
export type Clock = { locale: string; timeZone: string };

/**
 * The conventions each language of the site writes dates and numbers in: English as the UN
 * writes it (day before month, 24-hour clock), Chinese in its simplified script.
 */
const INTL_LOCALES: Record<Locale, string> = {
	en: 'en-GB',
	ar: 'ar',
	zh: 'zh-CN',
	fr: 'fr',
	ru: 'ru',
	es: 'es'
};

/** The Intl locale of a language of the site; by default the page's or the request's. */
export const intlLocale = (locale: Locale = getLocale()) => INTL_LOCALES[locale];

/** For readers we know nothing of (a visitor, the recipient of an e-mail): UTC, named. */
export const utc = (locale: Locale = getLocale()): Clock => ({
	locale: intlLocale(locale),
	timeZone: 'UTC'
});

/** Whether this runtime knows each zone asked about (asking Intl costs a formatter's building). */
const knownZones = new Map<string, boolean>();

/** A clock for a time zone that may be missing or unknown to this runtime: UTC then. */
export function clockFor(timeZone: string | null | undefined, locale = intlLocale()): Clock {
	if (!timeZone) return { locale, timeZone: 'UTC' };
	let known = knownZones.get(timeZone);
	if (known === undefined) {
		try {
			new Intl.DateTimeFormat('en', { timeZone });
			known = true;
		} catch {
			known = false;
		}
		// Only real zones are kept for good: a stranger's made-up names must not grow the map.
		if (known) knownZones.set(timeZone, known);
	}
	return { locale, timeZone: known ? timeZone : 'UTC' };
}

// Building an Intl formatter costs far more than using one; a page formats many dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(clock: Clock, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${clock.locale}|${clock.timeZone}|${JSON.stringify(options)}`;
	let made = formatters.get(key);
	if (!made) {
		made = new Intl.DateTimeFormat(clock.locale, { ...options, timeZone: clock.timeZone });
		formatters.set(key, made);
	}
	return made;
}

/**
 * A calendar day (YYYY-MM-DD, no time of day), e.g. "30 Nov 2026": the same day in every zone,
 * so only the locale matters.
 */
export function formatDate(day: string, clock: Clock = utc()): string {
	return formatter(
		{ locale: clock.locale, timeZone: 'UTC' },
		{
			day: 'numeric',
			month: 'short',
			year: 'numeric'
		}
	).format(new Date(`${day}T00:00:00Z`));
}

/** A moment in the viewer's zone, named: "2 Dec 2026, 07:13 GMT+1". */
export function formatInstant(at: Date | string, clock: Clock): string {
	return (
		formatter(clock, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)) +
		zone(clock, at)
	);
}

/** The day of a moment in the viewer's zone: "2 Dec 2026" (`long`: "2 December 2026"). */
export function formatDay(
	at: Date | string,
	clock: Clock,
	style: 'medium' | 'long' = 'medium'
): string {
	return formatter(clock, { dateStyle: style }).format(new Date(at));
}

/** A range of calendar days, the same in every zone: "23–27 June 2025". */
export function formatDayRange(first: string, last: string, clock: Clock = utc()): string {
	return formatter(
		{ locale: clock.locale, timeZone: 'UTC' },
		{ day: 'numeric', month: 'long', year: 'numeric' }
	).formatRange(new Date(`${first}T00:00:00Z`), new Date(`${last}T00:00:00Z`));
}

/** A calendar day in full, the same in every zone: "Friday, 4 December 2026". */
export function formatLongDay(day: string, clock: Clock = utc()): string {
	return formatter(
		{ locale: clock.locale, timeZone: 'UTC' },
		{ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
	).format(new Date(`${day}T00:00:00Z`));
}

/** A moment's weekday, day and time of day in the clock's zone: "Friday 4 December at 02:00". */
export function formatWeekdayTime(at: Date | string, clock: Clock): string {
	return formatter(clock, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(at));
}

/** A moment's time of day in the clock's zone: "02:00". */
export function formatTimeOfDay(at: Date | string, clock: Clock): string {
	return formatter(clock, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

/** The time of day now somewhere, for "it is 14:05 GMT+1 there". */
export function formatTimeNow(clock: Clock, now = new Date()): string {
	return formatter(clock, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(
		now
	);
}

/** A number as the viewer writes it: "1,250.5" or "1 250,5". */
export function formatNumber(value: number, clock: Clock = utc()): string {
	return new Intl.NumberFormat(clock.locale).format(value);
}

/** A length of time in words and the viewer's digits: "30 minutes", "2 heures", "3 часа". */
export function formatDuration(
	value: number,
	unit: 'minute' | 'hour' | 'day',
	locale: string = intlLocale()
): string {
	return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** " GMT+1", " UTC": the short name of the clock's zone at that moment. */
function zone(clock: Clock, at: Date | string): string {
	const name = formatter(clock, { timeZoneName: 'short' })
		.formatToParts(new Date(at))
		.find((part) => part.type === 'timeZoneName')?.value;
	return name ? ` ${name}` : '';
}

/** Names in a sentence, as the viewer's language joins them: "Amina and Tomás", "Amina et Tomás". */
export function formatList(names: readonly string[], locale: string = intlLocale()): string {
	return new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).format(names);
}
