/**
 * The compendium's facets, their names and fixed labels, and how many values a facet shows.
 * No zod here: pages import this, and the forms' schemas build on it on the server, so a page
 * never downloads the validation library for a label.
 */
import { labelled } from '$lib/locales';
import { m } from '$lib/paraglide/messages';
import { COMPONENTS, FORMATS, LEVELS, SCOPES, STATUSES } from './programmes';

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
