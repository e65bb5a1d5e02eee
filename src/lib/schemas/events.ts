/**
 * The calendar's forms, checked on the server: the new event form, an edit, an RSVP, the upcoming
 * list's and the month's query strings. Their choices and labels are words/events.ts's.
 */
import { z } from 'zod';
import {
	expand,
	MAX_OCCURRENCES,
	MAX_YEARS,
	ruleOf,
	seriesProblem,
	type Occurrence
} from '$lib/event-series';
import { atWallClock, endOfDay } from '$lib/event-time';
import { m } from '$lib/paraglide/messages';
import {
	checkbox,
	fromList,
	isCalendarDate,
	isTimeZone,
	list,
	optionalCountry,
	optionalText,
	optionalUrl,
	optionalWhole,
	pageLink
} from './fields';
import {
	EVENT_KIND_LABELS,
	EVENT_FORMAT_LABELS,
	EVENT_VISIBILITY_LABELS,
	REPEAT_LABELS,
	SCOPE_LABELS,
	type ChangeScope,
	RSVP_LABELS,
	NOTE_MAX,
	MAX_FACETS,
	type OrganiserKind
} from '$lib/words/events';

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A datetime-local field's value: a day and a wall-clock time (seconds, if sent, are dropped). */
const WALL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(([01]\d|2[0-3]):[0-5]\d)(:[0-5]\d(\.\d+)?)?$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An organiser of the form: `programme:<id>`, `organisation:<id>` or `space:<id>`. */
const ORGANISER = /^(programme|organisation|space):[0-9a-f-]{36}$/;

const required = (message: () => string) =>
	z
		.string({ error: message })
		.trim()
		.min(1, { error: message })
		.optional()
		.transform((v) => v ?? '');

/**
 * A new event as its form sends it: the times as the organisers read them on the event's own wall
 * clock (a day and a time in its zone), turned into instants through Temporal; or all-day dates.
 */
export const eventFields = z.object({
	title: z
		.string()
		.trim()
		.min(2, { error: () => m.events_title_required() })
		.max(200, { error: () => m.forms_at_most({ max: 200 }) }),
	description: optionalText(20000),
	kind: fromList(EVENT_KIND_LABELS),
	format: fromList(EVENT_FORMAT_LABELS),
	visibility: fromList(EVENT_VISIBILITY_LABELS),
	organiser: z.string().regex(ORGANISER, { error: () => m.events_organiser_required() }),
	co_organisers: list(z.string().regex(ORGANISER, { error: () => m.forms_not_a_choice() }), {
		max: 10,
		message: () => m.events_co_organisers_too_many({ max: 10 })
	}),
	venue_name: optionalText(200),
	venue_address: optionalText(500),
	venue_city: optionalText(120),
	country_code: optionalCountry,
	join_url: optionalUrl,
	time_zone: z
		.string({ error: () => m.events_time_zone_required() })
		.trim()
		.refine((v) => v !== '' && isTimeZone(v), { error: () => m.events_time_zone_required() }),
	all_day: checkbox,
	start_date: required(() => m.events_start_date_required()),
	start_time: z.string().trim().optional().default(''),
	end_date: z.string().trim().optional().default(''),
	end_time: z.string().trim().optional().default(''),
	capacity: optionalWhole(1, 100000, () => m.events_capacity_range({ max: 100000 })),
	languages: list(z.string().regex(/^[a-z]{2}$/, { error: () => m.forms_not_a_choice() }), {
		max: MAX_FACETS,
		message: () => m.events_too_many({ max: MAX_FACETS })
	}),
	topics: list(
		z
			.string()
			.max(80)
			.regex(SLUG, { error: () => m.forms_not_a_choice() }),
		{
			max: MAX_FACETS,
			message: () => m.events_too_many({ max: MAX_FACETS })
		}
	),
	target_groups: list(
		z
			.string()
			.max(80)
			.regex(SLUG, { error: () => m.forms_not_a_choice() }),
		{
			max: MAX_FACETS,
			message: () => m.events_too_many({ max: MAX_FACETS })
		}
	),
	/** When answers open and close, on the event's wall clock (a datetime-local field). */
	registration_opens: z.string().trim().optional().default(''),
	registration_closes: z.string().trim().optional().default('')
});

type TimeFields = z.output<typeof timeAndPlace>;

/** The fields of time and place the new and the edit forms share. */
const timeAndPlace = eventFields.omit({ organiser: true, co_organisers: true });

