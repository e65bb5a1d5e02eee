/**
 * The compendium's programmes: faceted search, one programme's page, curation by its coordinators
 * and admins, and members' suggested edits. RLS decides who may see and change what; these
 * queries shape it.
 */
import postgres, { type JSONValue } from 'postgres';
import { z } from 'zod';
import { FACETS, type Facet, type Search } from '$lib/schemas/compendium';
import type {
	CohortForm,
	NewProgrammeForm,
	ProgrammeForm,
	Suggestion
} from '$lib/schemas/compendium';
import { isSlug } from '$lib/schemas/fields';
import { cursorCodec, nameCursor } from '$lib/server/cursor';
import { withUser, withViewer, type Claims, type Tx } from './client';
import { forgetTaxonomies } from './taxonomies';

// ─── Search ─────────────────────────────────────────────────────────────────────────────────────

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
	const query = sql`websearch_to_tsquery('simple', public.unaccented(${filters.q ?? ''}))`;
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
			       array(select l.name from public.programme_languages pl
			             join public.languages l on l.code = pl.language_code
			             where pl.programme_id = p.id order by l.name) as languages,
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
			       coalesce(t.name, g.name, l.name, r.name, n.name) as label
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

// ─── One programme ──────────────────────────────────────────────────────────────────────────────

export type Named = { code: string; name: string };

export type CohortRow = {
	id: string;
	edition: string;
	starts_on: string;
	ends_on: string;
	place: string | null;
	country_code: string | null;
	country_name: string | null;
	online: boolean;
};

export type ProgrammeRow = {
	id: string;
	slug: string;
	name: string;
	kind: string;
	summary: string | null;
	description: string | null;
	format: string;
	level: string | null;
	scope: string;
	website: string | null;
	status: string;
	first_year: number | null;
	components: string[];
	duration_weeks: number | null;
	hours_per_week: number | null;
	cost: 'free' | 'fee';
	fee_amount: string | null;
	fee_currency: string | null;
	fellowships_available: boolean;
	fellowship_notes: string | null;
	applications_open_on: string | null;
	applications_close_on: string | null;
	applications_open: boolean;
	organisation_id: string;
	organisation_name: string;
	organisation_slug: string;
	topics: Named[];
	audiences: Named[];
	languages: Named[];
	regions: Named[];
	countries: Named[];
	people_count: number;
};

export type ProgrammePage = {
	programme: ProgrammeRow;
	cohorts: CohortRow[];
	/** Whether the viewer may edit it (a coordinator of it, or an admin); RLS checks again. */
	canEdit: boolean;
};

/** Everything the public page of a programme shows, or undefined for an unknown slug. */
export const get = async (
	viewer: Claims | null,
	slug: string
): Promise<ProgrammePage | undefined> => {
	// A slug the database's check would refuse names nothing (and a NUL in it is an error there).
	if (!isSlug(slug)) return undefined;
	return withViewer(viewer, async (sql) => {
		const [programme] = await sql<ProgrammeRow[]>`
			select p.id, p.slug, p.name, p.kind, p.summary, p.description, p.format, p.level, p.scope,
			       p.website, p.status, p.first_year, p.components, p.duration_weeks, p.hours_per_week,
			       p.cost, p.fee_amount::text, p.fee_currency, p.fellowships_available, p.fellowship_notes,
			       p.applications_open_on::text, p.applications_close_on::text,
			       coalesce(current_date between p.applications_open_on and p.applications_close_on, false)
			         as applications_open,
			       o.id as organisation_id, o.name as organisation_name, o.slug as organisation_slug,
			       coalesce((select json_agg(json_build_object('code', t.slug, 'name', t.name) order by t.sort_order)
			                 from public.programme_topics pt join public.topics t on t.slug = pt.topic_slug
			                 where pt.programme_id = p.id), '[]') as topics,
			       coalesce((select json_agg(json_build_object('code', g.slug, 'name', g.name) order by g.sort_order)
			                 from public.programme_target_groups pg
			                 join public.target_groups g on g.slug = pg.target_group_slug
			                 where pg.programme_id = p.id), '[]') as audiences,
			       coalesce((select json_agg(json_build_object('code', l.code, 'name', l.name) order by l.name)
			                 from public.programme_languages pl join public.languages l on l.code = pl.language_code
			                 where pl.programme_id = p.id), '[]') as languages,
			       coalesce((select json_agg(json_build_object('code', r.code, 'name', r.name) order by r.name)
			                 from public.programme_regions pr join public.regions r on r.code = pr.region_code
			                 where pr.programme_id = p.id), '[]') as regions,
			       coalesce((select json_agg(json_build_object('code', n.code, 'name', n.name) order by n.name)
			                 from public.programme_countries pc join public.countries n on n.code = pc.country_code
			                 where pc.programme_id = p.id), '[]') as countries,
			       private.verified_people_count(p.id) as people_count
			from public.programmes p
			join public.organisations o on o.id = p.organisation_id
			where p.slug = ${slug}
		`;
		if (!programme) return undefined;
		const cohorts = await sql<CohortRow[]>`
			select k.id, k.edition, k.starts_on::text, k.ends_on::text, k.place, k.country_code,
			       n.name as country_name, k.online
			from public.cohorts k
			left join public.countries n on n.code = k.country_code
			where k.programme_id = ${programme.id}
			order by k.starts_on desc, k.edition
		`;
		return { programme, cohorts, canEdit: viewer ? await mayEdit(sql, programme.id) : false };
	});
};

