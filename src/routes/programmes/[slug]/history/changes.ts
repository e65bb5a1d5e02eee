/**
 * What a version of a programme's page changed, in words: each part of the page that differs
 * from the version before it, with what it said before and after, as a reader of the page would
 * say it (the suggested edits' own descriptions, and the taxonomies' names for facets).
 */
import { formatList } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { SCOPES } from '$lib/words/programmes';
import { describeValue, fieldLabel, SUGGESTION_VALUE_COLUMNS } from '$lib/words/suggestions';

export type Change = { part: string; before: string; after: string };

/** A version's fields (ProgrammeForm as stored), read loosely: old versions may lack a newer column. */
type Fields = Record<string, unknown>;

const FACET_PARTS = [
	['topics', () => fieldLabel('topics')],
	['audiences', () => fieldLabel('target-groups')],
	['languages', () => fieldLabel('languages')],
	['regions', m.curation_regions],
	['countries', m.curation_countries]
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const blank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The parts that differ between `before` (null for the first version: all it says) and `after`.
 * `names` gives a code's name in the page's language, keyed `<facet>:<code>`.
 */
export function changesOf(
	before: Fields | null,
	after: Fields,
	names: Map<string, string>
): Change[] {
	const changes: Change[] = [];
	const pick = (fields: Fields, columns: readonly string[]) =>
		Object.fromEntries(columns.map((c) => [c, fields[c] ?? null]));
	for (const [part, columns] of Object.entries(SUGGESTION_VALUE_COLUMNS)) {
		const now = pick(after, columns);
		if (
			before ? columns.every((c) => same(before[c], now[c])) : columns.every((c) => blank(now[c]))
		) {
			continue;
		}
		changes.push({
			part: fieldLabel(part),
			before: before ? describeValue(part, pick(before, columns)) : '',
			after: describeValue(part, now)
		});
	}
	const scope = (v: unknown) =>
		typeof v === 'string' ? (SCOPES[v as keyof typeof SCOPES] ?? v) : '';
	if (!before || before.scope !== after.scope) {
		changes.push({
			part: m.programmes_facet_scope(),
			before: before ? scope(before.scope) : '',
			after: scope(after.scope)
		});
	}
	const language = (v: unknown) =>
		typeof v === 'string' ? (names.get(`languages:${v}`) ?? v) : '';
	if (before && before.text_language !== after.text_language) {
		changes.push({
			part: m.curation_text_language(),
			before: language(before.text_language),
			after: language(after.text_language)
		});
	}
	for (const [key, label] of FACET_PARTS) {
		const was = before ? ((before[key] as string[] | undefined) ?? []) : null;
		const now = (after[key] as string[] | undefined) ?? [];
		if (was ? same([...was].sort(), [...now].sort()) : now.length === 0) continue;
		const words = (codes: string[]) =>
			codes.length
				? formatList(codes.map((code) => names.get(`${key}:${code}`) ?? code))
				: m.programmes_field_not_stated();
		changes.push({ part: label(), before: was ? words(was) : '', after: words(now) });
	}
	return changes;
}
