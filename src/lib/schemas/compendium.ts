/** The compendium's search: its facets, their labels and the query string the search page reads. */
import { z } from 'zod';
import {
	COUNTRY_CODE,
	fromList,
	firstProblem,
	LANGUAGE_CODE,
	pageLink,
	REGION_CODE,
	searchWords,
	slug
} from './fields';
import { COMPONENTS, FORMATS, LEVELS, SCOPES, STATUSES } from './programmes';
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';

export const COSTS = labelled({
	free: m.programmes_cost_free,
	fellowships: m.programmes_cost_fellowships
});
export const OPEN = labelled({ now: m.programmes_open_now });

/** The search's facets, in the order the page shows them; each is a query parameter. */
export const FACETS = [
	'open',
	'cost',
	'format',
	'level',
	'topic',
	'audience',
	'component',
	'language',
	'scope',
	'region',
	'country',
	'status'
] as const;
export type Facet = (typeof FACETS)[number];

export const FACET_NAMES: Record<Facet, string> = labelled({
	open: m.programmes_facet_open,
	cost: m.programmes_facet_cost,
	format: m.programmes_facet_format,
	level: m.programmes_facet_level,
	topic: m.programmes_facet_topic,
	audience: m.programmes_facet_audience,
	component: m.programmes_facet_component,
	language: m.programmes_facet_language,
	scope: m.programmes_facet_scope,
	region: m.programmes_facet_region,
	country: m.programmes_facet_country,
	status: m.programmes_facet_status
});

/**
 * A facet with more values than FACET_LONG lists its FACET_SHOWN most frequent ones (and those
 * chosen) until asked for all (`more`).
 */
export const FACET_SHOWN = 8;
export const FACET_LONG = FACET_SHOWN + 2;

/** Labels for the facets whose values are fixed in code (the others are taxonomy rows). */
export const FIXED_LABELS: Partial<Record<Facet, Record<string, string>>> = {
	open: OPEN,
	cost: COSTS,
	format: FORMATS,
	level: LEVELS,
	component: COMPONENTS,
	scope: SCOPES,
	status: STATUSES
};

/** A facet's values: none or several, and not too many. */
const many = <T extends z.ZodType>(item: T) =>
	z
		.array(item)
		.max(40, { error: () => m.programmes_filter_too_many() })
		.default([]);

/** A fixed facet's values, refused in the words of that facet. */
const choice = <T extends object>(facet: Facet, labels: T) =>
	fromList(labels, () => m.programmes_filter_not_a_choice({ filter: FACET_NAMES[facet] }));

export const searchSchema = z.object({
	q: searchWords,
	open: many(choice('open', OPEN)),
	cost: many(choice('cost', COSTS)),
	format: many(choice('format', FORMATS)),
	level: many(choice('level', LEVELS)),
	component: many(choice('component', COMPONENTS)),
	scope: many(choice('scope', SCOPES)),
	status: many(choice('status', STATUSES)),
	topic: many(slug(m.programmes_filter_topic)),
	audience: many(slug(m.programmes_filter_audience)),
	language: many(z.string().regex(LANGUAGE_CODE, { error: () => m.programmes_filter_language() })),
	region: many(z.string().regex(REGION_CODE, { error: () => m.programmes_filter_region() })),
	country: many(z.string().regex(COUNTRY_CODE, { error: () => m.programmes_filter_country() })),
	after: pageLink,
	before: pageLink,
	/** The facets whose every value is listed (the others list their most frequent ones). */
	more: z.array(z.enum(FACETS)).default([])
});
export type Search = z.infer<typeof searchSchema>;

/** The search as the URL says it, or the first thing wrong with it in people's words. */
export function parseSearch(params: URLSearchParams) {
	const raw: Record<string, unknown> = { q: params.get('q') ?? undefined };
	for (const facet of FACETS) raw[facet] = params.getAll(facet);
	raw.after = params.get('after') ?? undefined;
	raw.before = params.get('before') ?? undefined;
	// Not a filter: a facet that is no facet is simply not listed in full.
	raw.more = [...new Set(params.getAll('more'))].filter((f) =>
		(FACETS as readonly string[]).includes(f)
	);
	return firstProblem(searchSchema, raw);
}