/** The rules across the fields: a venue for people who come, times that exist and are in order. */
function checkTimeAndPlace(form: TimeFields, context: z.RefinementCtx) {
	const problem = (path: string, message: string) =>
		context.addIssue({ code: 'custom', path: [path], message });
	if (form.format !== 'online' && !form.venue_name) {
		problem('venue_name', m.events_venue_required());
	}
	if (!form.start_date) return;
	if (!isCalendarDate(form.start_date)) {
		return problem('start_date', m.events_date_format({ example: '2027-03-01' }));
	}
	const endDate = form.end_date || form.start_date;
	if (!isCalendarDate(endDate)) {
		return problem('end_date', m.events_date_format({ example: '2027-03-01' }));
	}
	if (form.all_day) {
		if (endDate < form.start_date) problem('end_date', m.events_ends_before_start());
		return;
	}
	if (!WALL_TIME.test(form.start_time)) {
		return problem('start_time', m.events_time_format({ example: '15:00' }));
	}
	if (!WALL_TIME.test(form.end_time)) {
		return problem('end_time', m.events_time_format({ example: '16:30' }));
	}
	if (!isTimeZone(form.time_zone)) return;
	const start = atWallClock(form.start_date, form.start_time, form.time_zone);
	if (!start) return problem('start_time', m.events_time_skipped());
	const end = atWallClock(endDate, form.end_time, form.time_zone);
	if (!end) return problem('end_time', m.events_time_skipped());
	if (end <= start) problem('end_time', m.events_ends_before_start());
}

/**
 * A registration bound on the event's wall clock as an instant: null when the field is empty,
 * 'bad' when it is not a date and time, 'skipped' when that time does not exist in the zone.
 */
export function registrationInstant(
	value: string,
	timeZone: string
): Date | null | 'bad' | 'skipped' {
	if (!value) return null;
	const match = WALL_DATE_TIME.exec(value);
	if (!match || !isCalendarDate(match[1]!)) return 'bad';
	return atWallClock(match[1]!, match[2]!, timeZone) ?? 'skipped';
}

/** The end of an event as an instant: its end, or the end of its last day in its zone. */
function endOf(form: TimeFields): Date | null {
	const endDate = form.end_date || form.start_date;
	if (form.all_day) return endOfDay(endDate, form.time_zone);
	return atWallClock(endDate, form.end_time, form.time_zone);
}

/**
 * The registration window's rules: each bound a time that exists in the event's zone, closing
 * after it opens and not after the event is over. Only once the event's own times are right.
 */
function checkRegistration(form: TimeFields, context: z.RefinementCtx) {
	const problem = (path: string, message: string) =>
		context.addIssue({ code: 'custom', path: [path], message });
	if (!isTimeZone(form.time_zone)) return;
	const opens = registrationInstant(form.registration_opens, form.time_zone);
	const closes = registrationInstant(form.registration_closes, form.time_zone);
	const example = '2027-03-01T09:00';
	for (const [field, value] of [
		['registration_opens', opens],
		['registration_closes', closes]
	] as const) {
		if (value === 'bad') problem(field, m.events_registration_format({ example }));
		if (value === 'skipped') problem(field, m.events_time_skipped());
	}
	if (!(opens instanceof Date || opens === null) || !(closes instanceof Date || closes === null)) {
		return;
	}
	if (opens && closes && closes <= opens) {
		return problem('registration_closes', m.events_registration_closes_before_opens());
	}
	if (!timesValid(form)) return;
	const end = endOf(form);
	if (end && closes && closes > end) {
		problem('registration_closes', m.events_registration_closes_after_end());
	}
	if (end && opens && opens >= end) {
		problem('registration_opens', m.events_registration_opens_after_end());
	}
}

/** The registration window as columns (only called once the form is valid). */
const registrationColumns = (form: TimeFields) => {
	const at = (value: string) => {
		const instant = registrationInstant(value, form.time_zone);
		return instant instanceof Date ? instant : null;
	};
	return {
		registration_opens_at: at(form.registration_opens),
		registration_closes_at: at(form.registration_closes)
	};
};

/** Whether the form's times are all there and in order (what checkTimeAndPlace says of them). */
function timesValid(form: TimeFields): boolean {
	if (!isCalendarDate(form.start_date) || form.all_day) return isCalendarDate(form.start_date);
	if (!WALL_TIME.test(form.start_time) || !WALL_TIME.test(form.end_time)) return false;
	if (!isTimeZone(form.time_zone)) return false;
	const endDate = form.end_date || form.start_date;
	if (!isCalendarDate(endDate)) return false;
	const start = atWallClock(form.start_date, form.start_time, form.time_zone);
	const end = atWallClock(endDate, form.end_time, form.time_zone);
	return Boolean(start && end && end > start);
}

