/**
 * One programme: its page, whether the viewer may edit it, and its curation by coordinators and
 * admins (create, update, the choices of its form). The compendium's search is compendium.ts, its
 * cohorts cohorts.ts, suggested edits suggestions.ts. RLS decides; these queries shape it.
 */
import {
	newProgrammeFields,
	programmeFields,
	type NewProgrammeForm,
	type ProgrammeForm
} from '$lib/schemas/programmes';
import { isSlug } from '$lib/schemas/fields';
import { columnsOf, withUser, withViewer, type Claims, type Tx } from './client';
import { forgetTaxonomies } from './taxonomies';
import { intlLocale } from '$lib/dates';

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
	text_language: string;
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
	/** Whether the viewer may coordinate it (a coordinator of it, or an admin); RLS checks again. */
	mayCoordinate: boolean;
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
			select p.id, p.slug, p.name, p.kind, p.summary, p.description, p.text_language,
			       p.format, p.level, p.scope, p.website, p.status, p.first_year, p.components, p.duration_weeks, p.hours_per_week,
			       p.cost, p.fee_amount::text, p.fee_currency, p.fellowships_available, p.fellowship_notes,
			       p.applications_open_on::text, p.applications_close_on::text,
			       coalesce(current_date between p.applications_open_on and p.applications_close_on, false)
			         as applications_open,
			       o.id as organisation_id, o.name as organisation_name, o.slug as organisation_slug,
			       coalesce((select json_agg(json_build_object('code', t.slug, 'name', private.named(t.names, t.name)) order by t.sort_order)
			                 from public.programme_topics pt join public.topics t on t.slug = pt.topic_slug
			                 where pt.programme_id = p.id), '[]') as topics,
			       coalesce((select json_agg(json_build_object('code', g.slug, 'name', private.named(g.names, g.name)) order by g.sort_order)
			                 from public.programme_target_groups pg
			                 join public.target_groups g on g.slug = pg.target_group_slug
			                 where pg.programme_id = p.id), '[]') as audiences,
			       coalesce((select json_agg(json_build_object('code', l.code, 'name', private.named(l.names, l.name)) order by private.named(l.names, l.name))
			                 from public.programme_languages pl join public.languages l on l.code = pl.language_code
			                 where pl.programme_id = p.id), '[]') as languages,
			       coalesce((select json_agg(json_build_object('code', r.code, 'name', private.named(r.names, r.name)) order by private.named(r.names, r.name))
			                 from public.programme_regions pr join public.regions r on r.code = pr.region_code
			                 where pr.programme_id = p.id), '[]') as regions,
			       coalesce((select json_agg(json_build_object('code', n.code, 'name', private.named(n.names, n.name)) order by private.named(n.names, n.name))
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
			       private.named(n.names, n.name) as country_name, k.online
			from public.cohorts k
			left join public.countries n on n.code = k.country_code
			where k.programme_id = ${programme.id}
			order by k.starts_on desc, k.edition
		`;
		return {
			programme,
			cohorts,
			mayCoordinate: viewer ? await mayCoordinate(sql, programme.id) : false
		};
	});
};

/**
 * The coordinator pages' one rule, as RLS has it: the programme's verified coordinators and
 * platform admins.
 */
async function mayCoordinate(sql: Tx, programmeId: string): Promise<boolean> {
	const [row] = await sql<{ yes: boolean }[]>`
		select private.is_coordinator_of(${programmeId}) or private.is_platform_admin() as yes
	`;
	return row?.yes ?? false;
}

export type ProgrammeRef = {
	id: string;
	slug: string;
	name: string;
	/** Whether the viewer may coordinate it: a verified coordinator of it, or an admin. */
	mayCoordinate: boolean;
};

/** A programme by its slug, and whether the viewer may coordinate it (for its pages' guard). */
export const bySlug = async (viewer: Claims | null, slug: string) => {
	// A slug the database's check would refuse names nothing (and a NUL in it is an error there).
	if (!isSlug(slug)) return undefined;
	return withViewer(viewer, async (sql) => {
		const [row] = await sql<ProgrammeRef[]>`
			select id, slug, name,
			       ${viewer ? sql`private.is_coordinator_of(id) or private.is_platform_admin()` : sql`false`}
			         as "mayCoordinate"
			from public.programmes
			where slug = ${slug}
		`;
		return row;
	});
};

/** Every programme, by name, for the claim form's list. */
export const forClaims = (user: Claims) =>
	withUser(
		user,
		(sql) => sql<{ slug: string; name: string }[]>`
			select slug, name from public.programmes order by name, slug
		`
	);

// ─── Curation ───────────────────────────────────────────────────────────────────────────────────

const JOIN_TABLES = [
	['audiences', 'programme_target_groups', 'target_group_slug'],
	['topics', 'programme_topics', 'topic_slug'],
	['languages', 'programme_languages', 'language_code'],
	['regions', 'programme_regions', 'region_code'],
	['countries', 'programme_countries', 'country_code']
] as const;

type FacetKey = (typeof JOIN_TABLES)[number][0];

/** The programme's own columns of its forms, without its facets (they live in join tables). */
const FACETS = JOIN_TABLES.map(([key]) => key);
const COLUMNS = columnsOf(programmeFields.shape, ...FACETS);
const NEW_COLUMNS = columnsOf(newProgrammeFields.shape, ...FACETS);

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
				insert into ${sql('public.' + table)}
				${sql(
					values.map((v) => ({ programme_id: id, [column]: v })),
					'programme_id',
					column
				)}
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
			insert into public.programmes ${sql(form, NEW_COLUMNS)} returning id, slug
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
		const row = await save(sql, id, form);
		if (row) forgetTaxonomies(); // the directory's programme filter
		return row;
	});

async function save(sql: Tx, id: string, form: ProgrammeForm) {
	const [row] = await sql<{ slug: string }[]>`
		update public.programmes set ${sql(form, COLUMNS)} where id = ${id} returning slug
	`;
	if (!row) return undefined;
	await fileUnder(sql, id, form, { replace: true });
	return row;
}

// ─── History ────────────────────────────────────────────────────────────────────────────────────

/** A version of a programme's page: the page after a change, who made it and how. */
export type VersionRow = {
	number: number;
	fields: ProgrammeForm;
	source: 'created' | 'edited' | 'suggestion' | 'restored';
	restored_from: number | null;
	created_at: Date;
	changed_by_name: string | null;
	changed_by_handle: string | null;
};

/** Versions shown on one page of the history, newest first. */
export const VERSIONS_PER_PAGE = 30;

/**
 * A programme's versions, newest first, from `before` (a version number) on; empty for anyone
 * but its coordinators and admins (RLS). The author's name only when the viewer may see their
 * profile (the profiles' RLS): otherwise the page says "someone".
 */
export const versions = (user: Claims, programmeId: string, before?: number) =>
	withUser(
		user,
		(sql) => sql<VersionRow[]>`
			select v.number, v.fields, v.source, v.restored_from, v.created_at,
			       pr.display_name as changed_by_name, pr.handle as changed_by_handle
			from public.programme_versions v
			left join public.profiles pr on pr.id = v.changed_by
			where v.programme_id = ${programmeId}
			  ${before ? sql`and v.number < ${before}` : sql``}
			order by v.number desc
			limit ${VERSIONS_PER_PAGE + 1}
		`
	);

/** The page as it is now (the newest version) and version `number`, for restoring it. */
export const newestAnd = (user: Claims, programmeId: string, number: number) =>
	withUser(user, async (sql) => {
		const rows = await sql<{ number: number; fields: ProgrammeForm }[]>`
			select v.number, v.fields from public.programme_versions v
			where v.programme_id = ${programmeId}
			  and (v.number = ${number} or v.number = (
			    select max(n.number) from public.programme_versions n where n.programme_id = ${programmeId}))
		`;
		const newest = rows.reduce<(typeof rows)[number] | undefined>(
			(a, b) => (a && a.number > b.number ? a : b),
			undefined
		);
		return { newest, wanted: rows.find((r) => r.number === number) };
	});

/**
 * Writes an earlier version back to the page (its fields and facets) as the person under RLS,
 * through the same statements as an edit; the history gains a version "restored from n".
 * Undefined when there is no such version for the viewer or they may not edit the page.
 */
export const restore = (user: Claims, programmeId: string, number: number) =>
	withUser(user, async (sql) => {
		const [version] = await sql<{ fields: ProgrammeForm }[]>`
			select fields, set_config('app.programme_change', 'restored:' || number, true)
			from public.programme_versions
			where programme_id = ${programmeId} and number = ${number}
		`;
		if (!version) return undefined;
		const row = await save(sql, programmeId, version.fields);
		if (row) forgetTaxonomies();
		return row;
	});

// ─── Choices for the forms ──────────────────────────────────────────────────────────────────────

export type Choice = { code: string; name: string; group?: string | null };

/** The taxonomies a programme is filed under, for the edit form's options. */
export const choices = (viewer: Claims | null) =>
	withViewer(viewer, async (sql) => {
		const [topics, audiences, languages, regions, countries] = await Promise.all([
			sql<Choice[]>`
				select t.slug as code, private.named(t.names, t.name) as name,
				       private.named(parent.names, parent.name) as group
				from public.topics t left join public.topics parent on parent.slug = t.parent_slug
				where t.parent_slug is not null
				order by parent.sort_order, t.sort_order
			`,
			sql<Choice[]>`
				select slug as code, private.named(names, name) as name from public.target_groups
				order by sort_order
			`,
			sql<Choice[]>`select code::text, private.named(names, name) as name from public.languages`,
			sql<
				Choice[]
			>`select code::text, private.named(names, name) as name from public.regions where kind <> 'world'`,
			sql<Choice[]>`select code::text, private.named(names, name) as name from public.countries`
		]);
		// In the alphabetical order of the page's language.
		const { compare } = new Intl.Collator(intlLocale());
		for (const list of [languages, regions, countries]) {
			list.sort((a, b) => compare(a.name, b.name));
		}
		return { topics, audiences, languages, regions, countries };
	});
