/**
 * Field rules shared by every schema. A value that passes one of these is safe to hand to
 * Postgres as it is: a date that is a real day of the calendar, text without NUL characters.
 */
import '$lib/zod-config';
import { z } from 'zod';

/** The years a date may fall in: wide enough for any programme or career, narrow enough to be real. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/**
 * Whether `value` is a real calendar day written YYYY-MM-DD, within FIRST_YEAR–LAST_YEAR. A regex
 * alone lets 2026-02-30 or 0000-00-00 through, and Postgres then refuses the whole request.
 */
export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type DateWords = {
	/** What the date is, as the message names it: "the first day", "the start". */
	what?: string;
	/** A value of the right form, shown in the message. */
	example?: string;
};

/** The message for a date that is not one, in plain words: what it is, the range, an example. */
export const dateMessage = ({ what = 'a date', example = '2027-03-01' }: DateWords = {}) =>
	`Give ${what} as a real date from ${FIRST_YEAR} to ${LAST_YEAR}, like ${example}.`;

/** A required day, YYYY-MM-DD. */
export const date = (words: DateWords = {}) => {
	const message = dateMessage(words);
	return z
		.string({ error: message })
		.trim()
		.refine((v) => isCalendarDate(v), message);
};

/** An optional day, YYYY-MM-DD; empty (or missing) is null. */
export const optionalDate = (words: DateWords = {}) => {
	const message = dateMessage(words);
	return z
		.string({ error: message })
		.trim()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || isCalendarDate(v), message);
};

/**
 * An optional month or day, YYYY-MM or YYYY-MM-DD (when a past position started, say); a month
 * stands for its first day. Empty (or missing) is null.
 */
export const optionalMonth = (words: DateWords = {}) => {
	const message = dateMessage({ example: '2021-09', ...words });
	return z
		.string({ error: message })
		.trim()
		.optional()
		.transform((v) => (!v ? null : /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : v))
		.refine((v) => v === null || isCalendarDate(v), message);
};

/** An address of a programme, an organisation or a taxonomy row, as the database's checks allow it. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isSlug = (value: string) => value.length <= 80 && SLUG.test(value);

/** Text that Postgres can store: NUL is the one character a text column cannot hold. */
export const hasNul = (value: string) => value.includes('\0');
/** Whether any string in a parsed JSON value (its keys too) holds a NUL, which jsonb refuses. */
export const holdsNul = (value: unknown): boolean =>
	typeof value === 'string'
		? hasNul(value)
		: typeof value === 'object' && value !== null
			? Object.entries(value).some(([key, item]) => hasNul(key) || holdsNul(item))
			: false;
export const NUL_MESSAGE = 'This contains a character that is not allowed (a NUL byte); remove it.';