/** The wall clock of the form turned into the columns: instants in the zone, or all-day dates. */
const timeColumns = (form: TimeFields) => {
	const endDate = form.end_date || form.start_date;
	return {
		starts_at: form.all_day ? null : atWallClock(form.start_date, form.start_time, form.time_zone),
		ends_at: form.all_day ? null : atWallClock(endDate, form.end_time, form.time_zone),
		starts_on: form.all_day ? form.start_date : null,
		ends_on: form.all_day ? endDate : null
	};
};

/** Languages, topics and target groups once each, in the order they were ticked. */
const facets = (form: TimeFields) => ({
	languages: [...new Set(form.languages)],
	topics: [...new Set(form.topics)],
	target_groups: [...new Set(form.target_groups)]
});

const organiserOf = (value: string) => {
	const [kind, id] = value.split(':') as [OrganiserKind, string];
	return { kind, id };
};

/** A list filter's organiser (`space:<slug>`…), as the queries take it. */
export const organiserRef = (value: string | undefined) => {
	if (!value) return undefined;
	const [kind, slug] = value.split(':') as [OrganiserKind, string];
	return { kind, slug };
};

/** How a new event repeats: not at all, or by a rule that ends (a last day or a number of times). */
const repeatFields = z.object({
	repeat: z
		.union([z.literal(''), fromList(REPEAT_LABELS)])
		.optional()
		.transform((v) => v || null),
	repeat_until: z.string().trim().optional().default(''),
	repeat_count: optionalWhole(2, MAX_OCCURRENCES, () =>
		m.events_repeat_count_range({ max: MAX_OCCURRENCES })
	)
});

/** A new series' rule and its occurrences, or why it cannot be (on its field). */
function seriesOf(
	form: TimeFields & z.output<typeof repeatFields>
):
	| { rrule: string; minutes: number; occurrences: Occurrence[] }
	| { field: string; message: string }
	| null {
	if (!form.repeat) return null;
	// A count out of range is its field's own refusal.
	const count = form.repeat_count;
	if (count !== null && !(Number.isInteger(count) && count >= 2 && count <= MAX_OCCURRENCES)) {
		return null;
	}
	if (form.all_day) return { field: 'repeat', message: m.events_repeat_all_day() };
	if (form.repeat_until && form.repeat_count !== null) {
		return { field: 'repeat_count', message: m.events_repeat_end_both() };
	}
	if (!form.repeat_until && form.repeat_count === null) {
		return { field: 'repeat_until', message: m.events_repeat_end_required() };
	}
	if (form.repeat_until && !isCalendarDate(form.repeat_until)) {
		return { field: 'repeat_until', message: m.events_date_format({ example: '2027-03-01' }) };
	}
	const day = Number(form.start_date.slice(8, 10));
	if (form.repeat === 'monthly-date' && day > 28) {
		return { field: 'repeat', message: m.events_repeat_day_late({ day }) };
	}
	const start = atWallClock(form.start_date, form.start_time, form.time_zone)!;
	const end = atWallClock(form.end_date || form.start_date, form.end_time, form.time_zone)!;
	const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
	const rrule = ruleOf(
		form.repeat,
		form.start_date,
		form.time_zone,
		form.repeat_until ? { until: form.repeat_until } : { count: form.repeat_count! }
	);
	const occurrences = expand(
		rrule,
		{ day: form.start_date, time: form.start_time },
		form.time_zone,
		minutes
	);
	const problem = seriesProblem(occurrences, form.time_zone);
	if (problem === 'too-many') {
		return { field: 'repeat_until', message: m.events_repeat_too_many({ max: MAX_OCCURRENCES }) };
	}
	if (problem === 'too-long') {
		return { field: 'repeat_until', message: m.events_repeat_too_long({ years: MAX_YEARS }) };
	}
	if (problem === 'none') return { field: 'repeat_until', message: m.events_repeat_once() };
	return { rrule, minutes, occurrences };
}