async function mayEdit(sql: Tx, programmeId: string): Promise<boolean> {
	const [row] = await sql<{ yes: boolean }[]>`
		select private.is_coordinator_of(${programmeId}) or private.is_platform_admin() as yes
	`;
	return row?.yes ?? false;
}

/** Whether the signed-in person coordinates the programme or is an admin (for a clearer refusal). */
export const canEdit = (user: Claims, programmeId: string) =>
	withUser(user, (sql) => mayEdit(sql, programmeId));

// ─── Curation ───────────────────────────────────────────────────────────────────────────────────

const JOIN_TABLES = [
	['audiences', 'programme_target_groups', 'target_group_slug'],
	['topics', 'programme_topics', 'topic_slug'],
	['languages', 'programme_languages', 'language_code'],
	['regions', 'programme_regions', 'region_code'],
	['countries', 'programme_countries', 'country_code']
] as const;

type FacetKey = (typeof JOIN_TABLES)[number][0];
const FACET_KEYS = new Set<string>(JOIN_TABLES.map(([key]) => key));

/** The programme's own columns of a form, without its facets (they live in join tables). */
const columnsOf = (form: ProgrammeForm | NewProgrammeForm) =>
	Object.fromEntries(Object.entries(form).filter(([key]) => !FACET_KEYS.has(key)));

/** Files the programme under the form's facets; `replace` first removes what it was filed under. */
async function fileUnder(
	sql: Tx,
	id: string,
	form: Record<FacetKey, string[]>,
	{ replace }: { replace: boolean }
) {
	for (const [key, table, column] of JOIN_TABLES) {
		const values = [...new Set(form[key])];
		if (replace) await sql`delete from ${sql('public.' + table)} where programme_id = ${id}`;
		if (values.length) {
			await sql`
				insert into ${sql('public.' + table)} ${sql(values.map((v) => ({ programme_id: id, [column]: v })))}
			`;
		}
	}
}

/**
 * Adds a programme and files it under its facets, in one transaction: all of it or nothing.
 * Admins only (RLS refuses anyone else with 42501); a taken address is 23505 on programmes_slug_key.
 */
export const create = (user: Claims, form: NewProgrammeForm) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ id: string; slug: string }[]>`
			insert into public.programmes ${sql(columnsOf(form))} returning id, slug
		`;
		await fileUnder(sql, row!.id, form, { replace: false });
		forgetTaxonomies(); // the directory's programme filter
		return row!;
	});

/**
 * Saves the programme's fields and facets in one transaction; undefined when the viewer may not
 * edit it (RLS filtered the update). Facet rows are replaced: deleted, then inserted anew.
 */
