/**
 * The taxonomies for forms and filters: countries, regions, stakeholder groups, topics by basket,
 * languages, and the programmes the directory filters by. Public data that changes only with a
 * migration or an edit, so each server instance keeps it for a few minutes rather than reading it
 * for every page (and forgets it at once when it makes such an edit itself).
 */
import { optionMarkup, type OptionMarkup } from '$lib/option-markup';
import { withAnon } from './client';

export type Option = { value: string; label: string };
export type TopicBasket = { slug: string; name: string; topics: Option[] };
export type Taxonomies = {
	countries: Option[];
	regions: Option[];
	stakeholderGroups: Option[];
	baskets: TopicBasket[];
	languages: Option[];
	/** IANA zones as this server knows them (the browser's list may differ). */
	timeZones: string[];
	/** Names by code or slug, for lists that read only those (see profiles' list cards). */
	names: {
		countries: Map<string, string>;
		stakeholderGroups: Map<string, string>;
		/** A topic's name and its place in the taxonomy's order (sort order, then name). */
		topics: Map<string, { name: string; rank: number }>;
	};
	/** The directory's filters, as markup (see option-markup). */
	filterMarkup: {
		countries: OptionMarkup;
		regions: OptionMarkup;
		stakeholderGroups: OptionMarkup;
		topics: OptionMarkup;
		languages: OptionMarkup;
		programmes: OptionMarkup;
	};
};

const FRESH_FOR_MS = 5 * 60_000;
let cached: { at: number; value: Promise<Taxonomies> } | undefined;

/** After an edit to a programme's name (or a new one): the next page reads the lists again. */
export function forgetTaxonomies(): void {
	cached = undefined;
}

export function taxonomies(): Promise<Taxonomies> {
	if (!cached || Date.now() - cached.at > FRESH_FOR_MS) {
		const value = load();
		cached = { at: Date.now(), value };
		// A failed read is not kept: the next page tries again.
		value.catch(() => (cached = undefined));
	}
	return cached.value;
}

const load = () =>
	withAnon(async (sql) => {
		const [countries, regions, groups, topics, languages, programmes] = await Promise.all([
			sql<Option[]>`select code as value, name as label from public.countries order by name`,
			sql<Option[]>`
				select code as value, name as label from public.regions
				where kind in ('region', 'sub_region') order by kind, name
			`,
			sql<
				Option[]
			>`select slug as value, name as label from public.stakeholder_groups order by sort_order`,
			sql<{ slug: string; name: string; parent_slug: string | null }[]>`
				select slug, name, parent_slug from public.topics order by sort_order, name
			`,
			// The six UN languages first, then the rest by name.
			sql<Option[]>`
				select code as value, name as label from public.languages
				order by is_un_official desc, name
			`,
			sql<Option[]>`select id as value, name as label from public.programmes order by name`
		]);
		const baskets = topics
			.filter((t) => t.parent_slug === null)
			.map((b) => ({
				slug: b.slug,
				name: b.name,
				topics: topics
					.filter((t) => t.parent_slug === b.slug)
					.map((t) => ({ value: t.slug, label: t.name }))
			}));
		return {
			countries,
			regions,
			stakeholderGroups: groups,
			baskets,
			languages,
			timeZones: Intl.supportedValuesOf('timeZone'),
			names: {
				countries: new Map(countries.map((c) => [c.value, c.label])),
				stakeholderGroups: new Map(groups.map((g) => [g.value, g.label])),
				topics: new Map(topics.map((t, rank) => [t.slug, { name: t.name, rank }]))
			},
			filterMarkup: {
				countries: optionMarkup(countries),
				regions: optionMarkup(regions),
				stakeholderGroups: optionMarkup(groups),
				// A basket's own slug stands for every topic in it.
				topics: optionMarkup(
					baskets.map((b) => ({
						label: b.name,
						options: [{ value: b.slug, label: `All of ${b.name.toLocaleLowerCase()}` }, ...b.topics]
					}))
				),
				languages: optionMarkup(languages),
				programmes: optionMarkup(programmes)
			}
		};
	});
