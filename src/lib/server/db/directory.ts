/**
 * The directory: finding people as each viewer may see them (search, filters, keyset pages) and
 * "people like you in other programmes". The database decides visibility (search_directory
 * matches only what the viewer may see, profile_cards masks the fields); these queries shape it.
 */
import { z } from 'zod';
import { cursorCodec } from '$lib/server/cursor';
import { withUser, withViewer, type Claims, type Tx } from './client';
import type { ProfileCard } from './profiles';
import { taxonomies, type Taxonomies } from './taxonomies';

export type DirectoryQuery = {
	q?: string;
	/** Filter tokens: country:SN, region:002, group:academia, topic:cybersecurity, lang:fr, open:mentoring. */
	tokens?: string[];
	programme?: string;
	cohort?: string;
	role?: 'alumnus' | 'trainer' | 'coordinator';
	sort?: 'relevance' | 'newest';
	after?: Cursor;
	pageSize?: number;
};

export type Cursor = { tier: number; key: string; id: string };

// In links as [tier, key, id]. The key is a number or a timestamp as Postgres wrote it; nothing
// else reaches the database.
const cursorLink = cursorCodec(
	z.tuple([z.number().int().min(0).max(2), z.string().regex(/^[\d.eE+\-: T]{1,40}$/), z.uuid()])
);

/** A page's cursor as a link carries it. */
export const encodeCursor = ({ tier, key, id }: Cursor) => cursorLink.encode([tier, key, id]);

/** The cursor in a link; undefined when it is not one of ours (tampered with or cut short). */
export function decodeCursor(value: string): Cursor | undefined {
	const tuple = cursorLink.decode(value);
	return tuple && { tier: tuple[0], key: tuple[1], id: tuple[2] };
}

export type DirectoryCard = Pick<
	ProfileCard,
	| 'id'
	| 'handle'
	| 'display_name'
	| 'headline'
	| 'country_name'
	| 'city'
	| 'current_position'
	| 'current_organisation'
	| 'stakeholder_group_name'
	| 'open_to'
> & { topics: string[] | null };

export type DirectoryPage = { people: DirectoryCard[]; next: Cursor | null };

/**
 * A card in a list of people as the database gives it: the country, stakeholder group and topics
 * as codes and slugs, which Postgres reads without joining the taxonomies (see the migration
 * 20261202000800), named here from the taxonomy this server keeps.
 */
type ListCard = Omit<DirectoryCard, 'country_name' | 'stakeholder_group_name' | 'topics'> & {
	country_code: string | null;
	stakeholder_group: string | null;
	topic_slugs: string[] | null;
};

const listCardColumns = (sql: Tx) =>
	sql`c.id, c.handle, c.display_name, c.headline, c.country_code, c.city, c.current_position,
	    c.current_organisation, c.stakeholder_group, c.open_to, c.topic_slugs`;

/** Names a list card's codes and slugs; a topic not in the taxonomy yet shows its slug. */
function named(
	{ country_code, stakeholder_group, topic_slugs, ...card }: ListCard,
	names: Taxonomies['names']
): DirectoryCard {
	const topic = (slug: string) => names.topics.get(slug) ?? { name: slug, rank: Infinity };
	return {
		...card,
		country_name: country_code === null ? null : (names.countries.get(country_code) ?? null),
		stakeholder_group_name:
			stakeholder_group === null ? null : (names.stakeholderGroups.get(stakeholder_group) ?? null),
		topics:
			topic_slugs === null
				? null
				: topic_slugs
						.map(topic)
						.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
						.map((t) => t.name)
	};
}

/** A page of the directory as the viewer may see it, and the cursor of the next page. */
export const search = (viewer: Claims | null, query: DirectoryQuery) =>
	withViewer(viewer, (sql) => searchIn(sql, query));

async function searchIn(sql: Tx, query: DirectoryQuery): Promise<DirectoryPage> {
	const size = query.pageSize ?? 20;
	const found = sql<(ListCard & { tier: number; sort_key: string })[]>`
		select ${listCardColumns(sql)}, s.tier, s.sort_key
		from private.search_directory(
			${query.q ?? null}, ${query.tokens ?? []}::text[], ${query.programme ?? null}::uuid,
			${query.cohort ?? null}::uuid, ${query.role ?? null}, ${query.sort ?? 'relevance'},
			${query.after?.tier ?? null}::int, ${query.after?.key ?? null}, ${query.after?.id ?? null}::uuid,
			${size + 1}
		) with ordinality as s (id, tier, sort_key, n)
		-- Lateral, so that each card is looked up by id (a plain join would mask every profile).
		cross join lateral (select * from private.profile_cards pc where pc.id = s.id limit 1) c
		order by s.n
	`;
	const [rows, { names }] = await Promise.all([found, taxonomies()]);
	const more = rows.length > size;
	const page = rows.slice(0, size);
	const last = page.at(-1);
	return {
		people: page.map(({ tier: _tier, sort_key: _key, ...card }) => named(card, names)),
		next: more && last ? { tier: last.tier, key: last.sort_key, id: last.id } : null
	};
}

