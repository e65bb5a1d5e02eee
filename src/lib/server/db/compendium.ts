/**
 * The compendium: full-text search of the programmes with faceted filters and their counts, a page
 * at a time (keyset). RLS decides which programmes a viewer sees; these queries shape it.
 */
import { z } from 'zod';
import { FACETS, type Facet, type Search } from '$lib/schemas/compendium';
import { cursorCodec, nameCursor } from '$lib/server/cursor';
import { withViewer, type Claims, type Tx } from './client';

export type Filters = Omit<Search, 'after'>;

export type ProgrammeCard = {
	id: string;
	slug: string;
	name: string;
	summary: string | null;
	kind: string;
	format: string;
	level: string | null;
	status: string;
	organisation_name: string;
	organisation_slug: string;
	languages: string[];
	next_edition: string | null;
	next_starts_on: string | null;
	applications_open: boolean;
	applications_close_on: string | null;
	rank: string;
};

export type FacetCount = { facet: Facet; value: string; label: string | null; count: number };

export type SearchResult = {
	programmes: ProgrammeCard[];
	total: number;
	facets: FacetCount[];
	/** The cursor of the next page, if there is one. */
	next: string | null;
};

/** Where the last page ended: rank only when searching by words. */
const cursorSchema = nameCursor.extend({
	r: z
		.string()
		.regex(/^\d+(\.\d+)?$/)
		.optional()
});
type Cursor = z.infer<typeof cursorSchema>;

/** The cursor of a page link, and back (undefined when it was tampered with or truncated). */
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec(cursorSchema);

/** Each facet's values for one programme row `p`, as a text array (so every facet filters alike). */
const FACET_VALUES: Record<Facet, (sql: Tx) => ReturnType<Tx>> = {
	open: (sql) => sql`
		case when current_date between p.applications_open_on and p.applications_close_on
		     then array['now'] else '{}'::text[] end`,
	cost: (sql) => sql`
		array_remove(array[case when p.cost = 'free' then 'free' end,
		                   case when p.fellowships_available then 'fellowships' end], null)`,
	format: (sql) => sql`array[p.format]`,
	level: (sql) => sql`array_remove(array[p.level], null)`,
	component: (sql) => sql`p.components`,
	scope: (sql) => sql`array[p.scope]`,
	status: (sql) => sql`array[p.status]`,
	topic: (sql) => sql`
		array(select t.topic_slug from public.programme_topics t where t.programme_id = p.id)`,
	audience: (sql) => sql`
		array(select t.target_group_slug from public.programme_target_groups t where t.programme_id = p.id)`,
	language: (sql) => sql`
		array(select t.language_code::text from public.programme_languages t where t.programme_id = p.id)`,
	region: (sql) => sql`
		array(select t.region_code::text from public.programme_regions t where t.programme_id = p.id)`,
	country: (sql) => sql`
		array(select t.country_code::text from public.programme_countries t where t.programme_id = p.id)`
};

const and = (sql: Tx, conditions: ReturnType<Tx>[]) =>
	conditions.length ? conditions.reduce((all, c) => sql`${all} and ${c}`) : sql`true`;

/**
 * The programmes that match the words, each with its facet values and relevance. Within a facet
 * the chosen values are alternatives (OR); facets combine with AND, applied by `matches`.
 */
function candidates(sql: Tx, filters: Filters) {
	// The words as written (accents aside), and stemmed in each language texts are written in
	// (see the migration search_in_languages); computed once, not per programme.
	const query = sql`(select websearch_to_tsquery('simple', public.unaccented(${filters.q ?? ''}))
	                          || private.stemmed_query(${filters.q ?? ''}))`;
	return sql`
		candidates as (
			select p.id, p.name,
			       ${filters.q ? sql`round(ts_rank(p.search, ${query})::numeric, 6)` : sql`0::numeric`} as rank,
			       ${FACETS.map((facet, i) => sql`${i ? sql`,` : sql``} ${FACET_VALUES[facet](sql)} as ${sql(facet)}`)}
			from public.programmes p
			${filters.q ? sql`where p.search @@ ${query}` : sql``}
		)
	`;
}

