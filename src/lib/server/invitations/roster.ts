/**
 * Cohort rosters: a CSV file (header name,email,role,cohort) read into invitations, with every bad
 * row reported by its line number. Pure: the caller supplies the programme's cohorts and who is
 * already invited or a member, so this is tested without a database.
 *
 * One row per line: a roster has no multi-line values, and reading line by line means a broken
 * quote or a stray non-UTF-8 byte costs that line only, not the rest of the file.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { intlLocale } from '$lib/dates';
import { hasNul } from '$lib/schemas/fields';
import { ROSTER_MAX_KB, ROSTER_MAX_PEOPLE, type Role } from '$lib/words/memberships';

/** Large enough for any cohort, small enough to validate in one request. */
export const ROSTER_MAX_BYTES = ROSTER_MAX_KB * 1024;
export const ROSTER_MAX_ROWS = ROSTER_MAX_PEOPLE;

export type RosterRow = {
	line: number;
	name: string | undefined;
	email: string;
	role: Role;
	cohort_id: string | null;
	cohort_edition: string | null;
};

export type RosterProblem = { line: number; reason: string };

export type RosterResult = { rows: RosterRow[]; problems: RosterProblem[] };

export type RosterContext = {
	/** The programme's cohorts. */
	cohorts: { id: string; edition: string }[];
	/** Keys (rosterKey) of pending invitations and memberships the programme already has. */
	taken?: ReadonlySet<string>;
};

/** One person in one role and cohort: what "duplicate" means. */
export const rosterKey = (email: string, role: string, cohortId: string | null) =>
	`${email}|${role}|${cohortId ?? ''}`;

/** Words people use in rosters for each role. */
const ROLE_WORDS: Record<string, Role> = {
	alumnus: 'alumnus',
	alumna: 'alumnus',
	alumni: 'alumnus',
	alum: 'alumnus',
	participant: 'alumnus',
	trainer: 'trainer',
	faculty: 'trainer',
	coordinator: 'coordinator'
};

const COLUMNS = ['name', 'email', 'role', 'cohort'] as const;
type Column = (typeof COLUMNS)[number];

/** The words a roster's role column takes, as a list in the reader's language ("a, b or c"). */
const roleWords = () =>
	new Intl.ListFormat(intlLocale(), { type: 'disjunction' }).format([
		'alumnus',
		'trainer',
		'coordinator'
	]);

/** One row's cells; the cohort is matched against the programme afterwards. */
const rowSchema = z.object({
	name: z
		.string()
		.max(120, { error: () => m.memberships_roster_name_long({ max: 120 }) })
		.transform((value) => value || undefined),
	email: z
		.string()
		.min(1, { error: () => m.memberships_roster_email_missing() })
		.pipe(
			z
				.string()
				.toLowerCase()
				.pipe(
					z.email({
						error: (issue) => m.memberships_roster_email_invalid({ email: String(issue.input) })
					})
				)
		),
	role: z
		.string()
		.min(1, { error: () => m.memberships_roster_role_missing({ roles: roleWords() }) })
		.transform((value, ctx) => {
			const role = ROLE_WORDS[value.toLowerCase()];
			if (!role) {
				ctx.addIssue({
					code: 'custom',
					message: m.memberships_roster_role_unknown({ role: value, roles: roleWords() })
				});
				return z.NEVER;
			}
			return role;
		}),
	cohort: z.string()
});

