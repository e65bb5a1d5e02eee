import { dayKey } from '$lib/event-time';
import { m } from '$lib/paraglide/messages';
import { eventSearchSchema } from '$lib/schemas/events';
import { firstProblem } from '$lib/schemas/fields';
import * as events from '$lib/server/db/events';
import { searchParams } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

// Plain HTML: the filters are a GET form and the pages links, so it all works without JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url, parent, setHeaders }) => {
	const { clock } = await parent();
	const params = searchParams(url);
	const parsed = firstProblem(eventSearchSchema, {
		kind: params.get('kind') || undefined,
		format: params.get('format') || undefined,
		after: params.get('after') || undefined
	});
	const canAdd = locals.claims ? await events.mayAdd(locals.claims) : false;
	const unlisted = (problem: string) => {
		setHeaders({ 'cache-control': 'no-store' });
		return { canAdd, problem, filters: { kind: '', format: '' }, days: [], nextHref: null };
	};
	if (!parsed.ok) return unlisted(parsed.message);
	const { kind, format, after } = parsed.search;
	const cursor = after ? events.decodeCursor(after) : undefined;
	if (after && !cursor) return unlisted(m.forms_page_link());

	const page = await events.upcoming(locals.claims, { kind, format }, { after: cursor });
	// Grouped by the day each starts on for this viewer (all-day events: their own first day).
	// (All-day events sort by their day's start in UTC, so a day's events may come apart: the
	// Map gathers them.)
	const byDay = new Map<string, events.EventCard[]>();
	for (const event of page.events) {
		const day = dayKey(event, clock.timeZone);
		byDay.set(day, [...(byDay.get(day) ?? []), event]);
	}
	const days = [...byDay.keys()].sort().map((day) => ({ day, events: byDay.get(day)! }));
	const next = new URL(url);
	if (page.next) next.searchParams.set('after', page.next);
	return {
		canAdd,
		problem: null,
		filters: { kind: kind ?? '', format: format ?? '' },
		days,
		nextHref: page.next ? next.search : null
	};
};