/** The condition that a candidate matches every chosen facet except `except`. */
function matches(sql: Tx, filters: Filters, except?: Facet) {
	return and(
		sql,
		FACETS.filter((facet) => facet !== except && filters[facet].length).map(
			(facet) => sql`c.${sql(facet)} && ${sql.array(filters[facet] as string[])}::text[]`
		)
	);
}

/**
 * One page of the compendium for the viewer, the number of matches, and for each facet how many
 * programmes each value would give with the other facets as chosen (the usual faceted search).
 * Keyset pages: by relevance when searching by words, else by name.
 */
export const search = (
	viewer: Claims | null,
	filters: Filters,
	{ after, limit = 20 }: { after?: Cursor; limit?: number } = {}
): Promise<SearchResult> =>
	withViewer(viewer, async (sql) => {
		const byRank = !!filters.q;
		const keyset = !after
			? sql`true`
			: byRank
				? sql`(c.rank < ${after.r ?? '0'}::numeric
				       or (c.rank = ${after.r ?? '0'}::numeric and (c.name, c.id) > (${after.n}, ${after.id}::uuid)))`
				: sql`(c.name, c.id) > (${after.n}, ${after.id}::uuid)`;
		const rows = await sql<ProgrammeCard[]>`
			with ${candidates(sql, filters)}
			select p.id, p.slug, p.name, p.summary, p.kind, p.format, p.level, p.status,
			       o.name as organisation_name, o.slug as organisation_slug,
			       array(select private.named(l.names, l.name) from public.programme_languages pl
			             join public.languages l on l.code = pl.language_code
			             where pl.programme_id = p.id order by private.named(l.names, l.name)) as languages,
			       nc.edition as next_edition, nc.starts_on::text as next_starts_on,
			       c.open <> '{}' as applications_open, p.applications_close_on::text,
			       c.rank::text as rank
			from candidates c
			join public.programmes p on p.id = c.id
			join public.organisations o on o.id = p.organisation_id
			left join lateral (
				select k.edition, k.starts_on from public.cohorts k
				where k.programme_id = p.id and k.starts_on >= current_date
				order by k.starts_on limit 1
			) nc on true
			where ${matches(sql, filters)} and ${keyset}
			order by ${byRank ? sql`c.rank desc,` : sql``} c.name, c.id
			limit ${limit + 1}
		`;
		const counts = await sql<(FacetCount & { count: number })[]>`
			with ${candidates(sql, filters)},
			counted as (
				${FACETS.map(
					(facet, i) => sql`
						${i ? sql`union all` : sql``}
						select ${facet}::text as facet, v.value,
						       (count(*) filter (where ${matches(sql, filters, facet)}))::int as count
						from candidates c, unnest(c.${sql(facet)}) as v(value)
						group by v.value`
				)}
				union all
				select '', '', (count(*) filter (where ${matches(sql, filters)}))::int from candidates c
			)
			select k.facet, k.value, k.count,
			       coalesce(
			         private.named(t.names, t.name), private.named(g.names, g.name),
			         private.named(l.names, l.name), private.named(r.names, r.name),
			         private.named(n.names, n.name)
			       ) as label
			from counted k
			left join public.topics t on k.facet = 'topic' and t.slug = k.value
			left join public.target_groups g on k.facet = 'audience' and g.slug = k.value
			left join public.languages l on k.facet = 'language' and l.code = k.value
			left join public.regions r on k.facet = 'region' and r.code = k.value
			left join public.countries n on k.facet = 'country' and n.code = k.value
			order by k.facet, k.count desc, label, k.value
		`;
		const total = counts.find((c) => c.facet === ('' as Facet))?.count ?? 0;
		const page = rows.slice(0, limit);
		const last = page.at(-1);
		return {
			programmes: page,
			total,
			facets: counts.filter((c) => c.facet !== ('' as Facet)),
			next:
				rows.length > limit && last
					? encodeCursor({ ...(byRank ? { r: last.rank } : {}), n: last.name, id: last.id })
					: null
		};
	});