/** The form's fields, and the rules across them. */
export const newEventSchema = eventFields
	.extend(repeatFields.shape)
	.superRefine(checkTimeAndPlace)
	.superRefine(checkRegistration)
	.superRefine((form, context) => {
		// Each date of a series is answered on its own: one window for all would close the later
		// dates' answers before they are near.
		if (form.repeat && (form.registration_opens || form.registration_closes)) {
			context.addIssue({
				code: 'custom',
				path: ['registration_opens'],
				message: m.events_registration_series()
			});
		}
		// Only once the times are right: a rule is expanded from them.
		if (!form.repeat || !timesValid(form)) return;
		const series = seriesOf(form);
		if (series && 'field' in series) {
			context.addIssue({ code: 'custom', path: [series.field], message: series.message });
		}
	})
	.transform((form) => {
		const series = seriesOf(form);
		return {
			...form,
			organiser: organiserOf(form.organiser),
			co_organisers: [...new Set(form.co_organisers)]
				.filter((o) => o !== form.organiser)
				.map(organiserOf),
			...facets(form),
			...timeColumns(form),
			...registrationColumns(form),
			series:
				series && !('field' in series)
					? {
							rrule: series.rrule,
							minutes: series.minutes,
							first_start: `${form.start_date}T${form.start_time}`,
							occurrences: series.occurrences
						}
					: null
		};
	});
export type NewEvent = z.output<typeof newEventSchema>;

/**
 * An event as its organisers change it: every field of the new event form, its organisers as one
 * list (at least one: an event is always someone's), in the order they are named.
 */
export const editEventSchema = timeAndPlace
	.extend({
		/** For an occurrence of a series: this date, this and the following ones, or all. */
		scope: fromList(SCOPE_LABELS)
			.optional()
			.transform((v): ChangeScope => v ?? 'this'),
		organisers: list(z.string().regex(ORGANISER, { error: () => m.forms_not_a_choice() }), {
			max: 11,
			message: () => m.events_co_organisers_too_many({ max: 10 })
		}).refine((v) => v.length > 0, { error: () => m.events_organiser_required() })
	})
	.superRefine(checkTimeAndPlace)
	.superRefine(checkRegistration)
	.transform((form) => ({
		...form,
		organisers: [...new Set(form.organisers)].map(organiserOf),
		...facets(form),
		...timeColumns(form),
		...registrationColumns(form)
	}));
export type EventChanges = z.output<typeof editEventSchema>;

/** An answer to an event, with its note. */
export const rsvpSchema = z.object({
	answer: fromList(RSVP_LABELS),
	note: optionalText(NOTE_MAX, () => m.events_note_too_long({ max: NOTE_MAX }))
});

const filterDate = z
	.string()
	.optional()
	.refine((v) => v === undefined || isCalendarDate(v), {
		error: () => m.events_date_format({ example: '2027-03-01' })
	});

/** The upcoming list's query string: its filters and where the last page ended. */
/** The list's filters, shared by the list and the month view. */
const eventFilterFields = {
	kind: fromList(EVENT_KIND_LABELS).optional(),
	format: fromList(EVENT_FORMAT_LABELS).optional(),
	topic: z
		.string()
		.max(80)
		.regex(SLUG, { error: () => m.forms_not_a_choice() })
		.optional(),
	/** A UN M49 region or sub-region (three digits). */
	region: z
		.string()
		.regex(/^\d{3}$/, { error: () => m.forms_not_a_choice() })
		.optional(),
	language: z
		.string()
		.regex(/^[a-z]{2}$/, { error: () => m.forms_not_a_choice() })
		.optional(),
	target_group: z
		.string()
		.max(80)
		.regex(SLUG, { error: () => m.forms_not_a_choice() })
		.optional(),
	/** `programme:<slug>`, `organisation:<slug>` or `space:<slug>`. */
	organiser: z
		.string()
		.max(100)
		.regex(/^(programme|organisation|space):[a-z0-9]+(?:-[a-z0-9]+)*$/, {
			error: () => m.forms_not_a_choice()
		})
		.optional()
};

export const eventSearchSchema = z
	.object({
		...eventFilterFields,
		from: filterDate,
		to: filterDate,
		after: pageLink
	})
	.refine((s) => !s.from || !s.to || s.from <= s.to, {
		path: ['to'],
		error: () => m.events_filter_dates_order()
	});
export type EventSearch = z.output<typeof eventSearchSchema>;

/** The month view's address: a month (YYYY-MM, this one when none) and the list's filters. */
export const eventMonthSchema = z.object({
	...eventFilterFields,
	month: z
		.string()
		.regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { error: () => m.events_month_invalid() })
		.optional()
});

/** Cancelling an event is said twice: the button, and the box ticked to say yes. */
export const cancelEventSchema = z.object({
	confirm: checkbox.refine((yes) => yes, { error: () => m.events_cancel_confirm_required() })
});

/** What a person receives about events (/account/calendar): three boxes. */
export const messageSettingsSchema = z.object({
	announcements: checkbox,
	day_before: checkbox,
	hour_before: checkbox
});
