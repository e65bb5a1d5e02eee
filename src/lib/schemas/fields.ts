/**
 * Field rules shared by every schema. A value that passes one of these is safe to hand to
 * Postgres as it is: a date that is a real day of the calendar, text without NUL characters.
 */
import '$lib/zod-config';
import { z } from 'zod';
import { say, type Said } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

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
	/** A value of the right form, shown in the message (the field's label says which date). */
	example?: string;
};

/** The message for a date that is not one, in plain words: the range and an example. */
export const dateMessage =
	({ example = '2027-03-01' }: DateWords = {}) =>
	() =>
		m.forms_date({ first: FIRST_YEAR, last: LAST_YEAR, example });

/** A required day, YYYY-MM-DD. */
export const date = (words: DateWords = {}) => {
	const message = dateMessage(words);
	return z
		.string({ error: message })
		.trim()
		.refine((v) => isCalendarDate(v), { error: message });
};

/** An optional day, YYYY-MM-DD; empty (or missing) is null. */
export const optionalDate = (words: DateWords = {}) => {
	const message = dateMessage(words);
	return z
		.string({ error: message })
		.trim()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || isCalendarDate(v), { error: message });
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
		.refine((v) => v === null || isCalendarDate(v), { error: message });
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
export const NUL_MESSAGE = () => m.forms_nul();

/** A slug-shaped value (a taxonomy row's address, say), refused with `message` otherwise. */
export const slug = (message: Said) => z.string().regex(SLUG, { error: () => say(message) });

/** Codes as the taxonomies write them: ISO 3166 countries, ISO 639-1 languages, UN M49 regions. */
export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const LANGUAGE_CODE = /^[a-z]{2}$/;
export const REGION_CODE = /^[0-9]{3}$/;

/** An optional country, chosen from the list; empty (or missing) is null. */
export const optionalCountry = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || COUNTRY_CODE.test(v), { error: () => m.forms_country() });

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
/** Intl's list plus the aliases it leaves out (e.g. UTC). */
export const isTimeZone = (zone: string) =>
	timeZones.has(zone) ||
	(() => {
		try {
			new Intl.DateTimeFormat('en', { timeZone: zone });
			return true;
		} catch {
			return false;
		}
	})();

/** A label map's keys, as the tuple `z.enum` takes. */
export const keys = <T extends object>(o: T) =>
	Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** One of a label map's keys. */
export const fromList = <T extends object>(labels: T, message: Said = m.forms_not_a_choice) =>
	z.enum(keys(labels), { error: () => say(message) });

/**
 * A repeated form field: none, one (a string) or several (an array) values, always as an array;
 * with `most`, at most that many.
 */
export const list = <T extends z.ZodType>(item: T, most?: { max: number; message: Said }) => {
	const array = z.array(item);
	return z.preprocess(
		(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
		most ? array.max(most.max, { error: () => say(most.message) }) : array
	);
};

/** An optional text field: trimmed, at most `max` characters; empty (or missing) is null. */
export const optionalText = (max: number, message: Said = () => m.forms_at_most({ max })) =>
	z
		.string()
		.trim()
		.max(max, { error: () => say(message) })
		.nullish()
		.transform((v) => v || null);

/** An optional web address, http(s) only; empty (or missing) is null. */
export const optionalUrl = z
	.string()
	.trim()
	.max(500, { error: () => m.forms_at_most({ max: 500 }) })
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), {
		error: () => m.forms_web_address()
	});

/** An optional whole number from `min` to `max`; empty (or missing) is null. */
export const optionalWhole = (min: number, max: number, message: Said) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isInteger(v) && v >= min && v <= max), {
			error: () => say(message)
		});

/** A checkbox: ticked or not. */
export const checkbox = z
	.literal('on')
	.optional()
	.transform((v) => v === 'on');

// ─── Query strings ──────────────────────────────────────────────────────────────────────────────

/** The words of a search box; an empty box is no search. */
export const searchWords = z
	.string()
	.trim()
	.max(200, { error: () => m.forms_search_at_most({ max: 200 }) })
	.optional()
	.transform((q) => q || undefined);

/**
 * A keyset cursor as a page link carries it (base64url). Room for a 200-character name in a script
 * of three or four bytes a character, which base64 makes a third longer again.
 */
export const pageLink = z
	.string()
	.max(1500, { error: () => m.forms_page_link() })
	.regex(/^[A-Za-z0-9_-]+$/, { error: () => m.forms_page_link() })
	.optional();

/** A search as its query string says it, or the first thing wrong with it in people's words. */
export function firstProblem<S extends z.ZodType>(
	schema: S,
	raw: unknown
): { ok: true; search: z.output<S> } | { ok: false; message: string } {
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, search: result.data };
	return { ok: false, message: result.error.issues[0]?.message ?? m.forms_search_invalid() };
}
