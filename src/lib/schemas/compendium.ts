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
import { COMPONENTS, FORMATS, LEVELS, SCOPES, STATUSES } from '$lib/words/programmes';
import { m } from '$lib/paraglide/messages';
import { COSTS, OPEN, FACETS, type Facet, FACET_NAMES } from '$lib/words/compendium';

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
