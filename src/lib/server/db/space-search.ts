/**
 * Search in the spaces: the threads' titles and the posts the viewer may read, everywhere or in
 * one space, in the language of the text (the migration space_search). The candidates come
 * through the words' index from private.search_candidates (under RLS no index could answer the
 * words: see the migration space_search_candidates), with the policies' predicate; the posts are
 * then read as the viewer under RLS: a private space's words never match for someone outside it,
 * and a hidden or removed post has no words at all.
 *
 * Ranked without scoring every match, as the directory is: a bounded look first counts up to a
 * page of candidates. Fewer than that (a rare word, a name), and they are all read through the
 * index and ranked. As many (a common word), and the newest candidates are read in date order
 * until there are enough, and only they are ranked: a word in every tenth post reads two
 * thousand rows, not a hundred thousand.
 */
import { withViewer, type Claims, type Tx } from './client';

/** How many matches are ranked at most (the newest of them when there are more). */
export const CANDIDATES = 200;
export const PAGE = 20;

/** What marks the words that matched in a snippet (characters no one types). */
const MARK_START = '\u0002';
const MARK_END = '\u0003';

/** A snippet's pieces, the words that matched marked. */
export type Piece = { text: string; match: boolean };

const piecesOf = (snippet: string): Piece[] =>
	snippet.split(MARK_START).flatMap((part, i) => {
		if (i === 0) return [{ text: part, match: false }];
		const [match = '', rest = ''] = part.split(MARK_END);
		return [
			{ text: match, match: true },
			{ text: rest, match: false }
		];
	});

export type Hit = {
	post_id: string;
	number: number;
	text_language: string;
	created_at: Date;
	author_name: string | null;
	author_handle: string | null;
	thread_number: number;
	thread_slug: string;
	thread_title: string;
	thread_language: string;
	space_slug: string;
	space_name: string;
	space_language: string;
	/** Some of the post's words around those that matched. */
	snippet: Piece[];
};

export type Found = {
	hits: Hit[];
	/** How many were ranked (at most CANDIDATES) and whether there were more. */
	ranked: number;
	more: boolean;
	pageSize: number;
};

/** The search's words read once: as written, stemmed in each language, and in CJK pairs. */
async function wordsOf(sql: Tx, q: string): Promise<string | null> {
	const [row] = await sql<{ words: string }[]>`
		select (websearch_to_tsquery('simple', public.unaccented(${q}))
		        || private.stemmed_query(${q}))::text as words
	`;
	return row?.words ? row.words : null;
}

export const search = (
	viewer: Claims | null,
	{ q, spaceId, page = 1 }: { q: string; spaceId?: string; page?: number }
): Promise<Found> =>
	withViewer(viewer, async (sql) => {
		const none: Found = { hits: [], ranked: 0, more: false, pageSize: PAGE };
		const words = await wordsOf(sql, q);
		if (!words) return none;
		const rows = await sql<
			(Omit<Hit, 'snippet'> & { snippet: string; ranked: number; newest: boolean })[]
		>`
			with candidates as materialized (
				select c.post_id as id, c.newest
				from private.search_candidates(${words}::tsquery, ${spaceId ?? null}::uuid, ${CANDIDATES}) c
			),
			ranked as materialized (
				select p.id, p.number, p.text_language, p.created_at, p.body, p.thread_id,
					ts_rank(coalesce(p.search, ''::tsvector)
						|| case when p.number = 1 then t.search else ''::tsvector end,
						${words}::tsquery) as rank,
					count(*) over () as ranked, bool_or(c.newest) over () as newest
				from candidates c
				join public.posts p on p.id = c.id
				join public.threads t on t.id = p.thread_id
				where p.removed_at is null and p.hidden_at is null
				order by rank desc, p.created_at desc, p.id
				offset ${(page - 1) * PAGE} limit ${PAGE}
			)
			select r.id as post_id, r.number, r.text_language, r.created_at, r.ranked::int, r.newest,
				a.display_name as author_name, a.handle as author_handle,
				t.number as thread_number, t.slug as thread_slug, t.title as thread_title,
				t.text_language as thread_language,
				s.slug as space_slug, s.name as space_name, s.text_language as space_language,
				ts_headline(private.search_config(r.text_language),
					-- The words of the Markdown, without its marks and links' addresses.
					regexp_replace(regexp_replace(translate(r.body, ${MARK_START + MARK_END}, ''),
						'\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '[*_#>\`~|]+', ' ', 'g'),
					${words}::tsquery,
					${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}
				) as snippet
			from ranked r
			join public.threads t on t.id = r.thread_id
			join public.spaces s on s.id = t.space_id
			left join private.post_authors((select array_agg(id) from ranked)) a on a.post_id = r.id
			order by r.rank desc, r.created_at desc, r.id
		`;
		const ranked = rows[0]?.ranked ?? 0;
		return {
			hits: rows.map(({ ranked: _, newest: __, snippet, ...hit }) => ({
				...hit,
				snippet: piecesOf(snippet)
			})),
			ranked,
			more: rows[0]?.newest ?? false,
			pageSize: PAGE
		};
	});
