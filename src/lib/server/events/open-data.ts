/**
 * The public calendar as open data, for anyone to reuse: JSON (one object per event, instants in
 * UTC with the event's own zone beside them, all-day events as their dates) and the same as CSV.
 * Only what a visitor sees; the join links never (they are for the people going).
 */
import type { OpenEvent } from '../db/events';
import { csvOf } from '../csv';

const pathOf = (e: OpenEvent) => `/events/${e.id}-${e.slug}`;

export const jsonOf = (events: OpenEvent[], origin: string) => ({
	generated_at: new Date().toISOString(),
	events: events.map((e) => ({
		id: e.id,
		url: `${origin}${pathOf(e)}`,
		title: e.title,
		kind: e.kind,
		format: e.format,
		status: e.status,
		time_zone: e.time_zone,
		all_day: e.all_day,
		starts_at: e.starts_at?.toISOString() ?? null,
		ends_at: e.ends_at?.toISOString() ?? null,
		starts_on: e.starts_on,
		ends_on: e.ends_on,
		venue: { name: e.venue_name, city: e.venue_city, country: e.country_code },
		languages: e.languages,
		topics: e.topics,
		target_groups: e.target_groups,
		organisers: e.organisers,
		updated_at: e.updated_at.toISOString()
	}))
});

const COLUMNS = [
	'id',
	'url',
	'title',
	'kind',
	'format',
	'status',
	'time_zone',
	'all_day',
	'starts_at',
	'ends_at',
	'starts_on',
	'ends_on',
	'venue_name',
	'venue_city',
	'country',
	'languages',
	'topics',
	'target_groups',
	'organisers',
	'updated_at'
];

/** The same as CSV, one event a line; lists joined with "; ". */
export const csvOfEvents = (events: OpenEvent[], origin: string) =>
	csvOf([
		COLUMNS,
		...events.map((e) => [
			e.id,
			`${origin}${pathOf(e)}`,
			e.title,
			e.kind,
			e.format,
			e.status,
			e.time_zone,
			e.all_day,
			e.starts_at?.toISOString(),
			e.ends_at?.toISOString(),
			e.starts_on,
			e.ends_on,
			e.venue_name,
			e.venue_city,
			e.country_code,
			e.languages.join('; '),
			e.topics.join('; '),
			e.target_groups.join('; '),
			e.organisers.join('; '),
			e.updated_at.toISOString()
		])
	]);
