import {
	dayIn,
	daysOf,
	endOfDay,
	monthIn,
	monthWeeks,
	otherMonth,
	startOfDay
} from '$lib/event-time';
import { intersessional } from '$lib/intersessional';
import { eventMonthSchema, organiserRef } from '$lib/schemas/events';
import { firstProblem } from '$lib/schemas/fields';
import * as events from '$lib/server/db/events';
import * as igfMeetings from '$lib/server/db/igf-meetings';
import { searchParams } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

// Plain HTML, as the list: a table and links.
export const csr = false;

const FILTERS = [
	'kind',
	'format',
	'topic',
	'region',
	'language',
	'target_group',
	'organiser'
] as const;

/** The first day of the week where the viewer's language is read (Monday when Intl cannot say). */
function firstDayOf(locale: string): number {
	const info = new Intl.Locale(locale) as Intl.Locale & {
		getWeekInfo?: () => { firstDay: number };
		weekInfo?: { firstDay: number };
	};
	return info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1;
}

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { clock } = await parent();
	const params = searchParams(url);
	const raw = Object.fromEntries(
		[...FILTERS, 'month'].map((name) => [name, params.get(name) || undefined])
	);
	const parsed = firstProblem(eventMonthSchema, raw);
	const thisMonth = monthIn(new Date(), clock.timeZone);
	const month = (parsed.ok && parsed.search.month) || thisMonth;
	const weeks = monthWeeks(month, firstDayOf(clock.locale));
	// Where today stands between two annual meetings, as on the list.
	const today = dayIn(new Date(), clock.timeZone);
	const period = intersessional(await igfMeetings.around(today), today);
	// The filters carried by the month's links, as they were asked.
	const carried = new URLSearchParams();
	for (const name of FILTERS) if (raw[name]) carried.set(name, String(raw[name]));
	const hrefOf = (m: string) => {
		const to = new URLSearchParams(carried);
		to.set('month', m);
		return `?${to}`;
	};
	const base = {
		period,
		month,
		thisMonth,
		weeks,
		previousHref: hrefOf(otherMonth(month, -1)),
		nextHref: hrefOf(otherMonth(month, 1)),
		listQuery: carried.toString()
	};
	if (!parsed.ok) {
		return {
			...base,
			problem: parsed.message,
			days: {} as Record<string, events.EventCard[]>,
			more: false
		};
	}

	const { month: _, organiser, ...rest } = parsed.search;
	// The grid's days in the viewer's zone, from its first morning to the end of its last day.
	const from = startOfDay(weeks[0]![0]!, clock.timeZone);
	const until = endOfDay(weeks.at(-1)![6]!, clock.timeZone);
	const found = await events.during(
		locals.claims,
		{
			...rest,
			organiser: organiserRef(organiser)
		},
		from,
		until
	);
	// Each event under every day of the grid it takes place on, for this viewer.
	const days: Record<string, events.EventCard[]> = {};
	const shown = new Set(weeks.flat());
	for (const event of found.events) {
		for (const day of daysOf(event, clock.timeZone)) {
			if (shown.has(day)) (days[day] ??= []).push(event);
		}
	}
	return { ...base, problem: null, days, more: found.more };
};