export const update = (user: Claims, id: string, form: ProgrammeForm) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ slug: string }[]>`
			update public.programmes set ${sql(columnsOf(form))} where id = ${id} returning slug
		`;
		if (!row) return undefined;
		await fileUnder(sql, id, form, { replace: true });
		forgetTaxonomies(); // the directory's programme filter
		return row;
	});

/** Adds a cohort, or changes one when the form carries its id. */
export const saveCohort = (user: Claims, programmeId: string, cohort: CohortForm) =>
	withUser(user, async (sql) => {
		const { id, ...fields } = cohort;
		const rows = id
			? await sql`
					update public.cohorts set ${sql(fields)}
					where id = ${id} and programme_id = ${programmeId} returning id
				`
			: await sql`
					insert into public.cohorts ${sql({ ...fields, programme_id: programmeId })} returning id
				`;
		return rows.length > 0;
	});

/** Removes a cohort; false when it is not there or the viewer may not. */
export const removeCohort = (user: Claims, programmeId: string, cohortId: string) =>
	withUser(user, async (sql) => {
		const rows = await sql`
			delete from public.cohorts where id = ${cohortId} and programme_id = ${programmeId} returning id
		`;
		return rows.length > 0;
	});

// ─── Suggested edits ────────────────────────────────────────────────────────────────────────────

export type SuggestionStatus = 'pending' | 'accepted' | 'dismissed';
/** A part of the page's value, by column, as a suggestion carries it ({ website: 'https://…' }). */
export type FieldValue = Record<string, unknown>;

export type SuggestionRow = {
	id: string;
	field: string | null;
	/** The words: what should change (free text), or the note (why, a source) with a value. */
	proposal: string | null;
	proposed_value: FieldValue | null;
	/** What the part of the page said when it was suggested (values only). */
	based_on: FieldValue | null;
	/** What it says now (values only). */
	current_value: FieldValue | null;
	/**
	 * The part says something else than when suggested, and not the suggestion either (values: as
	 * apply_programme_suggestion judges it); the page was edited since (free text).
	 */
	stale: boolean;
	status: SuggestionStatus;
	created_at: Date;
	author_name: string | null;
	author_handle: string | null;
	decided_at: Date | null;
	decided_by_name: string | null;
	decision_reason: string | null;
};

/** Sends a member's suggested edit to the programme's coordinators; the database notes what the page said. */
export const suggest = (
	user: Claims,
	programmeId: string,
	{ field, value, proposal }: Suggestion
) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into public.programme_suggestions (programme_id, author_id, field, proposed_value, proposal)
			values (${programmeId}, ${user.sub}, ${field}, ${value === null ? null : sql.json(value as JSONValue)},
			        ${proposal})
			returning id
		`;
		return row!;
	});

const suggestionColumns = (sql: Tx) => sql`
	s.id, s.field, s.proposal, s.proposed_value, s.based_on, s.status, s.created_at, s.decided_at,
	s.decision_reason, public.programme_field_value(p, s.field) as current_value,
	case when s.proposed_value is null then p.updated_at > s.created_at
	     else s.based_on is distinct from public.programme_field_value(p, s.field)
	          and s.proposed_value is distinct from public.programme_field_value(p, s.field) end as stale,
	a.display_name as author_name, a.handle as author_handle, d.display_name as decided_by_name
