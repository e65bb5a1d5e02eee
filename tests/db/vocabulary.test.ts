/**
 * Each list and each limit is one thing: the database's checks and enums, the zod schemas and the
 * TypeScript lists the pages offer must say the same. Read from the migrated catalogue, so a
 * migration that adds a kind or changes a limit fails here until the schema and the words follow.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { asService } from '$lib/server/db/client';
import * as profileLists from '$lib/server/db/profiles';
import { linkSchema, positionSchema, profileSchema } from '$lib/schemas/profiles';
import {
	AUDIENCE_LABELS,
	AUDIENCES,
	LANGUAGE_LEVEL_LABELS,
	LINK_KIND_LABELS,
	OPEN_TO_LABELS,
	POSITION_KIND_LABELS
} from '$lib/words/profiles';
import { eventFields, rsvpSchema } from '$lib/schemas/events';
import {
	EVENT_FORMAT_LABELS,
	EVENT_KIND_LABELS,
	EVENT_STATUS_LABELS,
	EVENT_VISIBILITY_LABELS,
	RSVP_LABELS
} from '$lib/words/events';

/** The text of every check constraint on a table. */
const checks = (table: string) =>
	asService(async (sql) =>
		(
			await sql<{ def: string }[]>`
				select pg_get_constraintdef(oid) as def from pg_constraint
				where conrelid = ${`public.${table}`}::regclass and contype = 'c'
			`
		).map((row) => row.def)
	);

/** The values a check constraint on the column allows (its quoted literals). */
async function allowed(table: string, column: string): Promise<string[]> {
	const defs = (await checks(table)).filter((def) => new RegExp(`\\b${column}\\b`).test(def));
	const values = defs.flatMap((def) => [...def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]!));
	return [...new Set(values)].sort();
}

/** The labels of an enum type. */
const enumLabels = (type: string) =>
	asService(async (sql) =>
		(
			await sql<{ label: string }[]>`
				select enumlabel as label from pg_enum where enumtypid = ${type}::regtype
				order by enumsortorder
			`
		).map((row) => row.label)
	);

/** The longest text a check allows in the column (char_length(...) <= n, or between 1 and n). */
async function longest(table: string, column: string): Promise<number> {
	for (const def of await checks(table)) {
		const m = new RegExp(
			`char_length\\((?:btrim\\()?${column}\\)?\\) (?:<= (\\d+)|>= 1\\)? AND \\(?char_length\\((?:btrim\\()?${column}\\)?\\) <= (\\d+))`
		).exec(def);
		if (m) return Number(m[1] ?? m[2]);
	}
	throw new Error(`no length check on ${table}.${column}`);
}

const sorted = (values: readonly string[]) => [...values].sort();

describe('lists: the database, the server and the forms say the same', () => {
	it('audiences: the enum, the server list and the labels', async () => {
		expect(await enumLabels('public.audience')).toEqual([...AUDIENCES]);
		expect([...profileLists.AUDIENCES]).toEqual([...AUDIENCES]);
		expect(Object.keys(AUDIENCE_LABELS)).toEqual([...AUDIENCES]);
	});

	it.each([
		['profile_languages', 'level', profileLists.LANGUAGE_LEVELS, LANGUAGE_LEVEL_LABELS],
		['positions', 'kind', profileLists.POSITION_KINDS, POSITION_KIND_LABELS],
		['profile_links', 'kind', profileLists.LINK_KINDS, LINK_KIND_LABELS],
		['profiles', 'open_to', profileLists.OPEN_TO, OPEN_TO_LABELS],
		['events', 'kind', Object.keys(EVENT_KIND_LABELS), EVENT_KIND_LABELS],
		['events', 'format', Object.keys(EVENT_FORMAT_LABELS), EVENT_FORMAT_LABELS],
		['events', 'visibility', Object.keys(EVENT_VISIBILITY_LABELS), EVENT_VISIBILITY_LABELS],
		['events', 'status', Object.keys(EVENT_STATUS_LABELS), EVENT_STATUS_LABELS],
		['event_rsvps', 'response', Object.keys(RSVP_LABELS), RSVP_LABELS]
	])('%s.%s: the check, the server list and the labels', async (table, column, list, labels) => {
		expect(await allowed(table, column)).toEqual(sorted(list));
		expect(sorted(Object.keys(labels))).toEqual(sorted(list));
	});
});

describe('limits: what a form accepts is what the database keeps', () => {
	const shape = <S extends z.ZodObject>(schema: S) => schema.shape as Record<string, z.ZodType>;
	it.each([
		['profiles', 'display_name', shape(profileSchema)],
		['profiles', 'headline', shape(profileSchema)],
		['profiles', 'bio', shape(profileSchema)],
		['profiles', 'city', shape(profileSchema)],
		['profiles', 'current_position', shape(profileSchema)],
		['profiles', 'current_organisation', shape(profileSchema)],
		['positions', 'title', shape(positionSchema)],
		['positions', 'organisation', shape(positionSchema)],
		['profile_links', 'label', shape(linkSchema)],
		['events', 'title', shape(eventFields)],
		['events', 'description', shape(eventFields)],
		['events', 'venue_name', shape(eventFields)],
		['events', 'venue_address', shape(eventFields)],
		['events', 'venue_city', shape(eventFields)],
		['event_rsvps', 'note', shape(rsvpSchema)]
	])('%s.%s', async (table, column, fields) => {
		const max = await longest(table, column);
		const field = fields[column]!;
		expect(field.safeParse('x'.repeat(max)).success, `${max} characters pass`).toBe(true);
		expect(field.safeParse('x'.repeat(max + 1)).success, `${max + 1} are refused`).toBe(false);
	});
});
