/**
 * The compendium: full-text search of the programmes with faceted filters and their counts, a page
 * at a time (keyset). RLS decides which programmes a viewer sees; these queries shape it.
 */
import { z } from 'zod';
import { type Search } from '$lib/schemas/compendium';
import { FACETS, FACET_LONG, FACET_SHOWN, type Facet } from '$lib/words/compendium';
import { getLocale } from '$lib/paraglide/runtime';
import { cursorCodec, nameCursor } from '$lib/server/cursor';
import { withViewer, type Claims, type Tx } from './client';

export type Filters = Omit<Search, 'after' | 'before' | 'more'>;

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
	/** How many values a facet offers, where `facets` holds only its most frequent ones. */
	sizes: Partial<Record<Facet, number>>;
	/** The cursor of the next page, if there is one. */
	next: string | null;
	/** The cursor of the page before, if there is one. */
	previous: string | null;
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

/** A facet's chosen values as the tokens the programmes' `facets` column holds ("topic:x"). */
const tokensOf = (filters: Filters, facet: Facet) =>
	(filters[facet] as string[]).map((value) => `${facet}:${value}`);

const chosenFacets = (filters: Filters) => FACETS.filter((facet) => filters[facet].length);

type Fragment = ReturnType<Tx>;

const and = (sql: Tx, conditions: Fragment[]) =>
	conditions.length ? conditions.reduce((all, c) => sql`${all} and ${c}`) : sql`true`;

/** Applications are open today (not a stored token: it changes with the day). */
const openToday = (sql: Tx): Fragment =>
	sql`coalesce(current_date between p.applications_open_on and p.applications_close_on, false)`;

/**
 * The words as written (accents aside), and stemmed in each language texts are written in (see
 * the migration search_in_languages); a scalar subquery, so computed once, not per programme.
 */
const wordsQuery = (sql: Tx, q: string) =>
	sql`(select websearch_to_tsquery('simple', public.unaccented(${q})) || private.stemmed_query(${q}))`;

/**
 * The condition that programme `p` matches the words and every chosen facet: within a facet the
 * chosen values are alternatives (OR), facets combine with AND. Served by the GIN index on facets.
 */
function matches(sql: Tx, filters: Filters) {
	return and(sql, [
		...(filters.q ? [sql`p.search @@ ${wordsQuery(sql, filters.q)}` as Fragment] : []),
		...chosenFacets(filters).map((facet): Fragment =>
			facet === 'open'
				? openToday(sql)
				: sql`p.facets && ${sql.array(tokensOf(filters, facet))}::text[]`
		)
	]);
}

/** What the counts were computed on: the compendium's version and the database's day. */
type AsOf = { version: string; day: string };

/** A search's counts (the '' facet's row is the total), with what they were computed on. */
type Counted = {
	counts: FacetCount[];
	sizes: Partial<Record<Facet, number>>;
	version: string | undefined;
	day: string | undefined;
};

/**
 * The compendium's version (private.compendium_version: a new random value with every change of
 * the programmes or of the taxonomies that label the counts, seen only once that change commits)
 * and the database's day (whether applications are open today), read in the statement they
 * describe.
 */
const asOf = (sql: Tx) =>
	sql`(select private.compendium_version())::text as version, current_date::text as day`;

/**
 * The counts of the searches made lately, by the version and day they were computed on, the
 * language of their labels, the viewer's role and the search: a search of the same compendium on
 * the same day gives the same counts, on every instance of the server. By role and not by person
 * because every programme is readable by everyone ("anyone reads programmes", using (true);
 * tests/db/compendium.test.ts fails if that changes). Least recently used first, at most KEPT.
 */
const KEPT = 500;
const kept = new Map<string, Counted>();

function keptCounts(key: string): Counted | undefined {
	const counted = kept.get(key);
	if (counted) {
		// Read again: the most recently used goes last.
		kept.delete(key);
		kept.set(key, counted);
	}
	return counted;
}

function keep(key: string, counted: Counted) {
	kept.set(key, counted);
	if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
}

/**
 * Each chosen facet's counts from the kept counts of the search without it, if they are all kept
 * for this version and day (and complete: the whole compendium's list only the first few values
 * of a long facet).
 */
function knownCounts(viewer: Claims | null, filters: Filters, now: AsOf) {
	const chosen = chosenFacets(filters);
	if (!chosen.length) return undefined;
	const known: FacetCount[] = [];
	for (const facet of chosen) {
		const less = { ...filters, [facet]: [] };
		const whole = !less.q && !chosenFacets(less).length;
		const counted = keptCounts(`${now.version}|${now.day}|${countsKey(viewer, less, whole, [])}`);
		const counts = counted?.counts.filter((c) => c.facet === facet);
		if (!counts || (counted!.sizes[facet] ?? counts.length) !== counts.length) return undefined;
		known.push(...counts);
	}
	return known;
}

/** The search the counts depend on (not its page): its words and each facet's values, sorted. */
const countsKey = (viewer: Claims | null, filters: Filters, whole: boolean, expand: Facet[]) =>
	JSON.stringify([
		viewer ? 'authenticated' : 'anon',
		getLocale(),
		whole
			? ['whole', [...expand].sort()]
			: [filters.q ?? '', ...FACETS.map((f) => [...filters[f]].sort())]
	]);

