/** Organisations that run programmes: their public page and curation by platform admins. */
import { organisationSchema, type OrganisationForm } from '$lib/schemas/organisations';
import { isSlug } from '$lib/schemas/fields';
import { cursorCodec, nameCursor, type NameCursor } from '$lib/server/cursor';
import { columnsOf, withUser, withViewer, type Claims } from './client';
import { intlLocale } from '$lib/dates';

export type OrganisationRow = {
	id: string;
	slug: string;
	name: string;
	short_name: string | null;
	stakeholder_group: string | null;
	stakeholder_group_name: string | null;
	country_code: string | null;
	country_name: string | null;
	website: string | null;
	description: string | null;
};

export type OrganisationProgramme = {
	slug: string;
	name: string;
	summary: string | null;
	format: string;
	status: string;
};

export type OrganisationCard = {
	id: string;
	slug: string;
	name: string;
	short_name: string | null;
	stakeholder_group_name: string | null;
	country_name: string | null;
	programme_count: number;
};

export type OrganisationList = {
	organisations: OrganisationCard[];
	/** How many organisations match, on every page. */
	total: number;
	/** The cursor of the next page, if there is one. */
	next: string | null;
};

/** The cursor of a page link, and back (undefined when it was tampered with or truncated). */
export const { encode: encodeCursor, decode: decodeCursor } = cursorCodec(nameCursor);

/**
 * One page of the organisations in name order, each with how many programmes it runs; with `q`,
 * those whose name or short name holds the words, accents and case aside ("fundacion" finds
 * "Fundación"). Keyset pages on (name, id).
 *
 * No index serves the match or the order, on purpose: organisations are added by admins one at a
 * time and stay some hundreds (see `list`). Measured with 500 of them, the scan, its unaccent on
 * every name and the top-N sort take about a millisecond; an index would pay only at many thousands.
 * The programme counts come from programmes_organisation_id_idx, for the page's rows only.
 */
export const search = (
	viewer: Claims | null,
	{ q }: { q?: string },
	{ after, limit = 50 }: { after?: NameCursor; limit?: number } = {}
): Promise<OrganisationList> =>
	withViewer(viewer, async (sql) => {
		const words = sql`lower(public.unaccented(${q ?? ''}))`;
		const matches = q
			? sql`(strpos(lower(public.unaccented(o.name)), ${words}) > 0
			       or strpos(lower(public.unaccented(o.short_name)), ${words}) > 0)`
			: sql`true`;
		const keyset = after ? sql`(o.name, o.id) > (${after.n}, ${after.id}::uuid)` : sql`true`;
		const countMatches = async () => {
			const [row] = await sql<{ total: number }[]>`
				select count(*)::int as total from public.organisations o where ${matches}
			`;
			return row?.total ?? 0;
		};
		const rows = await sql<OrganisationCard[]>`
			select o.id, o.slug, o.name, o.short_name, private.named(g.names, g.name) as stakeholder_group_name,
			       private.named(c.names, c.name) as country_name,
			       (select count(*) from public.programmes p where p.organisation_id = o.id)::int
			         as programme_count
			from public.organisations o
			left join public.stakeholder_groups g on g.slug = o.stakeholder_group
			left join public.countries c on c.code = o.country_code
			where ${matches} and ${keyset}
			order by o.name, o.id
			limit ${limit + 1}
		`;
		const page = rows.slice(0, limit);
		const last = page.at(-1);
		// A first page that holds them all has counted them (the usual case); else count them.
		const total = !after && rows.length <= limit ? rows.length : await countMatches();
		return {
			organisations: page,
			total,
			next: rows.length > limit && last ? encodeCursor({ n: last.name, id: last.id }) : null
		};
	});

/** An organisation and its programmes, or undefined for an unknown slug. */
export const get = async (viewer: Claims | null, slug: string) => {
	// A slug the database's check would refuse names nothing (and a NUL in it is an error there).
	if (!isSlug(slug)) return undefined;
	return withViewer(viewer, async (sql) => {
		const [organisation] = await sql<OrganisationRow[]>`
			select o.id, o.slug, o.name, o.short_name, o.stakeholder_group,
			       private.named(g.names, g.name) as stakeholder_group_name,
			       o.country_code, private.named(c.names, c.name) as country_name, o.website, o.description
			from public.organisations o
			left join public.stakeholder_groups g on g.slug = o.stakeholder_group
			left join public.countries c on c.code = o.country_code
			where o.slug = ${slug}
		`;
		if (!organisation) return undefined;
		const programmes = await sql<OrganisationProgramme[]>`
			select slug, name, summary, format, status
			from public.programmes
			where organisation_id = ${organisation.id}
			order by name, id
		`;
		const isAdmin = viewer ? await adminCheck(viewer) : false;
		return { organisation, programmes, isAdmin };
	});
};

/** Whether the signed-in person is a platform admin (pages ask to explain a refusal; RLS decides). */
export const isAdmin = (user: Claims) => adminCheck(user);

function adminCheck(user: Claims) {
	return withUser(user, async (sql) => {
		const [row] = await sql<{ yes: boolean }[]>`select private.is_platform_admin() as yes`;
		return row?.yes ?? false;
	});
}

const COLUMNS = columnsOf(organisationSchema.shape);

/** Adds an organisation (admins only: RLS refuses anyone else with 42501). */
export const create = (user: Claims, form: OrganisationForm) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ slug: string }[]>`
			insert into public.organisations ${sql(form, COLUMNS)} returning slug
		`;
		return row!;
	});

/** Changes an organisation; undefined when the viewer may not (RLS filtered the update). */
export const update = (user: Claims, id: string, form: OrganisationForm) =>
	withUser(user, async (sql) => {
		const [row] = await sql<{ slug: string }[]>`
			update public.organisations set ${sql(form, COLUMNS)} where id = ${id} returning slug
		`;
		return row;
	});

/**
 * Every organisation by name, to choose the one that runs a new programme. Not paged: a select
 * of organisations stays short (some hundreds); the limit keeps a mistake from growing it.
 */
export const list = (viewer: Claims | null) =>
	withViewer(
		viewer,
		(sql) => sql<{ id: string; slug: string; name: string }[]>`
			select id, slug, name from public.organisations order by name, id limit 2000
		`
	);

/** Stakeholder groups and countries, for the organisation form. */
export const choices = (viewer: Claims | null) =>
	withViewer(viewer, async (sql) => {
		const groups = await sql<{ code: string; name: string }[]>`
			select slug as code, private.named(names, name) as name from public.stakeholder_groups
			order by sort_order
		`;
		const countries = await sql<{ code: string; name: string }[]>`
			select code::text, private.named(names, name) as name from public.countries
		`;
		const { compare } = new Intl.Collator(intlLocale());
		countries.sort((a, b) => compare(a.name, b.name));
		return { groups, countries };
	});
