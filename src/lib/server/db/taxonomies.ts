/**
 * The taxonomies for forms and filters: countries, regions, stakeholder groups, topics by basket,
 * languages, and the programmes the directory filters by. Public data that changes only with a
 * migration or an edit, so each server instance keeps it for a few minutes rather than reading it
 * for every page (and forgets it at once when it makes such an edit itself).
 */
import { optionMarkup, type OptionMarkup } from '$lib/option-markup';
import { withAnon } from './client';
import { intlLocale } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

export type Option = { value: string; label: string };
export type TopicBasket = { slug: string; name: string; topics: Option[] };
export type Taxonomies = {
	countries: Option[];
	regions: Option[];
	stakeholderGroups: Option[];
	/** Who programmes and events are for (youth, diplomats…), in the taxonomy's order. */
	targetGroups: Option[];
	baskets: TopicBasket[];
	languages: Option[];
	/** IANA zones as this server knows them (the browser's list may differ). */
	timeZones: string[];
	/** Names by code or slug, for lists that read only those (see profiles' list cards). */
	names: {
		countries: Map<string, string>;
		/** A country's sub-region (or region where it has none), by the country's code. */
		regionsOfCountries: Map<string, string>;
		stakeholderGroups: Map<string, string>;
		targetGroups: Map<string, string>;
		languages: Map<string, string>;
		/** A topic's name and its place in the taxonomy's order (sort order, then name). */
		topics: Map<string, { name: string; rank: number }>;
	};
	/** The directory's filters, as markup (see option-markup). */
	filterMarkup: {
		countries: OptionMarkup;
		regions: OptionMarkup;
		stakeholderGroups: OptionMarkup;
		targetGroups: OptionMarkup;
		topics: OptionMarkup;
		languages: OptionMarkup;
		programmes: OptionMarkup;
	};
};

const FRESH_FOR_MS = 5 * 60_000;
/** One set of lists per language of the site: their names, their order and their markup differ. */
const cached = new Map<Locale, { at: number; value: Promise<Taxonomies> }>();

/** After an edit to a programme's name (or a new one): the next page reads the lists again. */
export function forgetTaxonomies(): void {
	cached.clear();
}

/** The lists in the request's language. */
export function taxonomies(): Promise<Taxonomies> {
	const locale = getLocale();
	let entry = cached.get(locale);
	if (!entry || Date.now() - entry.at > FRESH_FOR_MS) {
		const value = load(locale);
		entry = { at: Date.now(), value };
		cached.set(locale, entry);
		// A failed read is not kept: the next page tries again.
		value.catch(() => cached.delete(locale));
	}
	return entry.value;
}

/** Options in the alphabetical order of the language they are written in. */
function byLabel<T extends { label: string }>(options: T[], locale: Locale): T[] {
	const { compare } = new Intl.Collator(intlLocale(locale));
	return options.sort((a, b) => compare(a.label, b.label));
}

const load = (locale: Locale) =>
	withAnon(async (sql) => {
		const [countries, regions, groups, topics, languages, programmes, targetGroups] =
			await Promise.all([
				sql<(Option & { region: string | null })[]>`
				select code as value, private.named(names, name) as label,
				       coalesce(sub_region_code, region_code) as region
				from public.countries
			`,
				sql<(Option & { kind: string })[]>`
				select code as value, private.named(names, name) as label, kind from public.regions
				where kind in ('region', 'sub_region')
			`,
				sql<Option[]>`
				select slug as value, private.named(names, name) as label from public.stakeholder_groups
				order by sort_order
			`,
				sql<{ slug: string; name: string; parent_slug: string | null }[]>`
				select slug, private.named(names, name) as name, parent_slug from public.topics
				order by sort_order, name
			`,
				sql<(Option & { un: boolean })[]>`
				select code as value, private.named(names, name) as label, is_un_official as un
				from public.languages
			`,
				sql<Option[]>`select id as value, name as label from public.programmes order by name`,
				sql<Option[]>`
				select slug as value, private.named(names, name) as label from public.target_groups
				order by sort_order
			`
			]);
		byLabel(countries, locale);
		const regionNames = new Map(regions.map((r) => [r.value, r.label]));
		// Regions before sub-regions; the six UN languages first, then the rest.
		const regionOptions = byLabel(regions, locale)
			.sort((a, b) => Number(a.kind !== 'region') - Number(b.kind !== 'region'))
			.map(({ value, label }) => ({ value, label }));
		const languageOptions = byLabel(languages, locale)
			.sort((a, b) => Number(b.un) - Number(a.un))
			.map(({ value, label }) => ({ value, label }));
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
			countries: countries.map(({ value, label }) => ({ value, label })),
			regions: regionOptions,
			stakeholderGroups: groups,
			targetGroups,
			baskets,
			languages: languageOptions,
			timeZones: Intl.supportedValuesOf('timeZone'),
			names: {
				countries: new Map(countries.map((c) => [c.value, c.label])),
				regionsOfCountries: new Map(
					countries.flatMap((c) => {
						const region = c.region && regionNames.get(c.region);
						return region ? [[c.value, region]] : [];
					})
				),
				stakeholderGroups: new Map(groups.map((g) => [g.value, g.label])),
				targetGroups: new Map(targetGroups.map((g) => [g.value, g.label])),
				languages: new Map(languageOptions.map((l) => [l.value, l.label])),
				topics: new Map(topics.map((t, rank) => [t.slug, { name: t.name, rank }]))
			},
			filterMarkup: {
				countries: optionMarkup(countries.map(({ value, label }) => ({ value, label }))),
				regions: optionMarkup(regionOptions),
				stakeholderGroups: optionMarkup(groups),
				targetGroups: optionMarkup(targetGroups),
				// A basket's own slug stands for every topic in it.
				topics: optionMarkup(
					baskets.map((b) => ({
						label: b.name,
						options: [
							{ value: b.slug, label: m.taxonomies_all_of_basket({ basket: b.name }, { locale }) },
							...b.topics
						]
					}))
				),
				languages: optionMarkup(languageOptions),
				programmes: optionMarkup(programmes.map((p) => ({ ...p, dir: 'auto' as const })))
			}
		};
	});