/**
 * For each facet, how many programmes each value would give with the other facets as chosen (the
 * usual faceted search), in one pass: a programme that misses no chosen facet counts for every
 * value it has; one that misses exactly one chosen facet counts for that facet's values only. The
 * chosen values are always listed (with 0 when nothing has them), and the '' row is the total.
 */
function liveCounts(sql: Tx, filters: Filters) {
	const chosen = chosenFacets(filters);
	const missed = chosen.length
		? sql`array_remove(array[${chosen.map(
				(facet, i) =>
					sql`${i ? sql`,` : sql``} case when not (c.tokens && ${sql.array(tokensOf(filters, facet))}::text[]) then ${facet}::text end`
			)}], null)`
		: sql`'{}'::text[]`;
	return labelledCounts(
		sql,
		filters,
		sql`
			c as (
				select ${tokensOfProgramme(sql)} as tokens
				from public.programmes p
				${filters.q ? sql`where p.search @@ ${wordsQuery(sql, filters.q)}` : sql``}
			),
			k as (
				select c.tokens, m.missed from c cross join lateral (select ${missed} as missed) m
				where cardinality(m.missed) <= 1
			)`,
		sql`
			select t.token, count(*)::int as count
			from k, unnest(k.tokens) as t(token)
			where cardinality(k.missed) = 0 or k.missed[1] = split_part(t.token, ':', 1)
			group by t.token`,
		sql`(select count(*)::int from k where cardinality(k.missed) = 0)`
	);
}

/**
 * The same counts when each chosen facet's are known (`known`: a chosen facet counts under the
 * other facets' choices, which are the counts of the search without it, when those are kept):
 * what is left to count are the other facets and the total, over the programmes that match every
 * choice, which the indexes find.
 */
function countsFromKnown(sql: Tx, filters: Filters, known: FacetCount[]) {
	return labelledCounts(
		sql,
		filters,
		sql`
			c as (
				select ${tokensOfProgramme(sql)} as tokens
				from public.programmes p
				where ${matches(sql, filters)}
			)`,
		sql`
			select t.token, count(*)::int as count
			from c, unnest(c.tokens) as t(token)
			where split_part(t.token, ':', 1) <> all(${sql.array(chosenFacets(filters) as string[])}::text[])
			group by t.token
			union all
			select * from unnest(${sql.array(known.map((c) => `${c.facet}:${c.value}`))}::text[],
			                     ${sql.array(known.map((c) => c.count))}::int[])`,
		sql`(select count(*)::int from c)`
	);
}

/** A programme's tokens, with "open:now" when its applications are open today. */
const tokensOfProgramme = (sql: Tx) =>
	sql`p.facets || case when ${openToday(sql)} then array['open:now'] else '{}'::text[] end`;

/**
 * Tokens counted (`counted`, after the common table expressions `ctes`) as the page lists them:
 * labelled in the request's language, each facet most frequent first, the chosen values always
 * there (with 0 when nothing has them), and the '' row the total.
 */
function labelledCounts(
	sql: Tx,
	filters: Filters,
	ctes: Fragment,
	counted: Fragment,
	total: Fragment
): Promise<Counted> {
	const chosen = chosenFacets(filters);
	return sql<(FacetCount & AsOf)[]>`
		with ${ctes},
		counted as (
			${counted}
			union all
			select unnest(${sql.array(chosen.flatMap((facet) => tokensOf(filters, facet)))}::text[]), 0
		),
		summed as (select token, sum(count)::int as count from counted group by token)
		select x.facet, x.value, x.label, x.count, ${asOf(sql)} from (
			select r.facet, r.value, r.label, r.count
			from private.compendium_count_rows(
			       array(select token from summed order by token),
			       array(select count from summed order by token)) r
			union all
			select '', '', null, ${total}
		) x
		order by x.facet, x.count desc, x.label, x.value
	`.then((rows) => ({
		counts: rows.map(({ facet, value, label, count }) => ({ facet, value, label, count })),
		sizes: {},
		version: rows[0]?.version,
		day: rows[0]?.day
	}));
}

/**
 * The whole compendium's counts (kept in the database for everyone), each facet's values most
 * frequent first: all of them for the facets in `expand` and the short ones, the first few of the
 * others with how many there are.
 */
async function wholeCounts(sql: Tx, expand: Facet[]): Promise<Counted> {
	const rows = await sql<
		({ facet: string; size: number; counts: Omit<FacetCount, 'facet'>[] } & AsOf)[]
	>`
		select facet, size, counts, ${asOf(sql)}
		from private.whole_compendium_counts(${sql.array(expand as string[])}::text[],
		                                     ${FACET_SHOWN}::int, ${FACET_LONG}::int)
	`;
	const sizes: Partial<Record<Facet, number>> = {};
	const counts: FacetCount[] = [];
	for (const row of rows) {
		const facet = row.facet as Facet;
		sizes[facet] = row.size;
		for (const c of row.counts) counts.push({ ...c, facet });
	}
	return { counts, sizes, version: rows[0]?.version, day: rows[0]?.day };
}