/** Reads a roster file; every problem carries the line (1 = the header) it is on. */
export function readRoster(bytes: Uint8Array, context: RosterContext): RosterResult {
	const problems: RosterProblem[] = [];
	const rows: RosterRow[] = [];
	if (bytes.byteLength === 0) {
		return { rows, problems: [{ line: 1, reason: m.memberships_roster_empty() }] };
	}
	if (bytes.byteLength > ROSTER_MAX_BYTES) {
		return {
			rows,
			problems: [
				{ line: 1, reason: m.memberships_roster_too_large({ size: ROSTER_MAX_BYTES / 1024 }) }
			]
		};
	}

	const lines = splitLines(bytes);
	let header: Map<Column, number> | undefined;
	// Commas, or semicolons as Excel writes CSV where the decimal mark is a comma: the header says.
	let delimiter = ',';
	let width = 0;
	const cohorts = new Map(context.cohorts.map((c) => [normalise(c.edition), c]));
	const seen = new Map<string, number>();
	let count = 0;

	for (const [index, raw] of lines.entries()) {
		const line = index + 1;
		const text = decode(raw, line === 1);
		if (text === undefined) {
			problems.push({
				line,
				reason: m.memberships_roster_not_utf8()
			});
			if (!header) return { rows, problems };
			continue;
		}
		if (text.trim() === '') continue;
		if (!header) delimiter = delimiterOf(text);
		let fields: string[];
		try {
			fields =
				(parse(text, { delimiter, relax_column_count: true, trim: true }) as string[][])[0] ?? [];
		} catch {
			problems.push({ line, reason: m.memberships_roster_quote() });
			if (!header) return { rows, problems };
			continue;
		}
		if (!header) {
			width = fields.findLastIndex((field) => field !== '') + 1;
			header = readHeader(fields);
			if (!header) {
				problems.push({
					line,
					reason: m.memberships_roster_header({ columns: COLUMNS.join(',') })
				});
				return { rows, problems };
			}
			continue;
		}
		count += 1;
		// Empty cells at the end are a spreadsheet's trailing separators, not columns.
		const used = fields.findLastIndex((field) => field !== '') + 1;
		if (used > width) {
			problems.push({
				line,
				reason: m.memberships_roster_too_many_columns({ count: used, columns: width })
			});
			continue;
		}
		if (count > ROSTER_MAX_ROWS) {
			problems.push({
				line,
				reason: m.memberships_roster_too_many({ max: ROSTER_MAX_ROWS })
			});
			break;
		}
		const cell = (column: Column) => {
			const at = header!.get(column);
			return at === undefined ? '' : (fields[at] ?? '').trim();
		};
		const result = checkRow(
			{ name: cell('name'), email: cell('email'), role: cell('role'), cohort: cell('cohort') },
			cohorts
		);
		if ('reason' in result) {
			problems.push({ line, reason: result.reason });
			continue;
		}
		const key = rosterKey(result.email, result.role, result.cohort_id);
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			problems.push({ line, reason: m.memberships_roster_duplicate({ line: earlier }) });
			continue;
		}
		seen.set(key, line);
		if (context.taken?.has(key)) {
			problems.push({
				line,
				reason: m.memberships_roster_taken()
			});
			continue;
		}
		rows.push({ line, ...result });
	}
	if (!header) problems.push({ line: 1, reason: m.memberships_roster_empty() });
	else if (count === 0 && problems.length === 0) {
		problems.push({ line: 2, reason: m.memberships_roster_no_people() });
	}
	return { rows, problems };
}

/** The header line's separator: a semicolon when it names the columns with semicolons. */
function delimiterOf(header: string): ',' | ';' {
	const count = (c: string) => header.split(c).length - 1;
	return count(';') > count(',') ? ';' : ',';
}

function checkRow(
	cells: Record<Column, string>,
	cohorts: Map<string, { id: string; edition: string }>
): Omit<RosterRow, 'line'> | { reason: string } {
	// A NUL is valid UTF-8 but no text column holds it: that line is refused, not the import.
	const withNul = COLUMNS.filter((column) => hasNul(cells[column]));
	if (withNul.length > 0) {
		return {
			reason: m.memberships_roster_nul({
				columns: new Intl.ListFormat(intlLocale()).format(withNul)
			})
		};
	}
	const parsed = rowSchema.safeParse(cells);
	const reasons = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
	const cohort = cells.cohort ? cohorts.get(normalise(cells.cohort)) : undefined;
	if (cells.cohort && !cohort) {
		reasons.push(m.memberships_roster_cohort_unknown({ cohort: cells.cohort }));
	}
	if (!parsed.success || reasons.length > 0) return { reason: reasons.join('; ') };
	return {
		name: parsed.data.name,
		email: parsed.data.email,
		role: parsed.data.role,
		cohort_id: cohort?.id ?? null,
		cohort_edition: cohort?.edition ?? null
	};
}

/** Column positions by name, in any order; cohort may be left out. */
function readHeader(fields: string[]): Map<Column, number> | undefined {
	const header = new Map<Column, number>();
	fields.forEach((field, at) => {
		// "E-mail", "e_mail" and "Email address" all mean the e-mail column.
		const name = field
			.trim()
			.toLowerCase()
			.replace(/[\s_-]/g, '')
			.replace(/address$/, '');
		const column = (name === 'mail' ? 'email' : name) as Column;
		if (COLUMNS.includes(column) && !header.has(column)) header.set(column, at);
	});
	return header.has('email') && header.has('role') ? header : undefined;
}

/** The file's lines as bytes (LF or CRLF; a lone CR too, as old spreadsheets write). */
function splitLines(bytes: Uint8Array): Uint8Array[] {
	const lines: Uint8Array[] = [];
	let start = 0;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i];
		if (byte === 0x0a || byte === 0x0d) {
			lines.push(bytes.subarray(start, i));
			if (byte === 0x0d && bytes[i + 1] === 0x0a) i++;
			start = i + 1;
		}
	}
	if (start < bytes.length) lines.push(bytes.subarray(start));
	return lines;
}

/** Strict UTF-8 (a Latin-1 or UTF-16 file is refused, not misread); a leading BOM is dropped. */
function decode(bytes: Uint8Array, first: boolean): string | undefined {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: !first }).decode(bytes);
	} catch {
		return undefined;
	}
}

const normalise = (edition: string) => edition.trim().toLowerCase().replace(/\s+/g, ' ');