export type Suggestion = DirectoryCard & {
	shared_topics: number;
	same_region: boolean;
	shared_languages: number;
};

/** "People like you in other programmes", for the signed-in member. */
export const peopleLikeMe = (user: Claims, howMany = 6) =>
	withUser(user, (sql) => likeMe(sql, user.sub, howMany));

type Match = Pick<Suggestion, 'id' | 'shared_topics' | 'same_region' | 'shared_languages'>;

// Working out who is like a member reads the network's fullest profiles (~20 ms of database time
// on every visit to the directory), and the answer changes slowly. So each server instance
// remembers a member's matches for a few minutes, and forgets them when the member edits their
// profile. Only who matched is remembered: the cards are read afresh under the viewer's claims
// each time, so a field hidden or a profile deleted a moment ago is not shown.
const MATCHES_KEPT_MS = 10 * 60_000;
const MATCHES_KEPT_FOR_MEMBERS = 10_000;
const matches = new Map<string, { until: number; howMany: number; rows: Match[] }>();

/** Forgets a member's matches, when their profile changed (profiles.saveOwn, finishOnboarding). */
export function forgetMatches(profileId: string) {
	matches.delete(profileId);
}

async function likeMe(sql: Tx, viewerId: string, howMany: number): Promise<Suggestion[]> {
	let known = matches.get(viewerId);
	if (!known || known.until < Date.now() || known.howMany < howMany) {
		const rows = await sql<Match[]>`
			select id, shared_topics, same_region, shared_languages
			from private.people_like_me(${howMany})
		`;
		known = { until: Date.now() + MATCHES_KEPT_MS, howMany, rows: [...rows] };
		matches.delete(viewerId); // re-inserted last: the Map's order is the eviction order
		matches.set(viewerId, known);
		if (matches.size > MATCHES_KEPT_FOR_MEMBERS) forgetMatches(matches.keys().next().value!);
	}
	const wanted = known.rows.slice(0, howMany);
	if (!wanted.length) return [];
	const [cards, { names }] = await Promise.all([
		sql<ListCard[]>`
			select ${listCardColumns(sql)}
			from unnest(${wanted.map((m) => m.id)}::uuid[]) as s (id)
			cross join lateral (select * from private.profile_cards pc where pc.id = s.id limit 1) c
		`,
		taxonomies()
	]);
	const byId = new Map(cards.map((card) => [card.id, named(card, names)]));
	return wanted.flatMap((match) => {
		const card = byId.get(match.id);
		return card ? [{ ...card, ...match }] : [];
	});
}

/** The chosen programme's cohorts, newest first, for the directory's cohort filter. */
const cohortChoices = (sql: Tx, programme: string) =>
	sql<{ value: string; label: string }[]>`
		select id as value, edition as label from public.cohorts
		where programme_id = ${programme} order by starts_on desc
	`;

/**
 * Everything the directory page reads, in one transaction (one connection, pipelined): the page of
 * people, and for members the suggestions and the cohorts of the programme they filter by.
 */
/**
 * How many people a list holds, counted up to COUNT_CAP and no further: the search's own
 * candidates (as the viewer may see them), never a count over every profile. More than the cap
 * is said as "1,000 or more".
 */
export const COUNT_CAP = 1000;

function countIn(sql: Tx, query: DirectoryQuery): Promise<number> {
	return sql<{ n: number }[]>`
		select count(*)::int as n
		from private.search_directory(
			${query.q ?? null}, ${query.tokens ?? []}::text[], ${query.programme ?? null}::uuid,
			${query.cohort ?? null}::uuid, ${query.role ?? null}, ${query.sort ?? 'relevance'},
			null, null, null, ${COUNT_CAP + 1}
		)
	`.then(([row]) => row?.n ?? 0);
}

export const page = (
	viewer: Claims | null,
	query: DirectoryQuery,
	options: { suggestions: boolean }
) =>
	withViewer(viewer, async (sql) => {
		// Postgres re-planned the suggestions' card lookup for every visit (a custom plan, chosen
		// because it looked cheaper than the generic one): 3 ms of planning for 0.2 ms of work. These
		// statements look people up by id, so one plan per connection serves every viewer. (The
		// search's own statements are built per query inside search_directory and planned there.)
		const plans = sql`select set_config('plan_cache_mode', 'force_generic_plan', true)`.execute();
		const [, page, total, suggestions, cohorts] = await Promise.all([
			plans,
			searchIn(sql, query),
			countIn(sql, query),
			viewer && options.suggestions ? likeMe(sql, viewer.sub, 6) : ([] as Suggestion[]),
			viewer && query.programme ? cohortChoices(sql, query.programme) : []
		]);
		return { page, total, suggestions, cohorts };
	});