/**
 * One page of the compendium for the viewer, the number of matches, and for each facet how many
 * programmes each value would give with the other facets as chosen. Keyset pages, forward from
 * `after` or backward from `before`: by relevance when searching by words, else by name. With no
 * words and no filters (the page a visitor lands on) the counts are the whole compendium's, kept
 * in the database for everyone (see the migration compendium_facets). Every search's counts are
 * kept by this instance too, by the compendium's version (see `kept`).
 */
export const search = (
	viewer: Claims | null,
	filters: Filters,
	{
		after,
		before,
		limit = 20,
		expand = []
	}: { after?: Cursor; before?: Cursor; limit?: number; expand?: Facet[] } = {}
): Promise<SearchResult> =>
	withViewer(viewer, async (sql) => {
		const byRank = !!filters.q;
		const from = before ?? after;
		const back = !!before;
		// Backward: the same order reversed, then the page turned the right way round.
		const [gt, lt] = back ? [sql`<`, sql`>`] : [sql`>`, sql`<`];
		const keyset = !from
			? sql`true`
			: byRank
				? sql`(r.rank ${lt} ${from.r ?? '0'}::numeric
				       or (r.rank = ${from.r ?? '0'}::numeric and (p.name, p.id) ${gt} (${from.n}, ${from.id}::uuid)))`
				: sql`(p.name, p.id) ${gt} (${from.n}, ${from.id}::uuid)`;
		const direction = back ? sql`desc` : sql`asc`;
		// The page's programmes first, then their next cohort and languages: looked up for the
		// page's 21 rows, not for every programme that matches.
		const found = sql<ProgrammeCard[]>`
			with page as materialized (
				select p.id, p.name, r.rank
				from public.programmes p
				cross join lateral (
					select ${byRank ? sql`round(ts_rank(p.search, ${wordsQuery(sql, filters.q!)})::numeric, 6)` : sql`0::numeric`} as rank
				) r
				where ${matches(sql, filters)} and ${keyset}
				order by ${byRank ? (back ? sql`r.rank asc,` : sql`r.rank desc,`) : sql``}
				         p.name ${direction}, p.id ${direction}
				limit ${limit + 1}
			)
			select p.id, p.slug, p.name, p.summary, p.kind, p.format, p.level, p.status,
			       o.name as organisation_name, o.slug as organisation_slug,
			       -- Each language's name by its key: a join hashed the whole taxonomy for every card.
			       array(select (select coalesce(l.names ->> nullif(current_setting('app.locale', true), ''), l.name)
			                     from public.languages l where l.code = pl.language_code) as name
			             from public.programme_languages pl
			             where pl.programme_id = p.id order by 1) as languages,
			       nc.edition as next_edition, nc.starts_on::text as next_starts_on,
			       ${openToday(sql)} as applications_open, p.applications_close_on::text,
			       page.rank::text as rank
			from page
			join public.programmes p on p.id = page.id
			join public.organisations o on o.id = p.organisation_id
			left join lateral (
				select k.edition, k.starts_on from public.cohorts k
				where k.programme_id = p.id and k.starts_on >= current_date
				order by k.starts_on limit 1
			) nc on true
			order by ${byRank ? (back ? sql`page.rank asc,` : sql`page.rank desc,`) : sql``}
			         page.name ${direction}, page.id ${direction}
		`;
		const whole = !filters.q && !chosenFacets(filters).length;
		const key = countsKey(viewer, filters, whole, expand);
		// The compendium's version travels with the page, in its round trip; the counts are
		// computed only when none are kept for it.
		const [rows, [now]] = await Promise.all([found, sql<AsOf[]>`select ${asOf(sql)}`]);
		let counted = keptCounts(`${now!.version}|${now!.day}|${key}`);
		if (!counted) {
			const known = whole ? undefined : knownCounts(viewer, filters, now!);
			counted = await (whole
				? wholeCounts(sql, expand)
				: known
					? countsFromKnown(sql, filters, known)
					: liveCounts(sql, filters));
			// Kept by the version its own statement read (the page's may be older by a commit), and
			// not when counts known at the page's version met another.
			if (
				counted.version &&
				(!known || (counted.version === now!.version && counted.day === now!.day))
			) {
				keep(`${counted.version}|${counted.day}|${key}`, counted);
			}
		}
		const { counts, sizes } = counted;
		const total = counts.find((c) => c.facet === ('' as Facet))?.count ?? 0;
		const more = rows.length > limit;
		const page = rows.slice(0, limit);
		if (back) page.reverse();
		const cursorOf = (row: ProgrammeCard | undefined) =>
			row ? encodeCursor({ ...(byRank ? { r: row.rank } : {}), n: row.name, id: row.id }) : null;
		return {
			programmes: page,
			total,
			facets: counts.filter((c) => c.facet !== ('' as Facet)),
			sizes,
			next: (back ? !!from : more) ? cursorOf(page.at(-1)) : null,
			previous: (back ? more : !!from) ? cursorOf(page[0]) : null
		};
	});