`;

/** The suggestions on a programme the viewer may read (RLS: its deciders see all): pending first, then the newest. */
export const suggestions = (user: Claims, programmeId: string) =>
	withUser(
		user,
		(sql) => sql<SuggestionRow[]>`
			select ${suggestionColumns(sql)}
			from public.programme_suggestions s
			join public.programmes p on p.id = s.programme_id
			left join public.profiles a on a.id = s.author_id
			left join public.profiles d on d.id = s.decided_by
			where s.programme_id = ${programmeId}
			order by s.status <> 'pending', s.created_at desc, s.id
			limit 200
		`
	);

/** The signed-in person's own suggestions on a programme, newest first, with what was decided. */
export const mySuggestions = (user: Claims, programmeId: string) =>
	withUser(
		user,
		(sql) => sql<SuggestionRow[]>`
			select ${suggestionColumns(sql)}
			from public.programme_suggestions s
			join public.programmes p on p.id = s.programme_id
			left join public.profiles a on a.id = s.author_id
			left join public.profiles d on d.id = s.decided_by
			where s.programme_id = ${programmeId} and s.author_id = ${user.sub}
			order by s.created_at desc, s.id
			limit 50
		`
	);

/**
 * Dismisses a suggestion, or marks a free-text one done, as the deciding person, with an optional
 * reason the member is told. 'gone' when it is not there, no longer waiting, or not theirs to
 * decide (RLS); 'apply-instead' for a suggestion with a value, which is accepted only by applying
 * it (the database refuses otherwise).
 */
export const decide = async (
	user: Claims,
	programmeId: string,
	suggestionId: string,
	status: 'accepted' | 'dismissed',
	reason: string | null = null
): Promise<'decided' | 'gone' | 'apply-instead'> => {
	try {
		const rows = await withUser(
			user,
			(sql) => sql`
				update public.programme_suggestions
				set status = ${status}, decided_by = ${user.sub}, decided_at = now(), decision_reason = ${reason}
				where id = ${suggestionId} and programme_id = ${programmeId} and status = 'pending'
				returning id
			`
		);
		return rows.length > 0 ? 'decided' : 'gone';
	} catch (err) {
		// 55000 from programme_suggestions_guard: a value is on the page only once applied.
		if (err instanceof postgres.PostgresError && err.code === '55000') return 'apply-instead';
		throw err;
	}
};

export type ApplyResult =
	| { ok: true }
	| { ok: false; reason: 'stale' | 'gone' | 'decided' | 'refused' | 'no-value' | 'invalid' };

const APPLY_REFUSALS: Record<string, Exclude<ApplyResult, { ok: true }>['reason']> = {
	P0002: 'gone',
	'55000': 'decided',
	'42501': 'refused',
	'22023': 'no-value',
	'23514': 'invalid'
};

/**
 * Writes a suggestion's value to the programme and accepts it, in one transaction, as the person
 * under RLS (public.apply_programme_suggestion is security invoker). When that part of the page
 * changed since the suggestion was made, nothing is written ('stale') unless `confirmed` is what
 * it says now: the coordinator saw the current value and chose to overwrite it.
 */
export const apply = async (
	user: Claims,
	programmeId: string,
	suggestionId: string,
	confirmed: unknown = null
): Promise<ApplyResult> => {
	try {
		const result = await withUser(user, async (sql) => {
			const [here] = await sql`
				select 1 from public.programme_suggestions
				where id = ${suggestionId} and programme_id = ${programmeId}
			`;
			if (!here) return 'gone' as const;
			const [row] = await sql<{ result: 'applied' | 'stale' }[]>`
				select public.apply_programme_suggestion(
					${suggestionId}, ${confirmed === null ? null : sql.json(confirmed as JSONValue)}
				) as result
			`;
			return row!.result;
		});
		if (result !== 'applied') return { ok: false, reason: result };
		forgetTaxonomies(); // a new name is in the directory's programme filter
		return { ok: true };
	} catch (err) {
		const reason = err instanceof postgres.PostgresError ? APPLY_REFUSALS[err.code] : undefined;
		if (!reason) throw err;
		return { ok: false, reason };
	}
};

// ─── Choices for the forms ──────────────────────────────────────────────────────────────────────

export type Choice = { code: string; name: string; group?: string | null };

/** The taxonomies a programme is filed under, for the edit form's options. */
export const choices = (viewer: Claims | null) =>
	withViewer(viewer, async (sql) => {
		const [topics, audiences, languages, regions, countries] = await Promise.all([
			sql<Choice[]>`
				select t.slug as code, t.name, parent.name as group
				from public.topics t left join public.topics parent on parent.slug = t.parent_slug
				where t.parent_slug is not null
				order by parent.sort_order, t.sort_order
			`,
			sql<Choice[]>`select slug as code, name from public.target_groups order by sort_order`,
			sql<Choice[]>`select code::text, name from public.languages order by name`,
			sql<
				Choice[]
			>`select code::text, name from public.regions where kind <> 'world' order by name`,
			sql<Choice[]>`select code::text, name from public.countries order by name`
		]);
		return { topics, audiences, languages, regions, countries };
	});
