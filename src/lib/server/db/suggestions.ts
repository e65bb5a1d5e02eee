/**
 * Suggested edits to a programme's page: members propose a value (or say in words what should
 * change), the programme's coordinators and admins apply or dismiss them. The workflow lives in
 * SQL (status, guard and notify triggers); RLS decides who may see and decide; these shape it.
 */
import type { JSONValue } from 'postgres';
import type { Suggestion } from '$lib/schemas/suggestions';
import { empties } from '$lib/words/suggestions';
import { withUser, type Claims, type Tx } from './client';
import { refusedWith, type Refusal } from './errors';
import { forgetTaxonomies } from './taxonomies';

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
export const list = (user: Claims, programmeId: string) =>
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
export const mine = (user: Claims, programmeId: string) =>
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
		// From programme_suggestions_guard: a value is on the page only once applied.
		if (refusedWith(err, 'applyToAccept')) return 'apply-instead';
		throw err;
	}
};

export type ApplyResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'stale' | 'gone' | 'decided' | 'refused' | 'no-value' | 'invalid' | 'empties';
	  };

const APPLY_REFUSALS = {
	notThere: 'gone',
	noLongerWaiting: 'decided',
	notAllowed: 'refused',
	badArgument: 'no-value',
	breaksARule: 'invalid'
} as const satisfies Partial<Record<Refusal, Exclude<ApplyResult, { ok: true }>['reason']>>;

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
	confirmed: unknown = null,
	{ emptyConfirmed = false }: { emptyConfirmed?: boolean } = {}
): Promise<ApplyResult> => {
	try {
		const result = await withUser(user, async (sql) => {
			const [here] = await sql<{ proposed_value: FieldValue | null }[]>`
				select proposed_value from public.programme_suggestions
				where id = ${suggestionId} and programme_id = ${programmeId}
			`;
			if (!here) return 'gone' as const;
			// A value that leaves its part of the page empty is applied only once the coordinator
			// said that is what they want.
			if (here.proposed_value && empties(here.proposed_value) && !emptyConfirmed) {
				return 'empties' as const;
			}
			// The page's history says this version came from a suggestion (programme_versions).
			const [row] = await sql<{ result: 'applied' | 'stale' }[]>`
				select set_config('app.programme_change', 'suggestion', true), public.apply_programme_suggestion(
					${suggestionId}, ${confirmed === null ? null : sql.json(confirmed as JSONValue)}
				) as result
			`;
			return row!.result;
		});
		if (result !== 'applied') return { ok: false, reason: result };
		forgetTaxonomies(); // a new name is in the directory's programme filter
		return { ok: true };
	} catch (err) {
		const refusal = refusedWith(
			err,
			...(Object.keys(APPLY_REFUSALS) as (keyof typeof APPLY_REFUSALS)[])
		);
		if (!refusal) throw err;
		return { ok: false, reason: APPLY_REFUSALS[refusal] };
	}
};
