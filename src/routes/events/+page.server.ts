import { dayIn, dayKey, endOfDay, startOfDay, withWhen } from '$lib/event-time';
import { intersessional } from '$lib/intersessional';
import { m } from '$lib/paraglide/messages';
import { eventSearchSchema, organiserRef } from '$lib/schemas/events';
import { firstProblem } from '$lib/schemas/fields';
import * as events from '$lib/server/db/events';
import * as igfMeetings from '$lib/server/db/igf-meetings';
import { taxonomies } from '$lib/server/db/taxonomies';
import { searchParams } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

// Plain HTML: the filters are a GET form and the pages links, so it all works without JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url, parent, setHeaders }) => {
	const { clock } = await parent();
	const params = searchParams(url);
	const FILTERS = [
		'kind',
		'format',
		'topic',
		'region',
		'language',
		'target_group',
		'organiser',
		'from',
		'to'
	];
	const raw = Object.fromEntries(
		[...FILTERS, 'after'].map((name) => [name, params.get(name) || undefined])
	);
	const parsed = firstProblem(eventSearchSchema, raw);
	// Today as the viewer's clock says it: where the intersessional period stands for them.
	const today = dayIn(new Date(), clock.timeZone);
	const [canAdd, lists, organisers, meetings] = await Promise.all([
		locals.claims ? events.mayAdd(locals.claims) : false,
		taxonomies(),
		events.organiserFilterOptions(),
		igfMeetings.around(today)
	]);
	const period = intersessional(meetings, today);
	// What the form shows again: what was asked, valid or not.
	const filters = Object.fromEntries(FILTERS.map((name) => [name, String(raw[name] ?? '')]));
	// The month view with the same filters (its days are its own).
	const monthQuery = new URLSearchParams(
		FILTERS.filter((name) => name !== 'from' && name !== 'to' && raw[name]).map((name) => [
			name,
			String(raw[name])
		])
	).toString();
	const choices = {
		topics: lists.filterMarkup.topics,
		regions: lists.filterMarkup.regions,
		languages: lists.filterMarkup.languages,
		targetGroups: lists.filterMarkup.targetGroups,
		organisers
	};
	const unlisted = (problem: string) => {
		setHeaders({ 'cache-control': 'no-store' });
		return { canAdd, problem, filters, choices, period, days: [], nextHref: null, monthQuery };
	};
	if (!parsed.ok) return unlisted(parsed.message);
	const { after, from, to, organiser, ...rest } = parsed.search;
	const cursor = after ? events.decodeCursor(after) : undefined;
	if (after && !cursor) return unlisted(m.forms_page_link());

	const page = await events.upcoming(
		locals.claims,
		{
			...rest,
			organiser: organiserRef(organiser),
			// The days as the viewer reads them, in their zone.
			from: from ? startOfDay(from, clock.timeZone) : undefined,
			until: to ? endOfDay(to, clock.timeZone) : undefined
		},
		{ after: cursor }
	);
	// Grouped by the day each starts on for this viewer (all-day events: their own first day).
	// (All-day events sort by their day's start in UTC, so a day's events may come apart: the
	// Map gathers them.)
	const byDay = new Map<string, ReturnType<typeof withWhen<events.EventCard>>[]>();
	for (const event of page.events) {
		const day = dayKey(event, clock.timeZone);
		byDay.set(day, [...(byDay.get(day) ?? []), withWhen(event, clock)]);
	}
	const days = [...byDay.keys()].sort().map((day) => ({ day, events: byDay.get(day)! }));
	const next = new URL(url);
	if (page.next) next.searchParams.set('after', page.next);
	return {
		canAdd,
		period,
		problem: null,
		monthQuery,
		filters,
		choices,
		days,
		nextHref: page.next ? next.search : null
	};
};
